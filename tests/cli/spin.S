/* spin.S - loops forever: only --max-insns ends it. */
        .set    noreorder
        .text
        .globl  __start
__start:
1:      b       1b
        addiu   $t0, $t0, 1
