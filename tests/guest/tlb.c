/*
 * tlb.c - guest test of the TLB (MIPS32 Vol. III, "Virtual Memory" and
 * the TLB Refill/Invalid/Modified exceptions; TLBP/TLBR/TLBWI/TLBWR in
 * Vol. II) through a guest refill handler that fills from a page table
 * addressed by Context, as an OS does:
 *  - TLB refill on load, store and instruction fetch goes to the refill
 *    vector (offset 0x000) with BadVAddr, Context.BadVPN2 and EntryHi
 *    (VPN2 of the address, ASID unchanged) set; with Status.EXL = 1 it
 *    goes to the general vector (0x180) instead and EPC is not written;
 *  - TLB invalid (V = 0) on load/store and TLB modified (D = 0) on store
 *    go to the general vector with the same registers set;
 *  - TLBP hit (Index) and miss (Index.P), TLBR read-back with the G bit
 *    (the AND of both EntryLo.G when written) in both EntryLo;
 *  - 16 KB, 1 MB and 16 MB pages (PageMask), even and odd halves;
 *  - Wired entries survive many TLBWR, Random stays in [Wired, N-1];
 *  - ASID switches: one VA, two ASIDs, two pages; global entries match
 *    any ASID; remapping or invalidating an entry takes effect at once.
 * Test pages are mapped uncached and prepared through kseg1.
 */
#include <stdint.h>

#include "check.h"
#include "console.h"
#include "exc.h"

/* tlb-asm.S */
uint32_t tlb_load(uint32_t va);
void tlb_store(uint32_t va, uint32_t value);
uint32_t load_with_exl(uint32_t va, uint32_t epc_marker);
uint32_t tlb_fetch_page(void);
extern char tlb_load_insn[], tlb_store_insn[], exl_load_insn[], exl_resume[];

#define PTE_BASE 0x80800000u     /* page table: Context.PTEBase */
#define ASID 0x11u
#define UNC ENTRYLO_C(CACHE_UNCACHED)
#define PAGE_4K(pa, flags) (ENTRYLO_PFN(pa) | UNC | (flags))

/* Physical frames used as test pages. */
#define P0 0x00c00000u
#define P1 0x00c01000u
#define P2 0x00c02000u
#define P3 0x00c03000u
#define P16K_EVEN 0x00c10000u
#define P16K_ODD 0x00c14000u
#define P1M_EVEN 0x00d00000u
#define P1M_ODD 0x00e00000u
#define P16M_EVEN 0x01000000u
#define P16M_ODD 0x02000000u

/* The value stored at physical address pa of a test page. */
static uint32_t sig(uint32_t pa)
{
    return pa ^ 0x5a5a0000u;
}
static void put_sig(uint32_t pa)
{
    *(volatile uint32_t *)KSEG1(pa) = sig(pa);
}
static uint32_t phys_read(uint32_t pa)
{
    return *(volatile uint32_t *)KSEG1(pa);
}

/* The page table entry pair of va, where Context points on a miss. */
static volatile uint32_t *pte_pair(uint32_t va)
{
    return (volatile uint32_t *)(PTE_BASE | CONTEXT_BADVPN2(va));
}
static void set_pte(uint32_t va, uint32_t lo0, uint32_t lo1)
{
    volatile uint32_t *p = pte_pair(va);
    p[0] = lo0;
    p[1] = lo1;
}

/* ---- handlers ---- */
struct rec {
    unsigned count;
    uint32_t vector, cause, epc, badvaddr, context, entryhi;
};
static volatile struct rec refill_rec, general_rec;
enum { FILL, SKIP } refill_mode = FILL;
static int exl_test;

static void record(volatile struct rec *r, struct exc_frame *f)
{
    r->count++;
    r->vector = f->vector;
    r->cause = f->cause;
    r->epc = f->epc;
    r->badvaddr = f->badvaddr;
    r->context = mfc0(CP0_CONTEXT, 0);
    r->entryhi = mfc0(CP0_ENTRYHI, 0);
}

static void refill(struct exc_frame *f)
{
    record(&refill_rec, f);
    if (refill_mode == SKIP) {
        f->epc += 4;
        return;
    }
    volatile uint32_t *pte = (volatile uint32_t *)mfc0(CP0_CONTEXT, 0);
    mtc0(CP0_ENTRYLO0, 0, pte[0]);
    mtc0(CP0_ENTRYLO1, 0, pte[1]);
    mtc0(CP0_PAGEMASK, 0, PM_4K);
    tlbwr();
}

static void general(struct exc_frame *f)
{
    if (CAUSE_EXCCODE(f->cause) == EXC_INT) {
        printf("FAIL unexpected interrupt: expected 0x0 got 0x%08x\n", f->cause);
        exit(1);
    }
    record(&general_rec, f);
    if (exl_test)
        f->epc = (uint32_t)(uintptr_t)exl_resume;
    else
        f->epc += 4;
}

static void reset_recs(void)
{
    refill_rec.count = 0;
    general_rec.count = 0;
}

/* Checks the registers of a TLB exception recorded in r. */
static void check_tlb_exc(const char *what, const volatile struct rec *r,
                          uint32_t vector, unsigned exccode, uint32_t epc,
                          uint32_t va)
{
    check_eqf(1, r->count, "%s: exception count", what);
    check_eqf(vector, r->vector, "%s: vector offset", what);
    check_eqf(exccode, CAUSE_EXCCODE(r->cause), "%s: ExcCode", what);
    check_eqf(epc, r->epc, "%s: EPC", what);
    check_eqf(va, r->badvaddr, "%s: BadVAddr", what);
    check_eqf(PTE_BASE | CONTEXT_BADVPN2(va), r->context,
              "%s: Context (PTEBase, BadVPN2)", what);
    check_eqf((va & ENTRYHI_VPN2_MASK) | ASID, r->entryhi,
              "%s: EntryHi (VPN2, ASID)", what);
}

static uint32_t pc_of(const char *label)
{
    return (uint32_t)(uintptr_t)label;
}

/* ---- sections ---- */

static void refills(void)
{
    const uint32_t a = 0x10000000, b = 0x10002000, c = 0x10004000;
    uint32_t v;

    set_pte(a, PAGE_4K(P0, ENTRYLO_D | ENTRYLO_V),
            PAGE_4K(P1, ENTRYLO_D | ENTRYLO_V));
    set_pte(b, PAGE_4K(P2, ENTRYLO_D | ENTRYLO_V),
            PAGE_4K(P3, ENTRYLO_D | ENTRYLO_V));
    set_pte(c, PAGE_4K(P0, ENTRYLO_D | ENTRYLO_V), 0);
    put_sig(P0 + 0x10);
    put_sig(P1 + 0x20);

    reset_recs();
    v = tlb_load(a + 0x10);
    check_tlb_exc("refill on load", &refill_rec, VEC_REFILL, EXC_TLBL,
                  pc_of(tlb_load_insn), a + 0x10);
    check_eq("refill on load: Cause.BD clear", 0, refill_rec.cause & CAUSE_BD);
    check_eq("refill on load: the load completes", sig(P0 + 0x10), v);
    check_eq("refill on load: no other exception", 0, general_rec.count);

    reset_recs();
    v = tlb_load(a + 0x1020);
    check_eq("odd page of the refilled pair: no refill", 0, refill_rec.count);
    check_eq("odd page of the refilled pair: data", sig(P1 + 0x20), v);

    reset_recs();
    tlb_store(b + 0x1030, 0xabad1dea);
    check_tlb_exc("refill on store", &refill_rec, VEC_REFILL, EXC_TLBS,
                  pc_of(tlb_store_insn), b + 0x1030);
    check_eq("refill on store: the store completes", 0xabad1dea,
             phys_read(P3 + 0x30));

    /* Status.EXL = 1: refill goes to the general vector, EPC unchanged. */
    reset_recs();
    exl_test = 1;
    v = load_with_exl(c + 0x40, 0x5a5a5a5a);
    exl_test = 0;
    check_eq("miss with EXL = 1: no refill-vector entry", 0, refill_rec.count);
    check_eq("miss with EXL = 1: exception count", 1, general_rec.count);
    check_eq("miss with EXL = 1: vector offset 0x180", VEC_GENERAL,
             general_rec.vector);
    check_eq("miss with EXL = 1: ExcCode TLBL", EXC_TLBL,
             CAUSE_EXCCODE(general_rec.cause));
    check_eq("miss with EXL = 1: EPC not written", 0x5a5a5a5a,
             general_rec.epc);
    check_eq("miss with EXL = 1: BadVAddr", c + 0x40, general_rec.badvaddr);
    check_eq("miss with EXL = 1: Context", PTE_BASE | CONTEXT_BADVPN2(c),
             general_rec.context);
    check_eq("miss with EXL = 1: EntryHi", (c & ENTRYHI_VPN2_MASK) | ASID,
             general_rec.entryhi);
    check_eq("miss with EXL = 1: the load did not complete", 0xdead0000, v);

    /* The same page afterwards, EXL = 0: an ordinary refill. */
    reset_recs();
    v = tlb_load(c + 0x10);
    check_eq("after the EXL miss: refilled normally", 1, refill_rec.count);
    check_eq("after the EXL miss: data", sig(P0 + 0x10), v);

    /* kseg2 is mapped in kernel mode too. */
    reset_recs();
    refill_mode = SKIP;
    v = tlb_load(0xc0000100);
    refill_mode = FILL;
    check_tlb_exc("refill on a kseg2 load", &refill_rec, VEC_REFILL, EXC_TLBL,
                  pc_of(tlb_load_insn), 0xc0000100);

    /* Instruction fetch through the TLB. */
    const uint32_t x = 0x70000000;
    uint32_t code_pa = (uint32_t)(uintptr_t)tlb_fetch_page - KSEG0_BASE;
    set_pte(x, PAGE_4K(code_pa, ENTRYLO_V), 0);
    reset_recs();
    v = ((uint32_t (*)(void))x)();
    check_tlb_exc("refill on instruction fetch", &refill_rec, VEC_REFILL,
                  EXC_TLBL, x, x);
    check_eq("refill on instruction fetch: the code runs", 0x600d, v);
}

static void invalid_modified(void)
{
    const uint32_t d = 0x10006000, e = 0x10008000;
    uint32_t v;

    set_pte(d, PAGE_4K(P0, ENTRYLO_D), PAGE_4K(P1, ENTRYLO_D)); /* V = 0 */
    set_pte(e, PAGE_4K(P0, ENTRYLO_V), PAGE_4K(P1, ENTRYLO_V)); /* D = 0 */
    put_sig(P0 + 0x50);

    reset_recs();
    v = tlb_load(d + 0x50);
    check_eq("TLB invalid on load: refilled first", 1, refill_rec.count);
    check_tlb_exc("TLB invalid on load", &general_rec, VEC_GENERAL, EXC_TLBL,
                  pc_of(tlb_load_insn), d + 0x50);
    check_eq("TLB invalid on load: rt unchanged", 0xdeaddead, v);

    reset_recs();
    tlb_store(d + 0x1054, 1);
    check_eq("TLB invalid on store: entry present, no refill", 0,
             refill_rec.count);
    check_tlb_exc("TLB invalid on store", &general_rec, VEC_GENERAL, EXC_TLBS,
                  pc_of(tlb_store_insn), d + 0x1054);

    reset_recs();
    v = tlb_load(e + 0x50);
    check_eq("clean page (D = 0): load refills and completes", sig(P0 + 0x50),
             v);
    check_eq("clean page (D = 0): load raises nothing else", 0,
             general_rec.count);
    reset_recs();
    tlb_store(e + 0x50, 0x12345678);
    check_tlb_exc("TLB modified on store", &general_rec, VEC_GENERAL, EXC_MOD,
                  pc_of(tlb_store_insn), e + 0x50);
    check_eq("TLB modified: memory unchanged", sig(P0 + 0x50),
             phys_read(P0 + 0x50));
}

static void probe_read(void)
{
    uint32_t hi, lo0, lo1, pm;

    tlb_invalidate_all(0);
    mtc0(CP0_ENTRYHI, 0, ASID);

    tlb_write_indexed(5, 0x10010000 | ASID, PM_4K,
                      PAGE_4K(P0, ENTRYLO_V), PAGE_4K(P1, ENTRYLO_V));
    mtc0(CP0_ENTRYHI, 0, 0x10011000 | ASID);   /* odd page of the pair */
    tlbp();
    check_eq("tlbp hit: Index", 5, mfc0(CP0_INDEX, 0));
    mtc0(CP0_ENTRYHI, 0, 0x10010000 | 0x12);
    tlbp();
    check_eq("tlbp with another ASID misses: Index.P", INDEX_P,
             mfc0(CP0_INDEX, 0) & INDEX_P);
    mtc0(CP0_ENTRYHI, 0, 0x10020000 | ASID);
    tlbp();
    check_eq("tlbp miss: Index.P", INDEX_P, mfc0(CP0_INDEX, 0) & INDEX_P);

    /* TLBR: G is stored once, as the AND of both EntryLo.G. */
    static const struct {
        const char *what;
        uint32_t g0, g1, g;
    } gs[] = {
        {"G in both EntryLo", ENTRYLO_G, ENTRYLO_G, ENTRYLO_G},
        {"G in EntryLo0 only", ENTRYLO_G, 0, 0},
        {"G in EntryLo1 only", 0, ENTRYLO_G, 0},
    };
    for (unsigned i = 0; i < 3; i++) {
        uint32_t w0 = ENTRYLO_PFN(P2) | ENTRYLO_C(3) | ENTRYLO_D | ENTRYLO_V;
        uint32_t w1 = ENTRYLO_PFN(P3) | ENTRYLO_C(2) | ENTRYLO_V;
        tlb_write_indexed(3, 0x20000000 | 0x22, PM_4K, w0 | gs[i].g0,
                          w1 | gs[i].g1);
        mtc0(CP0_ENTRYHI, 0, 0);
        mtc0(CP0_ENTRYLO0, 0, 0);
        mtc0(CP0_ENTRYLO1, 0, 0);
        mtc0(CP0_PAGEMASK, 0, PM_16M);
        mtc0(CP0_INDEX, 0, 3);
        tlbr();
        hi = mfc0(CP0_ENTRYHI, 0);
        lo0 = mfc0(CP0_ENTRYLO0, 0);
        lo1 = mfc0(CP0_ENTRYLO1, 0);
        pm = mfc0(CP0_PAGEMASK, 0);
        mtc0(CP0_ENTRYHI, 0, ASID);
        check_eqf(0x20000022, hi, "tlbr, %s: EntryHi", gs[i].what);
        check_eqf(PM_4K, pm, "tlbr, %s: PageMask", gs[i].what);
        check_eqf(w0 | gs[i].g, lo0, "tlbr, %s: EntryLo0", gs[i].what);
        check_eqf(w1 | gs[i].g, lo1, "tlbr, %s: EntryLo1", gs[i].what);
    }
    tlb_invalidate_all(0);
    mtc0(CP0_ENTRYHI, 0, ASID);
}

static void large_pages(void)
{
    static const struct {
        const char *what;
        uint32_t va, mask, even, odd, size;
    } pages[] = {
        {"16 KB", 0x30000000, PM_16K, P16K_EVEN, P16K_ODD, 0x4000},
        {"1 MB", 0x30200000, PM_1M, P1M_EVEN, P1M_ODD, 0x100000},
        {"16 MB", 0x32000000, PM_16M, P16M_EVEN, P16M_ODD, 0x1000000},
    };

    tlb_invalidate_all(0);
    mtc0(CP0_ENTRYHI, 0, ASID);
    reset_recs();
    for (unsigned i = 0; i < 3; i++) {
        uint32_t va = pages[i].va, size = pages[i].size;
        uint32_t offs[3] = {0x10, size / 2 + 0x24, size - 4};

        tlb_write_indexed(6 + i, va | ASID, pages[i].mask,
                          PAGE_4K(pages[i].even, ENTRYLO_D | ENTRYLO_V),
                          PAGE_4K(pages[i].odd, ENTRYLO_D | ENTRYLO_V));
        mtc0(CP0_PAGEMASK, 0, PM_4K);
        mtc0(CP0_ENTRYHI, 0, ASID);
        for (unsigned j = 0; j < 3; j++) {
            put_sig(pages[i].even + offs[j]);
            put_sig(pages[i].odd + offs[j]);
            check_eqf(sig(pages[i].even + offs[j]), tlb_load(va + offs[j]),
                      "%s page pair: even page at +0x%x", pages[i].what,
                      offs[j]);
            check_eqf(sig(pages[i].odd + offs[j]),
                      tlb_load(va + size + offs[j]),
                      "%s page pair: odd page at +0x%x", pages[i].what,
                      offs[j]);
        }
        tlb_store(va + size + 8, 0xfeedf00d);
        check_eqf(0xfeedf00d, phys_read(pages[i].odd + 8),
                  "%s page pair: store to the odd page", pages[i].what);

        /* TLBP matches anywhere in the pair; TLBR returns the mask. */
        mtc0(CP0_ENTRYHI, 0, (va + size + size / 2) | ASID);
        tlbp();
        check_eqf(6 + i, mfc0(CP0_INDEX, 0),
                  "%s page pair: tlbp inside the odd page", pages[i].what);
        tlbr();
        check_eqf(pages[i].mask, mfc0(CP0_PAGEMASK, 0),
                  "%s page pair: tlbr PageMask", pages[i].what);
        mtc0(CP0_PAGEMASK, 0, PM_4K);
        mtc0(CP0_ENTRYHI, 0, ASID);
    }
    check_eq("large pages: no exception", 0,
             refill_rec.count + general_rec.count);
    tlb_invalidate_all(0);
    mtc0(CP0_ENTRYHI, 0, ASID);
}

static void wired(void)
{
    unsigned n = tlb_entries();
    uint32_t hi, lo0, lo1;
    int random_ok = 1;

    tlb_invalidate_all(0);
    mtc0(CP0_WIRED, 0, 4);
    check_eq("Wired reads back 4", 4, mfc0(CP0_WIRED, 0));
    for (unsigned i = 0; i < 4; i++)
        tlb_write_indexed(i, (0x40000000 + i * 0x2000) | ASID, PM_4K,
                          PAGE_4K(P0 + (i & 1) * 0x1000, ENTRYLO_D | ENTRYLO_V),
                          PAGE_4K(P2, ENTRYLO_V));
    for (unsigned i = 0; i < 200; i++) {
        uint32_t r = mfc0(CP0_RANDOM, 0);
        if (r < 4 || r > n - 1)
            random_ok = 0;
        mtc0(CP0_ENTRYHI, 0, (0x50000000 + i * 0x2000) | ASID);
        mtc0(CP0_ENTRYLO0, 0, 0);
        mtc0(CP0_ENTRYLO1, 0, 0);
        tlbwr();
    }
    mtc0(CP0_ENTRYHI, 0, ASID);
    check_eq("Random stays within [Wired, N-1] across 200 tlbwr", 1,
             random_ok);
    for (unsigned i = 0; i < 4; i++) {
        mtc0(CP0_INDEX, 0, i);
        tlbr();
        hi = mfc0(CP0_ENTRYHI, 0);
        lo0 = mfc0(CP0_ENTRYLO0, 0);
        lo1 = mfc0(CP0_ENTRYLO1, 0);
        mtc0(CP0_ENTRYHI, 0, ASID);
        check_eqf((0x40000000 + i * 0x2000) | ASID, hi,
                  "wired entry %u survives tlbwr: EntryHi", i);
        check_eqf(PAGE_4K(P0 + (i & 1) * 0x1000, ENTRYLO_D | ENTRYLO_V), lo0,
                  "wired entry %u survives tlbwr: EntryLo0", i);
        check_eqf(PAGE_4K(P2, ENTRYLO_V), lo1,
                  "wired entry %u survives tlbwr: EntryLo1", i);
    }
    put_sig(P1 + 0x60);
    reset_recs();
    check_eq("wired entry still translates", sig(P1 + 0x60),
             tlb_load(0x40002000 + 0x60));
    check_eq("wired entry still translates: no refill", 0, refill_rec.count);

    /* Wired = N-1 leaves one random slot: Random = N-1, TLBWR uses it. */
    mtc0(CP0_WIRED, 0, n - 1);
    check_eq("Wired = N-1: Random = N-1", n - 1, mfc0(CP0_RANDOM, 0));
    mtc0(CP0_RANDOM, 0, 0);
    check_eq("Random ignores writes", n - 1, mfc0(CP0_RANDOM, 0));
    mtc0(CP0_ENTRYHI, 0, 0x50800000 | ASID);
    mtc0(CP0_ENTRYLO0, 0, PAGE_4K(P3, ENTRYLO_V));
    mtc0(CP0_ENTRYLO1, 0, 0);
    tlbwr();
    mtc0(CP0_INDEX, 0, n - 1);
    tlbr();
    hi = mfc0(CP0_ENTRYHI, 0);
    lo0 = mfc0(CP0_ENTRYLO0, 0);
    mtc0(CP0_ENTRYHI, 0, ASID);
    check_eq("Wired = N-1: tlbwr writes entry N-1 (EntryHi)",
             0x50800000 | ASID, hi);
    check_eq("Wired = N-1: tlbwr writes entry N-1 (EntryLo0)",
             PAGE_4K(P3, ENTRYLO_V), lo0);

    mtc0(CP0_WIRED, 0, 0);
    tlb_invalidate_all(0);
    mtc0(CP0_ENTRYHI, 0, ASID);
}

static void asids(void)
{
    const uint32_t s = 0x60000000, t = 0x60002000;

    tlb_invalidate_all(0);
    for (unsigned p = 0; p < 4; p++)
        put_sig(P0 + p * 0x1000 + 0x70);
    tlb_write_indexed(1, s | 1, PM_4K, PAGE_4K(P0, ENTRYLO_D | ENTRYLO_V), 0);
    tlb_write_indexed(2, s | 2, PM_4K, PAGE_4K(P1, ENTRYLO_D | ENTRYLO_V), 0);
    tlb_write_indexed(3, t | 1, PM_4K,
                      PAGE_4K(P2, ENTRYLO_D | ENTRYLO_V | ENTRYLO_G),
                      PAGE_4K(P3, ENTRYLO_D | ENTRYLO_V | ENTRYLO_G));

    reset_recs();
    mtc0(CP0_ENTRYHI, 0, 1);
    check_eq("ASID 1 sees its page", sig(P0 + 0x70), tlb_load(s + 0x70));
    mtc0(CP0_ENTRYHI, 0, 2);
    check_eq("ASID 2 sees its own page at the same VA", sig(P1 + 0x70),
             tlb_load(s + 0x70));
    mtc0(CP0_ENTRYHI, 0, 1);
    check_eq("back to ASID 1", sig(P0 + 0x70), tlb_load(s + 0x70));
    for (uint32_t asid = 1; asid <= 3; asid++) {
        mtc0(CP0_ENTRYHI, 0, asid);
        check_eqf(sig(P2 + 0x70), tlb_load(t + 0x70),
                  "global entry matches ASID %u", asid);
        check_eqf(sig(P3 + 0x70), tlb_load(t + 0x1070),
                  "global entry (odd page) matches ASID %u", asid);
    }
    check_eq("ASID switches: no exception", 0,
             refill_rec.count + general_rec.count);

    /* ASID 3 has no entry for s: refill, EntryHi.ASID = 3. */
    mtc0(CP0_ENTRYHI, 0, 3);
    refill_mode = SKIP;
    reset_recs();
    tlb_load(s + 0x70);
    refill_mode = FILL;
    check_eq("ASID 3 misses: refill", 1, refill_rec.count);
    check_eq("ASID 3 misses: EntryHi (VPN2, ASID 3)", s | 3,
             refill_rec.entryhi);

    /* Remap s for ASID 1 in place: the new page is seen at once. */
    mtc0(CP0_ENTRYHI, 0, 1);
    tlb_load(s + 0x70);
    tlb_write_indexed(1, s | 1, PM_4K, PAGE_4K(P3, ENTRYLO_D | ENTRYLO_V), 0);
    mtc0(CP0_ENTRYHI, 0, 1);
    check_eq("tlbwi remap takes effect at once", sig(P3 + 0x70),
             tlb_load(s + 0x70));
    /* Invalidate it (V = 0): the next access is a TLB invalid. */
    tlb_write_indexed(1, s | 1, PM_4K, PAGE_4K(P3, ENTRYLO_D), 0);
    mtc0(CP0_ENTRYHI, 0, 1);
    reset_recs();
    tlb_load(s + 0x70);
    check_eq("tlbwi invalidation takes effect at once: no refill", 0,
             refill_rec.count);
    check_eq("tlbwi invalidation takes effect at once: TLB invalid", EXC_TLBL,
             general_rec.count == 1 ? CAUSE_EXCCODE(general_rec.cause) : 99);

    tlb_invalidate_all(0);
    mtc0(CP0_ENTRYHI, 0, ASID);
}

int main(void)
{
    check_start("tlb");
    exc_set_refill_handler(refill);
    exc_set_handler(general);
    mtc0(CP0_CONTEXT, 0, PTE_BASE);
    check_eq("Context.PTEBase reads back", PTE_BASE,
             mfc0(CP0_CONTEXT, 0) & CONTEXT_PTEBASE_MASK);
    mtc0(CP0_ENTRYHI, 0, ASID);
    check_eq("EntryHi.ASID reads back", ASID, mfc0(CP0_ENTRYHI, 0));

    refills();
    invalid_modified();
    probe_read();
    large_pages();
    wired();
    asids();

    exc_set_handler(0);
    exc_set_refill_handler(0);
    mtc0(CP0_ENTRYHI, 0, 0);
    return check_done();
}
