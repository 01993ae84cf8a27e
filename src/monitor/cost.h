/*
 * cost.h - the monitor's cost model and its event counters.
 *
 * Every entry into the monitor is counted per VCPU by cause, and charged a
 * number of modelled cycles: a fixed cost for the trap itself (saving and
 * restoring the guest's state) plus the cost of what the monitor does for
 * that cause.  The charged cycles are the "monitor" column of the Figure 5
 * style table; they never advance a VM's own clock, so a guest behaves
 * exactly as it would natively.  The defaults are in cost.c and
 * docs/monitor.md; --monitor-cost NAME=CYCLES,... changes them.
 */
#ifndef DISCO_MONITOR_COST_H
#define DISCO_MONITOR_COST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* What brought the guest into the monitor.  X(name, id, default cycles) */
#define MON_CAUSES(X)                                                  \
    X("mfc0", MON_MFC0, 10)          /* MFC0 emulated */               \
    X("mtc0", MON_MTC0, 15)          /* MTC0 emulated */               \
    X("tlbr", MON_TLBR, 20)                                            \
    X("tlbwi", MON_TLBWI, 80)        /* + pmap, L2TLB, hardware TLB */ \
    X("tlbwr", MON_TLBWR, 80)                                          \
    X("tlbp", MON_TLBP, 25)          /* + dropping L2TLB matches */    \
    X("eret", MON_ERET, 20)                                            \
    X("wait", MON_WAIT, 20)          /* the VCPU is descheduled */     \
    X("di-ei", MON_DI_EI, 10)                                          \
    X("cache", MON_CACHE, 10)                                          \
    X("exception", MON_EXCEPTION, 60) /* reflected to the guest */     \
    X("tlb-miss-reflected", MON_TLB_REFLECT, 70)                       \
    X("l2tlb-refill", MON_L2TLB_REFILL, 40) /* hardware TLB from L2TLB */ \
    X("vtlb-refill", MON_VTLB_REFILL, 60) /* ... from the guest's TLB */ \
    X("kseg0", MON_KSEG0, 0)         /* kseg0/kseg1 page through the pmap */ \
    X("device", MON_DEVICE, 150)     /* a virtual device register */   \
    X("interrupt", MON_INTERRUPT, 60) /* delivered to the guest */     \
    X("trap", MON_TRAP, 30)          /* added to every entry above but kseg0 */

enum mon_cause {
#define MON_ENUM(name, id, cycles) id,
    MON_CAUSES(MON_ENUM)
#undef MON_ENUM
    MON_NCAUSES
};

struct mon_costs {
    uint32_t cycles[MON_NCAUSES];
};

/* The default cost of each cause. */
void mon_costs_default(struct mon_costs *c);
/* Applies "name=cycles,name=cycles"; false with a message in err. */
bool mon_costs_parse(struct mon_costs *c, const char *spec, char *err, size_t errlen);
const char *mon_cause_name(enum mon_cause cause);

#endif
