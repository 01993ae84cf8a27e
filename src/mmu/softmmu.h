/*
 * softmmu.h - the host-pointer fast path: for each CPU, a small
 * direct-mapped cache from a 4 KB guest virtual page to the host address
 * of its bytes, one table each for loads, stores and instruction fetches,
 * and one set of tables per translation regime (user, kernel, kernel with
 * ERL) so that a mode switch is a pointer change, not a flush.
 *
 * A hit costs an index, a compare and an add.  The tag is the page
 * address; an access of size s compares (va & (PAGE | (s-1))) with it, so
 * a misaligned access never hits and falls to the slow path, which raises
 * the address error.  Only RAM/ROM pages are ever entered; devices always
 * take the slow path.  Whatever changes a mapping flushes here.
 */
#ifndef DISCO_SOFTMMU_H
#define DISCO_SOFTMMU_H

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#define SOFTMMU_PAGE_BITS 12
#define SOFTMMU_PAGE_SIZE (1u << SOFTMMU_PAGE_BITS)
#define SOFTMMU_PAGE_MASK (~(SOFTMMU_PAGE_SIZE - 1))
#define SOFTMMU_BITS 8
#define SOFTMMU_ENTRIES (1u << SOFTMMU_BITS)
/* Low bits set that no page-aligned tag can have: never hits. */
#define SOFTMMU_INVALID_TAG 0xfffu

enum softmmu_kind { SOFTMMU_LOAD, SOFTMMU_STORE, SOFTMMU_FETCH, SOFTMMU_KINDS };

enum softmmu_regime {
    SOFTMMU_KERNEL,     /* kernel mode (or EXL), kuseg mapped */
    SOFTMMU_KERNEL_ERL, /* ERL = 1: kuseg is unmapped */
    SOFTMMU_USER,
    SOFTMMU_REGIMES,
};

/* 16 bytes, so an index scales by a shift and four entries share a host
 * cache line. */
struct softmmu_entry {
    uint32_t tag;       /* page VA, or SOFTMMU_INVALID_TAG */
    uintptr_t addend;   /* host address = addend + va */
};

struct softmmu_table {
    struct softmmu_entry e[SOFTMMU_KINDS][SOFTMMU_ENTRIES];
    /* beside each fetch entry: the page's decoded-instruction shadow */
    uint8_t *shadow[SOFTMMU_ENTRIES];
};

struct softmmu {
    struct softmmu_table *cur;
    struct softmmu_table table[SOFTMMU_REGIMES];
    uint64_t flushes; /* whole-cache flushes, for --stats */
};

void softmmu_init(struct softmmu *m);
void softmmu_flush_all(struct softmmu *m);
/* Drops every entry of every regime whose page overlaps [va, va+size). */
void softmmu_flush_range(struct softmmu *m, uint32_t va, uint32_t size);

static inline void softmmu_select(struct softmmu *m, enum softmmu_regime r)
{
    m->cur = &m->table[r];
}

static inline unsigned softmmu_index(uint32_t va)
{
    return (va >> SOFTMMU_PAGE_BITS) & (SOFTMMU_ENTRIES - 1);
}

/* Enter page_va (4 KB aligned) -> host_page in the current regime;
 * shadow_page is the page's decoded-instruction shadow (fetches only). */
static inline void softmmu_fill(struct softmmu *m, enum softmmu_kind kind,
                                uint32_t page_va, uint8_t *host_page,
                                uint8_t *shadow_page)
{
    unsigned i = softmmu_index(page_va);
    struct softmmu_entry *e = &m->cur->e[kind][i];
    e->tag = page_va;
    e->addend = (uintptr_t)host_page - page_va;
    if (kind == SOFTMMU_FETCH)
        m->cur->shadow[i] = shadow_page;
}

/* The fetch entry for va, or NULL. */
static inline const struct softmmu_entry *softmmu_fetch_entry(const struct softmmu *m,
                                                              uint32_t va)
{
    const struct softmmu_entry *e = &m->cur->e[SOFTMMU_FETCH][softmmu_index(va)];
    return e->tag == (va & (SOFTMMU_PAGE_MASK | 3)) ? e : NULL;
}

/* The decoded-instruction shadow of the page a fetch entry maps. */
static inline uint8_t *softmmu_fetch_shadow(const struct softmmu *m, uint32_t va)
{
    return m->cur->shadow[softmmu_index(va)];
}

#endif
