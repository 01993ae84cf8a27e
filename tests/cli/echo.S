/* echo.S - echoes console input in upper case; 'q' resets the board.
 * Used to drive the console as a person would (tests/run-cli-tests). */
        .set    noreorder
        .text
        .globl  __start
__start:
        li      $s0, 0xb80003f8         /* UART: RBR/THR at +0, LSR at +5 */
        la      $a1, prompt
        lbu     $a0, 0($a1)
1:      sb      $a0, 0($s0)
        addiu   $a1, $a1, 1
        lbu     $a0, 0($a1)
        bnez    $a0, 1b
        nop
wait_key:
        lbu     $t0, 5($s0)             /* LSR.DR: a byte has arrived */
        andi    $t0, $t0, 1
        beqz    $t0, wait_key
        nop
        lbu     $a0, 0($s0)
        li      $t1, 'q'
        beq     $a0, $t1, quit
        nop
        sltiu   $t2, $a0, 'a'           /* a..z -> A..Z */
        bnez    $t2, put
        sltiu   $t2, $a0, 'z' + 1
        beqz    $t2, put
        nop
        addiu   $a0, $a0, 'A' - 'a'
put:    sb      $a0, 0($s0)
        b       wait_key
        nop
quit:   li      $t0, 0xbf000500
        li      $t1, 0x42
        sw      $t1, 0($t0)
2:      b       2b
        nop
        .data
prompt: .asciz  "echo> "
