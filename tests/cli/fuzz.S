/* fuzz.S - a harness for random code (tests/run-robustness-tests): it
 * installs exception handlers that skip whatever faulted, then jumps into
 * the .fuzz section, which the test fills with random words.  Whatever
 * that code does (wild jumps, stores anywhere, privileged instructions,
 * TLB writes, self-modification), disco must neither crash nor hang. */
        .set    noreorder
        .set    noat
        .text
        .globl  __start
__start:
        la      $t0, handler            /* copy the handler to both vectors */
        li      $t1, 0x80000000
        li      $t2, 0x80000180
        li      $t3, 6
1:      lw      $t4, 0($t0)
        sw      $t4, 0($t1)
        sw      $t4, 0($t2)
        addiu   $t0, $t0, 4
        addiu   $t1, $t1, 4
        addiu   $t2, $t2, 4
        addiu   $t3, $t3, -1
        bnez    $t3, 1b
        nop
        mtc0    $zero, $12              /* BEV = 0, ERL = 0: our vectors */
        ehb
        la      $t0, random_code
        jr      $t0
        nop

/* Skip the instruction that faulted and go on. */
handler:
        mfc0    $k0, $14
        addiu   $k0, $k0, 4
        mtc0    $k0, $14
        ehb
        eret
        nop

        .section .fuzz, "ax"
        .globl  random_code
random_code:
        .fill   2048, 4, 0
