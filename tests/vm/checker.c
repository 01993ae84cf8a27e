/*
 * checker.c - the victim half of the VM isolation test: a guest that
 * fills all the RAM it does not use with magic words (vmlib.h: top 20
 * bits 0xD15C0, low 12 bits a hash of the word's physical address), then
 * re-verifies every one of them, round after round, while another VM
 * (tests/vm/walker.c) writes everywhere it can.
 *
 * Its RAM size is the YAMON environment's "memsize" (bytes), which the
 * boot ROM passes in envp (src/dev/malta.c, malta_setup_boot); without
 * it, 32 MB is assumed and said.  It fills physical 0x1000 up to its
 * image (page 0 holds the exception vectors; the YAMON environment at
 * 0x2000 is read before it is overwritten) and from the end of its image
 * and stacks (__end) up to memsize, through kseg0.
 *
 * -append takes "rounds=N" (default 20) and "spin=N" (default 1000000):
 * the number of verification rounds, and the iterations of an empty loop
 * (about 3 instructions each) before each round, which stretch the run
 * so that it overlaps the walker's whole run under the monitor.
 *
 * Prints "checker: OK rounds=R words=W" and exits 0, or
 * "checker: CORRUPT at pa=..." and exits 1; 2 on an exception.
 */
#include <stdint.h>

#include "exc.h"
#include "malta.h"
#include "vmlib.h"

extern char _start[], __end[];

#define PAGE 0x1000u
#define DEFAULT_RAM (32u << 20)
#define DEFAULT_ROUNDS 20
#define DEFAULT_SPIN 1000000

struct region {
    uint32_t lo, hi;   /* physical, word-aligned, lo <= hi */
};

static void unexpected(struct exc_frame *f)
{
    vm_unexpected("checker", f);
}

static void fill(const struct region *r)
{
    volatile uint32_t *p = (volatile uint32_t *)KSEG0(r->lo);
    for (uint32_t pa = r->lo; pa < r->hi; pa += 4)
        *p++ = vm_magic_word(pa);
}

/* The physical address of the first wrong word, or 0 when all hold.
 * Within a 16 KB chunk, pa >> 14 and pa >> 26 are constant, so
 * vm_magic_word(pa) is a constant XOR the word index (pa >> 2) & 0xfff:
 * about 6 instructions a word instead of 14. */
static uint32_t verify(const struct region *r, uint32_t *got)
{
    for (uint32_t pa = r->lo; pa < r->hi;) {
        uint32_t end = (pa | 0x3fffu) + 1;
        if (end > r->hi || end == 0)
            end = r->hi;
        uint32_t idx = (pa >> 2) & 0xfffu;
        uint32_t base = vm_magic_word(pa) ^ idx;
        const volatile uint32_t *p = (const volatile uint32_t *)KSEG0(pa);
        const volatile uint32_t *e = (const volatile uint32_t *)KSEG0(end);
        for (; p < e; p++, idx++) {
            uint32_t w = *p;
            if (w != (base ^ idx)) {
                *got = w;
                return (uint32_t)(uintptr_t)p - KSEG0_BASE;
            }
        }
        pa = end;
    }
    return 0;
}

static void spin(uint32_t n)
{
    for (uint32_t i = 0; i < n; i++)
        __asm__ volatile("");
}

int main(int argc, char **argv, char **envp)
{
    const char *append = argc > 1 ? argv[1] : 0;
    uint32_t rounds = vm_arg_u32(append, "rounds", DEFAULT_ROUNDS);
    uint32_t spins = vm_arg_u32(append, "spin", DEFAULT_SPIN);
    const char *ms = yamon_getenv(envp, "memsize");
    uint32_t ram = DEFAULT_RAM;
    int ok = 0;

    exc_set_handler(unexpected);
    exc_set_refill_handler(unexpected);
    if (ms)
        ram = vm_parse_u32(ms, &ok);
    if (!ok) {
        ram = DEFAULT_RAM;
        uhi_printf("checker: no memsize in the YAMON environment: "
                   "assuming %u MB\n", ram >> 20);
    }
    if (ram > 0x10000000u)   /* kseg0 reaches the 256 MB low RAM window */
        ram = 0x10000000u;
    ram &= ~3u;

    uint32_t img_lo = (uint32_t)(uintptr_t)_start - KSEG0_BASE;
    uint32_t img_hi = ((uint32_t)(uintptr_t)__end - KSEG0_BASE + 3) & ~3u;
    struct region regs[2] = {
        {PAGE, img_lo < ram ? img_lo : ram},
        {img_hi < ram ? img_hi : ram, ram},
    };
    uint32_t words = 0;
    for (unsigned i = 0; i < 2; i++)
        words += (regs[i].hi - regs[i].lo) / 4;

    uhi_printf("checker: memsize %u, filling 0x%08x..0x%08x and "
               "0x%08x..0x%08x (%u words), %u rounds\n",
               ram, regs[0].lo, regs[0].hi, regs[1].lo, regs[1].hi, words,
               rounds);
    for (unsigned i = 0; i < 2; i++)
        fill(&regs[i]);

    for (uint32_t round = 1; round <= rounds; round++) {
        spin(spins);
        for (unsigned i = 0; i < 2; i++) {
            uint32_t got = 0, pa = verify(&regs[i], &got);
            if (pa) {
                uhi_printf("checker: CORRUPT at pa=0x%08x: expected "
                           "0x%08x got 0x%08x (round %u)\n",
                           pa, vm_magic_word(pa), got, round);
                uhi_exit(1);
            }
        }
    }
    uhi_printf("checker: OK rounds=%u words=%u\n", rounds, words);
    uhi_exit(0);
}
