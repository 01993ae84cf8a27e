/*
 * eret.c - guest test of ERET and the two exception levels (MIPS32
 * Vol. II "ERET", Vol. III, the Status and ErrorEPC registers):
 *  - ERET with ERL = 0 returns to EPC and clears EXL; ERET with ERL = 1
 *    returns to ErrorEPC and clears ERL only (EXL stays as it was);
 *  - ERET has no delay slot: the next instruction does not run;
 *  - ERET clears LLbit, so an SC after it fails, from either level;
 *  - with ERL = 1, kuseg is unmapped and uncached: VA = PA;
 *  - an exception taken with EXL = 1 does not write EPC, and an
 *    exception never writes ErrorEPC.
 * The ERETs are in eret-asm.S.
 */
#include <stdint.h>

#include "check.h"
#include "console.h"
#include "exc.h"

/* eret-asm.S */
uint32_t eret_exl(void), eret_erl(uint32_t with_exl);
uint32_t eret_llbit(volatile uint32_t *p, uint32_t use_erl);
uint32_t syscall_with_exl(uint32_t epc_marker);
extern char exl_syscall_resume[];
extern volatile uint32_t eret_status;

static volatile uint32_t word;

static volatile uint32_t exl_epc, exl_cause, exl_vector;
static void exl_handler(struct exc_frame *f)
{
    exl_epc = f->epc;
    exl_cause = f->cause;
    exl_vector = f->vector;
    f->epc = (uint32_t)(uintptr_t)exl_syscall_resume;
}

int main(void)
{
    uint32_t v;

    check_start("eret");

    check_eq("ERET with EXL = 1: reaches EPC, skips the next instruction", 1,
             eret_exl());
    check_eq("ERET with EXL = 1: clears EXL", 0, eret_status & ST_EXL);

    check_eq("ERET with ERL = 1, EXL = 0: goes to ErrorEPC", 1, eret_erl(0));
    check_eq("ERET with ERL = 1, EXL = 0: clears ERL", 0,
             eret_status & ST_ERL);
    check_eq("ERET with ERL = 1, EXL = 1: goes to ErrorEPC", 1, eret_erl(1));
    check_eq("ERET with ERL = 1, EXL = 1: clears ERL, keeps EXL", ST_EXL,
             eret_status & (ST_ERL | ST_EXL));

    volatile uint32_t *w = (volatile uint32_t *)KSEG1((uint32_t)(uintptr_t)&word - KSEG0_BASE);
    *w = 5;
    check_eq("SC after ERET (EXL) fails", 0, eret_llbit(w, 0));
    check_eq("SC after ERET (ERL) fails", 0, eret_llbit(w, 1));
    check_eq("failed SCs left memory unchanged", 5, *w);

    /* ERL = 1: kuseg maps VA = PA, uncached. */
    uint32_t pa = (uint32_t)(uintptr_t)&word - KSEG0_BASE;
    uint32_t st = read_status();
    *w = 0x0badf00d;
    write_status(st | ST_ERL);
    v = *(volatile uint32_t *)pa;
    *(volatile uint32_t *)pa = 0x600dbeef;
    write_status(st);
    check_eq("ERL = 1: kuseg load reads physical memory", 0x0badf00d, v);
    check_eq("ERL = 1: kuseg store writes physical memory", 0x600dbeef, *w);

    /* An exception at EXL = 1 leaves EPC alone, goes to the general
     * vector; ErrorEPC is never written by an exception. */
    mtc0(CP0_ERROREPC, 0, 0x13572468);
    exc_set_handler(exl_handler);
    syscall_with_exl(0x2468ace0);
    exc_set_handler(0);
    check_eq("SYSCALL with EXL = 1: ExcCode Sys", EXC_SYS,
             CAUSE_EXCCODE(exl_cause));
    check_eq("SYSCALL with EXL = 1: general vector", VEC_GENERAL, exl_vector);
    check_eq("SYSCALL with EXL = 1: EPC not written", 0x2468ace0, exl_epc);
    check_eq("exceptions do not write ErrorEPC", 0x13572468,
             mfc0(CP0_ERROREPC, 0));

    return check_done();
}
