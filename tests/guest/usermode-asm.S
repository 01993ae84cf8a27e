/*
 * usermode-asm.S - code run in user mode by tests/guest/usermode.c (at
 * its USER_VA alias), each with its interesting instruction at a global
 * label so the test knows the EPC to expect.
 */
#include "asm.h"

    .set noreorder
    .set noat
    .text

/* u_<name>: runs one privileged instruction, returns 0 (or, for mfc0,
 * the register read). */
.macro PRIV name, insn:vararg
LEAF(u_\name)
    move    v0, zero
    .globl u_\name\()_insn
u_\name\()_insn:
    \insn
    jr      ra
    nop
END(u_\name)
.endm

    PRIV mfc0, mfc0 v0, $12
    PRIV mtc0, mtc0 zero, $11
    PRIV tlbp, tlbp
    PRIV tlbr, tlbr
    PRIV tlbwi, tlbwi
    PRIV tlbwr, tlbwr
    PRIV eret, eret
    PRIV wait, wait
    PRIV cache, cache 0x14, 0(zero)
    PRIV di, di
    PRIV ei, ei

/* uint32_t u_syscall(uint32_t arg): a system call: v0 = 42 (service),
 * a0 = arg; returns what the kernel put in v0. */
LEAF(u_syscall)
    li      v0, 42
    .globl u_syscall_insn
u_syscall_insn:
    syscall
    jr      ra
    nop
END(u_syscall)

/* uint32_t u_break(uint32_t): BREAK, then returns 7. */
LEAF(u_break)
    .globl u_break_insn
u_break_insn:
    break   3
    jr      ra
    li      v0, 7
END(u_break)
