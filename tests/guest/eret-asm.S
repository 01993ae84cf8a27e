/*
 * eret-asm.S - ERET from the error level and from the exception level,
 * written in assembly so nothing runs between setting Status and the
 * ERET, for tests/guest/eret.c.  No exception may happen in here while
 * Status.ERL = 1 (the runtime's handlers return with ERET too).
 */
#include "asm.h"
#include "malta.h"

    .set noreorder
    .set noat
    .text

/* uint32_t eret_exl(void): ERET with EXL = 1, ERL = 0 to EPC = label 1.
 * Returns 1 when the target was reached and the instruction after the
 * ERET did not run; eret_status gets Status at the target. */
LEAF(eret_exl)
    mfc0    t9, $12
    la      t0, 1f
    mtc0    t0, $14                 /* EPC */
    mtc0    zero, $30               /* ErrorEPC: a wrong target */
    ori     t1, t9, ST_EXL
    mtc0    t1, $12
    ehb
    move    v0, zero
    eret
    li      v0, 99                  /* ERET has no delay slot */
1:  mfc0    t2, $12
    la      t0, eret_status
    sw      t2, 0(t0)
    mtc0    t9, $12
    ehb
    jr      ra
    addiu   v0, v0, 1
END(eret_exl)

/* uint32_t eret_erl(uint32_t with_exl): ERET with ERL = 1 (and EXL =
 * with_exl) goes to ErrorEPC = label 2, not to EPC = label 3.  Returns 1
 * at label 2, 2 at label 3; eret_status gets Status at the target. */
LEAF(eret_erl)
    mfc0    t9, $12
    la      t0, 2f
    mtc0    t0, $30                 /* ErrorEPC */
    la      t0, 3f
    mtc0    t0, $14                 /* EPC */
    ori     t1, t9, ST_ERL
    beqz    a0, 1f
    nop
    ori     t1, t1, ST_EXL
1:  mtc0    t1, $12
    ehb
    eret
    nop
2:  li      v0, 1
    b       4f
    nop
3:  li      v0, 2
4:  mfc0    t2, $12
    la      t0, eret_status
    sw      t2, 0(t0)
    mtc0    t9, $12
    ehb
    jr      ra
    nop
END(eret_erl)

/* uint32_t eret_llbit(uint32_t *p, uint32_t use_erl): LL from p, ERET
 * (through EXL, or ERL if use_erl) to the next instruction, SC to p.
 * Returns SC's result: 0 when ERET cleared LLbit. */
LEAF(eret_llbit)
    mfc0    t9, $12
    la      t0, 2f
    mtc0    t0, $14
    mtc0    t0, $30
    ori     t1, t9, ST_EXL
    beqz    a1, 1f
    nop
    ori     t1, t9, ST_ERL
1:  ll      t3, 0(a0)
    mtc0    t1, $12
    ehb
    eret
2:  li      v0, 0x77
    sc      v0, 0(a0)
    mtc0    t9, $12
    ehb
    jr      ra
    nop
END(eret_llbit)

/* uint32_t syscall_with_exl(uint32_t epc_marker): EPC = epc_marker, then
 * SYSCALL with Status.EXL = 1.  The handler must resume at
 * exl_syscall_resume (EPC is not written at EXL = 1). */
LEAF(syscall_with_exl)
    mfc0    t9, $12
    mtc0    a0, $14
    ori     t1, t9, ST_EXL
    mtc0    t1, $12
    ehb
    syscall
    .globl exl_syscall_resume
exl_syscall_resume:
    mtc0    t9, $12
    ehb
    jr      ra
    nop
END(syscall_with_exl)

    .bss
    .balign 4
    .globl eret_status
eret_status:
    .space 4
