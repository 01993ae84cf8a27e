/* reboot.S - prints "boot" and resets the board: without -no-reboot,
 * disco reboots it, so the line repeats until --max-insns. */
        .set    noreorder
        .text
        .globl  __start
__start:
        li      $t1, 0xb80003f8
        li      $a0, 'b'
        sb      $a0, 0($t1)
        li      $a0, '\n'
        sb      $a0, 0($t1)
        li      $t0, 0xbf000500
        li      $t1, 0x42
        sw      $t1, 0($t0)
1:      b       1b
        nop
