/* smp.S - multiprocessor start-up (docs/smp.md): CPU 0 starts every other
 * CPU through its mailbox and an IPI; each adds 1 to a shared counter
 * 1000 times with LL/SC, records its CPUNum, and sends CPU 0 an IPI.
 * CPU 0 waits for those IPIs with WAIT and prints "smp N ok" when the
 * counter and the CPU numbers are right, "smp bad" otherwise. */
#include "dev/malta-smp.h"
        .set    noreorder
        .text
        .globl  __start
__start:
        li      $s0, 0xa0000000 + SMP_BASE
        lw      $s1, SMP_CPU_COUNT($s0)         /* s1 = number of CPUs */
        li      $t0, SMP_IPI_CAUSE_BIT          /* CPU 0 waits for IPIs too */
        mtc0    $t0, $12
        ehb
        li      $s2, 1                          /* start CPUs 1 .. s1-1 */
start_next:
        beq     $s2, $s1, wait_all
        nop
        sll     $t1, $s2, 4
        addu    $t1, $t1, $s0
        la      $t2, secondary
        la      $t3, stacks
        sll     $t4, $s2, 10
        addu    $t3, $t3, $t4
        sw      $t3, SMP_MAILBOX(0) + SMP_START_SP($t1)
        sw      $s2, SMP_MAILBOX(0) + SMP_START_ARG($t1)
        sw      $t2, SMP_MAILBOX(0) + SMP_START_PC($t1)
        sw      $s2, SMP_IPI_SEND($s0)          /* wake it */
        b       start_next
        addiu   $s2, $s2, 1

wait_all:                                       /* until all have reported */
        la      $t0, done
        lw      $t1, 0($t0)
        addiu   $t2, $s1, -1
        beq     $t1, $t2, check
        nop
        wait
        sw      $zero, SMP_IPI_CLEAR($s0)       /* CPU 0's IPI: seen */
        b       wait_all
        nop

check:
        la      $t0, counter
        lw      $t1, 0($t0)
        addiu   $t2, $s1, -1
        li      $t3, 1000
        mul     $t2, $t2, $t3
        bne     $t1, $t2, bad                   /* every increment counted */
        nop
        li      $s2, 1
        la      $t4, cpunum
1:      beq     $s2, $s1, good
        nop
        sll     $t5, $s2, 2
        addu    $t5, $t5, $t4
        lw      $t6, 0($t5)
        bne     $t6, $s2, bad                   /* EBase.CPUNum as expected */
        nop
        b       1b
        addiu   $s2, $s2, 1
good:   la      $a1, msg_ok
        b       print
        nop
bad:    la      $a1, msg_bad
print:  li      $t0, 0xb80003f8
        addiu   $a0, $s1, '0'                   /* "smp N ok" */
        lbu     $t1, 0($a1)
2:      sb      $t1, 0($t0)
        addiu   $a1, $a1, 1
        lbu     $t1, 0($a1)
        bnez    $t1, 3f
        nop
        b       4f
        nop
3:      li      $t2, '#'
        bne     $t1, $t2, 2b
        nop
        sb      $a0, 0($t0)                     /* the CPU count */
        addiu   $a1, $a1, 1
        lbu     $t1, 0($a1)
        b       2b
        nop
4:      li      $t0, 0xbf000500
        li      $t1, 0x42
        sw      $t1, 0($t0)
5:      b       5b
        nop

/* a0 = this CPU's number, sp = its stack */
secondary:
        mfc0    $t0, $15, 1
        andi    $t0, $t0, 0x3ff
        la      $t1, cpunum
        sll     $t2, $a0, 2
        addu    $t1, $t1, $t2
        sw      $t0, 0($t1)                     /* what EBase says */
        li      $t3, 1000
        la      $t1, counter
1:      ll      $t2, 0($t1)
        addiu   $t2, $t2, 1
        sc      $t2, 0($t1)
        beqz    $t2, 1b                         /* lost the race: again */
        nop
        addiu   $t3, $t3, -1
        bnez    $t3, 1b
        nop
        la      $t1, done
2:      ll      $t2, 0($t1)
        addiu   $t2, $t2, 1
        sc      $t2, 0($t1)
        beqz    $t2, 2b
        nop
        li      $t0, 0xa0000000 + SMP_BASE
        sw      $zero, SMP_IPI_SEND($t0)        /* tell CPU 0 */
        mtc0    $zero, $12                      /* then sleep for good */
        ehb
3:      wait
        b       3b
        nop

        .data
msg_ok:  .asciz "smp # ok\n"
msg_bad: .asciz "smp # bad\n"
        .align  2
counter: .word  0
done:    .word  0
cpunum:  .space 4 * SMP_MAX_CPUS
        .align  4
stacks:  .space 1024 * SMP_MAX_CPUS
