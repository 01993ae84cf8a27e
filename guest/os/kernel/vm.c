/*
 * vm.c - virtual memory: per-process two-level page tables, regions,
 * demand paging, ASIDs and the TLB.  Lab: virtual memory (with the refill
 * handler in vectors.S; docs/os.md, "The TLB miss path").
 *
 * Page table.  A process's user space (kuseg, 0 .. 2 GB) is mapped by a
 * page directory of 1024 words, one per 4 MB (address bits 31..22), each
 * pointing (kseg0 address) to a page table of 1024 PTEs, one per 4 KB page
 * (bits 21..12).  A PTE is exactly the EntryLo value the TLB wants:
 * PFN << 6 | C (cacheable) | D (writable) | V (valid), G = 0.  A directory
 * entry without a page table points at empty_ptab, a page of zero PTEs,
 * so the refill handler never tests for a missing table.
 *
 * Regions.  What a process may touch is a short list of regions: program
 * segments (R_FILE, from the ELF file in the ramdisk), the heap and the
 * stack (R_ZERO), and shared segments (R_SHM, shm.c).  Nothing is mapped
 * in advance: the first touch of a page misses in the TLB, the refill
 * handler loads the (invalid) PTE, the access takes a TLB invalid
 * exception, and vm_fault() finds the region and makes the page:
 *   R_ZERO            a fresh zeroed page ("demand zero")
 *   R_FILE writable   a fresh page with the segment's bytes copied in
 *   R_FILE read-only  the ramdisk's own page, mapped without D (shared
 *                     by every process running the program: no copy)
 *   R_SHM             the segment's page, in the segment's page table
 * A fault outside every region, or a store to a read-only region, is the
 * process's error: trap.c kills it.
 *
 * ASIDs.  TLB entries carry an 8-bit ASID, so a context switch need not
 * flush the TLB.  Each CPU hands out its own ASIDs (1..255; 0 is the
 * kernel's) in order, and a process remembers which ASID it has on each
 * CPU and from which "generation".  When a CPU runs out, it flushes its
 * TLB and starts a new generation: every process then gets a fresh ASID
 * there the next time it runs.  (Linux does the same.)  An ASID is thus
 * never reused on a CPU without a flush in between, so entries of dead
 * processes can never be hit.  A mapping is only ever removed by sbrk()
 * shrinking the heap; then the process takes new ASIDs everywhere
 * (vm_new_asid), which orphans its old entries on every CPU at once.
 */
#include "kernel.h"

#define ASID_MAX 255

uint32_t empty_ptab[1024] __attribute__((aligned(PAGE_SIZE)));
uint32_t kernel_pgdir[1024] __attribute__((aligned(PAGE_SIZE)));
static unsigned tlb_size;

void vm_init(void)
{
    for (int i = 0; i < 1024; i++)
        kernel_pgdir[i] = (uint32_t)empty_ptab;
}

/* ---- the TLB ------------------------------------------------------------ */

/* Invalidates every entry of this CPU's TLB: each gets V = 0 and its own
 * VPN2 in kseg0, an address the TLB is never asked about. */
void tlb_flush_all(void)
{
    if (!tlb_size)
        tlb_size = tlb_entries();
    uint32_t hi = mfc0(CP0_ENTRYHI, 0);
    mtc0(CP0_PAGEMASK, 0, PM_4K);
    mtc0(CP0_ENTRYLO0, 0, 0);
    mtc0(CP0_ENTRYLO1, 0, 0);
    for (unsigned i = 0; i < tlb_size; i++) {
        mtc0(CP0_ENTRYHI, 0, KSEG0_BASE + (i << 13));
        mtc0(CP0_INDEX, 0, i);
        tlbwi();
    }
    mtc0(CP0_ENTRYHI, 0, hi);
}

/* Loads the PTE pair holding *pte (the page at va) into this CPU's TLB,
 * over the entry for that pair if there is one (TLBP finds it), else in a
 * random slot.  Called after a fault has made a page valid. */
void tlb_update(uint32_t va, uint32_t *pte)
{
    uint32_t *pair = (uint32_t *)((uint32_t)pte & ~7u);
    uint32_t hi = mfc0(CP0_ENTRYHI, 0);
    mtc0(CP0_ENTRYHI, 0, (va & ENTRYHI_VPN2_MASK) | (hi & ENTRYHI_ASID_MASK));
    tlbp();
    uint32_t index = mfc0(CP0_INDEX, 0);
    mtc0(CP0_ENTRYLO0, 0, pair[0]);
    mtc0(CP0_ENTRYLO1, 0, pair[1]);
    mtc0(CP0_PAGEMASK, 0, PM_4K);
    if (index & INDEX_P)
        tlbwr();                    /* not in the TLB: anywhere */
    else
        tlbwi();                    /* in the TLB (probably V = 0): replace it */
    mtc0(CP0_ENTRYHI, 0, hi);
}

/* ---- ASIDs and switching address spaces ------------------------------------ */

/* Makes p's address space the one this CPU translates with. */
void vm_activate(struct proc *p)
{
    struct cpu *c = mycpu();
    if (p->asid_gen[c->id] != c->asid_gen) {
        if (c->asid_next == ASID_MAX) {     /* all used: new generation */
            tlb_flush_all();
            c->asid_gen++;
            c->asid_next = 0;
            c->stats.tlb_flushes++;
        }
        p->asid[c->id] = ++c->asid_next;
        p->asid_gen[c->id] = c->asid_gen;
    }
    mtc0(CP0_ENTRYHI, 0, p->asid[c->id]);
    c->pgdir = p->pgdir;
    c->kstack_top = (uint32_t)p->kstack + KSTACK_SIZE;
}

/* The scheduler runs with no user address space: ASID 0, no pages. */
void vm_activate_kernel(void)
{
    struct cpu *c = mycpu();
    mtc0(CP0_ENTRYHI, 0, 0);
    c->pgdir = kernel_pgdir;
}

void vm_new_asid(struct proc *p)
{
    for (int i = 0; i < NCPU; i++)
        p->asid_gen[i] = 0;
    if (myproc() == p)
        vm_activate(p);
}

/* ---- page tables -------------------------------------------------------------- */

uint32_t *pgdir_new(void)
{
    uint32_t *d = page_alloc();
    if (d)
        for (int i = 0; i < 1024; i++)
            d[i] = (uint32_t)empty_ptab;
    return d;
}

/* The PTE for va in pgdir; with alloc, makes the page table if missing.
 * NULL if there is none (or no memory for it). */
uint32_t *vm_pte(uint32_t *pgdir, uint32_t va, int alloc)
{
    uint32_t *pt = (uint32_t *)pgdir[PDIR_INDEX(va)];
    if (pt == empty_ptab) {
        if (!alloc || !(pt = page_alloc()))
            return NULL;
        pgdir[PDIR_INDEX(va)] = (uint32_t)pt;
    }
    return &pt[PTAB_INDEX(va)];
}

/* ---- regions --------------------------------------------------------------------- */

int vm_add_region(struct proc *p, uint32_t start, uint32_t end, int kind, int writable)
{
    if (start & (PAGE_SIZE - 1) || end & (PAGE_SIZE - 1) || end < start ||
        end > KSEG0_BASE)
        return -EINVAL;
    int slot = -1;
    for (int i = 0; i < NREGION; i++) {
        struct region *r = &p->regions[i];
        if (!r->used) {
            if (slot < 0)
                slot = i;
            continue;
        }
        if (start < r->end && r->start < end)
            return -EINVAL;         /* overlaps */
    }
    if (slot < 0)
        return -ENOMEM;
    struct region *r = &p->regions[slot];
    memset(r, 0, sizeof *r);
    r->used = 1;
    r->start = start;
    r->end = end;
    r->kind = kind;
    r->writable = writable;
    return slot;
}

struct region *vm_find(struct proc *p, uint32_t va)
{
    for (int i = 0; i < NREGION; i++) {
        struct region *r = &p->regions[i];
        if (r->used && va >= r->start && va < r->end)
            return r;
    }
    return NULL;
}

/*
 * Can the process read (write = 0) or write [va, va + len)?  Checks the
 * range against the regions, then makes every page of it present, so
 * that the kernel's loads and stores there can only miss in the TLB (or
 * take a quick fault), never need memory.  0, -EFAULT or -ENOMEM.
 */
int vm_check(struct proc *p, uint32_t va, uint32_t len, int write)
{
    if (len == 0)
        return 0;
    if (va + len < va)
        return -EFAULT;
    uint32_t last = va + len - 1;
    for (uint32_t a = va;;) {
        struct region *r = vm_find(p, a);
        if (!r || (write && !r->writable))
            return -EFAULT;
        if (last < r->end)
            break;
        a = r->end;                 /* regions may be adjacent */
    }
    for (uint32_t page = ROUNDDOWN(va, PAGE_SIZE); page <= last; page += PAGE_SIZE) {
        uint32_t *pte = vm_pte(p->pgdir, page, 0);
        if (!pte || !(*pte & PTE_V)) {
            int err = vm_fault(p, page, write);
            if (err)
                return err;
        }
        if (page + PAGE_SIZE < page)
            break;
    }
    return 0;
}

/* ---- page faults ----------------------------------------------------------------- */

/* Copies the bytes of an R_FILE segment that fall in the page at `page`. */
static void fill_from_file(const struct region *r, uint32_t page, uint8_t *dst)
{
    uint32_t lo = page > r->vaddr ? page : r->vaddr;
    uint32_t seg_end = r->vaddr + r->filesz;
    uint32_t hi = page + PAGE_SIZE < seg_end ? page + PAGE_SIZE : seg_end;
    if (lo < hi)
        memcpy(dst + (lo - page), r->file + r->offset + (lo - r->vaddr), hi - lo);
}

/*
 * A TLB invalid exception on va (or a TLB miss the refill handler turned
 * into one).  Makes the page valid in p's page table and in this CPU's
 * TLB.  Returns 0, or -EFAULT (no region there), -EROFS (store to a
 * read-only region), -ENOMEM.
 */
int vm_fault(struct proc *p, uint32_t va, int write)
{
    struct region *r = vm_find(p, va);
    if (!r)
        return -EFAULT;
    if (write && !r->writable)
        return -EROFS;
    uint32_t page = ROUNDDOWN(va, PAGE_SIZE);
    uint32_t *pte;
    if (r->kind == R_SHM) {
        /* The directory entry points at the segment's own page table. */
        int err = shm_fault(r->shm, page, NULL);
        if (err)
            return err;
        pte = vm_pte(p->pgdir, page, 0);
    } else {
        pte = vm_pte(p->pgdir, page, 1);
        if (!pte)
            return -ENOMEM;
        if (!(*pte & PTE_V)) {
            uint32_t pa;
            if (r->kind == R_FILE && r->direct) {
                pa = PADDR(r->file + r->offset + (page - r->vaddr));
            } else {
                uint8_t *pg = page_alloc();
                if (!pg)
                    return -ENOMEM;
                if (r->kind == R_FILE)
                    fill_from_file(r, page, pg);
                pa = PADDR(pg);
            }
            *pte = ENTRYLO_PFN(pa) | PTE_CACHED | PTE_V | (r->writable ? PTE_D : 0);
        }
        /* else: valid already - a stale V = 0 entry in this CPU's TLB from
         * before another CPU made the page (a "quick fault"). */
    }
    tlb_update(page, pte);
    mycpu()->stats.faults++;
    return 0;
}

/* ---- growing the heap, freeing everything ----------------------------------------- */

/* Frees the private pages in [start, end) of p's page table. */
static void unmap_range(struct proc *p, uint32_t start, uint32_t end)
{
    for (uint32_t va = start; va < end; va += PAGE_SIZE) {
        uint32_t *pte = vm_pte(p->pgdir, va, 0);
        if (!pte || !(*pte & PTE_V))
            continue;
        if (page_is_allocated_ram(PTE_PA(*pte)))
            page_free(KVA(PTE_PA(*pte)));
        *pte = 0;
    }
}

int vm_sbrk(struct proc *p, int32_t incr, uint32_t *old)
{
    struct region *h = p->heap;
    uint32_t nbrk = p->brk + (uint32_t)incr;
    *old = p->brk;
    if (incr > 0 && (nbrk < p->brk || nbrk > USER_SHM_BASE))
        return -ENOMEM;
    if (incr < 0 && (nbrk > p->brk || nbrk < h->start))
        return -EINVAL;
    uint32_t nend = ROUNDUP(nbrk, PAGE_SIZE);
    for (int i = 0; i < NREGION && nend > h->end; i++) {
        struct region *r = &p->regions[i];
        if (r != h && r->used && r->start < nend && h->end < r->end)
            return -ENOMEM;         /* would run into another region */
    }
    if (nend < h->end) {
        unmap_range(p, nend, h->end);
        vm_new_asid(p);             /* old translations die everywhere */
    }
    h->end = nend;
    p->brk = nbrk;
    return 0;
}

/* Frees p's whole address space (at exit). */
void vm_free(struct proc *p)
{
    if (!p->pgdir)
        return;
    for (int i = 0; i < NREGION; i++)
        if (p->regions[i].used && p->regions[i].kind == R_SHM)
            shm_detach(p, &p->regions[i]);  /* its tables are not ours */
    for (int i = 0; i < 512; i++) {         /* kuseg: directory entries 0..511 */
        uint32_t *pt = (uint32_t *)p->pgdir[i];
        if (pt == empty_ptab)
            continue;
        for (int j = 0; j < 1024; j++)
            if ((pt[j] & PTE_V) && page_is_allocated_ram(PTE_PA(pt[j])))
                page_free(KVA(PTE_PA(pt[j])));
        page_free(pt);
    }
    page_free(p->pgdir);
    p->pgdir = NULL;
    memset(p->regions, 0, sizeof p->regions);
    p->heap = NULL;
}
