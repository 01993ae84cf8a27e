/*
 * debug.h - what debuggers (the shell, src/dbg_*.c, and the GDB stub,
 * src/gdbstub.c) may do to a machine: stop and resume it, step one
 * instruction, plant breakpoints and watchpoints, and read or write guest
 * registers and memory by virtual, physical or machine address.
 *
 * One struct debug per machine (machine->debug).  Breakpoints are checked
 * by a second build of the interpreter loop (exec.c) that tests a small
 * bitmap before each instruction, so a machine without breakpoints runs
 * at full speed and one with them nearly so.  Watched pages never enter
 * the fast path; the memory slow path checks them.
 */
#ifndef DISCO_DEBUG_H
#define DISCO_DEBUG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct machine;
struct cpu;

/* Which address a breakpoint, watchpoint or memory access names. */
enum dbg_space {
    DBG_VIRTUAL,  /* through the current CPU's translation */
    DBG_PHYSICAL, /* guest-physical (the same as machine in native mode) */
    DBG_MACHINE,  /* machine address (the monitor's, later) */
};

enum dbg_watch_kind {
    DBG_WATCH_WRITE = 1,   /* watch */
    DBG_WATCH_READ = 2,    /* rwatch */
    DBG_WATCH_ACCESS = 3,  /* awatch */
};

/* Why machine_resume returned. */
enum dbg_stop {
    DBG_STOP_NONE,
    DBG_STOP_STEP,        /* the requested instructions ran */
    DBG_STOP_BREAKPOINT,  /* about to execute a breakpoint's instruction */
    DBG_STOP_WATCHPOINT,  /* an access hit a watchpoint (it has completed) */
    DBG_STOP_INTERRUPT,   /* dbg_interrupt: Ctrl-C, Ctrl-A c, gdb's ^C */
    DBG_STOP_EXITED,      /* the guest ended the run: see machine->end */
};

#define DBG_MAX_BREAKPOINTS 64
#define DBG_MAX_WATCHPOINTS 16
#define DBG_BP_BITMAP_BITS 4096 /* a bit per (pc >> 2) modulo this */
#define DBG_MAX_CPUS 8          /* = MACHINE_MAX_CPUS (checked in debug.c) */

struct dbg_breakpoint {
    int id;                /* 0: free slot */
    enum dbg_space space;
    uint32_t addr;
    bool temporary;        /* tbreak: deleted when hit */
    uint64_t hits;
};

struct dbg_watchpoint {
    int id;
    enum dbg_space space;
    uint32_t addr, len;
    enum dbg_watch_kind kind;
    uint64_t hits;
};

/* What stopped the machine, for the frontends to report. */
struct dbg_stop_info {
    enum dbg_stop reason;
    unsigned cpu;          /* the CPU that stopped */
    int id;                /* breakpoint or watchpoint number */
    uint32_t addr;         /* watchpoint: the address accessed */
    uint32_t size;
    bool store;            /* watchpoint: a store (else a load) */
    uint32_t value;        /* watchpoint: the value stored or loaded */
};

struct debug {
    struct dbg_breakpoint bp[DBG_MAX_BREAKPOINTS];
    struct dbg_watchpoint wp[DBG_MAX_WATCHPOINTS];
    int next_id;
    unsigned nbp, nwp;     /* slots in use */
    unsigned nphys_bp;     /* physical/machine breakpoints: checked per instruction */
    uint64_t bp_bitmap[DBG_BP_BITMAP_BITS / 64];
    volatile int interrupt_requested; /* set from a signal handler or stub */
    int wake_fd[2];        /* pipe: dbg_interrupt writes a byte, an idle wait polls the other end */
    struct dbg_stop_info stop;
    unsigned focus;        /* the CPU commands act on ("cpu N") */
    uint32_t resume_pc_skip[DBG_MAX_CPUS]; /* per CPU: a breakpoint at this pc is not hit again at once */
    bool resume_skip_valid[DBG_MAX_CPUS];
};

/* Breakpoints and watchpoints: return the new id (> 0), or -1 when full. */
int dbg_break_add(struct machine *m, enum dbg_space space, uint32_t addr, bool temporary);
int dbg_watch_add(struct machine *m, enum dbg_space space, uint32_t addr,
                  uint32_t len, enum dbg_watch_kind kind);
/* Deletes breakpoint or watchpoint `id`; false if there is none. */
bool dbg_delete(struct machine *m, int id);
void dbg_delete_all(struct machine *m);

/*
 * Runs the machine until something stops it: with steps > 0, only that
 * many instructions of the focused CPU (the others run alongside).  Returns
 * why it stopped; m->debug.stop has the details.  Safe to call again after
 * any stop but DBG_STOP_EXITED.
 */
enum dbg_stop machine_resume(struct machine *m, uint64_t steps);

/* Asks a running machine to stop at the next instruction boundary
 * (async-signal-safe). */
void dbg_interrupt(struct machine *m);

/* Guest memory by space, through the focused CPU for virtual addresses.
 * Device registers are never read or written this way (no side effects).
 * Return the number of bytes done. */
size_t dbg_read_memory(struct machine *m, enum dbg_space space, uint32_t addr,
                       void *buf, size_t len);
size_t dbg_write_memory(struct machine *m, enum dbg_space space, uint32_t addr,
                        const void *buf, size_t len);
/* VA -> PA (-> MA) as the focused CPU sees it now, without faulting.
 * Returns false when the address is not mapped. */
bool dbg_translate(struct machine *m, uint32_t va, uint32_t *pa, uint32_t *ma);

/* For machine.c: readies the hooks before a resume. */
void dbg_prepare_resume(struct machine *m);

/* The focused CPU (never NULL). */
struct cpu *dbg_cpu(struct machine *m);

#endif
