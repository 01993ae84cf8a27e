/*
 * exitcode.h - disco's documented exit statuses (README, "Exit status").
 *
 * A guest that ends itself decides the status: UHI exit(n) gives n, a
 * Malta soft reset under -no-reboot gives 0.  The values below are
 * disco's own; they follow sysexits(3) where one fits.
 */
#ifndef DISCO_EXITCODE_H
#define DISCO_EXITCODE_H

enum disco_exit {
    DISCO_EXIT_OK = 0,
    DISCO_EXIT_USAGE = 64,      /* bad command line: unknown option, machine, value */
    DISCO_EXIT_BAD_IMAGE = 65,  /* a file that is not a loadable little-endian MIPS32 ELF */
    DISCO_EXIT_NO_INPUT = 66,   /* a file that cannot be opened or read */
    DISCO_EXIT_INTERNAL = 70,   /* a bug in disco: please report it */
    DISCO_EXIT_IO = 74,         /* cannot write an output file (-D, -serial file:, stats) */
    DISCO_EXIT_INSN_LIMIT = 124,/* --max-insns reached before the guest ended */
    DISCO_EXIT_GUEST_HUNG = 125,/* every CPU waits (WAIT) and nothing can ever wake it */
};

#endif
