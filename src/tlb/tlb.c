/*
 * tlb.c - the R4000-style joint TLB (MIPS32 Vol. III, 4.2 - 4.4 and the
 * TLBP/TLBR/TLBWI/TLBWR instruction pages).
 *
 * Every entry maps a pair of pages (even and odd) of 4 KB << 2k each.  A
 * VA matches an entry when the VPN2 bits not masked by PageMask agree and
 * either the entry is global or its ASID is the current one.
 */
#include "tlb/tlb.h"

#include <string.h>

/* EntryHi value of an entry that can never match (see tlb_flush). */
#define TLB_UNUSED_HI(i) (0x80000000u + ((uint32_t)(i) << 13))

static void tlb_derive(struct tlb_entry *e)
{
    uint32_t mask = e->pagemask & PAGEMASK_MASK;
    e->vpn2_cmp = ~(mask | 0x1fffu);
    /* The even/odd select bit is the lowest bit above the page offset. */
    e->odd_bit = (mask | 0x1fffu) ^ ((mask | 0x1fffu) >> 1);
    e->global = (e->lo[0] & e->lo[1] & ENTRYLO_G) != 0;
}

void tlb_init(struct tlb *tlb, unsigned nentries)
{
    if (nentries < 1)
        nentries = 1;
    if (nentries > TLB_MAX_ENTRIES)
        nentries = TLB_MAX_ENTRIES;
    memset(tlb, 0, sizeof *tlb);
    tlb->nentries = nentries;
    tlb_flush(tlb);
}

/*
 * Make every entry harmless, as Linux's local_flush_tlb_all does: each
 * gets a distinct kseg0 VPN2 (unmapped, so it never matches a mapped
 * access) and invalid halves.
 */
void tlb_flush(struct tlb *tlb)
{
    for (unsigned i = 0; i < tlb->nentries; i++)
        tlb_write(tlb, i, TLB_UNUSED_HI(i), 0, 0, 0);
}

void tlb_write(struct tlb *tlb, unsigned index, uint32_t entryhi,
               uint32_t pagemask, uint32_t lo0, uint32_t lo1)
{
    struct tlb_entry *e = &tlb->entry[index % tlb->nentries];
    uint32_t mask = pagemask & PAGEMASK_MASK;
    e->pagemask = mask;
    /* VPN2 bits covered by the mask are not stored. */
    e->entryhi = entryhi & ((ENTRYHI_VPN2_MASK & ~mask) | ENTRYHI_ASID_MASK);
    e->lo[0] = lo0 & ENTRYLO_WRITE_MASK;
    e->lo[1] = lo1 & ENTRYLO_WRITE_MASK;
    tlb_derive(e);
}

void tlb_read(const struct tlb *tlb, unsigned index, uint32_t *entryhi,
              uint32_t *pagemask, uint32_t *lo0, uint32_t *lo1)
{
    const struct tlb_entry *e = &tlb->entry[index % tlb->nentries];
    uint32_t g = e->global ? ENTRYLO_G : 0;
    *entryhi = e->entryhi;
    *pagemask = e->pagemask;
    /* The G bit is stored once per entry: both halves read it back. */
    *lo0 = (e->lo[0] & ~ENTRYLO_G) | g;
    *lo1 = (e->lo[1] & ~ENTRYLO_G) | g;
}

static bool tlb_matches(const struct tlb_entry *e, uint32_t va, uint8_t asid)
{
    if (((e->entryhi ^ va) & e->vpn2_cmp) != 0)
        return false;
    return e->global || (e->entryhi & ENTRYHI_ASID_MASK) == asid;
}

int tlb_probe(const struct tlb *tlb, uint32_t entryhi)
{
    uint8_t asid = entryhi & ENTRYHI_ASID_MASK;
    for (unsigned i = 0; i < tlb->nentries; i++)
        if (tlb_matches(&tlb->entry[i], entryhi & ENTRYHI_VPN2_MASK, asid))
            return (int)i;
    return -1;
}

enum tlb_result tlb_lookup(const struct tlb *tlb, uint32_t va, uint8_t asid,
                           bool store, struct tlb_hit *hit)
{
    for (unsigned i = 0; i < tlb->nentries; i++) {
        const struct tlb_entry *e = &tlb->entry[i];
        if (!tlb_matches(e, va, asid))
            continue;
        uint32_t lo = e->lo[(va & e->odd_bit) ? 1 : 0];
        if (!(lo & ENTRYLO_V))
            return TLB_INVALID;
        if (store && !(lo & ENTRYLO_D))
            return TLB_MODIFIED;
        uint32_t size = e->odd_bit;
        uint32_t offset = va & (size - 1);
        uint32_t frame = ((lo & ENTRYLO_PFN_MASK) >> ENTRYLO_PFN_SHIFT) << 12;
        /* A large page's frame is aligned to its size: low PFN bits ignored. */
        frame &= ~(size - 1);
        hit->pa = frame | offset;
        hit->page_base = va & ~(size - 1);
        hit->page_size = size;
        hit->index = i;
        hit->cache = (lo & ENTRYLO_C_MASK) >> ENTRYLO_C_SHIFT;
        hit->dirty = (lo & ENTRYLO_D) != 0;
        return TLB_HIT;
    }
    return TLB_REFILL;
}

void tlb_entry_range(const struct tlb_entry *e, uint32_t *start,
                     uint32_t *size)
{
    *size = e->odd_bit * 2;
    *start = e->entryhi & ENTRYHI_VPN2_MASK & ~(*size - 1);
}

/*
 * A counter that moves one step per cycle, as the R4000's did, falls into
 * lockstep with a refill handler of fixed length: with 4 or 8 entries
 * Linux's handler kept evicting the entry it had just written and never
 * got out.  Real hardware is saved by cache misses and stalls; disco's
 * time is exact, so the cycle count is scrambled instead (still a pure
 * function of it, so runs stay deterministic).  The manual only promises
 * a value in [Wired, N-1], and N-1 right after Wired is written.
 */
unsigned tlb_random(const struct tlb *tlb, uint64_t cycles_since_wired)
{
    unsigned top = tlb->nentries - 1;
    if (tlb->wired >= top || cycles_since_wired == 0)
        return top;
    unsigned span = tlb->nentries - tlb->wired;
    uint64_t x = cycles_since_wired * 0x9e3779b97f4a7c15ull;
    x ^= x >> 29;
    return top - (unsigned)((x >> 32) % span);
}

void tlb_set_wired(struct tlb *tlb, unsigned wired)
{
    tlb->wired = wired < tlb->nentries ? wired : tlb->nentries - 1;
}
