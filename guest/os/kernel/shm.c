/*
 * shm.c - shared memory segments: several processes map the same pages at
 * the same address.  Labs: virtual memory, threads.  The parallel
 * workloads use them as their shared address space: raytrace's scene and
 * image, database's accounts.
 *
 * shm(key, size) returns the address of segment `key`, making the segment
 * if it does not exist yet.  Every process sees it at the same address, so
 * pointers stored inside it work everywhere.  A segment occupies whole
 * 4 MB slots of the address space, between USER_SHM_BASE and USER_SHM_END,
 * and owns one page table per slot: attaching a process just points the
 * process's page directory entries at those tables.  The page tables
 * themselves are shared, so a page one process faults in is at once valid
 * in every process (their TLBs may still hold the old invalid entry: the
 * next access then takes a "quick" fault, vm.c).  Pages are made on first
 * touch (demand zero) under the segment's lock, so two CPUs faulting on
 * the same page make it once.  A segment lives until the last process
 * using it exits.
 */
#include "kernel.h"

#define SLOT_SIZE (4u << 20)
#define SHM_MAX_SLOTS 16                    /* 64 MB per segment */
#define NSLOTS ((USER_SHM_END - USER_SHM_BASE) / SLOT_SIZE)

struct shm {
    int used;
    uint32_t key, size, va;
    int nslots;
    uint32_t *ptab[SHM_MAX_SLOTS];          /* page table of each 4 MB slot */
    int refs;                               /* processes attached */
    struct spinlock lock;                   /* guards making pages */
};

static struct shm shms[NSHM];
static struct spinlock shm_lock = SPINLOCK_INIT("shm");

/* The lowest free run of n slots, or 0.  Called with shm_lock held. */
static uint32_t find_va(int n)
{
    for (uint32_t va = USER_SHM_BASE; va + n * SLOT_SIZE <= USER_SHM_END; va += SLOT_SIZE) {
        int clash = 0;
        for (int i = 0; i < NSHM && !clash; i++)
            if (shms[i].used && va < shms[i].va + shms[i].nslots * SLOT_SIZE &&
                shms[i].va < va + n * SLOT_SIZE)
                clash = 1;
        if (!clash)
            return va;
    }
    return 0;
}

static void shm_destroy(struct shm *s)
{
    for (int i = 0; i < s->nslots; i++) {
        for (int j = 0; j < 1024; j++)
            if (s->ptab[i][j] & PTE_V)
                page_free(KVA(PTE_PA(s->ptab[i][j])));
        page_free(s->ptab[i]);
    }
    s->used = 0;
}

int shm_attach(struct proc *p, uint32_t key, uint32_t size, uint32_t *va_out)
{
    for (int i = 0; i < NREGION; i++)       /* attached already? */
        if (p->regions[i].used && p->regions[i].kind == R_SHM &&
            p->regions[i].shm->key == key) {
            if (size > p->regions[i].shm->size)
                return -EINVAL;
            *va_out = p->regions[i].start;
            return 0;
        }
    spin_lock(&shm_lock);
    struct shm *s = NULL, *free_slot = NULL;
    for (int i = 0; i < NSHM; i++) {
        if (shms[i].used && shms[i].key == key)
            s = &shms[i];
        else if (!shms[i].used && !free_slot)
            free_slot = &shms[i];
    }
    int err = 0;
    if (s) {
        if (size > s->size)
            err = -EINVAL;
    } else if (size == 0 || size > SHM_MAX_SLOTS * SLOT_SIZE) {
        err = size ? -ENOMEM : -ENOENT;
    } else if (!free_slot) {
        err = -ENOMEM;
    } else {
        s = free_slot;
        memset(s, 0, sizeof *s);
        s->key = key;
        s->size = ROUNDUP(size, PAGE_SIZE);
        s->nslots = (int)((s->size + SLOT_SIZE - 1) / SLOT_SIZE);
        s->va = find_va(s->nslots);
        s->lock = (struct spinlock)SPINLOCK_INIT("shm segment");
        for (int i = 0; i < s->nslots && s->va; i++)
            if (!(s->ptab[i] = page_alloc())) {
                s->nslots = i;
                s->va = 0;
            }
        s->used = 1;
        if (!s->va) {
            shm_destroy(s);
            err = -ENOMEM;
        }
    }
    if (!err)
        s->refs++;
    spin_unlock(&shm_lock);
    if (err)
        return err;

    int slot = vm_add_region(p, s->va, s->va + s->size, R_SHM, 1);
    if (slot < 0) {
        spin_lock(&shm_lock);
        if (--s->refs == 0)
            shm_destroy(s);
        spin_unlock(&shm_lock);
        return slot;
    }
    p->regions[slot].shm = s;
    for (int i = 0; i < s->nslots; i++)
        p->pgdir[PDIR_INDEX(s->va) + i] = (uint32_t)s->ptab[i];
    *va_out = s->va;
    return 0;
}

/* Unhooks segment r->shm from p's page directory (p is exiting). */
void shm_detach(struct proc *p, struct region *r)
{
    struct shm *s = r->shm;
    for (int i = 0; i < s->nslots; i++)
        p->pgdir[PDIR_INDEX(s->va) + i] = (uint32_t)empty_ptab;
    spin_lock(&shm_lock);
    if (--s->refs == 0)
        shm_destroy(s);
    spin_unlock(&shm_lock);
    r->used = 0;
}

/* Makes sure the segment's page at va exists. */
int shm_fault(struct shm *s, uint32_t va, uint32_t *pte_out)
{
    uint32_t *pte = &s->ptab[(va - s->va) / SLOT_SIZE][PTAB_INDEX(va)];
    int err = 0;
    spin_lock(&s->lock);
    if (!(*pte & PTE_V)) {
        void *pg = page_alloc();
        if (pg) {
            mem_barrier();          /* the zeroes before the PTE */
            *pte = ENTRYLO_PFN(PADDR(pg)) | PTE_CACHED | PTE_D | PTE_V;
        } else {
            err = -ENOMEM;
        }
    }
    spin_unlock(&s->lock);
    if (pte_out)
        *pte_out = *pte;
    return err;
}
