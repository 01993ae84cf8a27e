/* hang.S - waits with every interrupt masked: nothing can wake it, so
 * disco must report a hung guest (exit status 125). */
        .set    noreorder
        .text
        .globl  __start
__start:
        mtc0    $zero, $12
        ehb
1:      wait
        b       1b
        nop
