/*
 * pmap.c - allocation of the pmap and memmap tables (see pmap.h); the
 * lookup is inline in the header because every kseg0 miss and TLB write
 * uses it.
 */
#include "monitor/pmap.h"

#include <stdlib.h>

bool pmap_init(struct pmap *p, uint32_t ram_bytes, uint32_t slice_mpn)
{
    p->npages = ram_bytes >> PMAP_PAGE_BITS;
    p->slice_mpn = slice_mpn;
    p->touched = 0;
    p->mpn = malloc(sizeof *p->mpn * (p->npages ? p->npages : 1));
    if (!p->mpn)
        return false;
    for (uint32_t i = 0; i < p->npages; i++)
        p->mpn[i] = PMAP_NONE;
    return true;
}

void pmap_destroy(struct pmap *p)
{
    free(p->mpn);
    p->mpn = NULL;
}

bool memmap_init(struct memmap *mm, uint32_t machine_bytes)
{
    mm->npages = machine_bytes >> PMAP_PAGE_BITS;
    mm->page = calloc(mm->npages ? mm->npages : 1, sizeof *mm->page);
    if (!mm->page)
        return false;
    for (uint32_t i = 0; i < mm->npages; i++)
        mm->page[i].vm = -1;
    return true;
}

void memmap_destroy(struct memmap *mm)
{
    free(mm->page);
    mm->page = NULL;
}
