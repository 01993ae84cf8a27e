/*
 * vectors.S - exception vectors and register save/restore for guest test
 * programs (see exc.h), and the user-mode trampoline user_run.
 *
 * The .vectors section lands at 0x80000000 (guest.ld), the exception
 * base while Status.BEV = 0 and EBase = 0x80000000 (MIPS32 Vol. III,
 * 6.2.1): +0x000 TLB refill, +0x180 general, +0x200 interrupt when
 * Cause.IV = 1.  Each vector loads its offset into k1 and jumps to
 * exc_common, which saves the interrupted context into a struct exc_frame
 * on the exception stack (or below the current frame when an exception
 * comes inside a handler), calls exc_dispatch(frame) in exc.c, restores
 * the context with EPC and Status taken from the frame, and ERETs.
 */
#include "asm.h"
#include "malta.h"
#include "exc.h"

/* struct exc_frame offsets (exc.h) */
#define F_R(n) ((n) * 4)
#define F_HI 128
#define F_LO 132
#define F_EPC 136
#define F_STATUS 140
#define F_CAUSE 144
#define F_BADVADDR 148
#define F_VECTOR 152
#define F_SIZE 160

    .set noreorder
    .set noat

/* ---- the vectors ------------------------------------------------------ */
    .section .vectors, "ax"
    .globl exc_vectors
exc_vectors:
    .org VEC_REFILL
    j       exc_common
    li      k1, VEC_REFILL
    .org 0x080                  /* XTLB refill: never used on MIPS32 */
    j       exc_common
    li      k1, 0x080
    .org 0x100                  /* cache error (reached through kseg1) */
    j       exc_common
    li      k1, 0x100
    .org VEC_GENERAL
    j       exc_common
    li      k1, VEC_GENERAL
    .org VEC_INTERRUPT
    j       exc_common
    li      k1, VEC_INTERRUPT

/* ---- save, dispatch, restore -------------------------------------------- */
    .text
    .globl exc_common
    .ent exc_common
exc_common:
    /* Frame below the current sp when nested, else at the exception
     * stack's top. */
    lui     k0, %hi(exc_depth)
    lw      k0, %lo(exc_depth)(k0)
    bnez    k0, 1f
    move    k0, sp
    lui     k0, %hi(__exc_stack_top)
    addiu   k0, k0, %lo(__exc_stack_top)
1:  addiu   k0, k0, -(F_SIZE + 16)
    sw      $0, F_R(0)(k0)
    sw      $1, F_R(1)(k0)
    sw      $2, F_R(2)(k0)
    sw      $3, F_R(3)(k0)
    sw      $4, F_R(4)(k0)
    sw      $5, F_R(5)(k0)
    sw      $6, F_R(6)(k0)
    sw      $7, F_R(7)(k0)
    sw      $8, F_R(8)(k0)
    sw      $9, F_R(9)(k0)
    sw      $10, F_R(10)(k0)
    sw      $11, F_R(11)(k0)
    sw      $12, F_R(12)(k0)
    sw      $13, F_R(13)(k0)
    sw      $14, F_R(14)(k0)
    sw      $15, F_R(15)(k0)
    sw      $16, F_R(16)(k0)
    sw      $17, F_R(17)(k0)
    sw      $18, F_R(18)(k0)
    sw      $19, F_R(19)(k0)
    sw      $20, F_R(20)(k0)
    sw      $21, F_R(21)(k0)
    sw      $22, F_R(22)(k0)
    sw      $23, F_R(23)(k0)
    sw      $24, F_R(24)(k0)
    sw      $25, F_R(25)(k0)
    sw      $0, F_R(26)(k0)
    sw      $0, F_R(27)(k0)
    sw      $28, F_R(28)(k0)
    sw      $29, F_R(29)(k0)
    sw      $30, F_R(30)(k0)
    sw      $31, F_R(31)(k0)
    mfhi    t0
    sw      t0, F_HI(k0)
    mflo    t0
    sw      t0, F_LO(k0)
    mfc0    t0, $14                 /* EPC */
    sw      t0, F_EPC(k0)
    mfc0    t0, $12                 /* Status */
    sw      t0, F_STATUS(k0)
    mfc0    t0, $13                 /* Cause */
    sw      t0, F_CAUSE(k0)
    mfc0    t0, $8                  /* BadVAddr */
    sw      t0, F_BADVADDR(k0)
    sw      k1, F_VECTOR(k0)
    sw      $0, F_VECTOR+4(k0)

    move    s0, k0                  /* the frame, kept across the call */
    addiu   sp, k0, -16             /* o32 argument save area below it */
    lui     t0, %hi(exc_depth)
    lw      t1, %lo(exc_depth)(t0)
    addiu   t1, t1, 1
    sw      t1, %lo(exc_depth)(t0)
    jal     exc_dispatch
    move    a0, s0

    lui     t0, %hi(exc_depth)
    lw      t1, %lo(exc_depth)(t0)
    addiu   t1, t1, -1
    sw      t1, %lo(exc_depth)(t0)
    move    k0, s0
    lw      t0, F_HI(k0)
    mthi    t0
    lw      t0, F_LO(k0)
    mtlo    t0
    lw      t0, F_EPC(k0)
    mtc0    t0, $14
    lw      t0, F_STATUS(k0)
    mtc0    t0, $12
    ehb
    lw      $1, F_R(1)(k0)
    lw      $2, F_R(2)(k0)
    lw      $3, F_R(3)(k0)
    lw      $4, F_R(4)(k0)
    lw      $5, F_R(5)(k0)
    lw      $6, F_R(6)(k0)
    lw      $7, F_R(7)(k0)
    lw      $8, F_R(8)(k0)
    lw      $9, F_R(9)(k0)
    lw      $10, F_R(10)(k0)
    lw      $11, F_R(11)(k0)
    lw      $12, F_R(12)(k0)
    lw      $13, F_R(13)(k0)
    lw      $14, F_R(14)(k0)
    lw      $15, F_R(15)(k0)
    lw      $16, F_R(16)(k0)
    lw      $17, F_R(17)(k0)
    lw      $18, F_R(18)(k0)
    lw      $19, F_R(19)(k0)
    lw      $20, F_R(20)(k0)
    lw      $21, F_R(21)(k0)
    lw      $22, F_R(22)(k0)
    lw      $23, F_R(23)(k0)
    lw      $24, F_R(24)(k0)
    lw      $25, F_R(25)(k0)
    lw      $28, F_R(28)(k0)
    lw      $30, F_R(30)(k0)
    lw      $31, F_R(31)(k0)
    lw      $29, F_R(29)(k0)
    eret
    .end exc_common

/* ---- user mode ------------------------------------------------------------
 * uint32_t user_run(uint32_t (*fn)(uint32_t), uint32_t arg)
 * Saves the callee-saved registers, then ERETs (EXL = 1, UM = 1) to
 * USER_VA(fn) with a0 = arg, sp on the user stack and ra = USER_VA of
 * user_exit_stub.  The stub's SYSCALL is recognised by exc_dispatch,
 * which stores v0 in user_ret and resumes at user_return in kernel mode.
 */
#define ALIAS_DELTA (USER_ALIAS_BASE - KSEG0_BASE)
    .globl user_run
    .ent user_run
user_run:
    la      t0, user_ctx
    sw      s0, 0(t0)
    sw      s1, 4(t0)
    sw      s2, 8(t0)
    sw      s3, 12(t0)
    sw      s4, 16(t0)
    sw      s5, 20(t0)
    sw      s6, 24(t0)
    sw      s7, 28(t0)
    sw      s8, 32(t0)
    sw      sp, 36(t0)
    sw      ra, 40(t0)
    li      t1, ALIAS_DELTA
    addu    t2, a0, t1
    mtc0    t2, $14                 /* EPC = USER_VA(fn) */
    la      t3, user_stack_top
    addu    t3, t3, t1
    addiu   sp, t3, -16
    la      ra, user_exit_stub
    addu    ra, ra, t1
    move    a0, a1
    mfc0    t0, $12
    li      t1, ~ST_ERL
    and     t0, t0, t1
    ori     t0, t0, ST_EXL | ST_UM
    mtc0    t0, $12
    ehb
    eret
    .end user_run

    .globl user_exit_stub, user_exit_syscall
user_exit_stub:
user_exit_syscall:
    syscall 0x5ead
1:  b       1b                      /* never reached */
    nop

    .globl user_return
    .ent user_return
user_return:
    la      t0, user_ctx
    lw      s0, 0(t0)
    lw      s1, 4(t0)
    lw      s2, 8(t0)
    lw      s3, 12(t0)
    lw      s4, 16(t0)
    lw      s5, 20(t0)
    lw      s6, 24(t0)
    lw      s7, 28(t0)
    lw      s8, 32(t0)
    lw      sp, 36(t0)
    lw      ra, 40(t0)
    la      t0, user_ret
    jr      ra
    lw      v0, 0(t0)
    .end user_return

    .bss
    .balign 4
    .globl exc_depth
exc_depth:
    .space 4
user_ctx:
    .space 44
    .globl user_ret
user_ret:
    .space 4
    .balign 16
user_stack:
    .space 8192
    .globl user_stack_top
user_stack_top:
