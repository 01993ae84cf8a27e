/*
 * loadstore.c - guest test of the MIPS32 loads and stores on a little-
 * endian CPU (MIPS32 Vol. II): LB/LBU/LH/LHU/LW and SB/SH/SW (sign and
 * zero extension, byte order), LWL/LWR/SWL/SWR at every alignment and as
 * unaligned pairs, and LL/SC: an SC after its LL succeeds (rt = 1, memory
 * written), an SC after an ERET fails (rt = 0, memory unchanged: ERET
 * clears LLbit: LL, SC and ERET in Vol. II).
 */
#include <stdint.h>

#include "check.h"
#include "exc.h"
#include "insn.h"

static volatile uint32_t buf[4] __attribute__((aligned(16)));

#define LOAD(insn, addr)                                                 \
    ({                                                                   \
        uint32_t d_;                                                     \
        __asm__ volatile(insn " %0, 0(%1)" : "=r"(d_) : "r"(addr) : "memory"); \
        d_;                                                              \
    })
#define STORE(insn, v, addr)                                             \
    __asm__ volatile(insn " %0, 0(%1)" : : "r"(v), "r"(addr) : "memory")
/* LWL/LWR merge into rt: preset it. */
#define LOADMERGE(insn, rt0, addr)                                       \
    ({                                                                   \
        uint32_t d_ = (rt0);                                             \
        __asm__ volatile(insn " %0, 0(%1)" : "+r"(d_) : "r"(addr) : "memory"); \
        d_;                                                              \
    })

static void plain(void)
{
    volatile uint8_t *b = (volatile uint8_t *)buf;

    buf[0] = 0x8382817f;
    buf[1] = 0x44332211;
    check_eq("lb sign-extends", 0xffffff81, LOAD("lb", b + 1));
    check_eq("lb positive", 0x0000007f, LOAD("lb", b + 0));
    check_eq("lbu zero-extends", 0x00000083, LOAD("lbu", b + 3));
    check_eq("lh sign-extends", 0xffff8382, LOAD("lh", b + 2));
    check_eq("lh positive", 0x00002211, LOAD("lh", b + 4));
    check_eq("lhu zero-extends", 0x0000817f, LOAD("lhu", b + 0));
    check_eq("lw little-endian", 0x44332211, LOAD("lw", b + 4));

    buf[2] = 0;
    STORE("sb", 0xaabbccdd, b + 8);
    STORE("sb", 0x11223344, b + 11);
    check_eq("sb stores the low byte at its address", 0x440000dd, buf[2]);
    STORE("sh", 0x1234beef, b + 10);
    check_eq("sh stores the low halfword", 0xbeef00dd, buf[2]);
    STORE("sw", 0xcafef00d, b + 12);
    check_eq("sw", 0xcafef00d, buf[3]);
    check_eq("lbu of a stored word's byte 3", 0xca, LOAD("lbu", b + 15));
}

/* Expected results for memory word 0x44332211 (bytes 11 22 33 44) and
 * rt = 0xaabbccdd, by byte offset 0..3 (little-endian). */
static const uint32_t lwl_want[4] = {0x11bbccdd, 0x2211ccdd, 0x332211dd,
                                     0x44332211};
static const uint32_t lwr_want[4] = {0x44332211, 0xaa443322, 0xaabb4433,
                                     0xaabbcc44};
static const uint32_t swl_want[4] = {0x443322aa, 0x4433aabb, 0x44aabbcc,
                                     0xaabbccdd};
static const uint32_t swr_want[4] = {0xaabbccdd, 0xbbccdd11, 0xccdd2211,
                                     0xdd332211};

static void partial(void)
{
    volatile uint8_t *b = (volatile uint8_t *)buf;

    for (int i = 0; i < 4; i++) {
        buf[0] = 0x44332211;
        check_eqf(lwl_want[i], LOADMERGE("lwl", 0xaabbccdd, b + i),
                  "lwl at offset %d", i);
        check_eqf(lwr_want[i], LOADMERGE("lwr", 0xaabbccdd, b + i),
                  "lwr at offset %d", i);
        STORE("swl", 0xaabbccdd, b + i);
        check_eqf(swl_want[i], buf[0], "swl at offset %d", i);
        buf[0] = 0x44332211;
        STORE("swr", 0xaabbccdd, b + i);
        check_eqf(swr_want[i], buf[0], "swr at offset %d", i);
    }

    /* Unaligned word access as a pair: LWR at a, LWL at a + 3. */
    buf[0] = 0x44332211;
    buf[1] = 0x88776655;
    static const uint32_t pair_want[4] = {0x44332211, 0x55443322, 0x66554433,
                                          0x77665544};
    for (int i = 0; i < 4; i++) {
        uint32_t d = 0;
        __asm__ volatile("lwr %0, 0(%1)\n\tlwl %0, 3(%1)"
                         : "+r"(d) : "r"(b + i) : "memory");
        check_eqf(pair_want[i], d, "lwr/lwl pair loads the word at offset %d", i);
    }
    for (int i = 0; i < 4; i++) {
        buf[0] = 0;
        buf[1] = 0;
        __asm__ volatile("swr %0, 0(%1)\n\tswl %0, 3(%1)"
                         : : "r"(0xa1b2c3d4), "r"(b + i) : "memory");
        uint32_t lo = buf[0], hi = buf[1];
        uint32_t got_word = i ? (lo >> (8 * i)) | (hi << (32 - 8 * i)) : lo;
        check_eqf(0xa1b2c3d4, got_word,
                  "swr/swl pair stores the word at offset %d", i);
        check_eqf(0, i ? lo & ((1u << (8 * i)) - 1) : 0,
                  "swr/swl pair at offset %d keeps the bytes before", i);
    }
}

static void llsc(void)
{
    uint32_t old, ok;

    buf[0] = 100;
    __asm__ volatile("ll %0, 0(%2)\n\t"
                     "addiu %1, %0, 1\n\t"
                     "sc %1, 0(%2)"
                     : "=&r"(old), "=&r"(ok) : "r"(&buf[0]) : "memory");
    check_eq("ll loads", 100, old);
    check_eq("sc after ll succeeds (rt = 1)", 1, ok);
    check_eq("sc after ll writes memory", 101, buf[0]);

    /* An exception between LL and SC: the handler's ERET clears LLbit. */
    exc_set_handler(exc_record_skip);
    exc_record_reset();
    buf[0] = 200;
    __asm__ volatile("ll %0, 0(%2)\n\t"
                     "li %1, 7\n\t"
                     "syscall\n\t"
                     "sc %1, 0(%2)"
                     : "=&r"(old), "=&r"(ok) : "r"(&buf[0]) : "memory");
    exc_set_handler(0);
    check_eq("syscall between ll and sc was taken", 1, exc_last.count);
    check_eq("sc after eret fails (rt = 0)", 0, ok);
    check_eq("sc after eret leaves memory unchanged", 200, buf[0]);

    /* A new LL re-arms it. */
    __asm__ volatile("ll %0, 0(%2)\n\t"
                     "li %1, 300\n\t"
                     "sc %1, 0(%2)"
                     : "=&r"(old), "=&r"(ok) : "r"(&buf[0]) : "memory");
    check_eq("a new ll/sc succeeds", 1, ok);
    check_eq("a new ll/sc writes memory", 300, buf[0]);
}

int main(void)
{
    check_start("loadstore");
    plain();
    partial();
    llsc();
    return check_done();
}
