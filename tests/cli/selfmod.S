/* selfmod.S - self-modifying code: rewrites an instruction it has
 * already executed (addiu v0,v0,1 becomes addiu v0,v0,100) and runs it
 * again; prints "ok" only if the new instruction took effect. */
        .set    noreorder
        .text
        .globl  __start
__start:
        li      $v0, 0
        li      $s0, 2
loop:
patch:  addiu   $v0, $v0, 1
        la      $t0, patch
        li      $t1, 0x24420064         /* addiu v0,v0,100 */
        sw      $t1, 0($t0)
        addiu   $s0, $s0, -1
        bnez    $s0, loop
        nop
        li      $t1, 101
        li      $t2, 0xb80003f8
        bne     $v0, $t1, bad
        nop
        li      $a0, 'o'
        sb      $a0, 0($t2)
        li      $a0, 'k'
        sb      $a0, 0($t2)
        b       done
        nop
bad:    li      $a0, 'X'
        sb      $a0, 0($t2)
done:   li      $a0, '\n'
        sb      $a0, 0($t2)
        li      $t0, 0xbf000500
        li      $t1, 0x42
        sw      $t1, 0($t0)
1:      b       1b
        nop
