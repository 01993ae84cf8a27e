/* hello.S - prints a line on the Malta UART, then resets the board
 * (SOFTRES), which ends disco under -no-reboot with status 0. */
        .set    noreorder
        .text
        .globl  __start
__start:
        la      $t0, msg
        li      $t1, 0xb80003f8
1:      lbu     $a0, 0($t0)
        beqz    $a0, 2f
        nop
3:      lbu     $t2, 5($t1)             /* LSR: wait for THRE */
        andi    $t2, $t2, 0x20
        beqz    $t2, 3b
        nop
        sb      $a0, 0($t1)
        b       1b
        addiu   $t0, $t0, 1
2:      li      $t0, 0xbf000500         /* SOFTRES */
        li      $t1, 0x42
        sw      $t1, 0($t0)
4:      b       4b
        nop
        .data
msg:    .asciz  "boot\n"
