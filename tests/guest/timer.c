/*
 * timer.c - guest test of the CP0 timer and interrupts (MIPS32 Vol. III:
 * the Count, Compare, Cause and IntCtl registers, "Interrupts"):
 * Count counts and stops while Cause.DC = 1; Count = Compare sets
 * Cause.TI and raises IP7 (IntCtl.IPTI = 7), masked by Status.IM7/IE;
 * writing Compare clears TI; software interrupts IP0/IP1 set through
 * Cause; Cause.IV = 1 moves interrupts to the 0x200 vector; WAIT returns
 * after the timer interrupt, with EPC = the instruction after WAIT.
 * Only facts are printed, never a Count value: time differs between
 * emulators.
 */
#include <stdint.h>

#include "check.h"
#include "console.h"
#include "exc.h"

/* timer-asm.S */
void timer_wait(uint32_t delta);
extern char wait_region[], wait_insn[], wait_after[];

#define SPIN_LIMIT 50000000u   /* bound on every busy wait */
#define DELTA 200000u          /* Count ticks from arming to the match */
#define TIMER_IP 7

struct irq {
    unsigned count;
    uint32_t cause, vector, status, epc;
    uint32_t cause_after;   /* Cause after the handler acknowledged it */
    int early;              /* timer_wait: interrupt came before WAIT */
};
static volatile struct irq irq;

static void handler(struct exc_frame *f)
{
    if (CAUSE_EXCCODE(f->cause) != EXC_INT) {
        printf("FAIL unexpected exception: expected 0x0 got 0x%08x\n",
               f->cause);
        exit(1);
    }
    irq.count++;
    irq.cause = f->cause;
    irq.vector = f->vector;
    irq.status = f->status;
    irq.epc = f->epc;
    if (f->cause & CAUSE_TI)
        mtc0(CP0_COMPARE, 0, mfc0(CP0_COMPARE, 0)); /* acknowledge */
    if (f->cause & (CAUSE_IP(0) | CAUSE_IP(1)))
        write_cause(read_cause() & ~(CAUSE_IP(0) | CAUSE_IP(1)));
    irq.cause_after = read_cause();

    uint32_t start = (uint32_t)(uintptr_t)wait_region;
    uint32_t wait = (uint32_t)(uintptr_t)wait_insn;
    if (f->epc >= start && f->epc <= wait) {
        irq.early = 1;
        f->epc = (uint32_t)(uintptr_t)wait_after;
    }
}

static void irq_reset(void)
{
    irq.count = 0;
    irq.cause = irq.vector = irq.status = irq.epc = irq.cause_after = 0;
    irq.early = 0;
}

static void spin(unsigned n)
{
    for (volatile unsigned i = 0; i < n; i++)
        ;
}

/* Spins until irq.count reaches n or the limit.  The loop reads Count,
 * which is harmless and lets QEMU notice an expired Compare at once (it
 * checks on every Count read; otherwise only when its host timer fires). */
static void spin_for_irq(unsigned n)
{
    for (uint32_t i = 0; i < SPIN_LIMIT && irq.count < n; i++)
        (void)read_count();
}

/* Compare = Count + DELTA, again if Count had already passed that value
 * when the write took effect (a slow host can stall an emulated CPU for
 * longer than DELTA; the match would then only come after Count wraps). */
static void arm_timer(void)
{
    for (int tries = 0; tries < 10; tries++) {
        uint32_t cmp = read_count() + DELTA;
        mtc0(CP0_COMPARE, 0, cmp);
        if ((int32_t)(read_count() - cmp) < 0)
            return;
    }
}

static void counting(void)
{
    uint32_t c0, c1;

    check_eq("IntCtl.IPTI = 7 (timer on IP7)", TIMER_IP,
             mfc0(CP0_STATUS, 1) >> INTCTL_IPTI_SHIFT);

    c0 = read_count();
    spin(10000);
    c1 = read_count();
    check_true("Count advances", c1 != c0);

    write_cause(read_cause() | CAUSE_DC);
    check_eq("Cause.DC reads back", CAUSE_DC, read_cause() & CAUSE_DC);
    c0 = read_count();
    spin(10000);
    c1 = read_count();
    check_eq("Count stands still while Cause.DC = 1", c0, c1);
    mtc0(CP0_COUNT, 0, 0x12345678);
    check_eq("Count written while stopped reads back exactly", 0x12345678,
             read_count());
    write_cause(read_cause() & ~CAUSE_DC);
    spin(10000);
    c1 = read_count() - 0x12345678;
    check_true("Count runs again from the written value when DC = 0",
               c1 > 0 && c1 < 0x80000000);
}

static void compare_polled(void)
{
    uint32_t i, cause;

    /* Status.IE = 0: the match sets TI and IP7 but no interrupt is taken. */
    irq_reset();
    write_status(ST_CU0 | ST_IM(TIMER_IP));
    arm_timer();
    for (i = 0; i < SPIN_LIMIT && !(read_cause() & CAUSE_TI); i++)
        (void)read_count();   /* see spin_for_irq */
    cause = read_cause();
    check_eq("Count = Compare sets Cause.TI", CAUSE_TI, cause & CAUSE_TI);
    check_eq("Count = Compare sets Cause.IP7", CAUSE_IP(TIMER_IP),
             cause & CAUSE_IP(TIMER_IP));
    check_eq("with Status.IE = 0 no interrupt is taken", 0, irq.count);
    /* Compare = Count - 1: the next match is 2^32 - 1 ticks away. */
    mtc0(CP0_COMPARE, 0, read_count() - 1);
    cause = read_cause();
    check_eq("writing Compare clears Cause.TI", 0, cause & CAUSE_TI);
    check_eq("writing Compare clears Cause.IP7", 0,
             cause & CAUSE_IP(TIMER_IP));
    write_status(ST_CU0);
}

static void timer_interrupt(void)
{
    irq_reset();
    arm_timer();
    write_status(ST_CU0 | ST_IM(TIMER_IP) | ST_IE);
    spin_for_irq(1);
    write_status(ST_CU0);
    check_eq("timer interrupt taken once", 1, irq.count);
    check_eq("timer interrupt: ExcCode Int", EXC_INT,
             CAUSE_EXCCODE(irq.cause));
    check_eq("timer interrupt: Cause.TI", CAUSE_TI, irq.cause & CAUSE_TI);
    check_eq("timer interrupt: Cause.IP7", CAUSE_IP(TIMER_IP),
             irq.cause & CAUSE_IP(TIMER_IP));
    check_eq("timer interrupt: general vector (Cause.IV = 0)", VEC_GENERAL,
             irq.vector);
    check_eq("timer interrupt: Status.EXL set in the handler", ST_EXL,
             irq.status & ST_EXL);
    check_eq("timer interrupt: writing Compare acknowledged it", 0,
             irq.cause_after & (CAUSE_TI | CAUSE_IP(TIMER_IP)));
}

static void soft_interrupts(void)
{
    for (unsigned n = 0; n < 2; n++) {
        irq_reset();
        write_status(ST_CU0 | ST_IM(n) | ST_IE);
        write_cause(read_cause() | CAUSE_IP(n));
        spin_for_irq(1);
        write_status(ST_CU0);
        check_eqf(1, irq.count, "software interrupt IP%u taken", n);
        check_eqf(CAUSE_IP(n), irq.cause & (CAUSE_IP(0) | CAUSE_IP(1)),
                  "software interrupt IP%u: Cause.IP", n);
        check_eqf(0, irq.cause_after & CAUSE_IP(n),
                  "software interrupt IP%u: cleared by writing Cause", n);
    }

    /* Pending while IE = 0, taken once IE = 1. */
    irq_reset();
    write_status(ST_CU0 | ST_IM(1));
    write_cause(read_cause() | CAUSE_IP(1));
    spin(1000);
    check_eq("IP1 with IE = 0: pending, not taken", CAUSE_IP(1),
             irq.count ? 0 : read_cause() & CAUSE_IP(1));
    write_status(ST_CU0 | ST_IM(1) | ST_IE);
    spin_for_irq(1);
    write_status(ST_CU0);
    check_eq("IP1 taken once IE = 1", 1, irq.count);

    /* Masked by IM: pending, not taken even with IE = 1. */
    irq_reset();
    write_status(ST_CU0 | ST_IM(1) | ST_IE);
    write_cause(read_cause() | CAUSE_IP(0));
    spin(1000);
    write_status(ST_CU0);
    check_eq("IP0 masked by IM0 = 0: not taken", 0, irq.count);
    write_cause(read_cause() & ~CAUSE_IP(0));

    /* Cause.IV = 1: the special interrupt vector at offset 0x200. */
    irq_reset();
    write_cause(read_cause() | CAUSE_IV);
    write_status(ST_CU0 | ST_IM(0) | ST_IE);
    write_cause(read_cause() | CAUSE_IP(0));
    spin_for_irq(1);
    write_status(ST_CU0);
    write_cause(read_cause() & ~CAUSE_IV);
    check_eq("Cause.IV = 1: interrupt taken", 1, irq.count);
    check_eq("Cause.IV = 1: vector offset 0x200", VEC_INTERRUPT, irq.vector);
}

static void wait_for_timer(void)
{
    irq_reset();
    write_status(ST_CU0 | ST_IM(TIMER_IP));
    timer_wait(5000000);
    write_status(ST_CU0);
    check_eq("WAIT returns after one timer interrupt", 1, irq.count);
    check_eq("WAIT: it was the timer", CAUSE_TI, irq.cause & CAUSE_TI);
    /* A (very unlikely) interrupt before the WAIT is no fault of the CPU. */
    check_true("WAIT: EPC = the instruction after WAIT",
               irq.early || irq.epc == (uint32_t)(uintptr_t)wait_after);
    check_eq("WAIT: Cause.TI clear afterwards", 0, read_cause() & CAUSE_TI);
}

int main(void)
{
    check_start("timer");
    exc_set_handler(handler);
    write_status(ST_CU0);

    wait_for_timer();
    counting();
    compare_polled();
    timer_interrupt();
    soft_interrupts();

    exc_set_handler(0);
    return check_done();
}
