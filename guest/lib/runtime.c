/*
 * runtime.c - what a freestanding C program still needs: memset, memcpy,
 * memcmp (GCC may emit calls to them), and guest_init, which _start
 * calls before main to put the TLB in a known state.
 *
 * The TLB's contents after reset are undefined (MIPS32 Vol. III, "TLB
 * Initialization"); guest_init gives every entry its own VPN2 in
 * kseg0 -- an unmapped segment, so the entries never match -- with
 * V = 0, as Linux's local_flush_tlb_all does, and sets Wired = 0,
 * PageMask = 0 and EntryHi = 0 (ASID 0).
 */
#include <stddef.h>
#include <stdint.h>

#include "malta.h"

void *memset(void *d, int c, size_t n)
{
    unsigned char *p = d;
    while (n--)
        *p++ = (unsigned char)c;
    return d;
}

void *memcpy(void *d, const void *s, size_t n)
{
    unsigned char *p = d;
    const unsigned char *q = s;
    while (n--)
        *p++ = *q++;
    return d;
}

int memcmp(const void *a, const void *b, size_t n)
{
    const unsigned char *p = a, *q = b;
    for (; n; n--, p++, q++)
        if (*p != *q)
            return *p - *q;
    return 0;
}

void tlb_invalidate_all(unsigned keep)
{
    unsigned n = tlb_entries();

    for (unsigned i = keep; i < n; i++)
        tlb_write_indexed(i, KSEG0_BASE + (i << 13), PM_4K, 0, 0);
    mtc0(CP0_ENTRYHI, 0, 0);
}

void guest_init(void)
{
    mtc0(CP0_WIRED, 0, 0);
    tlb_invalidate_all(0);
    mtc0(CP0_PAGEMASK, 0, PM_4K);
    mtc0(CP0_ENTRYHI, 0, 0);
}
