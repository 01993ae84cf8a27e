/*
 * cp0-asm.S - pieces of tests/guest/cp0.c that must be assembly: a
 * vector block for the EBase relocation test, and user-mode RDHWR.
 */
#include "asm.h"
#include "malta.h"
#include "exc.h"

    .set noreorder
    .set noat
    .text

/* A second exception base: the same handlers, marked EXC_VEC_EBASE. */
    .balign 4096
    .globl ebase_block
ebase_block:
    .org VEC_REFILL
    j       exc_common
    li      k1, VEC_REFILL | EXC_VEC_EBASE
    .org VEC_GENERAL
    j       exc_common
    li      k1, VEC_GENERAL | EXC_VEC_EBASE
    .org VEC_INTERRUPT
    j       exc_common
    li      k1, VEC_INTERRUPT | EXC_VEC_EBASE
    .balign 4096

/* uint32_t u_rdhwrN(uint32_t): RDHWR $N in user mode; 0xdeadbeef if it
 * was skipped by the exception handler. */
.macro RDHWR_FN n
LEAF(u_rdhwr\n)
    li      v0, 0xdeadbeef
    rdhwr   v0, $\n
    jr      ra
    nop
END(u_rdhwr\n)
.endm
    RDHWR_FN 0
    RDHWR_FN 1
    RDHWR_FN 2
    RDHWR_FN 3
    RDHWR_FN 4
    RDHWR_FN 29
