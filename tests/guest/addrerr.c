/*
 * addrerr.c - guest test of Address Error exceptions (MIPS32 Vol. III,
 * "Address Error Exception"): AdEL for misaligned LW/LH/LHU/LL and
 * AdES for misaligned SW/SH, with BadVAddr the exact address, EPC the
 * instruction and the destination or memory left unchanged; AdEL on an
 * instruction fetch from a misaligned address (EPC = BadVAddr = the
 * target, Cause.BD clear); and, from user mode, AdEL/AdES for any access
 * to kseg0, kseg1, kseg2 or kseg3 and for an instruction fetch from
 * kseg0, while the top of kuseg is still mapped (TLB refill, not AdEL).
 * (A jump to an odd address would enter MIPS16e mode on a 24K: the
 * misaligned fetch uses bit 1.)
 *
 * Not tested, because QEMU disagrees with the manual: a misaligned SC
 * must raise AdES whatever LLbit says (SC's pseudocode checks the address
 * first); QEMU fails the SC quietly (rt = 0) when its address is not the
 * LL address.
 */
#include <stdint.h>

#include "check.h"
#include "exc.h"
#include "insn.h"

static volatile uint32_t buf[4] __attribute__((aligned(16)));

/* Records the exception and resumes after the instruction; for a fetch
 * address error (or fetch TLB miss) resumes at ra instead, the return
 * address of the JALR that jumped there. */
static void handler(struct exc_frame *f)
{
    unsigned code = CAUSE_EXCCODE(f->cause);
    int fetch = (code == EXC_ADEL || code == EXC_TLBL) &&
                f->badvaddr == f->epc;

    exc_record_skip(f);
    if (fetch)
        f->epc = f->r[31];
}

/* Runs `insn rt, 0(addr)` with rt preset to reg0; yields rt and stores
 * the instruction's address in pc. */
#define ACCESS(insn, reg0, addr, pc)                                     \
    ({                                                                   \
        uint32_t d_ = (reg0);                                            \
        __asm__ volatile("la %1, 1f\n\t" INSN_PRE "1: " insn " %0, 0(%2)" \
                         INSN_POST                                       \
                         : "+r"(d_), "=&r"(pc)                           \
                         : "r"(addr)                                     \
                         : "memory");                                    \
        d_;                                                              \
    })

enum op { LW, LH, LHU, LL, SW, SH };
static const char *const op_name[] = {"lw", "lh", "lhu", "ll", "sw", "sh"};
#define RT_LOAD 0xdeadbeef   /* preset rt of loads */
#define RT_STORE 0x99999999  /* value stores try to write */

static uint32_t access(enum op op, uint32_t addr, uint32_t *pc)
{
    switch (op) {
    case LW: return ACCESS("lw", RT_LOAD, addr, *pc);
    case LH: return ACCESS("lh", RT_LOAD, addr, *pc);
    case LHU: return ACCESS("lhu", RT_LOAD, addr, *pc);
    case LL: return ACCESS("ll", RT_LOAD, addr, *pc);
    case SW: return ACCESS("sw", RT_STORE, addr, *pc);
    case SH: return ACCESS("sh", RT_STORE, addr, *pc);
    }
    return 0;
}

static void misaligned(enum op op, unsigned off)
{
    const char *name = op_name[op];
    int store = op >= SW;
    uint32_t addr = (uint32_t)(uintptr_t)buf + off;
    uint32_t d, pc = 0;

    buf[0] = 0x11111111;
    buf[1] = 0x22222222;
    exc_record_reset();
    d = access(op, addr, &pc);
    check_eqf(1, exc_last.count, "%s at +%u: exception count", name, off);
    check_eqf(store ? EXC_ADES : EXC_ADEL, CAUSE_EXCCODE(exc_last.cause),
              "%s at +%u: ExcCode", name, off);
    check_eqf(addr, exc_last.badvaddr, "%s at +%u: BadVAddr", name, off);
    check_eqf(pc, exc_last.epc, "%s at +%u: EPC", name, off);
    if (store) {
        check_eqf(0x11111111, buf[0], "%s at +%u: memory unchanged", name, off);
        check_eqf(0x22222222, buf[1], "%s at +%u: next word unchanged", name,
                  off);
    } else {
        check_eqf(RT_LOAD, d, "%s at +%u: rt unchanged", name, off);
    }
}

/* Jumps to a0 with JALR and returns whatever the code there (or the
 * exception handler, resuming at ra) leaves in v0: a0 itself here. */
static uint32_t __attribute__((noinline)) jump_to(uint32_t target)
{
    uint32_t v;
    __asm__ volatile(INSN_PRE "move $2, %1\n\t"
                     "jalr %1\n\t"
                     "nop\n\t"
                     "move %0, $2" INSN_POST
                     : "=r"(v)
                     : "r"(target)
                     : "$2", "$3", "$4", "$5", "$6", "$7", "$8", "$9", "$10",
                       "$11", "$12", "$13", "$14", "$15", "$24", "$25", "$31",
                       "memory");
    return v;
}

static void ifetch(void)
{
    uint32_t target = (uint32_t)(uintptr_t)jump_to + 2;

    exc_record_reset();
    jump_to(target);
    check_eq("fetch from a misaligned address: exception count", 1,
             exc_last.count);
    check_eq("fetch from a misaligned address: ExcCode", EXC_ADEL,
             CAUSE_EXCCODE(exc_last.cause));
    check_eq("fetch from a misaligned address: EPC = target", target,
             exc_last.epc);
    check_eq("fetch from a misaligned address: BadVAddr = target", target,
             exc_last.badvaddr);
    check_eq("fetch from a misaligned address: Cause.BD clear", 0,
             exc_last.cause & CAUSE_BD);
}

/* ---- user mode ---- */
static uint32_t __attribute__((noinline)) user_load(uint32_t addr)
{
    return *(volatile uint32_t *)addr;
}
static uint32_t __attribute__((noinline)) user_store(uint32_t addr)
{
    *(volatile uint32_t *)addr = 0;
    return 0;
}

static void user_access(const char *what, int store, uint32_t va,
                        unsigned exccode, uint32_t vector)
{
    exc_record_reset();
    user_run(store ? user_store : user_load, va);
    check_eqf(1, exc_last.count, "%s: exception count", what);
    check_eqf(exccode, CAUSE_EXCCODE(exc_last.cause), "%s: ExcCode", what);
    check_eqf(va, exc_last.badvaddr, "%s: BadVAddr", what);
    check_eqf(vector, exc_last.vector, "%s: vector", what);
    check_eqf(ST_UM, exc_last.status & ST_UM, "%s: from user mode", what);
}

static void user(void)
{
    user_map_program();

    user_access("user lw from kseg0", 0, 0x80000000, EXC_ADEL, VEC_GENERAL);
    user_access("user lw from kseg1", 0, 0xa0000010, EXC_ADEL, VEC_GENERAL);
    user_access("user lw from kseg2", 0, 0xc0000020, EXC_ADEL, VEC_GENERAL);
    user_access("user lw from kseg3", 0, 0xe0000030, EXC_ADEL, VEC_GENERAL);
    user_access("user sw to kseg0", 1, 0x80100000, EXC_ADES, VEC_GENERAL);
    user_access("user sw to kseg1", 1, 0xbf000500, EXC_ADES, VEC_GENERAL);
    user_access("user lw from the last kuseg word (TLB refill)", 0,
                0x7ffffffc, EXC_TLBL, VEC_REFILL);
    user_access("user misaligned lw in mapped kuseg", 0,
                USER_VA(&buf[0]) + 2, EXC_ADEL, VEC_GENERAL);

    /* Instruction fetch from kseg0 in user mode. */
    uint32_t target = (uint32_t)(uintptr_t)user_load;
    exc_record_reset();
    uint32_t v = user_run(jump_to, target);
    check_eq("user fetch from kseg0: exception count", 1, exc_last.count);
    check_eq("user fetch from kseg0: ExcCode", EXC_ADEL,
             CAUSE_EXCCODE(exc_last.cause));
    check_eq("user fetch from kseg0: EPC = target", target, exc_last.epc);
    check_eq("user fetch from kseg0: BadVAddr = target", target,
             exc_last.badvaddr);
    check_eq("user fetch from kseg0: resumed in user mode", target, v);
}

int main(void)
{
    check_start("addrerr");
    exc_set_handler(handler);
    exc_set_refill_handler(handler);

    for (unsigned off = 1; off < 4; off++) {
        misaligned(LW, off);
        misaligned(SW, off);
    }
    misaligned(LL, 2);
    misaligned(LH, 1);
    misaligned(LH, 3);
    misaligned(LHU, 1);
    misaligned(SH, 1);
    misaligned(SH, 3);

    ifetch();
    user();

    exc_set_handler(0);
    exc_set_refill_handler(0);
    return check_done();
}
