/*
 * softmmu.c - flushing the host-pointer fast path (see softmmu.h).
 * Filling and lookup are inline in the header: they are the hot path.
 */
#include "mmu/softmmu.h"

static void softmmu_invalidate_table(struct softmmu_table *t)
{
    for (unsigned k = 0; k < SOFTMMU_KINDS; k++)
        for (unsigned i = 0; i < SOFTMMU_ENTRIES; i++)
            t->e[k][i].tag = SOFTMMU_INVALID_TAG;
}

void softmmu_init(struct softmmu *m)
{
    for (unsigned r = 0; r < SOFTMMU_REGIMES; r++)
        softmmu_invalidate_table(&m->table[r]);
    m->cur = &m->table[SOFTMMU_KERNEL_ERL];
    m->flushes = 0;
}

void softmmu_flush_all(struct softmmu *m)
{
    for (unsigned r = 0; r < SOFTMMU_REGIMES; r++)
        softmmu_invalidate_table(&m->table[r]);
    m->flushes++;
}

void softmmu_flush_range(struct softmmu *m, uint32_t va, uint32_t size)
{
    uint32_t first = va & SOFTMMU_PAGE_MASK;
    uint64_t pages = (((uint64_t)va + size + SOFTMMU_PAGE_SIZE - 1) >> SOFTMMU_PAGE_BITS)
                     - (first >> SOFTMMU_PAGE_BITS);
    if (pages >= SOFTMMU_ENTRIES) {
        /* A large page: cheaper to test every entry than every page. */
        for (unsigned r = 0; r < SOFTMMU_REGIMES; r++)
            for (unsigned k = 0; k < SOFTMMU_KINDS; k++)
                for (unsigned i = 0; i < SOFTMMU_ENTRIES; i++) {
                    struct softmmu_entry *e = &m->table[r].e[k][i];
                    if (e->tag != SOFTMMU_INVALID_TAG && e->tag - first < (uint64_t)size + (va - first))
                        e->tag = SOFTMMU_INVALID_TAG;
                }
        return;
    }
    for (uint64_t p = 0; p < pages; p++) {
        uint32_t page = first + (uint32_t)(p << SOFTMMU_PAGE_BITS);
        unsigned i = softmmu_index(page);
        for (unsigned r = 0; r < SOFTMMU_REGIMES; r++)
            for (unsigned k = 0; k < SOFTMMU_KINDS; k++)
                if (m->table[r].e[k][i].tag == page)
                    m->table[r].e[k][i].tag = SOFTMMU_INVALID_TAG;
    }
}

