/*
 * native.c - the privileged layer of native mode: the guest runs on the
 * bare emulated hardware, so every privileged operation acts directly on
 * the CPU's own CP0 (cp0.c) and TLB (tlb.c), and a virtual address
 * translates to a physical address that is also the machine address.
 *
 * Implements struct priv_ops (cpu/priv.h).  The monitor provides the same
 * operations against each VCPU's virtual CP0 and TLB.
 */
#include "mmu/native.h"

#include "cpu/cp0.h"
#include "cpu/cpu.h"
#include "log.h"
#include "mmu/segment.h"

static const char *const exc_names[EXC_CODES] = {
    [EXC_INT] = "Int", [EXC_MOD] = "Mod", [EXC_TLBL] = "TLBL",
    [EXC_TLBS] = "TLBS", [EXC_ADEL] = "AdEL", [EXC_ADES] = "AdES",
    [EXC_IBE] = "IBE", [EXC_DBE] = "DBE", [EXC_SYS] = "Sys",
    [EXC_BP] = "Bp", [EXC_RI] = "RI", [EXC_CPU] = "CpU", [EXC_OV] = "Ov",
    [EXC_TR] = "Tr", [EXC_WATCH] = "WATCH", [EXC_MCHECK] = "MCheck",
    [EXC_CACHEERR] = "CacheErr",
};

const char *native_exception_name(unsigned code)
{
    const char *n = code < EXC_CODES ? exc_names[code] : NULL;
    return n ? n : "Res";
}

/* Mode (KSU/EXL/ERL/DM) may have changed: pick the fast-path tables. */
static void native_update_regime(struct cpu *cpu)
{
    cpu_set_regime(cpu, cp0_regime(&cpu->cp0));
}

/* Takes exception `code` at the current instruction (cpu->pc). */
void native_take(struct cpu *cpu, unsigned code, unsigned ce, bool refill)
{
    struct cp0 *cp0 = &cpu->cp0;
    if (refill && !(cp0->status & ST_EXL))
        cpu->stats.tlb_refills++; /* goes to the refill vector */
    uint32_t vector = cp0_enter_exception(cp0, code, ce, cpu->pc,
                                          cpu->delay_slot, refill);
    cpu->stats.exceptions[code & 31]++;
    if (log_enabled(cpu->log, LOG_INT))
        log_printf(cpu->log, LOG_INT,
                   "cpu%u: exception %s (%u) at pc=0x%08x%s badvaddr=0x%08x -> 0x%08x\n",
                   cpu->id, native_exception_name(code), code, cpu->pc,
                   cpu->delay_slot ? " (delay slot)" : "", cp0->badvaddr, vector);
    cpu_jump(cpu, vector);
    native_update_regime(cpu);
}

static void native_raise(struct cpu *cpu, const struct cpu_exception *exc)
{
    if (exc->has_badvaddr)
        cp0_set_badvaddr(&cpu->cp0, exc->badvaddr, false);
    native_take(cpu, exc->code, exc->ce, false);
}

/* Through the ops table, so that under the monitor the reflection of the
 * exception to the guest is counted and charged. */
static void native_raise_simple(struct cpu *cpu, unsigned code, unsigned ce)
{
    struct cpu_exception exc = { .code = (uint8_t)code, .ce = (uint8_t)ce };
    cpu->priv->raise(cpu, &exc);
}

/* Coprocessor 0 is usable in kernel mode, or in user mode with CU0. */
static bool native_cp0_usable(struct cpu *cpu)
{
    if (cp0_kernel_mode(&cpu->cp0) || (cpu->cp0.status & ST_CU0))
        return true;
    native_raise_simple(cpu, EXC_CPU, 0);
    return false;
}

/* Watch registers: a matching access either raises WATCH now or, with
 * EXL/ERL set, is remembered in Cause.WP (Vol. III, WatchLo/WatchHi). */
bool native_watch(struct cpu *cpu, uint32_t va, enum softmmu_kind kind,
                  struct xlate *out)
{
    static const unsigned kind_bit[SOFTMMU_KINDS] = { 2, 1, 4 };
    struct cp0 *cp0 = &cpu->cp0;
    /* Never let the fast path remember the watched page. */
    if (((va ^ cp0->watchlo) & ~(cp0->watchhi & 0xff8u) & SOFTMMU_PAGE_MASK) == 0)
        out->cacheable = false;
    if (!cp0_watch_match(cp0, va, kind_bit[kind]))
        return true;
    cp0->watchhi |= kind_bit[kind];
    if (cp0->status & (ST_EXL | ST_ERL)) {
        cp0->cause |= CAUSE_WP;
        return true;
    }
    native_raise_simple(cpu, EXC_WATCH, 0);
    return false;
}

static bool native_translate(struct cpu *cpu, uint32_t va,
                             enum softmmu_kind kind, unsigned flags,
                             struct xlate *out)
{
    struct cp0 *cp0 = &cpu->cp0;
    bool store = kind == SOFTMMU_STORE;
    bool quiet = (flags & XLATE_NOFAULT) != 0;
    out->bus = cpu->bus;
    out->cacheable = true;
    switch (mmu_segment(va, cp0_kernel_mode(cp0), (cp0->status & ST_ERL) != 0)) {
    case SEG_ADDRESS_ERROR:
        if (!quiet) {
            cp0_set_badvaddr(cp0, va, false);
            native_raise_simple(cpu, store ? EXC_ADES : EXC_ADEL, 0);
        }
        return false;
    case SEG_UNMAPPED_CACHED:
    case SEG_UNMAPPED_UNCACHED:
        out->addr = mmu_unmapped_pa(va);
        break;
    case SEG_MAPPED: {
        struct tlb_hit hit;
        enum tlb_result r = tlb_lookup(&cpu->tlb, va, cp0_asid(cp0), store, &hit);
        if (r != TLB_HIT) {
            if (quiet)
                return false;
            cp0_set_badvaddr(cp0, va, true);
            unsigned code = r == TLB_MODIFIED ? EXC_MOD : store ? EXC_TLBS : EXC_TLBL;
            native_take(cpu, code, 0, r == TLB_REFILL);
            return false;
        }
        out->addr = hit.pa;
        break;
    }
    }
    out->pa = out->addr;
    if (cp0_watch_armed(cp0) && !quiet)
        return native_watch(cpu, va, kind, out);
    return true;
}

static bool native_mfc0(struct cpu *cpu, unsigned reg, unsigned sel, uint32_t *value)
{
    if (!native_cp0_usable(cpu))
        return false;
    bool implemented;
    if (reg == CP0_CAUSE && sel == 0)
        cp0_timer_update(&cpu->cp0, cpu->cycles); /* Cause.TI as of now */
    *value = cp0_read(&cpu->cp0, &cpu->tlb, reg, sel, cpu->cycles, &implemented);
    if (!implemented)
        log_printf(cpu->log, LOG_UNIMP, "cpu%u: mfc0 of unimplemented CP0 register %u, sel %u at pc=0x%08x\n",
                   cpu->id, reg, sel, cpu->pc);
    return true;
}

/*
 * Ends the batch only when it must: an interrupt can be taken now, or the
 * timer's next event moved (the batch budget was computed from it).
 * Ending it after every ERET cost about a second of a Linux boot.
 */
static void native_recheck_interrupts(struct cpu *cpu, bool timer_changed)
{
    cp0_timer_update(&cpu->cp0, cpu->cycles);
    if (timer_changed || cp0_irq_deliverable(&cpu->cp0))
        cpu->exit_request = true;
}

/* Acts on the side effects a CP0 change reported. */
static void native_apply_effects(struct cpu *cpu, unsigned fx, uint32_t old_im)
{
    if (fx & CP0_FX_MAPPING)
        softmmu_flush_all(&cpu->mmu);
    if (fx & CP0_FX_MODE)
        native_update_regime(cpu);
    if (fx & (CP0_FX_IRQ | CP0_FX_TIMER)) {
        /* unmasking IM7 makes the timer an event to wait for */
        bool im_changed = ((cpu->cp0.status ^ old_im) & ST_IM) != 0;
        native_recheck_interrupts(cpu, (fx & CP0_FX_TIMER) || im_changed);
    }
}

static bool native_mtc0(struct cpu *cpu, unsigned reg, unsigned sel, uint32_t value)
{
    if (!native_cp0_usable(cpu))
        return false;
    bool implemented;
    uint32_t old_status = cpu->cp0.status;
    if (reg == CP0_COUNT || reg == CP0_COMPARE || reg == CP0_CAUSE)
        cp0_timer_update(&cpu->cp0, cpu->cycles); /* a match before the write counts */
    unsigned fx = cp0_write(&cpu->cp0, &cpu->tlb, reg, sel, value, cpu->cycles, &implemented);
    if (!implemented)
        log_printf(cpu->log, LOG_UNIMP, "cpu%u: mtc0 0x%08x to unimplemented CP0 register %u, sel %u at pc=0x%08x\n",
                   cpu->id, value, reg, sel, cpu->pc);
    native_apply_effects(cpu, fx, old_status);
    return true;
}

/* Before an entry is overwritten, drop what the fast path learnt from it. */
void native_tlb_replace(struct cpu *cpu, unsigned index)
{
    struct cp0 *cp0 = &cpu->cp0;
    uint32_t start, size;
    tlb_entry_range(&cpu->tlb.entry[index % cpu->tlb.nentries], &start, &size);
    softmmu_flush_range(&cpu->mmu, start, size);
    tlb_write(&cpu->tlb, index, cp0->entryhi, cp0->pagemask, cp0->entrylo0, cp0->entrylo1);
    tlb_entry_range(&cpu->tlb.entry[index % cpu->tlb.nentries], &start, &size);
    softmmu_flush_range(&cpu->mmu, start, size);
    cpu->stats.tlb_writes++;
    if (log_enabled(cpu->log, LOG_MMU))
        log_printf(cpu->log, LOG_MMU,
                   "cpu%u: tlbw[%u] hi=0x%08x mask=0x%08x lo0=0x%08x lo1=0x%08x\n",
                   cpu->id, index, cp0->entryhi, cp0->pagemask, cp0->entrylo0, cp0->entrylo1);
}

unsigned native_tlbw_index(const struct cpu *cpu, enum tlb_op op)
{
    const struct tlb *tlb = &cpu->tlb;
    unsigned index = op == TLBOP_TLBWR ? tlb_random(tlb, cpu->cycles - cpu->cp0.wired_cycle)
                                       : (cpu->cp0.index & 0x3f);
    return index % tlb->nentries;
}

static bool native_tlbop(struct cpu *cpu, enum tlb_op op)
{
    if (!native_cp0_usable(cpu))
        return false;
    struct cp0 *cp0 = &cpu->cp0;
    struct tlb *tlb = &cpu->tlb;
    switch (op) {
    case TLBOP_TLBR: {
        uint8_t old_asid = cp0_asid(cp0);
        tlb_read(tlb, cp0->index & 0x3f, &cp0->entryhi, &cp0->pagemask,
                 &cp0->entrylo0, &cp0->entrylo1);
        if (cp0_asid(cp0) != old_asid)
            softmmu_flush_all(&cpu->mmu);
        break;
    }
    case TLBOP_TLBWI:
    case TLBOP_TLBWR:
        native_tlb_replace(cpu, native_tlbw_index(cpu, op));
        break;
    case TLBOP_TLBP: {
        int i = tlb_probe(tlb, cp0->entryhi);
        cp0->index = i >= 0 ? (uint32_t)i : (INDEX_P | (cp0->index & 0x3f));
        break;
    }
    }
    return true;
}

static bool native_eret(struct cpu *cpu)
{
    if (!native_cp0_usable(cpu))
        return false;
    uint32_t target = cp0_eret(&cpu->cp0);
    cpu->llbit = false;
    cpu_jump(cpu, target);
    native_update_regime(cpu);
    native_recheck_interrupts(cpu, false); /* EXL/ERL cleared: one may be due */
    return false;
}

static bool native_deret(struct cpu *cpu)
{
    if (!(cpu->cp0.debug & DEBUG_DM)) {
        native_raise_simple(cpu, EXC_RI, 0);
        return false;
    }
    cpu_jump(cpu, cp0_deret(&cpu->cp0));
    native_update_regime(cpu);
    cpu->exit_request = true;
    return false;
}

static bool native_wait(struct cpu *cpu)
{
    if (!native_cp0_usable(cpu))
        return false;
    cpu->halted = true;
    cpu->exit_request = true;
    return true;
}

static bool native_di_ei(struct cpu *cpu, bool enable, uint32_t *old)
{
    if (!native_cp0_usable(cpu))
        return false;
    *old = cpu->cp0.status;
    if (enable)
        cpu->cp0.status |= ST_IE;
    else
        cpu->cp0.status &= ~ST_IE;
    native_recheck_interrupts(cpu, false);
    return true;
}

/*
 * CACHE: there is no cache model yet, so the operation itself does
 * nothing; but it is privileged, and the hit-type operations (op[4:2] >=
 * 4) translate their address and take its TLB or address exceptions.
 */
static bool native_cache(struct cpu *cpu, unsigned op, uint32_t va)
{
    if (!native_cp0_usable(cpu))
        return false;
    if ((op >> 2) >= 4 && (op >> 2) != 7) {
        struct xlate x;
        return cpu->priv->translate(cpu, va, SOFTMMU_LOAD, 0, &x);
    }
    return true;
}

static bool native_rdhwr(struct cpu *cpu, unsigned reg, uint32_t *value)
{
    struct cp0 *cp0 = &cpu->cp0;
    bool allowed = cp0_kernel_mode(cp0) || (reg < 32 && (cp0->hwrena & (1u << reg)));
    if (allowed) {
        switch (reg) {
        case HWR_CPUNUM: *value = cp0->ebase & 0x3ff; return true;
        case HWR_SYNCI_STEP: *value = 32; return true; /* cache line size */
        case HWR_CC: *value = cp0_count(cp0, cpu->cycles); return true;
        case HWR_CCRES: *value = COUNT_CYCLES_PER_TICK; return true;
        case HWR_ULR:
            if (cp0->config[3] & CONFIG3_ULRI) {
                *value = cp0->userlocal;
                return true;
            }
            break;
        default: break;
        }
    }
    native_raise_simple(cpu, EXC_RI, 0);
    return false;
}

static bool native_sdbbp(struct cpu *cpu, uint32_t code)
{
    if (cpu->hooks.semihost && cpu->hooks.semihost(cpu->hooks.opaque, cpu, code))
        return true;
    uint32_t vector = cp0_enter_debug(&cpu->cp0, cpu->pc, cpu->delay_slot);
    log_printf(cpu->log, LOG_INT, "cpu%u: SDBBP %u at pc=0x%08x -> debug vector 0x%08x\n",
               cpu->id, code, cpu->pc, vector);
    cpu_jump(cpu, vector);
    native_update_regime(cpu);
    return false;
}

static bool native_cop_unusable(struct cpu *cpu, unsigned cop)
{
    native_raise_simple(cpu, EXC_CPU, cop);
    return false;
}

static bool native_interrupt(struct cpu *cpu)
{
    struct cp0 *cp0 = &cpu->cp0;
    cp0_timer_update(cp0, cpu->cycles);
    if (!cp0_irq_deliverable(cp0))
        return false;
    cpu->halted = false;
    native_take(cpu, EXC_INT, 0, false);
    return true;
}

/* The timer is the only event a CPU makes itself; when IM7 masks it, it
 * can neither wake WAIT nor interrupt, so there is nothing to wait for
 * (Cause.TI is still computed when software reads Cause). */
static uint64_t native_cycles_to_event(struct cpu *cpu)
{
    const struct cp0 *cp0 = &cpu->cp0;
    if (!(cp0->status & (1u << (ST_IM_SHIFT + TIMER_IRQ_IP))))
        return UINT64_MAX;
    return cp0_cycles_to_timer(cp0, cpu->cycles);
}

static bool native_wakeup(struct cpu *cpu)
{
    cp0_timer_update(&cpu->cp0, cpu->cycles);
    return cp0_irq_requested(&cpu->cp0);
}

static bool native_kernel_mode(const struct cpu *cpu)
{
    return cp0_kernel_mode(&cpu->cp0);
}

const struct priv_ops native_priv_ops = {
    .name = "native",
    .translate = native_translate,
    .raise = native_raise,
    .mfc0 = native_mfc0,
    .mtc0 = native_mtc0,
    .tlbop = native_tlbop,
    .eret = native_eret,
    .deret = native_deret,
    .wait = native_wait,
    .di_ei = native_di_ei,
    .cache = native_cache,
    .rdhwr = native_rdhwr,
    .sdbbp = native_sdbbp,
    .cop_unusable = native_cop_unusable,
    .interrupt = native_interrupt,
    .cycles_to_event = native_cycles_to_event,
    .wakeup = native_wakeup,
    .kernel_mode = native_kernel_mode,
};
