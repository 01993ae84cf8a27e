/*
 * crt0.S - where a user program starts.  Lab: processes.
 *
 * The kernel (spawn.c) enters _start in user mode with a0 = argc,
 * a1 = argv and sp just below the argument strings, o32 argument area
 * included.  _start calls main(argc, argv) and passes its return value
 * to exit().
 */
#include "asm.h"

    .set noreorder
    .section .text.start, "ax"
LEAF(_start)
    jal     main
    nop
    jal     exit
    move    a0, v0
1:  b       1b
    nop
END(_start)
