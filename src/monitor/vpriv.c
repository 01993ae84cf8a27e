/*
 * vpriv.c - the monitor's privileged layer: struct priv_ops (cpu/priv.h)
 * for a VCPU.  The guest kernel runs de-privileged: every privileged
 * instruction, TLB write, exception, interrupt and device access of a VCPU
 * arrives here, is counted and charged (cost.h), and is emulated against
 * the VCPU's virtual CP0 and virtual TLB with the same code native mode
 * uses on the hardware's (mmu/native.c, cpu/cp0.c, tlb/tlb.c), so the
 * guest sees exactly what the hardware would show it.
 *
 * Memory (DESIGN.md, "A memory access under the monitor"):
 *   - kseg0/kseg1: guest-physical RAM goes through the VM's pmap to its
 *     machine page; anything else reaches the VM's own devices.
 *   - mapped segments: the physical CPU's hardware TLB (VA -> MA); on a
 *     miss the VCPU's L2TLB, then its virtual TLB (a hit there means the
 *     hardware would not have missed); only when both miss is the TLB
 *     exception reflected to the guest, with the BadVAddr, Context and
 *     EntryHi the hardware would set.
 *   - TLB writes are emulated on the virtual TLB, translated through the
 *     pmap and written to the hardware TLB and the L2TLB.
 *
 * The L2TLB never serves a translation the guest believes gone:
 * vcpu_forget drops the matching L2TLB, hardware TLB and fast-path
 * entries on TLBP (the probed EntryHi), TLBWI (old and new contents of the
 * index), TLBWR (the new entry; the evicted one stays: that is what the
 * L2TLB is for, unless it is off) and on a full sweep of the virtual TLB
 * with invalid entries (Linux's local_flush_tlb_all, also how it handles
 * ASID wrap-around), which empties the L2TLB.
 */
#include "monitor/vmm.h"

#include "cpu/cp0.h"
#include "cpu/cpu.h"
#include "mmu/bus.h"
#include "mmu/native.h"
#include "mmu/segment.h"

#define PAIR_BYTES 0x2000u

static inline struct vcpu *vcpu_of(const struct cpu *cpu)
{
    return cpu->priv_ctx;
}

/* kseg0 translations are not traps: the MMU interposes on them; they
 * cost only what the cost model gives "kseg0" (0 by default). */
void vcpu_charge(struct vcpu *v, enum mon_cause cause)
{
    const struct mon_costs *k = &v->vm->vmm->cfg.costs;
    v->stats.count[cause]++;
    v->stats.cause_cycles[cause] += k->cycles[cause];
    v->stats.monitor_cycles += k->cycles[cause];
    if (cause == MON_KSEG0)
        return;
    v->stats.count[MON_TRAP]++;
    v->stats.cause_cycles[MON_TRAP] += k->cycles[MON_TRAP];
    v->stats.monitor_cycles += k->cycles[MON_TRAP];
}

/* The physical CPU the VCPU is loaded on (it is, while it executes). */
static inline struct pcpu *vcpu_pcpu(const struct vcpu *v)
{
    return v->home->loaded == v ? v->home : NULL;
}

static inline void memmap_note(struct vmm *vmm, uint32_t mpn, const struct vcpu *v)
{
    vmm->memmap.page[mpn].mappers |= 1ull << v->id;
}

/* Guest-physical page -> machine page; false when gpa is not the VM's RAM.
 * A quiet look (the debugger, semihosting) neither allocates nor records. */
static bool vcpu_ram_mpn(struct vcpu *v, uint32_t gpa, uint32_t *mpn, bool quiet)
{
    struct vm *vm = v->vm;
    uint32_t gppn = gpa >> PMAP_PAGE_BITS;
    if (gppn >= vm->pmap.npages)
        return false;
    if (quiet) {
        uint32_t m = vm->pmap.mpn[gppn];
        *mpn = m != PMAP_NONE ? m : vm->pmap.slice_mpn + gppn; /* where it will be */
        return true;
    }
    *mpn = pmap_lookup(&vm->pmap, &vm->vmm->memmap, vm->index, gppn);
    memmap_note(vm->vmm, *mpn, v);
    return true;
}

/* The guest-physical address a machine address of the VM's RAM stands for. */
static uint32_t guest_pa_of(const struct vcpu *v, uint32_t ma)
{
    return (v->vm->vmm->memmap.page[ma >> PMAP_PAGE_BITS].gppn << PMAP_PAGE_BITS) |
           (ma & 0xfffu);
}

/* ---- the hardware TLB of the physical CPU ---------------------------- */

static bool hw_entry_matches(const struct tlb_entry *e, uint32_t start, uint64_t end,
                             uint8_t asid, bool all_asids)
{
    uint32_t s, size;
    if (!(e->lo[0] & ENTRYLO_V) && !(e->lo[1] & ENTRYLO_V))
        return false;
    tlb_entry_range(e, &s, &size);
    if ((uint64_t)s + size <= start || s >= end)
        return false;
    return all_asids || e->global || (e->entryhi & ENTRYHI_ASID_MASK) == asid;
}

static void hw_invalidate(struct pcpu *p, unsigned i, struct cpu *cpu)
{
    uint32_t s, size;
    tlb_entry_range(&p->hwtlb.entry[i], &s, &size);
    tlb_write(&p->hwtlb, i, 0, 0, 0, 0);
    softmmu_flush_range(&cpu->mmu, s, size);
}

/* Writes a 4 KB-pair entry, replacing round-robin; what the fast path
 * learnt from the evicted entry goes with it (fast path within hwtlb). */
static void hw_insert(struct pcpu *p, struct cpu *cpu, uint32_t vpn2, uint8_t asid,
                      const uint32_t lo[2])
{
    unsigned i = p->hw_victim;
    p->hw_victim = (i + 1) % p->hwtlb.nentries;
    hw_invalidate(p, i, cpu);
    tlb_write(&p->hwtlb, i, (vpn2 << 13) | asid, 0, lo[0], lo[1]);
}

/* Drops what the hardware TLB and the fast path hold of [start, start +
 * size) for asid (or global; or any ASID). */
static void hw_forget(struct vcpu *v, uint32_t start, uint32_t size, uint8_t asid,
                      bool all_asids)
{
    struct pcpu *p = vcpu_pcpu(v);
    if (p) {
        uint64_t end = (uint64_t)start + size;
        for (unsigned i = 0; i < p->hwtlb.nentries; i++)
            if (hw_entry_matches(&p->hwtlb.entry[i], start, end, asid, all_asids))
                hw_invalidate(p, i, v->cpu);
    }
    softmmu_flush_range(&v->cpu->mmu, start, size);
}

/* Drops every translation of [start, start + size) for asid (or global;
 * or any ASID) the VCPU could still use without asking its guest: L2TLB,
 * hardware TLB and fast path. */
static void vcpu_forget(struct vcpu *v, uint32_t start, uint32_t size, uint8_t asid,
                        bool all_asids)
{
    l2tlb_drop_range(&v->l2tlb, start, size, asid, all_asids);
    hw_forget(v, start, size, asid, all_asids);
}

static void vcpu_forget_entry(struct vcpu *v, const struct tlb_entry *e)
{
    uint32_t start, size;
    tlb_entry_range(e, &start, &size);
    vcpu_forget(v, start, size, (uint8_t)(e->entryhi & ENTRYHI_ASID_MASK), e->global);
}

/* Everything: the L2TLB, the hardware TLB, the fast path. */
static void vcpu_forget_all(struct vcpu *v)
{
    l2tlb_flush(&v->l2tlb);
    struct pcpu *p = vcpu_pcpu(v);
    if (p)
        tlb_flush(&p->hwtlb);
    softmmu_flush_all(&v->cpu->mmu);
    v->stats.l2tlb_flushes++;
}

/*
 * The machine EntryLo pair for the 4 KB pair holding va, from a virtual
 * TLB entry: each half's guest page through the pmap.  A half that is
 * invalid, or maps something other than the VM's RAM (a device through
 * the TLB), is invalid in machine terms, so accesses to it come back here.
 */
static void vtlb_pair_to_machine(struct vcpu *v, const struct tlb_entry *e, uint32_t va,
                                 uint32_t lo_out[2])
{
    uint32_t half_bytes = ((e->pagemask | 0x1fffu) + 1) >> 1;
    for (unsigned h = 0; h < 2; h++) {
        uint32_t page_va = (va & ~(PAIR_BYTES - 1)) | (h << 12);
        uint32_t lo = e->lo[(page_va & e->odd_bit) ? 1 : 0];
        uint32_t gpa = (((lo & ENTRYLO_PFN_MASK) >> ENTRYLO_PFN_SHIFT) << 12) +
                       (page_va & (half_bytes - 1) & ~0xfffu);
        uint32_t mpn;
        uint32_t flags = lo & (ENTRYLO_C_MASK | ENTRYLO_D | ENTRYLO_V);
        if (e->global)
            flags |= ENTRYLO_G;
        if ((lo & ENTRYLO_V) && vcpu_ram_mpn(v, gpa, &mpn, false))
            lo_out[h] = flags | (mpn << ENTRYLO_PFN_SHIFT);
        else
            lo_out[h] = flags & ~(ENTRYLO_V | ENTRYLO_D);
    }
}

/*
 * The L2TLB had to drop an entry to make room.  Whatever the hardware TLB
 * and the fast path hold for it must go too, unless the guest's own TLB
 * still maps it: otherwise what the guest can reach would depend on when
 * VCPU switches flushed the hardware TLB, and a VM's run on how it was
 * scheduled.  (What a VCPU can reach without a reflected miss is always
 * exactly its virtual TLB plus its L2TLB.)
 */
static void vcpu_forget_evicted(struct vcpu *v, const struct l2tlb_entry *gone)
{
    uint32_t va = gone->vpn2 << 13;
    struct tlb_hit hit;
    uint8_t asid = gone->asid;
    if (!gone->global && tlb_lookup(&v->cpu->tlb, va, asid, false, &hit) != TLB_REFILL &&
        tlb_lookup(&v->cpu->tlb, va + 0x1000, asid, false, &hit) != TLB_REFILL)
        return;
    hw_forget(v, va, PAIR_BYTES, asid, gone->global);
}

/* A TLB write the guest just made: into the L2TLB and the hardware TLB. */
static void vcpu_learn_entry(struct vcpu *v, const struct tlb_entry *e)
{
    if (!(e->lo[0] & ENTRYLO_V) && !(e->lo[1] & ENTRYLO_V))
        return;
    if (e->pagemask != 0)
        return; /* large pages are served from the virtual TLB */
    uint32_t va = e->entryhi & ENTRYHI_VPN2_MASK;
    uint8_t asid = (uint8_t)(e->entryhi & ENTRYHI_ASID_MASK);
    struct l2tlb_entry le = { .vpn2 = va >> 13, .asid = asid, .global = e->global, .valid = true };
    vtlb_pair_to_machine(v, e, va, le.lo);
    struct l2tlb_entry evicted;
    if (l2tlb_insert_evict(&v->l2tlb, &le, &evicted))
        vcpu_forget_evicted(v, &evicted);
    struct pcpu *p = vcpu_pcpu(v);
    if (p)
        hw_insert(p, v->cpu, le.vpn2, asid, le.lo);
}

/* ---- translation ----------------------------------------------------- */

static void reflect_address_error(struct cpu *cpu, uint32_t va, bool store)
{
    struct cpu_exception exc = {
        .code = store ? EXC_ADES : EXC_ADEL, .has_badvaddr = true, .badvaddr = va,
    };
    cpu->priv->raise(cpu, &exc);
}

/* Guest-physical address gpa: the VM's RAM through the pmap, or its devices. */
static void translate_physical(struct vcpu *v, uint32_t gpa, bool quiet, struct xlate *out)
{
    uint32_t mpn;
    out->pa = gpa;
    if (vcpu_ram_mpn(v, gpa, &mpn, quiet)) {
        out->bus = &v->vm->vmm->bus;
        out->addr = (mpn << PMAP_PAGE_BITS) | (gpa & 0xfffu);
        return;
    }
    out->bus = &v->vm->m->bus;
    out->addr = gpa;
    if (!quiet) {
        const struct bus_region *r = bus_find(out->bus, gpa);
        if (!r || !r->host)
            vcpu_charge(v, MON_DEVICE);
    }
}

/* A mapped address whose hardware TLB lookup missed: L2TLB, then the
 * guest's TLB, else the exception goes to the guest.  False after
 * reflecting it. */
static bool translate_tlb_miss(struct vcpu *v, uint32_t va, bool store, bool quiet,
                               struct xlate *out)
{
    struct cpu *cpu = v->cpu;
    struct cp0 *cp0 = &cpu->cp0;
    uint8_t asid = cp0_asid(cp0);
    unsigned half = (va >> 12) & 1;
    struct l2tlb_entry le;
    if (!quiet)
        v->stats.hwtlb_misses++;
    if (l2tlb_enabled(&v->l2tlb) && l2tlb_lookup(&v->l2tlb, va, asid, &le)) {
        uint32_t lo = le.lo[half];
        if ((lo & ENTRYLO_V) && (!store || (lo & ENTRYLO_D))) {
            uint32_t mpn = (lo & ENTRYLO_PFN_MASK) >> ENTRYLO_PFN_SHIFT;
            out->bus = &v->vm->vmm->bus;
            out->addr = (mpn << PMAP_PAGE_BITS) | (va & 0xfffu);
            out->pa = guest_pa_of(v, out->addr);
            if (!quiet) {
                struct pcpu *p = vcpu_pcpu(v);
                if (p)
                    hw_insert(p, cpu, le.vpn2, le.global ? 0 : le.asid, le.lo);
                vcpu_charge(v, MON_L2TLB_REFILL);
            }
            return true;
        }
    }
    struct tlb_hit hit;
    enum tlb_result r = tlb_lookup(&cpu->tlb, va, asid, store, &hit);
    if (r == TLB_HIT) {
        translate_physical(v, hit.pa, quiet, out);
        if (out->bus == &v->vm->vmm->bus && !quiet) {
            uint32_t lo[2];
            vtlb_pair_to_machine(v, &cpu->tlb.entry[hit.index], va, lo);
            struct pcpu *p = vcpu_pcpu(v);
            if (p)
                hw_insert(p, cpu, va >> 13, asid, lo);
            vcpu_charge(v, MON_VTLB_REFILL);
        } else if (out->bus != &v->vm->vmm->bus) {
            out->cacheable = false; /* a device through the TLB: always asks */
        }
        return true;
    }
    if (quiet)
        return false;
    vcpu_charge(v, MON_TLB_REFLECT);
    cp0_set_badvaddr(cp0, va, true);
    unsigned code = r == TLB_MODIFIED ? EXC_MOD : store ? EXC_TLBS : EXC_TLBL;
    native_take(cpu, code, 0, r == TLB_REFILL);
    return false;
}

static bool mon_translate(struct cpu *cpu, uint32_t va, enum softmmu_kind kind,
                          unsigned flags, struct xlate *out)
{
    struct vcpu *v = vcpu_of(cpu);
    struct cp0 *cp0 = &cpu->cp0;
    bool store = kind == SOFTMMU_STORE;
    bool quiet = (flags & XLATE_NOFAULT) != 0;
    out->cacheable = true;
    switch (mmu_segment(va, cp0_kernel_mode(cp0), (cp0->status & ST_ERL) != 0)) {
    case SEG_ADDRESS_ERROR:
        if (!quiet)
            reflect_address_error(cpu, va, store);
        return false;
    case SEG_UNMAPPED_CACHED:
    case SEG_UNMAPPED_UNCACHED:
        translate_physical(v, mmu_unmapped_pa(va), quiet, out);
        if (!quiet && out->bus == &v->vm->vmm->bus)
            vcpu_charge(v, MON_KSEG0);
        break;
    case SEG_MAPPED: {
        struct pcpu *p = vcpu_pcpu(v);
        struct tlb_hit hit;
        if (p && tlb_lookup(&p->hwtlb, va, cp0_asid(cp0), store, &hit) == TLB_HIT) {
            out->bus = &v->vm->vmm->bus;
            out->addr = hit.pa;
            out->pa = guest_pa_of(v, hit.pa);
            break;
        }
        if (!translate_tlb_miss(v, va, store, quiet, out))
            return false;
        break;
    }
    }
    if (cp0_watch_armed(cp0) && !quiet)
        return native_watch(cpu, va, kind, out);
    return true;
}

/* ---- privileged instructions ----------------------------------------- */

/* The instruction is legal here (kernel mode, or CU0): the guest traps
 * into the monitor for it.  Otherwise the native code reflects CpU. */
static bool guest_may_use_cp0(const struct cpu *cpu)
{
    return cp0_kernel_mode(&cpu->cp0) || (cpu->cp0.status & ST_CU0);
}

static void charge_if_legal(struct cpu *cpu, enum mon_cause cause)
{
    if (guest_may_use_cp0(cpu))
        vcpu_charge(vcpu_of(cpu), cause);
}

static void mon_raise(struct cpu *cpu, const struct cpu_exception *exc)
{
    vcpu_charge(vcpu_of(cpu), MON_EXCEPTION);
    native_priv_ops.raise(cpu, exc);
}

static bool mon_mfc0(struct cpu *cpu, unsigned reg, unsigned sel, uint32_t *value)
{
    charge_if_legal(cpu, MON_MFC0);
    return native_priv_ops.mfc0(cpu, reg, sel, value);
}

static bool mon_mtc0(struct cpu *cpu, unsigned reg, unsigned sel, uint32_t value)
{
    charge_if_legal(cpu, MON_MTC0);
    return native_priv_ops.mtc0(cpu, reg, sel, value);
}

/* TLBWI of an invalid entry: when every non-wired index has been so
 * written, the guest has flushed its TLB (and may reuse ASIDs). */
static void note_sweep(struct vcpu *v, unsigned index, const struct tlb_entry *e)
{
    const struct tlb *tlb = &v->cpu->tlb;
    if ((e->lo[0] & ENTRYLO_V) || (e->lo[1] & ENTRYLO_V)) {
        v->sweep &= ~(1ull << index); /* not part of a sweep */
        return;
    }
    v->sweep |= 1ull << index;
    for (unsigned i = tlb->wired; i < tlb->nentries; i++)
        if (!(v->sweep & (1ull << i)))
            return;
    v->sweep = 0;
    vcpu_forget_all(v);
}

/* The L2TLB still holds the 4 KB pair of entry e (its capacity may have
 * pushed it out since the guest wrote it). */
static bool l2tlb_holds(struct vcpu *v, const struct tlb_entry *e)
{
    struct l2tlb_entry le;
    uint32_t va = e->entryhi & ENTRYHI_VPN2_MASK;
    return l2tlb_peek(&v->l2tlb, va, (uint8_t)(e->entryhi & ENTRYHI_ASID_MASK), &le);
}

static void mon_tlb_write(struct cpu *cpu, enum tlb_op op)
{
    struct vcpu *v = vcpu_of(cpu);
    unsigned index = native_tlbw_index(cpu, op);
    struct tlb_entry old = cpu->tlb.entry[index];
    native_tlb_replace(cpu, index);
    const struct tlb_entry *now = &cpu->tlb.entry[index];
    /* What TLBWR evicts stays reachable through the L2TLB - unless there is
     * none, or it is a large page, which the L2TLB never holds. */
    if (op == TLBOP_TLBWI || !l2tlb_enabled(&v->l2tlb) || old.pagemask != 0 ||
        !l2tlb_holds(v, &old))
        vcpu_forget_entry(v, &old);
    vcpu_forget_entry(v, now);
    note_sweep(v, index, now);
    vcpu_learn_entry(v, now);
}

static bool mon_tlbop(struct cpu *cpu, enum tlb_op op)
{
    if (!guest_may_use_cp0(cpu))
        return native_priv_ops.tlbop(cpu, op); /* reflects CpU */
    struct vcpu *v = vcpu_of(cpu);
    switch (op) {
    case TLBOP_TLBR:
        vcpu_charge(v, MON_TLBR);
        return native_priv_ops.tlbop(cpu, op);
    case TLBOP_TLBP: {
        vcpu_charge(v, MON_TLBP);
        uint32_t hi = cpu->cp0.entryhi;
        vcpu_forget(v, hi & ENTRYHI_VPN2_MASK, PAIR_BYTES, (uint8_t)(hi & ENTRYHI_ASID_MASK), false);
        return native_priv_ops.tlbop(cpu, op);
    }
    case TLBOP_TLBWI:
    case TLBOP_TLBWR:
        vcpu_charge(v, op == TLBOP_TLBWI ? MON_TLBWI : MON_TLBWR);
        mon_tlb_write(cpu, op);
        return true;
    }
    return true;
}

static bool mon_eret(struct cpu *cpu)
{
    charge_if_legal(cpu, MON_ERET);
    return native_priv_ops.eret(cpu);
}

static bool mon_wait(struct cpu *cpu)
{
    charge_if_legal(cpu, MON_WAIT);
    return native_priv_ops.wait(cpu);
}

static bool mon_di_ei(struct cpu *cpu, bool enable, uint32_t *old)
{
    charge_if_legal(cpu, MON_DI_EI);
    return native_priv_ops.di_ei(cpu, enable, old);
}

static bool mon_cache(struct cpu *cpu, unsigned op, uint32_t va)
{
    charge_if_legal(cpu, MON_CACHE);
    return native_priv_ops.cache(cpu, op, va);
}

static bool mon_interrupt(struct cpu *cpu)
{
    if (!native_priv_ops.interrupt(cpu))
        return false;
    vcpu_charge(vcpu_of(cpu), MON_INTERRUPT);
    return true;
}

/* What has no privileged side beyond the virtual CP0 (RDHWR, SDBBP, DERET,
 * the coprocessor checks, the timer queries) is the native code as is. */
static bool mon_deret(struct cpu *cpu) { return native_priv_ops.deret(cpu); }
static bool mon_rdhwr(struct cpu *cpu, unsigned reg, uint32_t *value)
{
    return native_priv_ops.rdhwr(cpu, reg, value);
}
static bool mon_sdbbp(struct cpu *cpu, uint32_t code) { return native_priv_ops.sdbbp(cpu, code); }
static bool mon_cop_unusable(struct cpu *cpu, unsigned cop)
{
    return native_priv_ops.cop_unusable(cpu, cop);
}
static uint64_t mon_cycles_to_event(struct cpu *cpu) { return native_priv_ops.cycles_to_event(cpu); }
static bool mon_wakeup(struct cpu *cpu) { return native_priv_ops.wakeup(cpu); }
static bool mon_kernel_mode(const struct cpu *cpu) { return native_priv_ops.kernel_mode(cpu); }

const struct priv_ops monitor_priv_ops = {
    .name = "monitor",
    .translate = mon_translate,
    .raise = mon_raise,
    .mfc0 = mon_mfc0,
    .mtc0 = mon_mtc0,
    .tlbop = mon_tlbop,
    .eret = mon_eret,
    .deret = mon_deret,
    .wait = mon_wait,
    .di_ei = mon_di_ei,
    .cache = mon_cache,
    .rdhwr = mon_rdhwr,
    .sdbbp = mon_sdbbp,
    .cop_unusable = mon_cop_unusable,
    .interrupt = mon_interrupt,
    .cycles_to_event = mon_cycles_to_event,
    .wakeup = mon_wakeup,
    .kernel_mode = mon_kernel_mode,
};
