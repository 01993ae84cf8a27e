/*
 * muldiv.c - guest test of the multiply/divide unit (MIPS32 Vol. II):
 * MULT/MULTU, DIV/DIVU (signs of quotient and remainder; divide by zero
 * does not trap -- its result is UNPREDICTABLE and not checked), MADD/
 * MADDU/MSUB/MSUBU accumulating into HI:LO with carries across the 32-bit
 * halves, MUL (rd only: HI/LO are UNPREDICTABLE after it), and MFHI/
 * MFLO/MTHI/MTLO.
 */
#include <stdint.h>

#include "check.h"
#include "exc.h"
#include "insn.h"

struct hilo {
    uint32_t hi, lo;
};

/* insn rs, rt with HI:LO preset to hi:lo; returns the new HI:LO. */
#define HILO(insn, a, b, hi0, lo0)                                       \
    ({                                                                   \
        struct hilo r_;                                                  \
        __asm__ volatile("mthi %2\n\tmtlo %3\n\t" insn " %4, %5\n\t"     \
                         "mfhi %0\n\tmflo %1"                            \
                         : "=&r"(r_.hi), "=&r"(r_.lo)                    \
                         : "r"((uint32_t)(hi0)), "r"((uint32_t)(lo0)),   \
                           "r"((uint32_t)(a)), "r"((uint32_t)(b)));      \
        r_;                                                              \
    })

static void check_hilo(const char *what, uint32_t hi, uint32_t lo,
                       struct hilo got)
{
    check_eqf(hi, got.hi, "%s: HI", what);
    check_eqf(lo, got.lo, "%s: LO", what);
}

int main(void)
{
    struct hilo r;

    check_start("muldiv");

    r = HILO("mult", 0x12345678, 0x9abcdef0, 0, 0);
    check_hilo("mult 0x12345678*0x9abcdef0 (signed)", 0xf8cc93d6, 0x242d2080, r);
    r = HILO("multu", 0x12345678, 0x9abcdef0, 0, 0);
    check_hilo("multu 0x12345678*0x9abcdef0", 0x0b00ea4e, 0x242d2080, r);
    r = HILO("mult", -1, -1, 0, 0);
    check_hilo("mult -1*-1", 0, 1, r);
    r = HILO("multu", 0xffffffff, 0xffffffff, 0, 0);
    check_hilo("multu 0xffffffff^2", 0xfffffffe, 1, r);
    r = HILO("mult", 0x80000000, 0x80000000, 0, 0);
    check_hilo("mult 0x80000000^2", 0x40000000, 0, r);
    r = HILO("mult", 0x80000000, 1, 0, 0);
    check_hilo("mult 0x80000000*1 sign-extends", 0xffffffff, 0x80000000, r);

    r = HILO("div $0,", 7, 2, 0, 0);
    check_hilo("div 7/2", 1, 3, r);
    r = HILO("div $0,", -7, 2, 0, 0);
    check_hilo("div -7/2 rounds toward zero", (uint32_t)-1, (uint32_t)-3, r);
    r = HILO("div $0,", 7, -2, 0, 0);
    check_hilo("div 7/-2", 1, (uint32_t)-3, r);
    r = HILO("div $0,", -7, -2, 0, 0);
    check_hilo("div -7/-2", (uint32_t)-1, 3, r);
    r = HILO("divu $0,", 0xfffffff9, 2, 0, 0);
    check_hilo("divu 0xfffffff9/2", 1, 0x7ffffffc, r);
    r = HILO("divu $0,", 5, 0x80000000, 0, 0);
    check_hilo("divu 5/0x80000000", 5, 0, r);

    /* Division by zero and 0x80000000/-1: no exception; the results are
     * UNPREDICTABLE (not checked). */
    exc_set_handler(exc_record_skip);
    exc_record_reset();
    (void)HILO("div $0,", 1, 0, 0, 0);
    (void)HILO("divu $0,", 1, 0, 0, 0);
    (void)HILO("div $0,", 0x80000000, -1, 0, 0);
    check_eq("div/divu by zero and 0x80000000/-1 take no exception", 0,
             exc_last.count);
    exc_set_handler(0);

    r = HILO("madd", 2, 3, 0x00000001, 0xfffffffe);
    check_hilo("madd carries into HI", 0x00000002, 0x00000004, r);
    r = HILO("madd", -1, 1, 0x00000000, 0x00000000);
    check_hilo("madd negative product", 0xffffffff, 0xffffffff, r);
    r = HILO("maddu", 0xffffffff, 0xffffffff, 0x00000001, 0x00000001);
    check_hilo("maddu", 0xffffffff, 0x00000002, r);
    r = HILO("msub", 2, 3, 0x00000001, 0x00000002);
    check_hilo("msub borrows from HI", 0x00000000, 0xfffffffc, r);
    r = HILO("msub", -2, 3, 0, 0);
    check_hilo("msub negative product", 0, 6, r);
    r = HILO("msubu", 0xffffffff, 2, 0xffffffff, 0xffffffff);
    check_hilo("msubu", 0xfffffffe, 0x00000001, r);

    check_eq("mul low 32 bits", 0x242d2080, R3("mul", 0x12345678, 0x9abcdef0));
    check_eq("mul -3*5", (uint32_t)-15, R3("mul", -3, 5));

    {
        uint32_t hi, lo;
        __asm__ volatile("mthi %2\n\tmtlo %3\n\tmfhi %0\n\tmflo %1"
                         : "=&r"(hi), "=&r"(lo)
                         : "r"(0xcafe0001), "r"(0xbeef0002));
        check_eq("mthi/mfhi", 0xcafe0001, hi);
        check_eq("mtlo/mflo", 0xbeef0002, lo);
    }

    return check_done();
}
