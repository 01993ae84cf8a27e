/*
 * cpu.h - one emulated MIPS32 Release 2 CPU (a 24K-class core, little
 * endian, no FPU): its general registers, program counter and delay-slot
 * state, its fast path, its hardware CP0 and TLB, and the interpreter
 * entry points.  MIPS32 Vol. I (architecture) and Vol. II (instruction
 * set) are the references; CP0 is in cp0.h.
 */
#ifndef DISCO_CPU_H
#define DISCO_CPU_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "cpu/cp0.h"
#include "cpu/priv.h"
#include "mmu/softmmu.h"
#include "tlb/tlb.h"

struct bus;
struct log;

/* What makes the interpreter stop and why. */
enum cpu_stop {
    CPU_RUNNING = 0,
    CPU_STOP_BUDGET,   /* ran its batch */
    CPU_STOP_REQUEST,  /* something asked it to leave the loop */
};

struct cpu_stats {
    uint64_t exceptions[EXC_CODES]; /* taken, by ExcCode */
    uint64_t tlb_refills;           /* refill exceptions (vector offset 0) */
    uint64_t tlb_writes;
    uint64_t wait_cycles;           /* cycles spent halted in WAIT */
    uint64_t regime_insns[SOFTMMU_REGIMES]; /* instructions per regime */
};

/* Calls out of the CPU that belong to the machine, not to the ISA. */
struct cpu_hooks {
    /* SDBBP with a UHI code: returns true when handled. */
    bool (*semihost)(void *opaque, struct cpu *cpu, uint32_t code);
    void *opaque;
    /* The debugger (debug.h); NULL when none is attached. */
    void *dbg_opaque;
    /* Before the instruction at pc: true stops the CPU there. */
    bool (*breakpoint)(void *opaque, struct cpu *cpu, uint32_t pc);
    /* After a slow-path data access: true stops the CPU after it. */
    bool (*watch)(void *opaque, struct cpu *cpu, uint32_t va, uint32_t pa,
                  unsigned size, bool store, uint32_t value);
    /* May the fast path remember this page?  (false: it is watched) */
    bool (*watch_page)(void *opaque, uint32_t va_page, uint32_t pa_page);
};

struct cpu {
    uint32_t gpr[32 + 1]; /* [GPR_SINK]: where writes to $zero go (decode.h) */
    uint32_t hi, lo;
    uint32_t pc;        /* the instruction being (or next to be) executed */
    uint32_t npc;       /* the one after it: pc + 4, or a branch target */
    bool delay_slot;    /* pc is the delay slot of the branch at pc - 4 */
    bool llbit;         /* set by LL, cleared by ERET and by SC */
    bool halted;        /* in WAIT, until an interrupt is requested */
    volatile bool exit_request; /* leave cpu_run at the next boundary */

    uint64_t icount;    /* instructions executed */
    uint64_t cycles;    /* modelled cycles (1 per instruction + stalls) */

    struct softmmu mmu;
    const struct priv_ops *priv;
    void *priv_ctx;
    struct cp0 cp0;     /* this CPU's hardware CP0 */
    struct tlb tlb;     /* this CPU's hardware TLB */
    struct bus *bus;    /* the machine's address map */
    struct log *log;
    struct cpu_hooks hooks;
    unsigned id;        /* CPUNum */
    struct cpu_stats stats;
    unsigned regime;        /* current enum softmmu_regime */
    /* Debugger state (debug.h): run the checking loop, and its bitmap. */
    bool debug_mode;
    bool bp_all;            /* check every instruction (physical breakpoints) */
    const uint64_t *bp_bitmap;
    uint64_t regime_since;  /* icount when it was entered */
};

/* Sets up a CPU at reset (PC 0xBFC00000, BEV = ERL = 1). */
void cpu_init(struct cpu *cpu, unsigned id, unsigned tlb_entries,
              struct bus *bus, struct log *log);
void cpu_reset(struct cpu *cpu);

/* Interprets up to max_insns instructions; returns how many ran.  Stops
 * earlier when exit_request is set or the CPU halts in WAIT. */
uint64_t cpu_run(struct cpu *cpu, uint64_t max_insns);

/* The interpreter proper, without tracing (exec.c); the _debug build also
 * checks breakpoints before each instruction. */
uint64_t cpu_run_core(struct cpu *cpu, uint64_t max_insns);
uint64_t cpu_run_core_debug(struct cpu *cpu, uint64_t max_insns);

/* Switches the fast path to another translation regime (user, kernel,
 * kernel with ERL) and accounts the instructions run in the old one. */
void cpu_set_regime(struct cpu *cpu, unsigned regime);

/* Redirects the CPU: sets pc/npc to target, clears the delay-slot state. */
static inline void cpu_jump(struct cpu *cpu, uint32_t target)
{
    cpu->pc = target;
    cpu->npc = target + 4;
    cpu->delay_slot = false;
}

/* Raises an exception at the current instruction through priv_ops. */
void cpu_raise(struct cpu *cpu, unsigned code);

/* Reads/writes guest virtual memory as the CPU would see it now, without
 * raising exceptions (for the debugger, semihosting, the trace).  Return
 * the number of bytes done. */
size_t cpu_read_virt(struct cpu *cpu, uint32_t va, void *buf, size_t len);
size_t cpu_write_virt(struct cpu *cpu, uint32_t va, const void *buf,
                      size_t len);

/* ABI register names as objdump prints them ("zero", "at", "v0"...). */
extern const char *const cpu_gpr_names[32];

#endif
