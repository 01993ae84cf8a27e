/*
 * pmap.h - guest-physical to machine pages (per VM) and who maps each
 * machine page (the memmap, one for the whole machine).
 *
 * A VM's physical memory starts at 0 and is RAM up to its size.  The pmap
 * has an entry per guest-physical 4 KB page: its machine page, or none
 * until the guest first touches it.  A first touch takes the machine page
 * reserved for it in the VM's slice of machine memory, so pages are never
 * shared between VMs by accident, and the allocation order depends only on
 * what the guest does.  (Replication and migration, with NUMA, will point
 * entries elsewhere.)
 *
 * The memmap has an entry per machine page: the VM and guest page that own
 * it, and the set of VCPUs whose hardware TLB, L2TLB or fast path may hold
 * a translation to it, so a page can be taken away by invalidating exactly
 * those (vmm_take_page in vmm.h).
 */
#ifndef DISCO_PMAP_H
#define DISCO_PMAP_H

#include <stdbool.h>
#include <stdint.h>

#define PMAP_PAGE_BITS 12
#define PMAP_NONE 0xffffffffu

struct pmap {
    uint32_t npages;       /* guest-physical RAM pages */
    uint32_t slice_mpn;    /* first machine page of the VM's slice */
    uint32_t *mpn;         /* per guest page: machine page, or PMAP_NONE */
    uint32_t touched;      /* pages allocated so far */
};

struct memmap_entry {
    int16_t vm;            /* owner VM index, -1: free */
    uint32_t gppn;         /* owner's guest-physical page */
    uint64_t mappers;      /* bit per VCPU (vcpu->id) that may map it */
};

struct memmap {
    uint32_t npages;
    struct memmap_entry *page;
};

bool pmap_init(struct pmap *p, uint32_t ram_bytes, uint32_t slice_mpn);
void pmap_destroy(struct pmap *p);
bool memmap_init(struct memmap *mm, uint32_t machine_bytes);
void memmap_destroy(struct memmap *mm);

/* The machine page of guest page gppn (< npages), allocated on first
 * touch and recorded in the memmap as owned by VM vm_index. */
static inline uint32_t pmap_lookup(struct pmap *p, struct memmap *mm, unsigned vm_index,
                                   uint32_t gppn)
{
    uint32_t mpn = p->mpn[gppn];
    if (mpn == PMAP_NONE) {
        mpn = p->slice_mpn + gppn;
        p->mpn[gppn] = mpn;
        p->touched++;
        mm->page[mpn].vm = (int16_t)vm_index;
        mm->page[mpn].gppn = gppn;
    }
    return mpn;
}

#endif
