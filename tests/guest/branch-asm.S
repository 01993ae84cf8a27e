/*
 * branch-asm.S - the branches and jumps of tests/guest/branch.c, one small
 * function each, written in assembly so every delay slot holds exactly
 * the instruction the test needs (MIPS32 Vol. II; Vol. I "branch
 * delay slots", "branch likely").
 *
 * A BT function runs one branch with a0/a1 as operands and returns in v0
 * a bit set: 1 = the delay slot ran, 2 = the target was reached, 4 = the
 * fall-through path was reached.  A BL function (branch and link) also
 * stores the branch's address in br_addr, the link register after the
 * branch in br_link (ra is poisoned first) and the value of ra that the
 * delay slot saw in br_slot_ra (0 if the slot did not run).
 */
#include "asm.h"

    .set noreorder
    .set noat
    .text

.macro BT name, br:vararg
LEAF(\name)
    move    v0, zero
    \br
    ori     v0, v0, 1               /* delay slot */
    ori     v0, v0, 4               /* fall-through */
    jr      ra
    nop
2:  ori     v0, v0, 2               /* target */
    jr      ra
    nop
END(\name)
.endm

    BT br_beq, beq a0, a1, 2f
    BT br_bne, bne a0, a1, 2f
    BT br_blez, blez a0, 2f
    BT br_bgtz, bgtz a0, 2f
    BT br_bltz, bltz a0, 2f
    BT br_bgez, bgez a0, 2f
    BT br_b, b 2f
    BT br_beql, beql a0, a1, 2f
    BT br_bnel, bnel a0, a1, 2f
    BT br_blezl, blezl a0, 2f
    BT br_bgtzl, bgtzl a0, 2f
    BT br_bltzl, bltzl a0, 2f
    BT br_bgezl, bgezl a0, 2f
    BT br_j, j 2f

.macro BL name, br:vararg
LEAF(\name)
    move    t9, ra
    move    v0, zero
    move    v1, zero
    la      t8, 1f
    la      t7, br_addr
    sw      t8, 0(t7)
    li      ra, 0x5a5a5a5a          /* poison: shows whether ra is written */
1:  \br
    move    v1, ra                  /* delay slot: sees the link value */
    b       3f                      /* fall-through */
    ori     v0, v0, 4
2:  ori     v0, v0, 2               /* target */
3:  la      t7, br_link
    sw      ra, 0(t7)
    la      t7, br_slot_ra
    sw      v1, 0(t7)
    jr      t9
    nop
END(\name)
.endm

    BL br_bltzal, bltzal a0, 2f
    BL br_bgezal, bgezal a0, 2f
    BL br_bltzall, bltzall a0, 2f
    BL br_bgezall, bgezall a0, 2f
    BL br_bal, bal 2f
    BL br_jal, jal 2f

/* jr/jalr (and their .hb forms) to the address in t0 = label 2. */
.macro BJ name, br:vararg
LEAF(\name)
    move    t9, ra
    move    v0, zero
    move    v1, zero
    la      t8, 1f
    la      t7, br_addr
    sw      t8, 0(t7)
    li      ra, 0x5a5a5a5a
    li      t1, 0x5a5a5a5a
    la      t0, 2f
1:  \br
    move    v1, ra                  /* delay slot */
    b       3f
    ori     v0, v0, 4
2:  ori     v0, v0, 2
3:  la      t7, br_link
    sw      ra, 0(t7)
    la      t7, br_link_rd
    sw      t1, 0(t7)
    la      t7, br_slot_ra
    sw      v1, 0(t7)
    jr      t9
    nop
END(\name)
.endm

    BJ br_jr, jr t0
    BJ br_jr_hb, jr.hb t0
    BJ br_jalr, jalr t0
    BJ br_jalr_rd, jalr t1, t0
    BJ br_jalr_hb, jalr.hb t0

/* The delay slot changes the branch's operand: the branch already
 * decided.  Returns the BT bit set. */
LEAF(br_beq_slot_changes_operand)
    move    v0, zero
    beq     a0, a1, 2f
    addiu   a0, a0, 1               /* delay slot */
    jr      ra
    ori     v0, v0, 4
2:  jr      ra
    ori     v0, v0, 2
END(br_beq_slot_changes_operand)

/* jr whose delay slot overwrites the jump register: returns 2 when the
 * old value was used. */
LEAF(br_jr_slot_changes_target)
    la      t0, 2f
    la      t1, 3f
    jr      t0
    move    t0, t1                  /* delay slot */
3:  jr      ra
    li      v0, 4
2:  jr      ra
    li      v0, 2
END(br_jr_slot_changes_target)

/* A taken backward branch loop: returns the number of iterations run for
 * a0 > 0 (counts down in the delay slot). */
LEAF(br_loop)
    move    v0, zero
1:  addiu   v0, v0, 1
    bgtz    a0, 1b
    addiu   a0, a0, -1              /* delay slot */
    jr      ra
    nop
END(br_loop)

    .bss
    .balign 4
    .globl br_addr, br_link, br_link_rd, br_slot_ra
br_addr:
    .space 4
br_link:
    .space 4
br_link_rd:
    .space 4
br_slot_ra:
    .space 4
