/*
 * walker-asm.S - the walker's probing accesses (tests/vm/walker.c).
 *
 * Each LW/SW that may fault stands alone, never in a branch delay slot,
 * so the walker's handler resumes after a fault with EPC + 4 and
 * Cause.BD is never set.  A faulting load leaves its destination
 * unchanged (MIPS32 Vol. III: an exception cancels the instruction), so
 * probe_lw returns 0 then; the caller tells a fault from a real 0 by the
 * handler's counters.
 */
#include "asm.h"

    .set noreorder
    .set noat
    .text

/* uint32_t probe_lw(uint32_t va) */
LEAF(probe_lw)
    move    v0, zero
    .globl probe_lw_insn
probe_lw_insn:
    lw      v0, 0(a0)
    nop
    jr      ra
    nop
END(probe_lw)

/* void probe_sw(uint32_t va, uint32_t value) */
LEAF(probe_sw)
    .globl probe_sw_insn
probe_sw_insn:
    sw      a1, 0(a0)
    nop
    jr      ra
    nop
END(probe_sw)
