/* uhi-exit.S - writes a line and exits with status 3 through UHI
 * semihosting (SDBBP 1; t9 = operation, a0.. = arguments). */
        .set    noreorder
        .text
        .globl  __start
__start:
        li      $t9, 5                  /* UHI_write(1, msg, 9) */
        li      $a0, 1
        la      $a1, msg
        li      $a2, 9
        sdbbp   1
        li      $t9, 1                  /* UHI_exit(3) */
        li      $a0, 3
        sdbbp   1
1:      b       1b
        nop
        .data
msg:    .ascii  "semihost\n"
