/*
 * cp0.h - Coprocessor 0 of a MIPS32 Release 2, 24K-class core: register
 * numbers and fields (named as in MIPS32 Vol. III, chapter 9), the state
 * of one CP0, and the functions that give its registers their write masks
 * and side effects, its exception entry (Vol. III 6.2) and its timer.
 *
 * The state is plain data with no CPU attached: native mode keeps one per
 * emulated CPU; the monitor keeps one per VCPU (the virtual CP0) and uses
 * the same functions, so both behave alike.
 */
#ifndef DISCO_CP0_H
#define DISCO_CP0_H

#include <stdbool.h>
#include <stdint.h>

#include "tlb/tlb.h"

/* Register numbers (reg, sel). */
#define CP0_INDEX 0
#define CP0_RANDOM 1
#define CP0_ENTRYLO0 2
#define CP0_ENTRYLO1 3
#define CP0_CONTEXT 4      /* sel 2: UserLocal */
#define CP0_PAGEMASK 5
#define CP0_WIRED 6
#define CP0_HWRENA 7
#define CP0_BADVADDR 8
#define CP0_COUNT 9
#define CP0_ENTRYHI 10
#define CP0_COMPARE 11
#define CP0_STATUS 12      /* sel 1: IntCtl, sel 2: SRSCtl, sel 3: SRSMap */
#define CP0_CAUSE 13
#define CP0_EPC 14
#define CP0_PRID 15        /* sel 1: EBase */
#define CP0_CONFIG 16      /* sel 0..3, 7 */
#define CP0_LLADDR 17
#define CP0_WATCHLO 18
#define CP0_WATCHHI 19
#define CP0_DEBUG 23
#define CP0_DEPC 24
#define CP0_PERFCTL 25
#define CP0_ERRCTL 26
#define CP0_CACHEERR 27
#define CP0_TAGLO 28       /* sel 1: DataLo */
#define CP0_TAGHI 29
#define CP0_ERROREPC 30
#define CP0_DESAVE 31

/* Status */
#define ST_IE (1u << 0)
#define ST_EXL (1u << 1)
#define ST_ERL (1u << 2)
#define ST_UM (1u << 4)
#define ST_IM_SHIFT 8
#define ST_IM (0xffu << 8)
#define ST_NMI (1u << 19)
#define ST_SR (1u << 20)
#define ST_TS (1u << 21)
#define ST_BEV (1u << 22)
#define ST_CU0 (1u << 28)
#define ST_CU1 (1u << 29)
/* Cause */
#define CAUSE_EXC_SHIFT 2
#define CAUSE_EXC (0x1fu << 2)
#define CAUSE_IP_SHIFT 8
#define CAUSE_IP (0xffu << 8)
#define CAUSE_IP_SW (0x3u << 8)
#define CAUSE_WP (1u << 22)
#define CAUSE_IV (1u << 23)
#define CAUSE_DC (1u << 27)
#define CAUSE_CE_SHIFT 28
#define CAUSE_CE (0x3u << 28)
#define CAUSE_TI (1u << 30)
#define CAUSE_BD (1u << 31)
/* Debug */
#define DEBUG_DSS (1u << 0)
#define DEBUG_DBP (1u << 1)
#define DEBUG_DEXC_SHIFT 10
#define DEBUG_DM (1u << 30)
#define DEBUG_DBD (1u << 31)
/* Config3 */
#define CONFIG3_VINT (1u << 5)
#define CONFIG3_ULRI (1u << 13)
/* HWREna / RDHWR register numbers */
#define HWR_CPUNUM 0
#define HWR_SYNCI_STEP 1
#define HWR_CC 2
#define HWR_CCRES 3
#define HWR_ULR 29
/* Index */
#define INDEX_P (1u << 31)
/* Context */
#define CONTEXT_PTEBASE_MASK 0xff800000u
#define CONTEXT_BADVPN2_MASK 0x007ffff0u

/* Exception codes (Cause.ExcCode). */
enum {
    EXC_INT = 0,
    EXC_MOD = 1,
    EXC_TLBL = 2,
    EXC_TLBS = 3,
    EXC_ADEL = 4,
    EXC_ADES = 5,
    EXC_IBE = 6,
    EXC_DBE = 7,
    EXC_SYS = 8,
    EXC_BP = 9,
    EXC_RI = 10,
    EXC_CPU = 11,
    EXC_OV = 12,
    EXC_TR = 13,
    EXC_WATCH = 23,
    EXC_MCHECK = 24,
    EXC_CACHEERR = 30,
    EXC_CODES = 32,
};

/* 24Kc processor identification: company MIPS (1), processor 24K (0x93). */
#define PRID_24KC 0x00019300u
#define TIMER_IRQ_IP 7      /* IntCtl.IPTI: the timer interrupt is on IP7 */
#define COUNT_CYCLES_PER_TICK 2 /* Count runs at half the pipeline clock */

struct cp0 {
    uint32_t index, entrylo0, entrylo1, context, pagemask, hwrena;
    uint32_t badvaddr, entryhi, compare, status, intctl, cause, epc;
    uint32_t prid, ebase, config[8], lladdr, watchlo, watchhi;
    uint32_t debug, depc, errorepc, userlocal, desave, taglo, datalo;
    unsigned hw_irq;          /* levels of hardware lines 0..5 (IP2..IP7) */
    /* Count is (cycles / 2) + count_offset while running; frozen while
     * Cause.DC = 1 (count_frozen holds it then). */
    uint32_t count_offset, count_frozen;
    uint32_t count_checked;   /* Count value the timer was last checked at */
    uint64_t wired_cycle;     /* cycle Wired was last written (for Random) */
};

/* Effects of a CP0 write the caller must act on. */
enum {
    CP0_FX_MAPPING = 1u << 0, /* ASID or watch changed: flush the fast path */
    CP0_FX_MODE = 1u << 1,    /* KSU/EXL/ERL changed: reselect the regime */
    CP0_FX_IRQ = 1u << 2,     /* interrupts may now be taken: recheck */
    CP0_FX_TIMER = 1u << 3,   /* Count/Compare changed: reschedule */
    CP0_FX_WIRED = 1u << 4,
};

void cp0_reset(struct cp0 *cp0, unsigned cpunum, unsigned tlb_entries);

/* MFC0 / MTC0.  reg/sel not implemented read as 0 and ignore writes,
 * reported through *implemented when asked. */
uint32_t cp0_read(const struct cp0 *cp0, const struct tlb *tlb,
                  unsigned reg, unsigned sel, uint64_t cycles,
                  bool *implemented);
unsigned cp0_write(struct cp0 *cp0, struct tlb *tlb, unsigned reg,
                   unsigned sel, uint32_t value, uint64_t cycles,
                   bool *implemented);

/* Register names as the manual prints them, or NULL. */
const char *cp0_reg_name(unsigned reg, unsigned sel);

/* Composite Cause.IP: software bits, hardware lines, timer. */
uint32_t cp0_cause(const struct cp0 *cp0);
/* Interrupts requested and unmasked by IM (what wakes WAIT). */
bool cp0_irq_requested(const struct cp0 *cp0);
/* ...and enabled: IE = 1, EXL = ERL = 0, not in debug mode. */
bool cp0_irq_deliverable(const struct cp0 *cp0);

bool cp0_kernel_mode(const struct cp0 *cp0);
unsigned cp0_regime(const struct cp0 *cp0); /* enum softmmu_regime */
static inline uint8_t cp0_asid(const struct cp0 *cp0)
{
    return cp0->entryhi & 0xff;
}

/* Exception entry: fills EPC/BD (unless EXL), Cause.ExcCode/CE, EXL and
 * returns the vector.  refill selects the TLB refill offset (0x000 when
 * EXL was clear).  Interrupts pick the special vector when Cause.IV. */
uint32_t cp0_enter_exception(struct cp0 *cp0, unsigned exccode, unsigned ce,
                             uint32_t pc, bool in_delay_slot, bool refill);
/* BadVAddr, Context.BadVPN2 and EntryHi.VPN2 for an address-translation
 * exception (TLB refill/invalid/modified); BadVAddr only for AdEL/AdES. */
void cp0_set_badvaddr(struct cp0 *cp0, uint32_t va, bool tlb_fields);
/* ERET: clears ERL or EXL and the LLbit; returns the resume address. */
uint32_t cp0_eret(struct cp0 *cp0);
/* SDBBP debug exception and DERET (EJTAG, as far as SDBBP needs). */
uint32_t cp0_enter_debug(struct cp0 *cp0, uint32_t pc, bool in_delay_slot);
uint32_t cp0_deret(struct cp0 *cp0);

/* Timer. */
uint32_t cp0_count(const struct cp0 *cp0, uint64_t cycles);
/* Cycles from `cycles` until Count next equals Compare (>= 1). */
uint64_t cp0_cycles_to_timer(const struct cp0 *cp0, uint64_t cycles);
/* Sets Cause.TI if Count reached Compare since the last check; returns
 * true when it did. */
bool cp0_timer_update(struct cp0 *cp0, uint64_t cycles);

/* Hardware interrupt line 0..5 (IP2..IP7). */
void cp0_set_hw_irq(struct cp0 *cp0, unsigned line, bool level);

/* Watchpoint (WatchLo/WatchHi pair 0): does an access match? */
bool cp0_watch_match(const struct cp0 *cp0, uint32_t va, unsigned kind_bit);
static inline bool cp0_watch_armed(const struct cp0 *cp0)
{
    return (cp0->watchlo & 7) != 0;
}

#endif
