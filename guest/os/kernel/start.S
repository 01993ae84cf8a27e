/*
 * start.S - where each CPU enters the kernel.  Lab: booting on all CPUs.
 *
 * CPU 0 arrives at _start from the boot ROM (disco's, or YAMON on a real
 * Malta) in kernel mode with Status.ERL = BEV = 1 and the YAMON arguments
 * a0 = argc, a1 = argv, a2 = envp, a3 = RAM size.  It clears .bss, takes
 * the first boot stack and calls kmain() (main.c), which never returns.
 *
 * Every other CPU waits in the boot ROM until kmain() writes its mailbox
 * (docs/smp.md) and sends it an IPI; it then arrives at secondary_start
 * with sp = its boot stack (from the mailbox) and a0 = its number, and
 * calls secondary_main().
 *
 * Both first set Status to plain kernel mode: CU0 (CP0 usable), ERL = EXL
 * = 0, interrupts off.  BEV stays 1 until cpu_init() has set EBase.
 */
#include "asm.h"
#include "malta.h"
#include "layout.h"

    .set noreorder
    .section .text.start, "ax"

LEAF(_start)
    li      t0, ST_CU0 | ST_BEV
    mtc0    t0, $12                 /* Status: kernel mode, ERL = 0 */
    mtc0    zero, $13               /* Cause: IV = 0, no software interrupts */
    ehb
    la      t0, __bss_start         /* clear .bss (16-byte aligned) */
    la      t1, __bss_end
1:  beq     t0, t1, 2f
    nop
    sw      zero, 0(t0)
    b       1b
    addiu   t0, t0, 4
2:  la      sp, boot_stacks + BOOT_STACK_SIZE   /* CPU 0's boot stack */
    jal     kmain                   /* kmain(argc, argv, envp, memsize) */
    addiu   sp, sp, -16             /* (delay slot) o32 argument area */
3:  b       3b
    nop
END(_start)

LEAF(secondary_start)
    li      t0, ST_CU0 | ST_BEV
    mtc0    t0, $12
    mtc0    zero, $13
    ehb
    jal     secondary_main          /* secondary_main(cpu number) */
    addiu   sp, sp, -16
1:  b       1b
    nop
END(secondary_start)
