/*
 * insn.h - helpers for the guest tests that execute one instruction with
 * operands in registers, so the compiler cannot fold the result, and for
 * running one instruction that is expected to raise an exception.
 *
 * R3("addu", a, b) runs "addu rd, rs, rt" and yields rd; RI("addiu", a,
 * 5) runs "addiu rt, rs, 5"; R1("clz", a) runs "clz rd, rs".
 * The instruction is assembled exactly as written (.set nomacro).
 */
#ifndef GUEST_TEST_INSN_H
#define GUEST_TEST_INSN_H

#include <stdint.h>

#include "check.h"
#include "exc.h"

#define INSN_PRE ".set push\n\t.set noreorder\n\t.set nomacro\n\t"
#define INSN_POST "\n\t.set pop"

#define R3(insn, a, b)                                                   \
    ({                                                                   \
        uint32_t d_;                                                     \
        __asm__ volatile(INSN_PRE insn " %0, %1, %2" INSN_POST           \
                         : "=r"(d_)                                      \
                         : "r"((uint32_t)(a)), "r"((uint32_t)(b)));      \
        d_;                                                              \
    })
#define RI(insn, a, imm)                                                 \
    ({                                                                   \
        uint32_t d_;                                                     \
        __asm__ volatile(INSN_PRE insn " %0, %1, %2" INSN_POST           \
                         : "=r"(d_)                                      \
                         : "r"((uint32_t)(a)), "i"(imm));                \
        d_;                                                              \
    })
#define R1(insn, a)                                                      \
    ({                                                                   \
        uint32_t d_;                                                     \
        __asm__ volatile(INSN_PRE insn " %0, %1" INSN_POST               \
                         : "=r"(d_)                                      \
                         : "r"((uint32_t)(a)));                          \
        d_;                                                              \
    })

/* Checks that the last exception recorded by exc_record_skip has the
 * given ExcCode and EPC, and that exactly `count` were recorded. */
static inline void check_exc(const char *what, unsigned count,
                             unsigned exccode, uint32_t epc)
{
    check_eqf(count, exc_last.count, "%s: exception count", what);
    check_eqf(exccode, CAUSE_EXCCODE(exc_last.cause), "%s: ExcCode", what);
    check_eqf(epc, exc_last.epc, "%s: EPC", what);
}

#endif
