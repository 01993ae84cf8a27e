/*
 * delayslot-asm.S - exceptions raised by the instruction in a branch
 * delay slot, for tests/guest/delayslot.c.  Each DS function stores the
 * branch's address in ds_branch, then runs the branch with the faulting
 * instruction in its delay slot.  Both the branch target and the
 * instruction after the delay slot (where exc_record_skip resumes, at
 * EPC + 8) lead to the return.  Arguments: a0 = an address, a1 = an
 * aligned word address, a2/a3 = operands for ADD.  (Quoted delay-slot
 * instructions use register numbers: the C preprocessor does not look
 * inside strings.  $4/$5 = a0/a1, $6/$7 = a2/a3, $10 = t2.)
 */
#include "asm.h"

    .set noreorder
    .set noat
    .text

.macro DS name, slot, br:vararg
LEAF(\name)
    move    t9, ra
    la      t0, ds_branch
    la      t1, 1f
    sw      t1, 0(t0)
    la      t3, 2f                  /* for jr */
1:  \br
    \slot                           /* the delay slot */
2:  jr      t9
    nop
END(\name)
.endm

    DS ds_syscall_beq_taken, syscall, beq zero, zero, 2f
    DS ds_syscall_bne_not_taken, syscall, bne a1, zero, 2f
    DS ds_break_jal, break, jal 2f
    DS ds_syscall_beql_taken, syscall, beql zero, zero, 2f
    DS ds_syscall_beql_not_taken, syscall, beql zero, a1, 2f
    DS ds_adel_b, "lw $10, 1($5)", b 2f
    DS ds_ades_jr, "sw $10, 2($5)", jr t3
    DS ds_adel_lh_jalr, "lh $10, 1($5)", jalr t3
    DS ds_refill_bgez, "lw $10, 0($4)", bgez zero, 2f
    DS ds_refill_store_bltz, "sw $10, 0($4)", bltz a1, 2f
    DS ds_ov_bgezal, "add $10, $6, $7", bgezal zero, 2f
    DS ds_trap_bnel, "teq $0, $0", bnel a1, zero, 2f

/* A TLB refill in the delay slot of a JAL whose handler maps the page and
 * resumes at EPC: the JAL runs again, the load completes and the target
 * is reached.  Returns the loaded word; ds_link gets ra at the target
 * (0 if the fall-through path was taken instead). */
LEAF(ds_restart_jal)
    move    t9, ra
    move    v0, zero
    la      t0, ds_link
    sw      zero, 0(t0)
    la      t0, ds_branch
    la      t1, 1f
    sw      t1, 0(t0)
1:  jal     2f
    lw      v0, 0(a0)               /* delay slot: TLB refill */
    b       3f                      /* fall-through: not expected */
    nop
2:  la      t0, ds_link
    sw      ra, 0(t0)
3:  jr      t9
    nop
END(ds_restart_jal)

    .bss
    .balign 4
    .globl ds_branch, ds_link
ds_branch:
    .space 4
ds_link:
    .space 4
