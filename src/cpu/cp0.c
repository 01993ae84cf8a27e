/*
 * cp0.c - Coprocessor 0 of a 24K-class MIPS32r2 core: reset values,
 * MFC0/MTC0 with each register's write mask and side effects (MIPS32
 * Vol. III, chapter 9), exception entry and vector selection (Vol. III,
 * 6.1-6.2), ERET, the SDBBP debug exception (EJTAG, as far as SDBBP needs
 * it) and the Count/Compare timer.
 *
 * Values that the manual leaves to the implementation follow the 24Kc
 * with no FPU: 16 TLB entries by default, 32 KB 4-way caches with 32-byte
 * lines, UserLocal, vectored interrupts, one watch register pair.
 */
#include "cpu/cp0.h"

#include <string.h>

#include "mmu/softmmu.h"

/* Status bits software can write; SR and NMI can only be cleared. */
#define ST_WRITABLE (ST_CU0 | ST_BEV | ST_IM | ST_UM | ST_ERL | ST_EXL | ST_IE)
#define ST_CLEAR_ONLY (ST_SR | ST_NMI)
#define CAUSE_WRITABLE (CAUSE_IP_SW | CAUSE_IV | CAUSE_DC)
#define HWRENA_WRITABLE (0xfu | (1u << HWR_ULR))
#define EBASE_WRITABLE 0x3ffff000u
#define WATCHHI_WRITABLE 0x40ff0ff8u /* G, ASID, Mask */
#define WATCHHI_W1C 0x7u            /* I, R, W status: write one to clear */

void cp0_reset(struct cp0 *cp0, unsigned cpunum, unsigned tlb_entries)
{
    memset(cp0, 0, sizeof *cp0);
    cp0->status = ST_BEV | ST_ERL;
    cp0->prid = PRID_24KC;
    cp0->ebase = 0x80000000u | (cpunum & 0x3ff);
    /* Config0: M, AR = 1 (Release 2), MT = 1 (standard TLB), K0 = 2. */
    cp0->config[0] = (1u << 31) | (1u << 10) | (1u << 7) | 2u;
    /* Config1: M, MMU size - 1, I$ and D$ 256 sets x 32 B x 4 ways, WR
     * (watch registers), EP (EJTAG); no MIPS16, no FPU, no perf counters. */
    cp0->config[1] = (1u << 31) | ((tlb_entries - 1) << 25) |
                     (2u << 22) | (4u << 19) | (3u << 16) |
                     (2u << 13) | (4u << 10) | (3u << 7) |
                     (1u << 3) | (1u << 1);
    cp0->config[2] = 1u << 31;
    cp0->config[3] = CONFIG3_VINT | CONFIG3_ULRI;
    /* Config7.AR: the data cache has no virtual aliases. */
    cp0->config[7] = 1u << 16;
    cp0->intctl = (uint32_t)TIMER_IRQ_IP << 29;
}

const char *cp0_reg_name(unsigned reg, unsigned sel)
{
    static const char *const sel0[32] = {
        "Index", "Random", "EntryLo0", "EntryLo1", "Context", "PageMask",
        "Wired", "HWREna", "BadVAddr", "Count", "EntryHi", "Compare",
        "Status", "Cause", "EPC", "PRId", "Config", "LLAddr", "WatchLo",
        "WatchHi", NULL, NULL, NULL, "Debug", "DEPC", "PerfCnt", "ErrCtl",
        "CacheErr", "TagLo", "TagHi", "ErrorEPC", "DESAVE",
    };
    if (reg >= 32)
        return NULL;
    if (sel == 0)
        return sel0[reg];
    switch (reg * 8 + sel) {
    case CP0_CONTEXT * 8 + 2: return "UserLocal";
    case CP0_STATUS * 8 + 1: return "IntCtl";
    case CP0_STATUS * 8 + 2: return "SRSCtl";
    case CP0_PRID * 8 + 1: return "EBase";
    case CP0_CONFIG * 8 + 1: return "Config1";
    case CP0_CONFIG * 8 + 2: return "Config2";
    case CP0_CONFIG * 8 + 3: return "Config3";
    case CP0_CONFIG * 8 + 7: return "Config7";
    case CP0_TAGLO * 8 + 1: return "DataLo";
    default: return NULL;
    }
}

uint32_t cp0_count(const struct cp0 *cp0, uint64_t cycles)
{
    if (cp0->cause & CAUSE_DC)
        return cp0->count_frozen;
    return (uint32_t)(cycles / COUNT_CYCLES_PER_TICK) + cp0->count_offset;
}

static void cp0_set_count(struct cp0 *cp0, uint32_t value, uint64_t cycles)
{
    cp0->count_offset = value - (uint32_t)(cycles / COUNT_CYCLES_PER_TICK);
    cp0->count_frozen = value;
    cp0->count_checked = value;
}

uint32_t cp0_cause(const struct cp0 *cp0)
{
    uint32_t ip = (cp0->hw_irq & 0x3fu) << (CAUSE_IP_SHIFT + 2);
    if (cp0->cause & CAUSE_TI)
        ip |= 1u << (CAUSE_IP_SHIFT + TIMER_IRQ_IP);
    return cp0->cause | ip;
}

bool cp0_irq_requested(const struct cp0 *cp0)
{
    return (cp0_cause(cp0) & cp0->status & ST_IM) != 0;
}

bool cp0_irq_deliverable(const struct cp0 *cp0)
{
    return (cp0->status & (ST_IE | ST_EXL | ST_ERL)) == ST_IE &&
           !(cp0->debug & DEBUG_DM) && cp0_irq_requested(cp0);
}

bool cp0_kernel_mode(const struct cp0 *cp0)
{
    return !(cp0->status & ST_UM) || (cp0->status & (ST_EXL | ST_ERL)) ||
           (cp0->debug & DEBUG_DM);
}

unsigned cp0_regime(const struct cp0 *cp0)
{
    if (!cp0_kernel_mode(cp0))
        return SOFTMMU_USER;
    return (cp0->status & ST_ERL) ? SOFTMMU_KERNEL_ERL : SOFTMMU_KERNEL;
}

/* The width of Index's field: enough bits for every entry. */
static uint32_t cp0_index_mask(const struct tlb *tlb)
{
    uint32_t m = 1;
    while (m < tlb->nentries)
        m <<= 1;
    return m - 1;
}

uint32_t cp0_read(const struct cp0 *cp0, const struct tlb *tlb,
                  unsigned reg, unsigned sel, uint64_t cycles,
                  bool *implemented)
{
    bool ok = true;
    uint32_t v = 0;
    switch (reg * 8 + sel) {
    case CP0_INDEX * 8: v = cp0->index; break;
    case CP0_RANDOM * 8: v = tlb_random(tlb, cycles - cp0->wired_cycle); break;
    case CP0_ENTRYLO0 * 8: v = cp0->entrylo0; break;
    case CP0_ENTRYLO1 * 8: v = cp0->entrylo1; break;
    case CP0_CONTEXT * 8: v = cp0->context; break;
    case CP0_CONTEXT * 8 + 2: v = cp0->userlocal; break;
    case CP0_PAGEMASK * 8: v = cp0->pagemask; break;
    case CP0_WIRED * 8: v = tlb->wired; break;
    case CP0_HWRENA * 8: v = cp0->hwrena; break;
    case CP0_BADVADDR * 8: v = cp0->badvaddr; break;
    case CP0_COUNT * 8: v = cp0_count(cp0, cycles); break;
    case CP0_ENTRYHI * 8: v = cp0->entryhi; break;
    case CP0_COMPARE * 8: v = cp0->compare; break;
    case CP0_STATUS * 8: v = cp0->status; break;
    case CP0_STATUS * 8 + 1: v = cp0->intctl; break;
    case CP0_STATUS * 8 + 2: v = 0; break; /* SRSCtl: no shadow sets */
    case CP0_CAUSE * 8: v = cp0_cause(cp0); break;
    case CP0_EPC * 8: v = cp0->epc; break;
    case CP0_PRID * 8: v = cp0->prid; break;
    case CP0_PRID * 8 + 1: v = cp0->ebase; break;
    case CP0_CONFIG * 8 + 0:
    case CP0_CONFIG * 8 + 1:
    case CP0_CONFIG * 8 + 2:
    case CP0_CONFIG * 8 + 3:
    case CP0_CONFIG * 8 + 7: v = cp0->config[sel]; break;
    case CP0_LLADDR * 8: v = cp0->lladdr; break;
    case CP0_WATCHLO * 8: v = cp0->watchlo; break;
    case CP0_WATCHHI * 8: v = cp0->watchhi; break;
    case CP0_DEBUG * 8: v = cp0->debug; break;
    case CP0_DEPC * 8: v = cp0->depc; break;
    case CP0_ERRCTL * 8: v = 0; break;
    case CP0_CACHEERR * 8: v = 0; break;
    case CP0_TAGLO * 8: v = cp0->taglo; break;
    case CP0_TAGLO * 8 + 1: v = cp0->datalo; break;
    case CP0_TAGHI * 8: v = 0; break;
    case CP0_ERROREPC * 8: v = cp0->errorepc; break;
    case CP0_DESAVE * 8: v = cp0->desave; break;
    default: ok = false; break;
    }
    if (implemented)
        *implemented = ok;
    return v;
}

static void cp0_write_cause(struct cp0 *cp0, uint32_t value, uint64_t cycles)
{
    bool was_frozen = (cp0->cause & CAUSE_DC) != 0;
    uint32_t count = cp0_count(cp0, cycles);
    uint32_t keep = cp0->cause & ~CAUSE_WRITABLE;
    /* WP can be cleared by software, never set. */
    if (!(value & CAUSE_WP))
        keep &= ~CAUSE_WP;
    cp0->cause = keep | (value & CAUSE_WRITABLE);
    bool frozen = (cp0->cause & CAUSE_DC) != 0;
    if (frozen != was_frozen) {
        /* Count keeps its value across a stop or a restart. */
        cp0_set_count(cp0, count, cycles);
    }
}

unsigned cp0_write(struct cp0 *cp0, struct tlb *tlb, unsigned reg,
                   unsigned sel, uint32_t value, uint64_t cycles,
                   bool *implemented)
{
    unsigned fx = 0;
    bool ok = true;
    switch (reg * 8 + sel) {
    case CP0_INDEX * 8:
        cp0->index = (cp0->index & INDEX_P) | (value & cp0_index_mask(tlb));
        break;
    case CP0_ENTRYLO0 * 8: cp0->entrylo0 = value & ENTRYLO_WRITE_MASK; break;
    case CP0_ENTRYLO1 * 8: cp0->entrylo1 = value & ENTRYLO_WRITE_MASK; break;
    case CP0_CONTEXT * 8:
        cp0->context = (cp0->context & ~CONTEXT_PTEBASE_MASK) |
                       (value & CONTEXT_PTEBASE_MASK);
        break;
    case CP0_CONTEXT * 8 + 2: cp0->userlocal = value; break;
    case CP0_PAGEMASK * 8: cp0->pagemask = value & PAGEMASK_MASK; break;
    case CP0_WIRED * 8:
        tlb_set_wired(tlb, value & cp0_index_mask(tlb));
        cp0->wired_cycle = cycles;
        fx |= CP0_FX_WIRED;
        break;
    case CP0_HWRENA * 8: cp0->hwrena = value & HWRENA_WRITABLE; break;
    case CP0_COUNT * 8:
        cp0_set_count(cp0, value, cycles);
        fx |= CP0_FX_TIMER;
        break;
    case CP0_ENTRYHI * 8: {
        uint32_t old = cp0->entryhi;
        cp0->entryhi = value & (ENTRYHI_VPN2_MASK | ENTRYHI_ASID_MASK);
        if ((old ^ cp0->entryhi) & ENTRYHI_ASID_MASK)
            fx |= CP0_FX_MAPPING;
        break;
    }
    case CP0_COMPARE * 8:
        cp0->compare = value;
        cp0->cause &= ~CAUSE_TI;
        cp0->count_checked = cp0_count(cp0, cycles);
        fx |= CP0_FX_TIMER | CP0_FX_IRQ;
        break;
    case CP0_STATUS * 8: {
        uint32_t s = (cp0->status & ~ST_WRITABLE) | (value & ST_WRITABLE);
        s &= value | ~ST_CLEAR_ONLY;
        cp0->status = s;
        fx |= CP0_FX_MODE | CP0_FX_IRQ;
        break;
    }
    case CP0_STATUS * 8 + 1:
        if (cp0->config[3] & CONFIG3_VINT)
            cp0->intctl = (cp0->intctl & ~0x3e0u) | (value & 0x3e0u);
        break;
    case CP0_STATUS * 8 + 2: break; /* SRSCtl: read-only without shadow sets */
    case CP0_CAUSE * 8:
        cp0_write_cause(cp0, value, cycles);
        fx |= CP0_FX_IRQ | CP0_FX_TIMER;
        break;
    case CP0_EPC * 8: cp0->epc = value; break;
    case CP0_PRID * 8: break;
    case CP0_PRID * 8 + 1:
        cp0->ebase = (cp0->ebase & ~EBASE_WRITABLE) | (value & EBASE_WRITABLE);
        break;
    case CP0_CONFIG * 8:
        cp0->config[0] = (cp0->config[0] & ~7u) | (value & 7u);
        break;
    case CP0_CONFIG * 8 + 1:
    case CP0_CONFIG * 8 + 2:
    case CP0_CONFIG * 8 + 3:
    case CP0_CONFIG * 8 + 7:
    case CP0_LLADDR * 8:
    case CP0_BADVADDR * 8:
    case CP0_RANDOM * 8:
    case CP0_ERRCTL * 8:
    case CP0_CACHEERR * 8:
    case CP0_TAGHI * 8:
        break; /* read-only */
    case CP0_WATCHLO * 8:
        cp0->watchlo = value;
        fx |= CP0_FX_MAPPING;
        break;
    case CP0_WATCHHI * 8:
        cp0->watchhi = (cp0->watchhi & ~WATCHHI_WRITABLE & ~(value & WATCHHI_W1C)) |
                       (value & WATCHHI_WRITABLE);
        fx |= CP0_FX_MAPPING;
        break;
    case CP0_DEBUG * 8:
        /* Only debug-mode software may change Debug; nothing it can set
         * is modelled beyond DM, which DERET clears. */
        break;
    case CP0_DEPC * 8: cp0->depc = value; break;
    case CP0_TAGLO * 8: cp0->taglo = value; break;
    case CP0_TAGLO * 8 + 1: cp0->datalo = value; break;
    case CP0_ERROREPC * 8: cp0->errorepc = value; break;
    case CP0_DESAVE * 8: cp0->desave = value; break;
    default: ok = false; break;
    }
    if (implemented)
        *implemented = ok;
    return fx;
}

/* The vectored-interrupt number: the highest requested and unmasked IP. */
static unsigned cp0_vector_number(const struct cp0 *cp0)
{
    uint32_t pending = (cp0_cause(cp0) & cp0->status & ST_IM) >> ST_IM_SHIFT;
    unsigned n = 0;
    for (unsigned i = 0; i < 8; i++)
        if (pending & (1u << i))
            n = i;
    return n;
}

uint32_t cp0_enter_exception(struct cp0 *cp0, unsigned exccode, unsigned ce,
                             uint32_t pc, bool in_delay_slot, bool refill)
{
    uint32_t offset = 0x180;
    if (!(cp0->status & ST_EXL)) {
        cp0->epc = in_delay_slot ? pc - 4 : pc;
        if (in_delay_slot)
            cp0->cause |= CAUSE_BD;
        else
            cp0->cause &= ~CAUSE_BD;
        if (refill) {
            offset = 0x000;
        } else if (exccode == EXC_INT && (cp0->cause & CAUSE_IV)) {
            unsigned vs = (cp0->intctl >> 5) & 0x1f;
            offset = 0x200;
            if (vs && !(cp0->status & ST_BEV) && (cp0->config[3] & CONFIG3_VINT))
                offset += cp0_vector_number(cp0) * (vs << 5);
        }
    }
    cp0->cause = (cp0->cause & ~CAUSE_EXC) | ((uint32_t)exccode << CAUSE_EXC_SHIFT);
    if (exccode == EXC_CPU)
        cp0->cause = (cp0->cause & ~CAUSE_CE) | ((uint32_t)(ce & 3) << CAUSE_CE_SHIFT);
    cp0->status |= ST_EXL;
    uint32_t base = (cp0->status & ST_BEV) ? 0xbfc00200u : (cp0->ebase & 0xfffff000u);
    return base + offset;
}

void cp0_set_badvaddr(struct cp0 *cp0, uint32_t va, bool tlb_fields)
{
    cp0->badvaddr = va;
    if (!tlb_fields)
        return;
    cp0->context = (cp0->context & CONTEXT_PTEBASE_MASK) |
                   ((va >> 9) & CONTEXT_BADVPN2_MASK);
    cp0->entryhi = (va & ENTRYHI_VPN2_MASK) | (cp0->entryhi & ENTRYHI_ASID_MASK);
}

uint32_t cp0_eret(struct cp0 *cp0)
{
    if (cp0->status & ST_ERL) {
        cp0->status &= ~ST_ERL;
        return cp0->errorepc;
    }
    cp0->status &= ~ST_EXL;
    return cp0->epc;
}

uint32_t cp0_enter_debug(struct cp0 *cp0, uint32_t pc, bool in_delay_slot)
{
    cp0->depc = in_delay_slot ? pc - 4 : pc;
    cp0->debug = (cp0->debug & ~(DEBUG_DBD | DEBUG_DSS | DEBUG_DBP)) |
                 DEBUG_DM | DEBUG_DBP | (in_delay_slot ? DEBUG_DBD : 0);
    return 0xbfc00480u;
}

uint32_t cp0_deret(struct cp0 *cp0)
{
    cp0->debug &= ~DEBUG_DM;
    return cp0->depc;
}

uint64_t cp0_cycles_to_timer(const struct cp0 *cp0, uint64_t cycles)
{
    if (cp0->cause & CAUSE_DC)
        return UINT64_MAX / 2;
    uint32_t delta = cp0->compare - cp0_count(cp0, cycles);
    uint64_t ticks = delta ? delta : 0x100000000ull;
    return ticks * COUNT_CYCLES_PER_TICK - (cycles % COUNT_CYCLES_PER_TICK);
}

bool cp0_timer_update(struct cp0 *cp0, uint64_t cycles)
{
    uint32_t now = cp0_count(cp0, cycles);
    uint32_t since = now - cp0->count_checked;
    bool hit = (uint32_t)(cp0->compare - cp0->count_checked - 1) < since;
    cp0->count_checked = now;
    if (hit)
        cp0->cause |= CAUSE_TI;
    return hit;
}

void cp0_set_hw_irq(struct cp0 *cp0, unsigned line, bool level)
{
    if (line >= 6)
        return;
    if (level)
        cp0->hw_irq |= 1u << line;
    else
        cp0->hw_irq &= ~(1u << line);
}

bool cp0_watch_match(const struct cp0 *cp0, uint32_t va, unsigned kind_bit)
{
    if (!(cp0->watchlo & kind_bit))
        return false;
    uint32_t ignore = (cp0->watchhi & 0xff8u) | 7u;
    if (((cp0->watchlo ^ va) & ~ignore) != 0)
        return false;
    bool global = (cp0->watchhi & (1u << 30)) != 0;
    return global || ((cp0->watchhi >> 16) & 0xff) == cp0_asid(cp0);
}
