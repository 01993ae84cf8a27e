/*
 * exc.c - the C side of guest exception handling (see exc.h): dispatch
 * from the vectors in vectors.S to the installed handlers, the default
 * "unexpected exception" failure, the record-and-skip handler tests use
 * to provoke one exception at a time, and the user-mode mapping.
 */
#include <stdint.h>

#include "console.h"
#include "exc.h"
#include "malta.h"

static exc_handler_fn general_handler;
static exc_handler_fn refill_handler;
volatile struct exc_record exc_last;

/* vectors.S */
extern char user_exit_syscall[], user_return[];
extern volatile uint32_t user_ret;
void exc_dispatch(struct exc_frame *f);

exc_handler_fn exc_set_handler(exc_handler_fn fn)
{
    exc_handler_fn old = general_handler;
    general_handler = fn;
    return old;
}

exc_handler_fn exc_set_refill_handler(exc_handler_fn fn)
{
    exc_handler_fn old = refill_handler;
    refill_handler = fn;
    return old;
}

static void unexpected(struct exc_frame *f)
{
    printf("FAIL unexpected exception %u at 0x%08x (vector 0x%x, "
           "badvaddr 0x%08x): expected 0x00000000 got 0x%08x\n",
           CAUSE_EXCCODE(f->cause), f->epc, f->vector, f->badvaddr,
           f->cause);
    exit(1);
}

void exc_dispatch(struct exc_frame *f)
{
    /* The end of a user_run: the stub's SYSCALL. */
    if ((f->vector & 0xfff) == VEC_GENERAL &&
        CAUSE_EXCCODE(f->cause) == EXC_SYS &&
        f->epc == USER_VA(user_exit_syscall)) {
        user_ret = f->r[2];
        f->epc = (uint32_t)(uintptr_t)user_return;
        f->status &= ~ST_UM;
        return;
    }
    exc_handler_fn fn =
        (f->vector & 0xfff) == VEC_REFILL ? refill_handler : general_handler;
    if (!fn)
        unexpected(f);
    fn(f);
}

void exc_record_reset(void)
{
    exc_last.count = 0;
    exc_last.cause = exc_last.epc = exc_last.badvaddr = 0;
    exc_last.status = exc_last.vector = 0;
    exc_last.entryhi = exc_last.context = 0;
}

void exc_record_skip(struct exc_frame *f)
{
    if (CAUSE_EXCCODE(f->cause) == EXC_INT)
        unexpected(f);
    exc_last.count++;
    exc_last.cause = f->cause;
    exc_last.epc = f->epc;
    exc_last.badvaddr = f->badvaddr;
    exc_last.status = f->status;
    exc_last.vector = f->vector;
    exc_last.entryhi = mfc0(CP0_ENTRYHI, 0);
    exc_last.context = mfc0(CP0_CONTEXT, 0);
    f->epc += (f->cause & CAUSE_BD) ? 8 : 4;
}

void user_map_program(void)
{
    uint32_t entryhi = mfc0(CP0_ENTRYHI, 0);
    uint32_t attr = ENTRYLO_C(CACHE_CACHABLE) | ENTRYLO_D | ENTRYLO_V |
                    ENTRYLO_G;

    if (mfc0(CP0_WIRED, 0) < 1)
        mtc0(CP0_WIRED, 0, 1);
    tlb_write_indexed(0, USER_ALIAS_BASE, PM_16M, ENTRYLO_PFN(0x00000000) | attr,
                      ENTRYLO_PFN(0x01000000) | attr);
    mtc0(CP0_PAGEMASK, 0, PM_4K);
    mtc0(CP0_ENTRYHI, 0, entryhi);
}
