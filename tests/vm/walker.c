/*
 * walker.c - the attacking half of the VM isolation test: a kernel-mode
 * guest that touches everything it can reach and reports whether it ever
 * saw the memory of another VM (tests/vm/checker.c, whose words carry a
 * magic value, vmlib.h).
 *
 * Three walks, all through the probes of walker-asm.S, with every
 * exception counted and skipped by the handlers below:
 *
 *  (a) Physical, through kseg1 (uncached, unmapped: VA 0xa0000000 + pa),
 *      one word per 4 KB page of pa 0..0x1fffffff.  Its own image,
 *      stacks and exception vectors are skipped (linker symbols).  In the
 *      Malta I/O windows, 0x18000000..0x1fffffff (ISA ports, GT-64120,
 *      flash, FPGA, CPU control block), it only reads one word per page:
 *      those are its own devices, and a write there could power the
 *      board off or reset it.  Everywhere else it reads a word (counting
 *      magic hits), writes the walker pattern and reads it back.  An
 *      access to nothing is a bus error (DBE).
 *  (b) Physical above 512 MB, which kseg0/kseg1 cannot reach: for pa =
 *      0x20000000..0xffff0000 in 64 KB steps, TLB entry 0 maps the 4 KB
 *      page at pa (uncached, dirty, valid, global) at kseg2 VA
 *      0xc0000000; one word there is read and written.  Why 64 KB and not
 *      every 4 KB page: each probe of an empty page costs two bus-error
 *      exceptions of roughly 200 instructions each (guest/lib/vectors.S
 *      saves and restores the whole register file), so the 917,504 pages
 *      up there would take ~400M instructions; 57,344 probes take ~25M.
 *      Nothing on the Malta board lives above 512 MB, and any device or
 *      memory window a monitor could put there is at least 64 KB in size
 *      and alignment, so a 64 KB stride still lands in every one of them.
 *  (c) Virtual, every 1 MB of kuseg (0..0x7fffffff) and of kseg2/kseg3
 *      (0xc0000000..0xffffffff), read then write, with the TLB empty:
 *      each access either works or takes a TLB refill (counted and
 *      skipped).  kseg0 and kseg1 map physical 0..512 MB, which (a)
 *      covered already.
 *
 * Then it prints a summary through UHI and exits with status 0 when it
 * saw no magic word, 1 when it did (2: an exception it cannot explain).
 * Everything it does is a fixed sequence: the run is deterministic.
 */
#include <stdint.h>

#include "exc.h"
#include "malta.h"
#include "vmlib.h"

/* walker-asm.S */
uint32_t probe_lw(uint32_t va);
void probe_sw(uint32_t va, uint32_t value);
extern char probe_lw_insn[], probe_sw_insn[];

/* guest/lib: the vectors (at 0x80000000), the image and its stacks */
extern char exc_vectors[], _start[], __end[];

#define PAGE 0x1000u
#define PHYS_END 0x20000000u     /* kseg1 reaches physical 0..512 MB */
#define IO_BASE 0x18000000u      /* Malta I/O windows: read only */
#define HIGH_STEP 0x10000u       /* (b): 64 KB steps */
#define HIGH_VA 0xc0000000u      /* (b): where each page is mapped */
#define VIRT_STEP 0x100000u      /* (c): 1 MB steps */

/* ---- exceptions ---- */
static volatile unsigned dbe_count;     /* bus errors (DBE) */
static volatile unsigned refill_count;  /* TLB refills */
static volatile unsigned tlb_other;     /* TLB invalid / modified */
static volatile unsigned adr_count;     /* address errors */

/* Skips the probe that faulted; anything else is a failure. */
static void skip_probe(struct exc_frame *f)
{
    if ((f->cause & CAUSE_BD) ||
        (f->epc != (uint32_t)(uintptr_t)probe_lw_insn &&
         f->epc != (uint32_t)(uintptr_t)probe_sw_insn))
        vm_unexpected("walker", f);
    f->epc += 4;
}

static void general(struct exc_frame *f)
{
    switch (CAUSE_EXCCODE(f->cause)) {
    case EXC_DBE:
        dbe_count++;
        break;
    case EXC_TLBL:
    case EXC_TLBS:
    case EXC_MOD:
        tlb_other++;
        break;
    case EXC_ADEL:
    case EXC_ADES:
        adr_count++;
        break;
    default:
        vm_unexpected("walker", f);
    }
    skip_probe(f);
}

static void refill(struct exc_frame *f)
{
    refill_count++;
    skip_probe(f);
}

static unsigned exceptions(void)
{
    return dbe_count + refill_count + tlb_other + adr_count;
}

/* ---- probes ---- */
static unsigned magic_hits;

/* Reads the word at va; false when that raised an exception. */
static int try_read(uint32_t va, uint32_t *v)
{
    unsigned before = exceptions();
    *v = probe_lw(va);
    if (exceptions() != before)
        return 0;
    if (vm_is_magic(*v))
        magic_hits++;
    return 1;
}

static int try_write(uint32_t va, uint32_t v)
{
    unsigned before = exceptions();
    probe_sw(va, v);
    return exceptions() == before;
}

/* ---- (a) physical 0..512 MB through kseg1 ---- */
struct phys_counts {
    unsigned pages, own, io_read, io_fault, read, read_fault;
    unsigned written, write_fault, kept;
    unsigned dbe;
};

static uint32_t pa_of(const char *kseg0)
{
    return (uint32_t)(uintptr_t)kseg0 - KSEG0_BASE;
}

static void walk_physical(struct phys_counts *c)
{
    /* The vectors occupy the start of page 0 (guest.ld: at most up to
     * 0x2000, vectors.S: 0x208 bytes); the image with .bss, the stack
     * and the exception stack is _start..__end. */
    uint32_t vec_lo = pa_of(exc_vectors) & ~(PAGE - 1);
    uint32_t vec_hi = vec_lo + PAGE;
    uint32_t img_lo = pa_of(_start) & ~(PAGE - 1);
    uint32_t img_hi = (pa_of(__end) + PAGE - 1) & ~(PAGE - 1);
    unsigned dbe0 = dbe_count;
    uint32_t v;

    for (uint32_t pa = 0; pa < PHYS_END; pa += PAGE) {
        uint32_t va = KSEG1(pa);

        c->pages++;
        if ((pa >= vec_lo && pa < vec_hi) || (pa >= img_lo && pa < img_hi)) {
            c->own++;
            continue;
        }
        if (pa >= IO_BASE) {
            if (try_read(va, &v))
                c->io_read++;
            else
                c->io_fault++;
            continue;
        }
        if (try_read(va, &v))
            c->read++;
        else
            c->read_fault++;
        if (try_write(va, vm_walker_pattern(pa))) {
            c->written++;
            if (try_read(va, &v) && v == vm_walker_pattern(pa))
                c->kept++;
        } else {
            c->write_fault++;
        }
    }
    c->dbe = dbe_count - dbe0;
}

/* ---- (b) physical 512 MB..4 GB through one TLB entry ---- */
struct high_counts {
    unsigned probes, read, written, dbe, other;
};

static void walk_high(struct high_counts *c)
{
    const uint32_t attr = ENTRYLO_C(CACHE_UNCACHED) | ENTRYLO_D | ENTRYLO_V |
                          ENTRYLO_G;
    unsigned dbe0 = dbe_count, other0 = refill_count + tlb_other + adr_count;
    uint32_t v;

    /* pa runs up to 0xffff0000; the next step wraps to 0. */
    for (uint32_t pa = PHYS_END; pa != 0; pa += HIGH_STEP) {
        c->probes++;
        /* The odd page of the pair: invalid, global (G must be set in
         * both halves for the entry to be global). */
        tlb_write_indexed(0, HIGH_VA, PM_4K, ENTRYLO_PFN(pa) | attr,
                          ENTRYLO_G);
        if (try_read(HIGH_VA, &v))
            c->read++;
        if (try_write(HIGH_VA, vm_walker_pattern(pa)))
            c->written++;
    }
    tlb_invalidate_all(0);
    mtc0(CP0_ENTRYHI, 0, 0);
    c->dbe = dbe_count - dbe0;
    c->other = refill_count + tlb_other + adr_count - other0;
}

/* ---- (c) virtual: kuseg, kseg2, kseg3 every 1 MB ---- */
struct virt_counts {
    unsigned probes, read, written, refills, other;
};

static void walk_virtual(struct virt_counts *c)
{
    unsigned refill0 = refill_count;
    unsigned other0 = dbe_count + tlb_other + adr_count;
    uint32_t va = 0;
    uint32_t v;

    do {
        if (va == KSEG0_BASE)
            va = KSEG2_BASE;   /* skip kseg0 and kseg1: see (a) */
        c->probes++;
        if (try_read(va, &v))
            c->read++;
        if (try_write(va, vm_walker_pattern(va)))
            c->written++;
        va += VIRT_STEP;
    } while (va != 0);
    c->refills = refill_count - refill0;
    c->other = dbe_count + tlb_other + adr_count - other0;
}

int main(void)
{
    struct phys_counts p = {0};
    struct high_counts h = {0};
    struct virt_counts vc = {0};

    exc_set_handler(general);
    exc_set_refill_handler(refill);
    uhi_printf("walker: image 0x%08x..0x%08x, vectors at 0x%08x\n",
               pa_of(_start), pa_of(__end), pa_of(exc_vectors));

    walk_physical(&p);
    uhi_printf("walker: (a) phys 0..512MB: %u pages, %u own skipped; "
               "below 0x18000000: read %u, read faults %u, written %u, "
               "write faults %u, kept %u; I/O windows: read %u, "
               "read faults %u; bus errors %u\n",
               p.pages, p.own, p.read, p.read_fault, p.written,
               p.write_fault, p.kept, p.io_read, p.io_fault, p.dbe);

    walk_high(&h);
    uhi_printf("walker: (b) phys 512MB..4GB every 64KB via TLB: %u probes, "
               "read %u, written %u, bus errors %u, other exceptions %u\n",
               h.probes, h.read, h.written, h.dbe, h.other);

    walk_virtual(&vc);
    uhi_printf("walker: (c) virtual kuseg+kseg2+kseg3 every 1MB: %u probes, "
               "read %u, written %u, TLB refills %u, other exceptions %u\n",
               vc.probes, vc.read, vc.written, vc.refills, vc.other);

    uhi_printf("walker: pages written %u, bus errors %u, magic hits %u: %s\n",
               p.written + h.written + vc.written, dbe_count, magic_hits,
               magic_hits ? "ISOLATION BROKEN" : "OK");
    uhi_exit(magic_hits ? 1 : 0);
}
