/*
 * priv.h - the seam between the interpreter and the privileged layer
 * (../../docs/design, "The seam: the privileged layer").
 *
 * The interpreter never touches privileged state.  Every privileged
 * instruction, every fast-path miss and every exception goes through the
 * CPU's priv_ops table.  Native mode implements it with the CPU's own CP0
 * and TLB (src/mmu/native.c); the monitor implements it with each VCPU's
 * virtual CP0 and virtual TLB.
 *
 * Convention: operations that can redirect the CPU return bool.  true
 * means "done, go on with the next instruction"; false means "the CPU was
 * redirected (an exception was raised, or ERET jumped): reload pc, npc
 * and delay_slot from struct cpu".
 */
#ifndef DISCO_PRIV_H
#define DISCO_PRIV_H

#include <stdbool.h>
#include <stdint.h>

#include "mmu/softmmu.h"

struct cpu;
struct bus;

/* Result of the slow path of a translation. */
struct xlate {
    uint32_t addr;    /* physical (native) or machine (monitor) address */
    uint32_t pa;      /* the guest-physical address (= addr natively): what
                       * LLAddr and the debugger's physical watchpoints see */
    struct bus *bus;  /* the address space addr lies in */
    bool cacheable;   /* the fast path may remember this 4 KB page */
};

/* A synchronous exception the interpreter raises. */
struct cpu_exception {
    uint8_t code;        /* EXC_* */
    uint8_t ce;          /* coprocessor number for EXC_CPU */
    bool has_badvaddr;   /* AdEL/AdES: BadVAddr = badvaddr */
    uint32_t badvaddr;
};

enum tlb_op { TLBOP_TLBR, TLBOP_TLBWI, TLBOP_TLBWR, TLBOP_TLBP };

/* translate() flags */
#define XLATE_NOFAULT 1u  /* debugger/semihosting probe: fail quietly */

struct priv_ops {
    const char *name;
    /* The slow path of an access: segments, TLB, faults. */
    bool (*translate)(struct cpu *cpu, uint32_t va, enum softmmu_kind kind,
                      unsigned flags, struct xlate *out);
    void (*raise)(struct cpu *cpu, const struct cpu_exception *exc);
    bool (*mfc0)(struct cpu *cpu, unsigned reg, unsigned sel, uint32_t *value);
    bool (*mtc0)(struct cpu *cpu, unsigned reg, unsigned sel, uint32_t value);
    bool (*tlbop)(struct cpu *cpu, enum tlb_op op);
    bool (*eret)(struct cpu *cpu);
    bool (*deret)(struct cpu *cpu);
    bool (*wait)(struct cpu *cpu);
    /* DI/EI: *old receives Status before the change. */
    bool (*di_ei)(struct cpu *cpu, bool enable, uint32_t *old);
    bool (*cache)(struct cpu *cpu, unsigned op, uint32_t va);
    bool (*rdhwr)(struct cpu *cpu, unsigned reg, uint32_t *value);
    bool (*sdbbp)(struct cpu *cpu, uint32_t code);
    /* COP1/COP1X/COP2/COP3 and LWC1..SDC2: Coprocessor Unusable here. */
    bool (*cop_unusable)(struct cpu *cpu, unsigned cop);
    /* Between batches: bring timers up to date and take a pending,
     * enabled interrupt.  Returns true when the CPU was redirected. */
    bool (*interrupt)(struct cpu *cpu);
    /* Cycles until this CPU's next timer event that can interrupt or
     * wake it (>= 1), or UINT64_MAX when there is none. */
    uint64_t (*cycles_to_event)(struct cpu *cpu);
    /* WAIT wake-up condition: an interrupt is requested. */
    bool (*wakeup)(struct cpu *cpu);
    bool (*kernel_mode)(const struct cpu *cpu);
};

#endif
