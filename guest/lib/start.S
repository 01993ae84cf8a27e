/*
 * start.S - entry point of a bare-metal guest program on the Malta board.
 *
 * The board's boot loader (QEMU's, or disco's boot ROM) jumps to the ELF
 * entry in kernel mode with Status.ERL = 1 and BEV = 1, a0..a3 holding
 * the YAMON argc, argv, envp and memory size.  _start puts the CPU in a
 * plain kernel state: ERL and EXL clear, BEV clear so exceptions use the
 * vectors at 0x80000000 (guest/lib/vectors.S), interrupts off, CU0 set
 * (MIPS32 Vol. III, "Status Register").  Then it clears .bss, sets up the
 * stack, calls guest_init (runtime.c: a known TLB state) and then
 * main(argc, argv, envp); main's return value goes to exit().
 */
#include "asm.h"
#include "malta.h"

    .set noreorder
    .section .text.start, "ax"
    .globl _start
    .ent _start
_start:
    /* Status: kernel mode, CU0, BEV = ERL = EXL = IE = 0, IM = 0. */
    li      t0, ST_CU0
    mtc0    t0, $12
    /* Cause: clear the software interrupt bits and IV; Compare is left
     * alone (its write would clear a pending timer interrupt). */
    mtc0    zero, $13
    ehb

    /* Clear .bss (word-aligned by guest.ld). */
    la      t0, __bss_start
    la      t1, __bss_end
1:  beq     t0, t1, 2f
    nop
    sw      zero, 0(t0)
    b       1b
    addiu   t0, t0, 4
2:
    la      sp, __stack_top
    addiu   sp, sp, -16             /* o32 argument save area */
    move    s0, a0
    move    s1, a1
    jal     guest_init              /* known TLB state (runtime.c) */
    move    s2, a2
    move    a0, s0
    move    a1, s1
    jal     main
    move    a2, s2
    jal     exit
    move    a0, v0
3:  b       3b
    nop
    .end _start
