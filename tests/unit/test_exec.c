/*
 * test_exec.c - the interpreter and the native privileged layer on a bare
 * CPU with RAM (no board): things no QEMU comparison can check, because
 * QEMU does not model them - watchpoints (WatchLo/WatchHi) and their
 * interplay with the fast path - plus self-modifying code through the
 * decoded-instruction shadow, and WAIT.
 */
#include <stdlib.h>
#include <string.h>

#include "cpu/cpu.h"
#include "log.h"
#include "mmu/bus.h"
#include "mmu/native.h"
#include "unit.h"

#define RAM_SIZE (1u << 20)
#define CODE 0x80001000u  /* kseg0 */
#define VECTOR 0x80000180u

static struct bus bus;
static struct log lg;
static uint8_t *ram;
static struct cpu *cpu;

static void put(uint32_t va, uint32_t word)
{
    memcpy(ram + (va & 0x1fffffff), &word, 4);
}

static void setup(void)
{
    ram = calloc(1, RAM_SIZE);
    log_init(&lg);
    bus_init(&bus, &lg);
    ck_assert(bus_add_memory(&bus, "ram", 0, RAM_SIZE, ram, false));
    cpu = calloc(1, sizeof *cpu);
    cpu_init(cpu, 0, 16, &bus, &lg);
    cpu->priv = &native_priv_ops;
    /* kernel mode, BEV = ERL = 0: exceptions go to 0x80000180 */
    cpu->cp0.status = 0;
    cpu_set_regime(cpu, cp0_regime(&cpu->cp0));
    put(VECTOR, 0x1000ffff); /* b . : the handler spins */
    put(VECTOR + 4, 0);
    cpu_jump(cpu, CODE);
}

static void teardown(void)
{
    bus_destroy(&bus);
    free(cpu);
    free(ram);
}

/* Runs until the CPU reaches the vector (or n instructions). */
static void run_to_vector(uint64_t n)
{
    while (n-- && cpu->pc != VECTOR)
        cpu_run(cpu, 1);
}

static unsigned exccode(void)
{
    return (cpu->cp0.cause & CAUSE_EXC) >> CAUSE_EXC_SHIFT;
}

START_TEST(watch_store_after_fast_path_fill)
{
    /* t0 = 0x80002000; sw zero,0(t0) twice; the watch is armed between. */
    put(CODE + 0, 0x3c088000);  /* lui t0,0x8000 */
    put(CODE + 4, 0x35082000);  /* ori t0,t0,0x2000 */
    put(CODE + 8, 0xad000000);  /* sw zero,0(t0): fills the store fast path */
    put(CODE + 12, 0x3c098000); /* lui t1,0x8000 */
    put(CODE + 16, 0x35292001); /* ori t1,t1,0x2001: VAddr | W */
    put(CODE + 20, 0x40899000); /* mtc0 t1,WatchLo */
    put(CODE + 24, 0x409a9800); /* mtc0 k0,WatchHi (k0 = 0: ASID 0) */
    put(CODE + 28, 0x000000c0); /* ehb */
    put(CODE + 32, 0xad000004); /* sw zero,4(t0): same doubleword */
    run_to_vector(20);
    ck_assert_uint_eq(cpu->pc, VECTOR);
    ck_assert_uint_eq(exccode(), EXC_WATCH);
    ck_assert_uint_eq(cpu->cp0.epc, CODE + 32);
    ck_assert_uint_eq(cpu->cp0.watchhi & 7, 1); /* W recorded */
}
END_TEST

START_TEST(watch_load_ignores_stores)
{
    put(CODE + 0, 0x3c088000);  /* lui t0,0x8000 */
    put(CODE + 4, 0x35083000);  /* ori t0,t0,0x3000 */
    put(CODE + 8, 0x35090002);  /* ori t1,t0,0x2: VAddr | R */
    put(CODE + 12, 0x40899000); /* mtc0 t1,WatchLo */
    put(CODE + 16, 0x409a9800); /* mtc0 k0,WatchHi */
    put(CODE + 20, 0xad000000); /* sw zero,0(t0): not watched for stores */
    put(CODE + 24, 0x8d0a0000); /* lw t2,0(t0): watched */
    run_to_vector(20);
    ck_assert_uint_eq(exccode(), EXC_WATCH);
    ck_assert_uint_eq(cpu->cp0.epc, CODE + 24);
}
END_TEST

START_TEST(self_modifying_code)
{
    /* addiu v0,v0,1 runs, is overwritten with addiu v0,v0,100, runs again */
    put(CODE + 0, 0x24420001);  /* 1: addiu v0,v0,1 */
    put(CODE + 4, 0x3c088000);  /* lui t0,0x8000 */
    put(CODE + 8, 0x35081000);  /* ori t0,t0,0x1000 */
    put(CODE + 12, 0x3c092442); /* lui t1,0x2442 */
    put(CODE + 16, 0x35290064); /* ori t1,t1,0x64 */
    put(CODE + 20, 0xad090000); /* sw t1,0(t0) */
    put(CODE + 24, 0x1000fff9); /* b 1b */
    put(CODE + 28, 0x00000000); /* nop */
    cpu_run(cpu, 8 + 1);
    ck_assert_uint_eq(cpu->pc, CODE + 4);
    ck_assert_uint_eq(cpu->gpr[2], 101);
}
END_TEST

START_TEST(wait_halts_until_interrupt)
{
    put(CODE + 0, 0x42000020); /* wait */
    put(CODE + 4, 0x24020007); /* li v0,7 */
    uint64_t n = cpu_run(cpu, 100);
    ck_assert_uint_eq(n, 1);
    ck_assert(cpu->halted);
    ck_assert_uint_eq(cpu->pc, CODE + 4);
    ck_assert(!cpu->priv->wakeup(cpu));
    /* software interrupt 0, unmasked: requested, so WAIT ends even with IE = 0 */
    cpu->cp0.status |= 1u << 8;
    cpu->cp0.cause |= 1u << 8;
    ck_assert(cpu->priv->wakeup(cpu));
    ck_assert(!cpu->priv->interrupt(cpu)); /* IE = 0: not taken */
}
END_TEST

START_TEST(zero_register_stays_zero)
{
    put(CODE + 0, 0x24000005); /* addiu zero,zero,5 */
    put(CODE + 4, 0x00001025); /* move v0,zero */
    put(CODE + 8, 0x3c00ffff); /* lui zero,0xffff */
    put(CODE + 12, 0x00001825); /* move v1,zero */
    cpu_run(cpu, 4);
    ck_assert_uint_eq(cpu->gpr[0], 0);
    ck_assert_uint_eq(cpu->gpr[2], 0);
    ck_assert_uint_eq(cpu->gpr[3], 0);
}
END_TEST

static Suite *exec_suite(void)
{
    Suite *s = suite_create("exec");
    TCase *tc = tcase_create("bare cpu");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, watch_store_after_fast_path_fill);
    tcase_add_test(tc, watch_load_ignores_stores);
    tcase_add_test(tc, self_modifying_code);
    tcase_add_test(tc, wait_halts_until_interrupt);
    tcase_add_test(tc, zero_register_stays_zero);
    suite_add_tcase(s, tc);
    return s;
}
UNIT_SUITE(exec_suite)
