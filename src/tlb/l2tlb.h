/*
 * l2tlb.h - the monitor's second-level software TLB (Disco, SOSP 1997,
 * section 4.2.2: "virtual machines appear to have much larger TLBs").
 *
 * One per VCPU.  It caches VA -> machine-address translations of 4 KB
 * page pairs (the hardware TLB's smallest entry), tagged with the guest's
 * ASID or marked global, including translations the guest's own TLB has
 * since evicted with TLBWR.  The monitor consults it on every hardware
 * TLB miss before it reflects the miss to the guest.
 *
 * It must never serve a translation the guest believes gone; the monitor
 * drops entries (l2tlb_drop_range, l2tlb_flush) whenever the guest
 * invalidates, overwrites or flushes them, and when a machine page is
 * taken away (l2tlb_drop_machine_page).
 *
 * Organisation: set-associative (L2TLB_WAYS ways), the set chosen by a
 * hash of the pair's VPN2 and the ASID (global entries hash with ASID 0);
 * replacement is round-robin per set, so its behaviour depends only on the
 * sequence of operations: runs are deterministic.
 */
#ifndef DISCO_L2TLB_H
#define DISCO_L2TLB_H

#include <stdbool.h>
#include <stdint.h>

#define L2TLB_WAYS 4
#define L2TLB_DEFAULT_ENTRIES 1024

struct l2tlb_entry {
    uint32_t vpn2;   /* va >> 13: the 8 KB-aligned pair of 4 KB pages */
    uint8_t asid;    /* ignored when global */
    bool global;
    bool valid;      /* slot in use */
    uint32_t lo[2];  /* EntryLo of the even and odd 4 KB page, PFN = machine page */
};

/* lookups: l2tlb_lookup calls (also while off); hits: those that found an
 * entry; inserts: entries stored; drops: entries removed by the drop
 * functions or by an insert replacing what it matches (not round-robin
 * evictions, not flushes); flushes: l2tlb_flush calls. */
struct l2tlb_stats {
    uint64_t lookups, hits, inserts, drops, flushes;
};

struct l2tlb {
    unsigned nsets;              /* 0: the L2TLB is off (every lookup misses) */
    struct l2tlb_entry *entry;   /* nsets * L2TLB_WAYS */
    uint8_t *next_victim;        /* per set: the way the next insert replaces */
    struct l2tlb_stats stats;
};

/* entries: rounded down to a power of two multiple of L2TLB_WAYS; 0 turns
 * the L2TLB off.  Returns false when out of memory. */
bool l2tlb_init(struct l2tlb *t, unsigned entries);
void l2tlb_destroy(struct l2tlb *t);
static inline bool l2tlb_enabled(const struct l2tlb *t) { return t->nsets != 0; }
/* Capacity in entries. */
unsigned l2tlb_capacity(const struct l2tlb *t);
/* Entries in use. */
unsigned l2tlb_count(const struct l2tlb *t);

/* The entry for va's pair under asid (a global entry matches any asid). */
bool l2tlb_lookup(struct l2tlb *t, uint32_t va, uint8_t asid, struct l2tlb_entry *out);
/* The same without counting it (the monitor's own bookkeeping). */
bool l2tlb_peek(const struct l2tlb *t, uint32_t va, uint8_t asid, struct l2tlb_entry *out);
/* Adds e, first dropping whatever it would match (same pair, and same
 * ASID, or either one global). */
void l2tlb_insert(struct l2tlb *t, const struct l2tlb_entry *e);
/* The same; when a full set made it replace a valid entry, returns true
 * and copies that entry to *evicted (if not NULL). */
bool l2tlb_insert_evict(struct l2tlb *t, const struct l2tlb_entry *e, struct l2tlb_entry *evicted);
/* Drops every entry whose pair overlaps [va, va + size) and whose ASID is
 * asid or which is global; with all_asids, whatever its ASID.  Returns how
 * many were dropped. */
unsigned l2tlb_drop_range(struct l2tlb *t, uint32_t va, uint32_t size, uint8_t asid,
                          bool all_asids);
/* Drops every entry with a half mapping machine page mpfn (addr >> 12). */
unsigned l2tlb_drop_machine_page(struct l2tlb *t, uint32_t mpfn);
void l2tlb_flush(struct l2tlb *t);
/* Calls fn for each entry in use (for the debugger's l2tlb dump). */
void l2tlb_foreach(const struct l2tlb *t, void (*fn)(void *opaque, const struct l2tlb_entry *e),
                   void *opaque);

#endif
