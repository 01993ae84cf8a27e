/*
 * timer-asm.S - WAIT for the timer interrupt, for tests/guest/timer.c.
 *
 * timer_wait(delta) sets Compare = Count + delta (again if Count was
 * already past it when the write took effect: a slow host can stall the
 * emulated CPU), enables interrupts (Status.IE; the caller has set IM7)
 * and executes WAIT.  If the
 * interrupt comes before the WAIT (from wait_region to wait_insn
 * inclusive), the handler resumes at wait_after instead of re-running
 * the WAIT, so the program never waits for an interrupt that has
 * already been taken.
 */
#include "asm.h"
#include "malta.h"

    .set noreorder
    .set noat
    .text

LEAF(timer_wait)
    mfc0    t1, $12
    ori     t1, t1, ST_IE
1:  mfc0    t0, $9                  /* Count */
    addu    t0, t0, a0
    mtc0    t0, $11                 /* Compare */
    ehb
    mfc0    t2, $9
    subu    t2, t2, t0
    bgez    t2, 1b                  /* Count already past Compare: again */
    nop
    .globl wait_region
wait_region:
    mtc0    t1, $12                 /* interrupts on */
    ehb
    .globl wait_insn
wait_insn:
    wait
    .globl wait_after
wait_after:
    mfc0    t1, $12
    li      t2, ~ST_IE
    and     t1, t1, t2
    mtc0    t1, $12                 /* interrupts off */
    ehb
    jr      ra
    nop
END(timer_wait)
