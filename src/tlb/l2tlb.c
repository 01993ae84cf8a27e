/*
 * l2tlb.c - the monitor's second-level software TLB (see l2tlb.h).
 *
 * A table of nsets * L2TLB_WAYS entries; set s holds entry[s * WAYS ..
 * s * WAYS + WAYS - 1].  An entry for (vpn2, asid) lives in the set
 * l2tlb_set(vpn2, asid), a global one in l2tlb_set(vpn2, 0), so a lookup
 * looks in at most two sets.  At most one entry matches any (va, asid):
 * l2tlb_insert drops whatever the new entry would match first.
 *
 * Replacement: an insert takes the lowest free way of its set, or else
 * the set's round-robin victim; either way the victim pointer moves to the
 * way after the one filled.  Nothing depends on time or chance.
 *
 * Drops that cannot name their sets (every ASID, or a machine page) scan
 * the whole table; they are rare (flushes, ASID reuse, page migration).
 */
#include "tlb/l2tlb.h"

#include "tlb/tlb.h"

#include <stdlib.h>
#include <string.h>

#define L2TLB_NASIDS 256u

/*
 * The set of (vpn2, asid).  The xor-shift folds the high VA bits and the
 * ASID into the low bits, and is a bijection on the low bits of VPN2s
 * within an aligned block: nsets consecutive aligned pairs of one ASID
 * fall in nsets different sets.
 */
static unsigned l2tlb_set(const struct l2tlb *t, uint32_t vpn2, uint8_t asid)
{
    uint32_t x = vpn2 ^ ((uint32_t)asid * 0x9e3779b1u);
    x ^= x >> 15;
    return x & (t->nsets - 1);
}

static struct l2tlb_entry *l2tlb_way(struct l2tlb *t, unsigned set, unsigned way)
{
    return &t->entry[(size_t)set * L2TLB_WAYS + way];
}

static void l2tlb_kill(struct l2tlb *t, struct l2tlb_entry *e)
{
    memset(e, 0, sizeof *e);
    t->stats.drops++;
}

bool l2tlb_init(struct l2tlb *t, unsigned entries)
{
    memset(t, 0, sizeof *t);
    if (entries == 0)
        return true;
    unsigned want = entries / L2TLB_WAYS;
    unsigned nsets = 1;
    while (nsets <= want / 2)
        nsets *= 2;
    t->entry = calloc((size_t)nsets * L2TLB_WAYS, sizeof *t->entry);
    t->next_victim = calloc(nsets, sizeof *t->next_victim);
    if (!t->entry || !t->next_victim) {
        l2tlb_destroy(t);
        return false;
    }
    t->nsets = nsets;
    return true;
}

void l2tlb_destroy(struct l2tlb *t)
{
    free(t->entry);
    free(t->next_victim);
    memset(t, 0, sizeof *t);
}

unsigned l2tlb_capacity(const struct l2tlb *t)
{
    return t->nsets * L2TLB_WAYS;
}

unsigned l2tlb_count(const struct l2tlb *t)
{
    unsigned n = 0;
    for (size_t i = 0; i < (size_t)t->nsets * L2TLB_WAYS; i++)
        n += t->entry[i].valid;
    return n;
}

/* The entry of set that matches (vpn2, asid), or NULL. */
static struct l2tlb_entry *l2tlb_find(struct l2tlb *t, unsigned set, uint32_t vpn2,
                                      uint8_t asid)
{
    for (unsigned w = 0; w < L2TLB_WAYS; w++) {
        struct l2tlb_entry *e = l2tlb_way(t, set, w);
        if (e->valid && e->vpn2 == vpn2 && (e->global || e->asid == asid))
            return e;
    }
    return NULL;
}

bool l2tlb_lookup(struct l2tlb *t, uint32_t va, uint8_t asid, struct l2tlb_entry *out)
{
    t->stats.lookups++;
    if (!t->nsets)
        return false;
    uint32_t vpn2 = va >> 13;
    struct l2tlb_entry *e = l2tlb_find(t, l2tlb_set(t, vpn2, asid), vpn2, asid);
    if (!e && asid != 0)
        e = l2tlb_find(t, l2tlb_set(t, vpn2, 0), vpn2, asid);
    if (!e)
        return false;
    t->stats.hits++;
    if (out)
        *out = *e;
    return true;
}

bool l2tlb_peek(const struct l2tlb *t, uint32_t va, uint8_t asid, struct l2tlb_entry *out)
{
    if (!t->nsets)
        return false;
    uint32_t vpn2 = va >> 13;
    struct l2tlb *mt = (struct l2tlb *)t; /* l2tlb_find does not modify */
    struct l2tlb_entry *e = l2tlb_find(mt, l2tlb_set(t, vpn2, asid), vpn2, asid);
    if (!e && asid != 0)
        e = l2tlb_find(mt, l2tlb_set(t, vpn2, 0), vpn2, asid);
    if (e && out)
        *out = *e;
    return e != NULL;
}

/* Drops the entries of set for pair vpn2 that match asid (or any ASID
 * with all_asids); global entries match every ASID. */
static unsigned l2tlb_drop_in_set(struct l2tlb *t, unsigned set, uint32_t vpn2,
                                  uint8_t asid, bool all_asids)
{
    unsigned n = 0;
    for (unsigned w = 0; w < L2TLB_WAYS; w++) {
        struct l2tlb_entry *e = l2tlb_way(t, set, w);
        if (e->valid && e->vpn2 == vpn2 && (all_asids || e->global || e->asid == asid)) {
            l2tlb_kill(t, e);
            n++;
        }
    }
    return n;
}

/* Drops every entry for pair vpn2, whatever its ASID. */
static unsigned l2tlb_drop_pair_all(struct l2tlb *t, uint32_t vpn2)
{
    unsigned n = 0;
    if (t->nsets <= L2TLB_NASIDS) {
        for (unsigned s = 0; s < t->nsets; s++)
            n += l2tlb_drop_in_set(t, s, vpn2, 0, true);
    } else {
        /* Two ASIDs may share a set: the second pass finds nothing. */
        for (unsigned a = 0; a < L2TLB_NASIDS; a++)
            n += l2tlb_drop_in_set(t, l2tlb_set(t, vpn2, (uint8_t)a), vpn2, 0, true);
    }
    return n;
}

void l2tlb_insert(struct l2tlb *t, const struct l2tlb_entry *e)
{
    l2tlb_insert_evict(t, e, NULL);
}

bool l2tlb_insert_evict(struct l2tlb *t, const struct l2tlb_entry *e, struct l2tlb_entry *evicted)
{
    if (!t->nsets)
        return false;
    uint8_t asid = e->global ? 0 : e->asid;
    if (e->global) {
        l2tlb_drop_pair_all(t, e->vpn2);
    } else {
        l2tlb_drop_in_set(t, l2tlb_set(t, e->vpn2, asid), e->vpn2, asid, false);
        if (asid != 0)
            l2tlb_drop_in_set(t, l2tlb_set(t, e->vpn2, 0), e->vpn2, asid, false);
    }

    unsigned set = l2tlb_set(t, e->vpn2, asid);
    unsigned way = t->next_victim[set];
    for (unsigned w = 0; w < L2TLB_WAYS; w++) {
        if (!l2tlb_way(t, set, w)->valid) {
            way = w;
            break;
        }
    }
    struct l2tlb_entry *slot = l2tlb_way(t, set, way);
    bool replaced = slot->valid;
    if (replaced && evicted)
        *evicted = *slot;
    *slot = *e;
    slot->valid = true;
    t->next_victim[set] = (uint8_t)((way + 1) % L2TLB_WAYS);
    t->stats.inserts++;
    return replaced;
}

unsigned l2tlb_drop_range(struct l2tlb *t, uint32_t va, uint32_t size, uint8_t asid,
                          bool all_asids)
{
    if (!t->nsets || size == 0)
        return 0;
    uint64_t end = (uint64_t)va + size; /* exclusive; may be 2^32 + ... */
    if (end > 0x100000000ull)
        end = 0x100000000ull;
    uint32_t first = va >> 13;
    uint32_t last = (uint32_t)((end - 1) >> 13);
    uint64_t npairs = (uint64_t)last - first + 1;
    uint64_t sets_per_pair = all_asids ? L2TLB_NASIDS : 2;
    unsigned n = 0;

    if (npairs * sets_per_pair >= t->nsets) {
        /* Cheaper to look at every entry once. */
        for (size_t i = 0; i < (size_t)t->nsets * L2TLB_WAYS; i++) {
            struct l2tlb_entry *e = &t->entry[i];
            if (e->valid && e->vpn2 >= first && e->vpn2 <= last &&
                (all_asids || e->global || e->asid == asid)) {
                l2tlb_kill(t, e);
                n++;
            }
        }
        return n;
    }
    for (uint64_t p = first; p <= last; p++) {
        uint32_t vpn2 = (uint32_t)p;
        if (all_asids) {
            n += l2tlb_drop_pair_all(t, vpn2);
        } else {
            n += l2tlb_drop_in_set(t, l2tlb_set(t, vpn2, asid), vpn2, asid, false);
            if (asid != 0)
                n += l2tlb_drop_in_set(t, l2tlb_set(t, vpn2, 0), vpn2, asid, false);
        }
    }
    return n;
}

static uint32_t l2tlb_pfn(uint32_t lo)
{
    return (lo & ENTRYLO_PFN_MASK) >> ENTRYLO_PFN_SHIFT;
}

unsigned l2tlb_drop_machine_page(struct l2tlb *t, uint32_t mpfn)
{
    unsigned n = 0;
    for (size_t i = 0; i < (size_t)t->nsets * L2TLB_WAYS; i++) {
        struct l2tlb_entry *e = &t->entry[i];
        if (e->valid && (l2tlb_pfn(e->lo[0]) == mpfn || l2tlb_pfn(e->lo[1]) == mpfn)) {
            l2tlb_kill(t, e);
            n++;
        }
    }
    return n;
}

void l2tlb_flush(struct l2tlb *t)
{
    t->stats.flushes++;
    if (!t->nsets)
        return;
    memset(t->entry, 0, (size_t)t->nsets * L2TLB_WAYS * sizeof *t->entry);
    memset(t->next_victim, 0, t->nsets * sizeof *t->next_victim);
}

void l2tlb_foreach(const struct l2tlb *t, void (*fn)(void *opaque, const struct l2tlb_entry *e),
                   void *opaque)
{
    for (size_t i = 0; i < (size_t)t->nsets * L2TLB_WAYS; i++)
        if (t->entry[i].valid)
            fn(opaque, &t->entry[i]);
}
