/*
 * test_monitor.c - the monitor's privileged layer (src/monitor/vpriv.c)
 * driven directly through a VCPU's priv_ops, without the interpreter: a
 * real monitor with two VMs is built with vmm_create from a tiny ELF
 * kernel written to /tmp, one VCPU is loaded on its physical CPU, its
 * virtual CP0 is put in kernel mode, and TLB writes, probes and
 * translations are made by hand.  Checked: VA -> guest PA -> machine
 * address through the pmap, isolation of the VMs, the hardware TLB and
 * the L2TLB filled by TLB writes, the L2TLB's safety rules (what TLBWR
 * evicts stays; TLBP, TLBWI and a full sweep drop), ASID tagging, the
 * dirty bit, vmm_take_page, the reflection of TLB exceptions to the guest
 * and the charging of monitor entries.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "unit.h"

#include "cpu/cp0.h"
#include "cpu/cpu.h"
#include "monitor/vmm.h"
#include "tlb/l2tlb.h"
#include "tlb/tlb.h"

#define VM_RAM (4u << 20)
#define GUEST_PC 0x80100000u   /* where the tiny kernel loops */
#define REFILL_VECTOR 0x80000000u
#define GENERAL_VECTOR 0x80000180u
#define PAIR 0x2000u

#define LO(gpfn, flags) ((((uint32_t)(gpfn)) << ENTRYLO_PFN_SHIFT) | (flags))
#define C3 (3u << ENTRYLO_C_SHIFT)     /* cacheable */
#define VD (ENTRYLO_V | ENTRYLO_D | C3)
#define VONLY (ENTRYLO_V | C3)

/* ---- the kernel: a loop at 0x80100000, as an ELF file in /tmp --------------- */

static void put16(uint8_t *p, uint32_t v)
{
    p[0] = (uint8_t)v;
    p[1] = (uint8_t)(v >> 8);
}

static void put32(uint8_t *p, uint32_t v)
{
    for (int i = 0; i < 4; i++)
        p[i] = (uint8_t)(v >> (8 * i));
}

/* One PT_LOAD of 8 bytes at file offset 0x100: "b . ; nop". */
static void write_kernel(char *path, size_t pathlen)
{
    uint8_t b[0x108];
    memset(b, 0, sizeof b);
    memcpy(b, "\177ELF", 4);
    b[4] = 1;                    /* ELFCLASS32 */
    b[5] = 1;                    /* ELFDATA2LSB */
    b[6] = 1;                    /* EV_CURRENT */
    put16(b + 16, 2);            /* ET_EXEC */
    put16(b + 18, 8);            /* EM_MIPS */
    put32(b + 20, 1);
    put32(b + 24, GUEST_PC);     /* entry */
    put32(b + 28, 52);           /* phoff */
    put32(b + 36, 0x70001005);   /* MIPS32r2, o32 */
    put16(b + 40, 52);
    put16(b + 42, 32);
    put16(b + 44, 1);
    uint8_t *ph = b + 52;
    put32(ph + 0, 1);            /* PT_LOAD */
    put32(ph + 4, 0x100);
    put32(ph + 8, GUEST_PC);
    put32(ph + 12, GUEST_PC);
    put32(ph + 16, 8);
    put32(ph + 20, 8);
    put32(ph + 24, 5);
    put32(ph + 28, 0x10);
    put32(b + 0x100, 0x1000ffffu); /* b . */
    put32(b + 0x104, 0x00000000u); /* nop */

    snprintf(path, pathlen, "/tmp/disco-test-monitor-XXXXXX");
    int fd = mkstemp(path);
    ck_assert_int_ge(fd, 0);
    ck_assert_int_eq(write(fd, b, sizeof b), (ssize_t)sizeof b);
    ck_assert_int_eq(close(fd), 0);
}

/* ---- the monitor ----------------------------------------------------------- */

struct rig {
    char kernel[64];
    struct vmm *vmm;
};

static struct vmm *rig_vmm(struct rig *r, bool l2tlb)
{
    struct vmm_config cfg;
    memset(&cfg, 0, sizeof cfg);
    cfg.base.machine = "malta";
    cfg.base.ram_size = VM_RAM;
    cfg.base.ncpus = 1;
    cfg.base.tlb_entries = 16;
    cfg.base.quantum = MACHINE_DEFAULT_QUANTUM;
    cfg.base.semihosting = true;
    cfg.base.serial = "null";
    cfg.nvms = 2;
    for (unsigned i = 0; i < cfg.nvms; i++) {
        snprintf(cfg.vm[i].name, sizeof cfg.vm[i].name, "vm%u", i);
        cfg.vm[i].ram_size = VM_RAM;
        cfg.vm[i].vcpus = 1;
        cfg.vm[i].kernel = strdup(r->kernel);
        cfg.vm[i].serial = strdup("null");
        ck_assert_ptr_nonnull(cfg.vm[i].kernel);
        ck_assert_ptr_nonnull(cfg.vm[i].serial);
    }
    cfg.pcpus = 1;
    cfg.hwtlb_entries = 64;
    cfg.l2tlb = l2tlb;
    cfg.l2tlb_entries = 64;
    mon_costs_default(&cfg.costs);
    struct vmm *vmm = NULL;
    char err[512] = "";
    int rc = vmm_create(&vmm, &cfg, err, sizeof err);
    for (unsigned i = 0; i < cfg.nvms; i++)
        vm_config_free(&cfg.vm[i]);
    /* the kernel is loaded: the file goes now, so that a failing check
     * (which leaves the test early) leaves nothing in /tmp */
    unlink(r->kernel);
    ck_assert_msg(rc == 0, "vmm_create: %d (%s)", rc, err);
    ck_assert_ptr_nonnull(vmm);
    ck_assert_uint_eq(vmm->nvms, 2);
    return vmm;
}

static void rig_init(struct rig *r, bool l2tlb)
{
    memset(r, 0, sizeof *r);
    write_kernel(r->kernel, sizeof r->kernel);
    r->vmm = rig_vmm(r, l2tlb);
}

static void rig_done(struct rig *r)
{
    vmm_destroy(r->vmm);
    r->vmm = NULL;
}

static struct vm *vm_of(struct rig *r, unsigned i)
{
    return r->vmm->vms[i];
}

static struct vcpu *vcpu_of(struct rig *r, unsigned i)
{
    return &vm_of(r, i)->vcpu[0];
}

/* Kernel mode, EXL = ERL = BEV = 0, no pending exception, at GUEST_PC. */
static void kernel_mode(struct cpu *c)
{
    c->cp0.status = 0;
    c->cp0.cause = 0;
    c->cp0.epc = 0;
    c->cp0.badvaddr = 0;
    cpu_jump(c, GUEST_PC);
    cpu_set_regime(c, cp0_regime(&c->cp0));
    ck_assert(cp0_kernel_mode(&c->cp0));
}

static void set_asid(struct cpu *c, uint8_t asid)
{
    c->cp0.entryhi = (c->cp0.entryhi & ENTRYHI_VPN2_MASK) | asid;
    softmmu_flush_all(&c->mmu); /* what MTC0 EntryHi does */
}

/* Loads VCPU 0 of VM i on its physical CPU, in kernel mode with ASID asid,
 * Wired 0 and Random counted from cycle 0. */
static struct cpu *load(struct rig *r, unsigned i, uint8_t asid)
{
    struct vcpu *v = vcpu_of(r, i);
    struct cpu *c = v->cpu;
    ck_assert_ptr_eq(c, &vm_of(r, i)->m->cpu[0]);
    ck_assert_ptr_eq(c->priv, &monitor_priv_ops);
    ck_assert_ptr_eq(c->priv_ctx, v);
    vmm_load_vcpu(v->home, v);
    ck_assert_ptr_eq(v->home->loaded, v);
    kernel_mode(c);
    tlb_set_wired(&c->tlb, 0);
    c->cp0.wired_cycle = 0;
    c->cycles = 0;
    c->cp0.entryhi = asid;
    softmmu_flush_all(&c->mmu);
    return c;
}

/* A VCPU switch away and back: the hardware TLB is flushed, so the next
 * mapped access must come from the L2TLB or the virtual TLB. */
static void switch_away_and_back(struct rig *r, unsigned i)
{
    struct vcpu *v = vcpu_of(r, i), *other = vcpu_of(r, 1 - i);
    ck_assert_ptr_eq(v->home, other->home);
    vmm_load_vcpu(other->home, other);
    vmm_load_vcpu(v->home, v);
    for (unsigned k = 0; k < v->home->hwtlb.nentries; k++) {
        const struct tlb_entry *e = &v->home->hwtlb.entry[k];
        ck_assert(!(e->lo[0] & ENTRYLO_V) && !(e->lo[1] & ENTRYLO_V));
    }
}

static bool tlbop(struct cpu *c, enum tlb_op op, uint32_t index, uint32_t hi, uint32_t pagemask,
                  uint32_t lo0, uint32_t lo1)
{
    c->cp0.index = index;
    c->cp0.entryhi = hi;
    c->cp0.pagemask = pagemask;
    c->cp0.entrylo0 = lo0;
    c->cp0.entrylo1 = lo1;
    softmmu_flush_all(&c->mmu);
    return c->priv->tlbop(c, op);
}

static void tlbwi(struct cpu *c, unsigned index, uint32_t hi, uint32_t lo0, uint32_t lo1)
{
    ck_assert(tlbop(c, TLBOP_TLBWI, index, hi, 0, lo0, lo1));
}

/* TLBWR at the cycle that makes Random = index (Wired 0, 16 entries). */
static unsigned tlbwr_at(struct cpu *c, uint64_t cycles, uint32_t hi, uint32_t lo0, uint32_t lo1)
{
    c->cycles = cycles;
    unsigned index = tlb_random(&c->tlb, c->cycles - c->cp0.wired_cycle);
    ck_assert(tlbop(c, TLBOP_TLBWR, 0, hi, 0, lo0, lo1));
    const struct tlb_entry *e = &c->tlb.entry[index];
    ck_assert_uint_eq(e->entryhi, hi);
    return index;
}

static bool xl(struct cpu *c, uint32_t va, bool store, unsigned flags, struct xlate *x)
{
    memset(x, 0, sizeof *x);
    return c->priv->translate(c, va, store ? SOFTMMU_STORE : SOFTMMU_LOAD, flags, x);
}

/* va translates without an exception to machine address ma on the
 * machine bus; the guest's CP0 is untouched. */
static void expect_ma(struct rig *r, struct cpu *c, uint32_t va, bool store, uint32_t ma,
                      uint32_t pa)
{
    struct xlate x;
    uint32_t cause = c->cp0.cause, epc = c->cp0.epc, status = c->cp0.status, pc = c->pc;
    ck_assert_msg(xl(c, va, store, 0, &x), "va 0x%08x did not translate (ExcCode %u)", va,
                  (c->cp0.cause & CAUSE_EXC) >> CAUSE_EXC_SHIFT);
    ck_assert_ptr_eq(x.bus, &r->vmm->bus);
    ck_assert_msg(x.addr == ma, "va 0x%08x: MA 0x%08x, expected 0x%08x", va, x.addr, ma);
    ck_assert_msg(x.pa == pa, "va 0x%08x: PA 0x%08x, expected 0x%08x", va, x.pa, pa);
    ck_assert_uint_eq(c->cp0.cause, cause);
    ck_assert_uint_eq(c->cp0.epc, epc);
    ck_assert_uint_eq(c->cp0.status, status);
    ck_assert_uint_eq(c->pc, pc);
}

/* va, accessed in kernel mode at GUEST_PC, reflects exception `code` to
 * the guest as the hardware would: BadVAddr, EntryHi.VPN2, Context,
 * Cause, EPC, EXL and the vector (the refill one for a refill). */
static void expect_reflect(struct cpu *c, uint32_t va, bool store, unsigned code, bool refill)
{
    struct vcpu *v = c->priv_ctx;
    uint8_t asid = cp0_asid(&c->cp0);
    uint64_t reflected = v->stats.count[MON_TLB_REFLECT];
    struct xlate x;
    kernel_mode(c);
    ck_assert_msg(!xl(c, va, store, 0, &x), "va 0x%08x translated to 0x%08x", va, x.addr);
    ck_assert_uint_eq(c->cp0.badvaddr, va);
    ck_assert_uint_eq(c->cp0.entryhi, (va & ENTRYHI_VPN2_MASK) | asid);
    ck_assert_uint_eq(c->cp0.context & CONTEXT_BADVPN2_MASK, (va >> 9) & CONTEXT_BADVPN2_MASK);
    ck_assert_msg((c->cp0.cause & CAUSE_EXC) >> CAUSE_EXC_SHIFT == code,
                  "va 0x%08x: ExcCode %u, expected %u", va,
                  (c->cp0.cause & CAUSE_EXC) >> CAUSE_EXC_SHIFT, code);
    ck_assert(!(c->cp0.cause & CAUSE_BD));
    ck_assert_uint_eq(c->cp0.epc, GUEST_PC);
    ck_assert(c->cp0.status & ST_EXL);
    ck_assert_uint_eq(c->pc, refill ? REFILL_VECTOR : GENERAL_VECTOR);
    ck_assert_uint_eq(v->stats.count[MON_TLB_REFLECT], reflected + 1);
    kernel_mode(c);
}

static void expect_refill(struct cpu *c, uint32_t va, bool store)
{
    expect_reflect(c, va, store, store ? EXC_TLBS : EXC_TLBL, true);
}

static uint32_t mpn_of(struct vm *vm, uint32_t gpfn)
{
    return (vm->ram_ma >> PMAP_PAGE_BITS) + gpfn;
}

static uint32_t ma_of(struct vm *vm, uint32_t gpfn, uint32_t offset)
{
    return (mpn_of(vm, gpfn) << PMAP_PAGE_BITS) | offset;
}

static bool in_hwtlb(struct vcpu *v, uint32_t va, uint8_t asid, uint32_t *ma)
{
    struct tlb_hit hit;
    if (tlb_lookup(&v->home->hwtlb, va, asid, false, &hit) != TLB_HIT)
        return false;
    if (ma)
        *ma = hit.pa;
    return true;
}

static unsigned hwtlb_valid(const struct vcpu *v)
{
    unsigned n = 0;
    for (unsigned k = 0; k < v->home->hwtlb.nentries; k++) {
        const struct tlb_entry *e = &v->home->hwtlb.entry[k];
        n += (e->lo[0] & ENTRYLO_V) || (e->lo[1] & ENTRYLO_V);
    }
    return n;
}

/* ---- 1. kseg0/kseg1 through the pmap ------------------------------------- */

START_TEST(test_kseg0_through_pmap)
{
    struct rig r;
    rig_init(&r, true);
    struct vm *vm0 = vm_of(&r, 0), *vm1 = vm_of(&r, 1);
    ck_assert_uint_eq(vm0->ram_ma, 0);
    ck_assert_uint_eq(vm1->ram_ma, VM_RAM);
    ck_assert_uint_eq(r.vmm->mem_size, 2 * VM_RAM);

    struct cpu *c1 = load(&r, 1, 0);
    struct vcpu *v1 = vcpu_of(&r, 1);
    uint32_t touched = vm1->pmap.touched;
    uint64_t kseg0 = v1->stats.count[MON_KSEG0];
    ck_assert_uint_eq(vm1->pmap.mpn[1], PMAP_NONE);
    expect_ma(&r, c1, 0x80001234, false, VM_RAM + 0x1234, 0x1234);
    ck_assert_uint_eq(vm1->pmap.touched, touched + 1);
    ck_assert_uint_eq(vm1->pmap.mpn[1], mpn_of(vm1, 1));
    ck_assert_uint_eq(v1->stats.count[MON_KSEG0], kseg0 + 1);
    /* the same page again, by kseg0 and kseg1, for a store: no new touch */
    expect_ma(&r, c1, 0x80001ffc, true, VM_RAM + 0x1ffc, 0x1ffc);
    expect_ma(&r, c1, 0xa0001000, false, VM_RAM + 0x1000, 0x1000);
    ck_assert_uint_eq(vm1->pmap.touched, touched + 1);
    /* the next page and the last one: one touch each */
    expect_ma(&r, c1, 0x80002000, false, VM_RAM + 0x2000, 0x2000);
    expect_ma(&r, c1, 0xa03ffffc, true, 2 * VM_RAM - 4, VM_RAM - 4);
    ck_assert_uint_eq(vm1->pmap.touched, touched + 3);
    /* the memmap knows the owner and the mapper */
    const struct memmap_entry *me = &r.vmm->memmap.page[mpn_of(vm1, 1)];
    ck_assert_int_eq(me->vm, 1);
    ck_assert_uint_eq(me->gppn, 1);
    ck_assert(me->mappers & (1ull << v1->id));
    me = &r.vmm->memmap.page[mpn_of(vm1, 0x3ff)];
    ck_assert_int_eq(me->vm, 1);
    ck_assert_uint_eq(me->gppn, 0x3ff);
    ck_assert_int_eq(r.vmm->memmap.page[mpn_of(vm1, 5)].vm, -1); /* untouched */

    /* beyond the VM's RAM: its own bus (the UART), never the machine bus */
    uint64_t dev = v1->stats.count[MON_DEVICE];
    struct xlate x;
    ck_assert(xl(c1, 0xb80003f8, false, 0, &x));
    ck_assert_ptr_eq(x.bus, &vm1->m->bus);
    ck_assert_uint_eq(x.addr, 0x180003f8);
    ck_assert_uint_eq(x.pa, 0x180003f8);
    ck_assert_uint_eq(v1->stats.count[MON_DEVICE], dev + 1);
    ck_assert(xl(c1, 0xb80003f8, true, XLATE_NOFAULT, &x)); /* a quiet probe is not charged */
    ck_assert_ptr_eq(x.bus, &vm1->m->bus);
    ck_assert_uint_eq(v1->stats.count[MON_DEVICE], dev + 1);
    /* the first byte past RAM */
    ck_assert(xl(c1, 0x80400000, false, XLATE_NOFAULT, &x));
    ck_assert_ptr_eq(x.bus, &vm1->m->bus);
    ck_assert_uint_eq(x.addr, VM_RAM);
    ck_assert_uint_eq(vm1->pmap.touched, touched + 3);

    /* VM 0's kseg0 is machine address = guest-physical address */
    struct cpu *c0 = load(&r, 0, 0);
    touched = vm0->pmap.touched;
    expect_ma(&r, c0, 0x80001234, false, 0x1234, 0x1234);
    expect_ma(&r, c0, 0xa0100000, false, 0x100000, 0x100000);
    ck_assert_uint_eq(vm0->pmap.touched, touched + 2);
    ck_assert_int_eq(r.vmm->memmap.page[1].vm, 0);
    ck_assert(xl(c0, 0xb80003f8, false, XLATE_NOFAULT, &x));
    ck_assert_ptr_eq(x.bus, &vm0->m->bus);
    /* the kernel the loader put in VM 1's slice is what its kseg0 reaches */
    struct vm *vm = vm1;
    ck_assert_uint_eq(r.vmm->mem[vm->ram_ma + 0x100000], 0xff);
    ck_assert_uint_eq(r.vmm->mem[vm->ram_ma + 0x100001], 0xff);
    ck_assert_uint_eq(r.vmm->mem[vm->ram_ma + 0x100003], 0x10);
    rig_done(&r);
}
END_TEST

/* ---- 2. TLBWI: virtual TLB, pmap, L2TLB and hardware TLB -------------------- */

START_TEST(test_tlbwi_pair)
{
    struct rig r;
    rig_init(&r, true);
    struct vm *vm = vm_of(&r, 1);
    struct vcpu *v = vcpu_of(&r, 1);
    struct cpu *c = load(&r, 1, 1);
    tlbwi(c, 3, 0x00400000 | 1, LO(0x200, VD), LO(0x201, VD));
    ck_assert_uint_eq(c->tlb.entry[3].entryhi, 0x00400001);

    struct l2tlb_entry le;
    ck_assert(l2tlb_lookup(&v->l2tlb, 0x00401000, 1, &le));
    ck_assert_uint_eq(le.vpn2, 0x00400000 >> 13);
    ck_assert_uint_eq(le.asid, 1);
    ck_assert(!le.global);
    ck_assert_uint_eq((le.lo[0] & ENTRYLO_PFN_MASK) >> ENTRYLO_PFN_SHIFT, mpn_of(vm, 0x200));
    ck_assert_uint_eq((le.lo[1] & ENTRYLO_PFN_MASK) >> ENTRYLO_PFN_SHIFT, mpn_of(vm, 0x201));
    ck_assert(le.lo[0] & ENTRYLO_V);
    ck_assert(le.lo[1] & ENTRYLO_D);
    uint32_t ma;
    ck_assert(in_hwtlb(v, 0x00400010, 1, &ma));
    ck_assert_uint_eq(ma, ma_of(vm, 0x200, 0x10));
    ck_assert(in_hwtlb(v, 0x00401ff0, 1, &ma));
    ck_assert_uint_eq(ma, ma_of(vm, 0x201, 0xff0));
    ck_assert(!in_hwtlb(v, 0x00400010, 2, NULL));
    ck_assert_int_eq(r.vmm->memmap.page[mpn_of(vm, 0x200)].vm, 1);
    ck_assert(r.vmm->memmap.page[mpn_of(vm, 0x201)].mappers & (1ull << v->id));

    /* both halves translate through the hardware TLB: no monitor entry */
    uint64_t misses = v->stats.hwtlb_misses, mon = v->stats.monitor_cycles;
    expect_ma(&r, c, 0x00400010, false, ma_of(vm, 0x200, 0x10), 0x200010);
    expect_ma(&r, c, 0x00401ff0, true, ma_of(vm, 0x201, 0xff0), 0x201ff0);
    ck_assert_uint_eq(v->stats.hwtlb_misses, misses);
    ck_assert_uint_eq(v->stats.monitor_cycles, mon);
    /* and after a switch, from the L2TLB */
    switch_away_and_back(&r, 1);
    uint64_t refills = v->stats.count[MON_L2TLB_REFILL];
    expect_ma(&r, c, 0x00401ff0, false, ma_of(vm, 0x201, 0xff0), 0x201ff0);
    ck_assert_uint_eq(v->stats.count[MON_L2TLB_REFILL], refills + 1);
    ck_assert_uint_eq(v->stats.hwtlb_misses, misses + 1);
    expect_ma(&r, c, 0x00400000, false, ma_of(vm, 0x200, 0), 0x200000);
    ck_assert_uint_eq(v->stats.count[MON_L2TLB_REFILL], refills + 1); /* the pair came back */
    /* VM 0 has nothing there */
    struct cpu *c0 = load(&r, 0, 1);
    expect_refill(c0, 0x00400010, false);
    rig_done(&r);
}
END_TEST

/* ---- 3 and 4. what TLBWR evicts stays in the L2TLB; TLBP drops it ----------- */

#define NPAIRS 20
static uint32_t pair_va(unsigned k) { return 0x00400000u + k * PAIR; }
static uint32_t pair_gpfn(unsigned k) { return 0x100u + 2 * k; }

/* A cycle count (after `after`) at which Random is `index`. */
static uint64_t cycles_for_random(struct cpu *c, unsigned index, uint64_t after)
{
    for (uint64_t cy = after + 1; cy < after + 100000; cy++)
        if (tlb_random(&c->tlb, cy - c->cp0.wired_cycle) == index)
            return cy;
    ck_abort_msg("Random never reaches %u", index);
    return 0;
}

/* TLBWR of NPAIRS pairs with ASID 1, at the moments Random is 15, 14, ...
 * 0, 15...: pairs 0..3 are evicted from the 16-entry virtual TLB by pairs
 * 16..19. */
static void fill_by_tlbwr(struct cpu *c)
{
    uint64_t cy = c->cycles;
    for (unsigned k = 0; k < NPAIRS; k++) {
        cy = cycles_for_random(c, 15 - k % 16, cy);
        unsigned idx = tlbwr_at(c, cy, pair_va(k) | 1, LO(pair_gpfn(k), VD),
                                LO(pair_gpfn(k) + 1, VD));
        ck_assert_uint_eq(idx, 15 - k % 16);
    }
    struct tlb_hit hit;
    for (unsigned k = 0; k < NPAIRS; k++)
        ck_assert_int_eq(tlb_lookup(&c->tlb, pair_va(k), 1, false, &hit),
                         k < NPAIRS - 16 ? TLB_REFILL : TLB_HIT);
}

START_TEST(test_l2tlb_keeps_tlbwr_victims)
{
    struct rig r;
    rig_init(&r, true);
    struct vm *vm = vm_of(&r, 1);
    struct vcpu *v = vcpu_of(&r, 1);
    struct cpu *c = load(&r, 1, 1);
    fill_by_tlbwr(c);
    for (unsigned k = 0; k < NPAIRS; k++)
        ck_assert_msg(l2tlb_lookup(&v->l2tlb, pair_va(k), 1, NULL), "pair %u not in the L2TLB", k);

    switch_away_and_back(&r, 1);
    uint64_t refills = v->stats.count[MON_L2TLB_REFILL];
    uint64_t hits = v->l2tlb.stats.hits;
    uint64_t reflected = v->stats.count[MON_TLB_REFLECT];
    uint64_t guest_refills = c->stats.tlb_refills;
    expect_ma(&r, c, pair_va(0) + 0x123, false, ma_of(vm, pair_gpfn(0), 0x123),
              (pair_gpfn(0) << 12) + 0x123);
    ck_assert_uint_eq(v->stats.count[MON_L2TLB_REFILL], refills + 1);
    ck_assert_uint_eq(v->l2tlb.stats.hits, hits + 1);
    ck_assert_uint_eq(v->stats.count[MON_TLB_REFLECT], reflected);
    ck_assert_uint_eq(c->stats.tlb_refills, guest_refills);
    ck_assert(in_hwtlb(v, pair_va(0), 1, NULL)); /* refilled */
    /* the odd half of another victim, for a store */
    expect_ma(&r, c, pair_va(3) + 0x1008, true, ma_of(vm, pair_gpfn(3) + 1, 8),
              ((pair_gpfn(3) + 1) << 12) + 8);
    ck_assert_uint_eq(v->stats.count[MON_L2TLB_REFILL], refills + 2);

    /* 4. TLBP of a victim (not in the virtual TLB) drops it */
    uint64_t tlbp = v->stats.count[MON_TLBP];
    ck_assert(tlbop(c, TLBOP_TLBP, 7, pair_va(0) | 1, 0, 0, 0));
    ck_assert(c->cp0.index & INDEX_P);
    ck_assert_uint_eq(v->stats.count[MON_TLBP], tlbp + 1);
    ck_assert(!l2tlb_lookup(&v->l2tlb, pair_va(0), 1, NULL));
    ck_assert(!in_hwtlb(v, pair_va(0), 1, NULL));
    expect_refill(c, pair_va(0) + 0x123, false);
    expect_refill(c, pair_va(0) + 0x1000, true); /* both halves */
    /* the other victims are still served */
    ck_assert(l2tlb_lookup(&v->l2tlb, pair_va(1), 1, NULL));
    expect_ma(&r, c, pair_va(1), false, ma_of(vm, pair_gpfn(1), 0), pair_gpfn(1) << 12);
    /* a TLBP under another ASID leaves them alone */
    ck_assert(tlbop(c, TLBOP_TLBP, 0, pair_va(2) | 9, 0, 0, 0));
    set_asid(c, 1);
    ck_assert(l2tlb_lookup(&v->l2tlb, pair_va(2), 1, NULL));
    /* a TLBP that hits the virtual TLB finds the index (and drops the pair
     * from the L2TLB; the virtual TLB still serves it) */
    ck_assert(tlbop(c, TLBOP_TLBP, 0, pair_va(17) | 1, 0, 0, 0));
    ck_assert_uint_eq(c->cp0.index, 15 - 17 % 16);
    ck_assert(!l2tlb_lookup(&v->l2tlb, pair_va(17), 1, NULL));
    refills = v->stats.count[MON_VTLB_REFILL];
    expect_ma(&r, c, pair_va(17), false, ma_of(vm, pair_gpfn(17), 0), pair_gpfn(17) << 12);
    ck_assert_uint_eq(v->stats.count[MON_VTLB_REFILL], refills + 1);
    rig_done(&r);
}
END_TEST

START_TEST(test_without_l2tlb_victims_reflect)
{
    struct rig r;
    rig_init(&r, false);
    struct vm *vm = vm_of(&r, 1);
    struct vcpu *v = vcpu_of(&r, 1);
    struct cpu *c = load(&r, 1, 1);
    ck_assert(!l2tlb_enabled(&v->l2tlb));
    fill_by_tlbwr(c);
    /* no switch: TLBWR must also have taken the victim out of the hardware TLB */
    ck_assert(!in_hwtlb(v, pair_va(0), 1, NULL));
    uint64_t guest_refills = c->stats.tlb_refills;
    uint64_t l2 = v->stats.count[MON_L2TLB_REFILL];
    expect_refill(c, pair_va(0) + 0x123, false);
    ck_assert_uint_eq(c->stats.tlb_refills, guest_refills + 1);
    ck_assert_uint_eq(v->stats.count[MON_L2TLB_REFILL], l2);
    expect_refill(c, pair_va(3) + 0x1008, true);
    /* what the virtual TLB holds still translates */
    expect_ma(&r, c, pair_va(19) + 4, false, ma_of(vm, pair_gpfn(19), 4), (pair_gpfn(19) << 12) + 4);
    switch_away_and_back(&r, 1);
    uint64_t vtlb = v->stats.count[MON_VTLB_REFILL];
    expect_ma(&r, c, pair_va(16) + 0x1004, false, ma_of(vm, pair_gpfn(16) + 1, 4),
              ((pair_gpfn(16) + 1) << 12) + 4);
    ck_assert_uint_eq(v->stats.count[MON_VTLB_REFILL], vtlb + 1);
    rig_done(&r);
}
END_TEST

/* ---- 5. TLBWI drops the old and the new contents of the index --------------- */

START_TEST(test_tlbwi_overwrite)
{
    struct rig r;
    rig_init(&r, true);
    struct vm *vm = vm_of(&r, 1);
    struct vcpu *v = vcpu_of(&r, 1);
    struct cpu *c = load(&r, 1, 1);
    const uint32_t A = 0x00600000, B = 0x00700000;
    tlbwi(c, 5, A | 1, LO(0x300, VD), LO(0x301, VD));
    expect_ma(&r, c, A + 8, false, ma_of(vm, 0x300, 8), 0x300008);
    /* B first reaches the L2TLB under other PFNs (a stale translation) */
    tlbwr_at(c, 0, B | 1, LO(0x3f0, VD), LO(0x3f1, VD));
    ck_assert_uint_eq(tlbwr_at(c, cycles_for_random(c, 15, 0), 0x00710000 | 1, LO(0x3f2, VD),
                               LO(0x3f3, VD)),
                      15); /* evicts B */
    ck_assert(l2tlb_lookup(&v->l2tlb, B, 1, NULL));

    tlbwi(c, 5, B | 1, LO(0x310, VD), LO(0x311, VD));
    ck_assert(!l2tlb_lookup(&v->l2tlb, A, 1, NULL));
    ck_assert(!in_hwtlb(v, A, 1, NULL));
    expect_refill(c, A + 8, false);
    expect_refill(c, A + 0x1000, true);
    expect_ma(&r, c, B + 8, false, ma_of(vm, 0x310, 8), 0x310008);
    expect_ma(&r, c, B + 0x1008, true, ma_of(vm, 0x311, 8), 0x311008);
    switch_away_and_back(&r, 1);
    expect_refill(c, A + 8, false);
    expect_ma(&r, c, B + 0x1008, false, ma_of(vm, 0x311, 8), 0x311008);
    struct l2tlb_entry le;
    ck_assert(l2tlb_lookup(&v->l2tlb, B, 1, &le));
    ck_assert_uint_eq((le.lo[0] & ENTRYLO_PFN_MASK) >> ENTRYLO_PFN_SHIFT, mpn_of(vm, 0x310));
    rig_done(&r);
}
END_TEST

/* ---- 6. ASIDs -------------------------------------------------------------- */

START_TEST(test_asid_tagging)
{
    struct rig r;
    rig_init(&r, true);
    struct vm *vm = vm_of(&r, 1);
    struct vcpu *v = vcpu_of(&r, 1);
    struct cpu *c = load(&r, 1, 5);
    tlbwi(c, 2, 0x00800000 | 5, LO(0x380, VD), LO(0x381, VD));
    /* global: G in both EntryLo */
    tlbwi(c, 3, 0x00900000 | 5, LO(0x390, VD | ENTRYLO_G), LO(0x391, VD | ENTRYLO_G));
    /* G in one EntryLo only: not global (the hardware ANDs them) */
    tlbwi(c, 4, 0x00a00000 | 5, LO(0x3a0, VD | ENTRYLO_G), LO(0x3a1, VD));

    set_asid(c, 5);
    expect_ma(&r, c, 0x00800004, false, ma_of(vm, 0x380, 4), 0x380004);
    expect_ma(&r, c, 0x00a00004, false, ma_of(vm, 0x3a0, 4), 0x3a0004);
    for (int pass = 0; pass < 2; pass++) { /* hardware TLB, then L2TLB */
        set_asid(c, 6);
        expect_refill(c, 0x00800004, false);
        expect_refill(c, 0x00a00004, false);
        expect_ma(&r, c, 0x00901004, true, ma_of(vm, 0x391, 4), 0x391004);
        set_asid(c, 7);
        expect_ma(&r, c, 0x00900004, false, ma_of(vm, 0x390, 4), 0x390004);
        expect_refill(c, 0x00800004, false);
        set_asid(c, 5);
        expect_ma(&r, c, 0x00801004, false, ma_of(vm, 0x381, 4), 0x381004);
        switch_away_and_back(&r, 1);
    }
    ck_assert(!l2tlb_lookup(&v->l2tlb, 0x00800000, 6, NULL));
    ck_assert(l2tlb_lookup(&v->l2tlb, 0x00800000, 5, NULL));
    ck_assert(l2tlb_lookup(&v->l2tlb, 0x00900000, 200, NULL));
    rig_done(&r);
}
END_TEST

/* ---- 7. a full sweep of invalid entries flushes everything ------------------ */

static uint32_t unique_entryhi(unsigned i)
{
    return 0x80000000u + (i << 13);
}

START_TEST(test_full_sweep)
{
    struct rig r;
    rig_init(&r, true);
    struct vcpu *v = vcpu_of(&r, 1);
    struct cpu *c = load(&r, 1, 1);
    /* Wired = 2 through MTC0, as a guest would */
    ck_assert(c->priv->mtc0(c, CP0_WIRED, 0, 2));
    ck_assert_uint_eq(c->tlb.wired, 2);
    tlbwi(c, 0, 0x7f000000 | 1, LO(0x3c0, VD), LO(0x3c1, VD)); /* wired */
    c->cp0.wired_cycle = 0;
    for (unsigned k = 0; k < NPAIRS; k++)
        tlbwr_at(c, k, pair_va(k) | 1, LO(pair_gpfn(k), VD), LO(pair_gpfn(k) + 1, VD));
    unsigned before = l2tlb_count(&v->l2tlb);
    ck_assert_uint_ge(before, 15);
    ck_assert_uint_eq(v->stats.l2tlb_flushes, 0);

    /* Linux's local_flush_tlb_all: index wired .. 15 */
    for (unsigned i = 2; i < 16; i++) {
        ck_assert_uint_eq(v->stats.l2tlb_flushes, 0);
        ck_assert_uint_gt(l2tlb_count(&v->l2tlb), 0); /* the victims of TLBWR are still there */
        tlbwi(c, i, unique_entryhi(i), 0, 0);
    }
    ck_assert_uint_eq(l2tlb_count(&v->l2tlb), 0);
    ck_assert_uint_eq(v->stats.l2tlb_flushes, 1);
    ck_assert_uint_eq(hwtlb_valid(v), 0);
    set_asid(c, 1); /* Linux puts its EntryHi back */
    for (unsigned k = 0; k < NPAIRS; k++)
        expect_refill(c, pair_va(k), false);
    /* the wired entry is still in the virtual TLB */
    expect_ma(&r, c, 0x7f000010, false, ma_of(vm_of(&r, 1), 0x3c0, 0x10), 0x3c0010);
    rig_done(&r);
}
END_TEST

/* ---- 8. the dirty bit --------------------------------------------------------- */

START_TEST(test_dirty_bit)
{
    struct rig r;
    rig_init(&r, true);
    struct vm *vm = vm_of(&r, 1);
    struct vcpu *v = vcpu_of(&r, 1);
    struct cpu *c = load(&r, 1, 1);
    tlbwi(c, 6, 0x00b00000 | 1, LO(0x3b0, VONLY), LO(0x3b1, VD));
    struct l2tlb_entry le;
    ck_assert(l2tlb_lookup(&v->l2tlb, 0x00b00000, 1, &le));
    ck_assert(!(le.lo[0] & ENTRYLO_D));
    for (int pass = 0; pass < 2; pass++) { /* hardware TLB, then L2TLB */
        expect_reflect(c, 0x00b00010, true, EXC_MOD, false);
        expect_ma(&r, c, 0x00b00010, false, ma_of(vm, 0x3b0, 0x10), 0x3b0010);
        expect_ma(&r, c, 0x00b01010, true, ma_of(vm, 0x3b1, 0x10), 0x3b1010);
        switch_away_and_back(&r, 1);
    }
    /* the guest sets D: TLBP, then TLBWI at the index found */
    ck_assert(tlbop(c, TLBOP_TLBP, 0, 0x00b00000 | 1, 0, 0, 0));
    ck_assert_uint_eq(c->cp0.index, 6);
    tlbwi(c, 6, 0x00b00000 | 1, LO(0x3b0, VD), LO(0x3b1, VD));
    expect_ma(&r, c, 0x00b00010, true, ma_of(vm, 0x3b0, 0x10), 0x3b0010);
    /* an invalid half reflects TLB invalid, not refill */
    tlbwi(c, 7, 0x00c00000 | 1, LO(0x3c0, VD), 0);
    expect_reflect(c, 0x00c01000, false, EXC_TLBL, false);
    expect_ma(&r, c, 0x00c00000, true, ma_of(vm, 0x3c0, 0), 0x3c0000);
    rig_done(&r);
}
END_TEST

/* ---- 9. vmm_take_page --------------------------------------------------------- */

START_TEST(test_take_page)
{
    struct rig r;
    rig_init(&r, true);
    struct vm *vm = vm_of(&r, 1);
    struct vcpu *v = vcpu_of(&r, 1);
    struct cpu *c = load(&r, 1, 1);
    tlbwi(c, 8, 0x00d00000 | 1, LO(0x3d0, VD), LO(0x3d1, VD));
    expect_ma(&r, c, 0x00d01000, false, ma_of(vm, 0x3d1, 0), 0x3d1000);
    ck_assert(l2tlb_lookup(&v->l2tlb, 0x00d00000, 1, NULL));
    ck_assert(in_hwtlb(v, 0x00d01000, 1, NULL));

    ck_assert_uint_eq(vmm_take_page(r.vmm, mpn_of(vm, 0x3d1)), 1);
    ck_assert(!l2tlb_lookup(&v->l2tlb, 0x00d00000, 1, NULL));
    ck_assert(!in_hwtlb(v, 0x00d01000, 1, NULL));
    ck_assert(!in_hwtlb(v, 0x00d00000, 1, NULL)); /* the whole pair went */
    ck_assert_uint_eq(r.vmm->memmap.page[mpn_of(vm, 0x3d1)].mappers, 0);
    /* nobody maps it any more; a page nobody mapped; one past the end */
    ck_assert_uint_eq(vmm_take_page(r.vmm, mpn_of(vm, 0x3d1)), 0);
    ck_assert_uint_eq(vmm_take_page(r.vmm, mpn_of(vm, 0x3e0)), 0);
    ck_assert_uint_eq(vmm_take_page(r.vmm, r.vmm->memmap.npages), 0);
    /* the guest's own TLB still has it: refilled from there */
    uint64_t vtlb = v->stats.count[MON_VTLB_REFILL];
    expect_ma(&r, c, 0x00d01000, false, ma_of(vm, 0x3d1, 0), 0x3d1000);
    ck_assert_uint_eq(v->stats.count[MON_VTLB_REFILL], vtlb + 1);
    ck_assert(r.vmm->memmap.page[mpn_of(vm, 0x3d1)].mappers & (1ull << v->id));
    /* VM 0's VCPU never mapped VM 1's page */
    ck_assert(!(r.vmm->memmap.page[mpn_of(vm, 0x3d1)].mappers & (1ull << vcpu_of(&r, 0)->id)));
    rig_done(&r);
}
END_TEST

/* ---- 10. isolation ------------------------------------------------------------ */

START_TEST(test_isolation)
{
    struct rig r;
    rig_init(&r, true);
    for (unsigned i = 0; i < 2; i++) {
        struct vm *vm = vm_of(&r, i);
        struct cpu *c = load(&r, i, 0);
        unsigned ram = 0, dev = 0;
        for (uint32_t gpa = 0; gpa < 0x20000000u; gpa += 0x10000u) {
            for (uint32_t off = 0; off < 0x10000u; off += 0xfffcu) {
                struct xlate x;
                ck_assert(xl(c, 0xa0000000u + gpa + off, false, XLATE_NOFAULT, &x));
                ck_assert_uint_eq(x.pa, gpa + off);
                if (x.bus == &r.vmm->bus) {
                    ck_assert_msg(x.addr >= vm->ram_ma && x.addr < vm->ram_ma + VM_RAM,
                                  "vm%u: PA 0x%08x reaches MA 0x%08x", i, gpa + off, x.addr);
                    ck_assert_uint_eq(x.addr - vm->ram_ma, gpa + off);
                    ram++;
                } else {
                    ck_assert_ptr_eq(x.bus, &vm->m->bus);
                    ck_assert_uint_ge(gpa, VM_RAM);
                    dev++;
                }
            }
        }
        ck_assert_uint_eq(ram, 2 * (VM_RAM >> 16));
        ck_assert_uint_gt(dev, 0);
    }
    rig_done(&r);
}
END_TEST

/* ---- 11. charging -------------------------------------------------------------- */

START_TEST(test_charging)
{
    struct rig r;
    rig_init(&r, true);
    struct vcpu *v = vcpu_of(&r, 1);
    struct cpu *c = load(&r, 1, 1);
    const struct mon_costs *k = &r.vmm->cfg.costs;
    ck_assert_uint_eq(k->cycles[MON_TLBWR], 80);
    ck_assert_uint_eq(k->cycles[MON_TRAP], 30);

    struct vcpu_stats s0 = v->stats;
    tlbwr_at(c, 3, 0x00e00000 | 1, LO(0x3e0, VD), LO(0x3e1, VD));
    ck_assert_uint_eq(v->stats.count[MON_TLBWR], s0.count[MON_TLBWR] + 1);
    ck_assert_uint_eq(v->stats.count[MON_TRAP], s0.count[MON_TRAP] + 1);
    ck_assert_uint_eq(v->stats.monitor_cycles,
                      s0.monitor_cycles + k->cycles[MON_TLBWR] + k->cycles[MON_TRAP]);
    ck_assert_uint_eq(v->stats.cause_cycles[MON_TLBWR],
                      s0.cause_cycles[MON_TLBWR] + k->cycles[MON_TLBWR]);

    /* a TLBWI and a TLBP, each its own cause */
    s0 = v->stats;
    tlbwi(c, 1, 0x00e10000 | 1, LO(0x3e2, VD), LO(0x3e3, VD));
    ck_assert(tlbop(c, TLBOP_TLBP, 0, 0x00e10000 | 1, 0, 0, 0));
    ck_assert_uint_eq(v->stats.count[MON_TLBWI], s0.count[MON_TLBWI] + 1);
    ck_assert_uint_eq(v->stats.count[MON_TLBP], s0.count[MON_TLBP] + 1);
    ck_assert_uint_eq(v->stats.count[MON_TLBWR], s0.count[MON_TLBWR]);
    ck_assert_uint_eq(v->stats.monitor_cycles,
                      s0.monitor_cycles + k->cycles[MON_TLBWI] + k->cycles[MON_TLBP] +
                          2 * k->cycles[MON_TRAP]);

    /* user mode (KSU = user, EXL = ERL = 0, CU0 = 0): Coprocessor Unusable */
    s0 = v->stats;
    struct tlb_entry e15 = c->tlb.entry[15];
    c->cp0.status = ST_UM;
    c->cp0.cause = 0;
    cpu_jump(c, 0x00401000);
    cpu_set_regime(c, cp0_regime(&c->cp0));
    ck_assert(!cp0_kernel_mode(&c->cp0));
    c->cycles = 0;
    c->cp0.entryhi = 0x00f00000 | 1;
    c->cp0.entrylo0 = LO(0x3f0, VD);
    c->cp0.entrylo1 = LO(0x3f1, VD);
    ck_assert(!c->priv->tlbop(c, TLBOP_TLBWR));
    ck_assert_uint_eq((c->cp0.cause & CAUSE_EXC) >> CAUSE_EXC_SHIFT, EXC_CPU);
    ck_assert_uint_eq((c->cp0.cause & CAUSE_CE) >> CAUSE_CE_SHIFT, 0);
    ck_assert_uint_eq(c->cp0.epc, 0x00401000);
    ck_assert(c->cp0.status & ST_EXL);
    ck_assert_uint_eq(c->pc, GENERAL_VECTOR);
    ck_assert_uint_eq(v->stats.count[MON_EXCEPTION], s0.count[MON_EXCEPTION] + 1);
    ck_assert_uint_eq(v->stats.count[MON_TLBWR], s0.count[MON_TLBWR]);
    ck_assert_uint_eq(v->stats.monitor_cycles,
                      s0.monitor_cycles + k->cycles[MON_EXCEPTION] + k->cycles[MON_TRAP]);
    /* and nothing was written */
    ck_assert_uint_eq(c->tlb.entry[15].entryhi, e15.entryhi);
    ck_assert_uint_eq(c->tlb.entry[15].lo[0], e15.lo[0]);
    ck_assert_uint_eq(c->tlb.entry[15].lo[1], e15.lo[1]);
    ck_assert(!l2tlb_lookup(&v->l2tlb, 0x00f00000, 1, NULL));
    /* with CU0 the user-mode guest may: charged as the TLBWR it is */
    s0 = v->stats;
    c->cp0.status = ST_UM | ST_CU0;
    ck_assert(c->priv->tlbop(c, TLBOP_TLBWR));
    ck_assert_uint_eq(v->stats.count[MON_TLBWR], s0.count[MON_TLBWR] + 1);
    ck_assert_uint_eq(v->stats.count[MON_EXCEPTION], s0.count[MON_EXCEPTION]);
    rig_done(&r);
}
END_TEST

/* ---- a monitor bug --------------------------------------------------------------- */

/* A 16 KB-page entry (VA 0x01000000..0x01007fff), used through the
 * hardware TLB, then evicted by TLBWR and probed by the guest: after
 * that, none of it may translate. */
static void large_page_evicted(bool l2tlb)
{
    struct rig r;
    rig_init(&r, l2tlb);
    struct vm *vm = vm_of(&r, 1);
    struct vcpu *v = vcpu_of(&r, 1);
    struct cpu *c = load(&r, 1, 1);
    const uint32_t L = 0x01000000, mask16k = 0x00006000;
    c->cycles = 0;
    ck_assert(tlbop(c, TLBOP_TLBWR, 0, L | 1, mask16k, LO(0x300, VD), LO(0x304, VD)));
    ck_assert_uint_eq(c->tlb.entry[15].pagemask, mask16k);
    ck_assert(!l2tlb_lookup(&v->l2tlb, L, 1, NULL)); /* large: not in the L2TLB */
    expect_ma(&r, c, L + 0x6010, false, ma_of(vm, 0x306, 0x10), 0x306010);
    ck_assert(in_hwtlb(v, L + 0x6010, 1, NULL));

    /* evicted by a TLBWR at the same Random index */
    ck_assert_uint_eq(tlbwr_at(c, cycles_for_random(c, 15, 0), 0x02000000 | 1, LO(0x200, VD),
                               LO(0x201, VD)),
                      15);
    struct tlb_hit hit;
    ck_assert_int_eq(tlb_lookup(&c->tlb, L + 0x6010, 1, false, &hit), TLB_REFILL);
    /* the guest probes the page: no entry covers it */
    ck_assert(tlbop(c, TLBOP_TLBP, 0, L | 1, 0, 0, 0));
    ck_assert(c->cp0.index & INDEX_P);

    /* the hardware would take a refill here */
    ck_assert_msg(!in_hwtlb(v, L + 0x6010, 1, NULL),
                  "a pair of the evicted 16 KB page is still in the hardware TLB (l2tlb %s)",
                  l2tlb ? "on" : "off");
    expect_refill(c, L + 0x6010, false);
    expect_refill(c, L, false);
    rig_done(&r);
}

START_TEST(test_large_page_evicted_without_l2tlb)
{
    large_page_evicted(false);
}
END_TEST

/*
 * With the L2TLB on, TLBWR keeps what it evicts reachable - but only 4 KB
 * pairs, which the L2TLB holds and TLBP drops pair by pair.  A large page
 * is never in the L2TLB, so when TLBWR evicts one, its pairs must leave
 * the hardware TLB at once: a guest probing the page afterwards (TLBP
 * misses) believes nothing covers any of it.
 */
START_TEST(test_large_page_evicted_with_l2tlb)
{
    large_page_evicted(true);
}
END_TEST

static Suite *monitor_suite(void)
{
    Suite *s = suite_create("monitor");
    TCase *tc = tcase_create("vpriv");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, test_kseg0_through_pmap);
    tcase_add_test(tc, test_tlbwi_pair);
    tcase_add_test(tc, test_l2tlb_keeps_tlbwr_victims);
    tcase_add_test(tc, test_without_l2tlb_victims_reflect);
    tcase_add_test(tc, test_tlbwi_overwrite);
    tcase_add_test(tc, test_asid_tagging);
    tcase_add_test(tc, test_full_sweep);
    tcase_add_test(tc, test_dirty_bit);
    tcase_add_test(tc, test_take_page);
    tcase_add_test(tc, test_isolation);
    tcase_add_test(tc, test_charging);
    tcase_add_test(tc, test_large_page_evicted_without_l2tlb);
    tcase_add_test(tc, test_large_page_evicted_with_l2tlb);
    suite_add_tcase(s, tc);
    return s;
}

UNIT_SUITE(monitor_suite)
