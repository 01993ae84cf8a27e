/*
 * exc.h - exception handling for guest test programs.
 *
 * guest/lib/vectors.S owns the vectors at 0x80000000 (TLB refill +0x000,
 * general +0x180, interrupt +0x200; MIPS32 Vol. III, 6.2.1).  Each saves
 * every general register, HI/LO and the CP0 exception state into a
 * struct exc_frame on the exception stack, calls the C handler installed
 * for that vector with the frame, then restores everything -- including
 * EPC and Status from the frame, so a handler changes where and how ERET
 * resumes by changing f->epc and f->status -- and executes ERET.
 * The vectors use k0 and k1: a test must not expect them preserved.
 *
 * With no handler installed, an exception prints a FAIL line and ends the
 * program.  Handlers may nest (an exception inside a handler uses the
 * stack below the current frame).
 */
#ifndef GUEST_EXC_H
#define GUEST_EXC_H

#include "malta.h"

/* Added to exc_frame.vector by a vector block at another EBase. */
#define EXC_VEC_EBASE U(0x1000)
/* Base of the user-mode alias of the program (see user_map_program). */
#define USER_ALIAS_BASE U(0x40000000)

#ifndef __ASSEMBLER__
#include <stdint.h>

/* Offsets must match vectors.S. */
struct exc_frame {
    uint32_t r[32];     /* r[0] is 0; r[26], r[27] (k0, k1) are clobbered */
    uint32_t hi, lo;
    uint32_t epc;       /* written back to EPC before ERET */
    uint32_t status;    /* written back to Status before ERET */
    uint32_t cause;     /* as read on entry */
    uint32_t badvaddr;  /* as read on entry */
    uint32_t vector;    /* VEC_REFILL, VEC_GENERAL or VEC_INTERRUPT, plus
                           EXC_VEC_EBASE when it came through a vector
                           block other than the one at 0x80000000 */
    uint32_t pad;
};

typedef void (*exc_handler_fn)(struct exc_frame *f);

/* Install the handler for the general and interrupt vectors, and the one
 * for the TLB refill vector.  NULL restores the default (fail and exit).
 * Each returns the previous handler. */
exc_handler_fn exc_set_handler(exc_handler_fn fn);
exc_handler_fn exc_set_refill_handler(exc_handler_fn fn);

/* What exc_record_skip saw last. */
struct exc_record {
    uint32_t count;      /* exceptions recorded since exc_record_reset() */
    uint32_t cause, epc, badvaddr, status, vector;
    uint32_t entryhi, context;
};
extern volatile struct exc_record exc_last;
void exc_record_reset(void);

/* A handler that records the exception in exc_last and resumes after the
 * faulting instruction: EPC + 4, or EPC + 8 (past the branch and its
 * delay slot) when Cause.BD is set.  Installing it as both the general
 * and the refill handler is the usual way to provoke one exception and
 * look at it.  Interrupts are not expected: on one it fails. */
void exc_record_skip(struct exc_frame *f);

/* Entry points of the vectors' common code (for a test that sets up its
 * own vector block at another EBase: jump there with k1 = the vector
 * offset, optionally plus EXC_VEC_EBASE). */
void exc_common(void);

/* ---- user mode -------------------------------------------------------
 * The program is also visible to user mode: user_map_program() writes
 * wired TLB entry 0 as a global mapping of VA 0x40000000..0x41FFFFFF onto
 * physical 0..32 MB (two 16 MB pages, cacheable, dirty, valid), so the
 * code at kseg0 address p runs in user mode at USER_VA(p).  Code run
 * there can use its stack and registers but no global data or function
 * pointers (those hold kseg0 addresses, which user mode cannot use). */
#define USER_VA(p) ((uint32_t)(uintptr_t)(p) - KSEG0_BASE + USER_ALIAS_BASE)
void user_map_program(void);

/* Runs fn(arg) in user mode (Status.UM = 1, entered by ERET with EXL
 * set) at USER_VA(fn) on a stack at USER_VA of user_stack_top, and
 * returns its return value once it returns.  Exceptions from user mode
 * meanwhile go to the installed handler as usual; user_run handles the
 * final return itself (a SYSCALL in a stub, see vectors.S). */
uint32_t user_run(uint32_t (*fn)(uint32_t), uint32_t arg);

#endif /* !__ASSEMBLER__ */
#endif
