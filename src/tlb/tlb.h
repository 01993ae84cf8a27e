/*
 * tlb.h - the R4000-style joint TLB as pure data and functions.
 *
 * Implements the TLB of the MIPS32 Privileged Resource Architecture
 * (MIPS32 Vol. III, chapter 4 "Virtual Memory", the "TLB-based MMU"):
 * paired even/odd pages, PageMask from 4 KB to 256 MB, 8-bit ASID,
 * G/V/D/C bits, Wired and Random.  Nothing here knows about a CPU: the
 * same code serves the hardware TLB of each emulated CPU and, later, the
 * virtual TLB of each VCPU under the monitor.
 */
#ifndef DISCO_TLB_H
#define DISCO_TLB_H

#include <stdbool.h>
#include <stdint.h>

#define TLB_MAX_ENTRIES 64
#define TLB_DEFAULT_ENTRIES 16

/* EntryHi fields */
#define ENTRYHI_VPN2_MASK 0xffffe000u
#define ENTRYHI_ASID_MASK 0x000000ffu
/* EntryLo fields */
#define ENTRYLO_G 0x00000001u
#define ENTRYLO_V 0x00000002u
#define ENTRYLO_D 0x00000004u
#define ENTRYLO_C_SHIFT 3
#define ENTRYLO_C_MASK 0x00000038u
#define ENTRYLO_PFN_SHIFT 6
#define ENTRYLO_PFN_MASK 0x03ffffc0u /* 20-bit PFN: 32-bit physical addresses */
#define ENTRYLO_WRITE_MASK 0x03ffffffu
/* PageMask: bits 28..13; only the patterns 0, 3, 0xf, ... 0xffff are legal */
#define PAGEMASK_MASK 0x1fffe000u

struct tlb_entry {
    uint32_t entryhi;  /* VPN2 and ASID, as EntryHi */
    uint32_t pagemask; /* as PageMask */
    uint32_t lo[2];    /* EntryLo0 (even page) and EntryLo1 (odd page) */
    /* derived from the above when written, to make lookups cheap */
    uint32_t vpn2_cmp; /* VA bits compared: ~(pagemask | 0x1fff) */
    uint32_t odd_bit;  /* the VA bit that selects the odd page */
    bool global;       /* G of both halves (the hardware ANDs them) */
};

struct tlb {
    unsigned nentries;
    unsigned wired;
    struct tlb_entry entry[TLB_MAX_ENTRIES];
};

enum tlb_result {
    TLB_HIT,      /* translation found, valid, and writable if asked */
    TLB_REFILL,   /* no entry matches: TLB refill exception */
    TLB_INVALID,  /* entry matches but V = 0: TLB invalid exception */
    TLB_MODIFIED, /* store to a page with D = 0: TLB modified exception */
};

struct tlb_hit {
    uint32_t pa;        /* translated physical address */
    uint32_t page_base; /* VA of the start of the (even or odd) page */
    uint32_t page_size; /* bytes: 4 KB .. 256 MB */
    unsigned index;     /* which entry matched */
    unsigned cache;     /* the C field */
    bool dirty;         /* D: stores allowed */
};

void tlb_init(struct tlb *tlb, unsigned nentries);
void tlb_flush(struct tlb *tlb);

/* TLBWI/TLBWR: write one entry from EntryHi, PageMask, EntryLo0/1 values. */
void tlb_write(struct tlb *tlb, unsigned index, uint32_t entryhi,
               uint32_t pagemask, uint32_t lo0, uint32_t lo1);
/* TLBR: read one entry back as register values (G folded into both Lo). */
void tlb_read(const struct tlb *tlb, unsigned index, uint32_t *entryhi,
              uint32_t *pagemask, uint32_t *lo0, uint32_t *lo1);
/* TLBP: the index of the entry matching EntryHi (VPN2, ASID), or -1. */
int tlb_probe(const struct tlb *tlb, uint32_t entryhi);

/* Translate a mapped-segment address for the given ASID. */
enum tlb_result tlb_lookup(const struct tlb *tlb, uint32_t va, uint8_t asid,
                           bool store, struct tlb_hit *hit);

/* VA range [*start, *start + *size) an entry maps (both halves). */
void tlb_entry_range(const struct tlb_entry *e, uint32_t *start,
                     uint32_t *size);

/*
 * Random: the index TLBWR uses.  The hardware decrements it every cycle
 * from nentries-1 down to Wired and wraps; it is reset to nentries-1 when
 * Wired is written.  Pass the cycles elapsed since that write.
 */
unsigned tlb_random(const struct tlb *tlb, uint64_t cycles_since_wired);

/* Sets Wired (clamped to nentries-1). */
void tlb_set_wired(struct tlb *tlb, unsigned wired);

#endif
