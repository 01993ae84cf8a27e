/*
 * kalloc.c - the physical page allocator.  Lab: virtual memory.
 *
 * Every page of RAM after the kernel image (kernel.ld: __kernel_end) up to
 * the RAM size the boot loader reported is in the pool.  Free pages form a
 * linked list threaded through their first word, protected by one
 * spinlock.  page_alloc() hands out a zeroed page: all of the kernel's
 * memory (page tables, user pages, file data) comes from here, and user
 * pages must start zeroed anyway ("demand-zero" paging).
 *
 * Pages are named by their kseg0 address: KVA(pa) and PADDR(kva) convert.
 */
#include "kernel.h"

struct free_page {
    struct free_page *next;
};

static struct spinlock kmem_lock = SPINLOCK_INIT("kmem");
static struct free_page *free_list;
static uint32_t nfree, ntotal;
static uint32_t pool_start, pool_end;   /* physical addresses */

void kalloc_init(uint32_t first_free_pa, uint32_t mem_bytes)
{
    if (mem_bytes > MAX_MEM_MB << 20)
        mem_bytes = MAX_MEM_MB << 20;
    pool_start = ROUNDUP(first_free_pa, PAGE_SIZE);
    pool_end = ROUNDDOWN(mem_bytes, PAGE_SIZE);
    if (pool_end <= pool_start)
        panic("kalloc_init: no free memory (RAM %u bytes, kernel ends at 0x%08x)",
              mem_bytes, first_free_pa);
    /* Push from the top down, so the list hands out low pages first. */
    for (uint32_t pa = pool_end - PAGE_SIZE;; pa -= PAGE_SIZE) {
        struct free_page *fp = KVA(pa);
        fp->next = free_list;
        free_list = fp;
        ntotal++;
        if (pa == pool_start)
            break;
    }
    nfree = ntotal;
}

void *page_alloc(void)
{
    spin_lock(&kmem_lock);
    struct free_page *fp = free_list;
    if (fp) {
        free_list = fp->next;
        nfree--;
    }
    spin_unlock(&kmem_lock);
    if (fp)
        memset(fp, 0, PAGE_SIZE);   /* outside the lock: 1024 stores */
    return fp;
}

void page_free(void *page)
{
    uint32_t pa = PADDR(page);
    if ((pa & (PAGE_SIZE - 1)) || !page_is_allocated_ram(pa))
        panic("page_free: 0x%08x is not a page from the pool", (uint32_t)page);
    struct free_page *fp = page;
    spin_lock(&kmem_lock);
    fp->next = free_list;
    free_list = fp;
    nfree++;
    spin_unlock(&kmem_lock);
}

int page_is_allocated_ram(uint32_t pa)
{
    return pa >= pool_start && pa < pool_end;
}

uint32_t pages_free(void) { return nfree; }
uint32_t pages_total(void) { return ntotal; }
