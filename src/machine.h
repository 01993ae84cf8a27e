/*
 * machine.h - one emulated machine: its configuration, CPUs, address map,
 * board and log, and the loop that runs it.  Everything a run needs hangs
 * off struct machine; nothing is global, so one process may hold several.
 *
 * Time is virtual: each CPU counts cycles (one per instruction for now);
 * CPUs run round-robin in fixed quanta, and a CPU waiting in WAIT skips
 * ahead to its next timer event.  The same inputs give the same run.
 */
#ifndef DISCO_MACHINE_H
#define DISCO_MACHINE_H

#include <poll.h>
#include <signal.h>
#include <time.h>
#include <stdbool.h>
#include <stdint.h>

#include "cpu/cpu.h"
#include "debug.h"
#include "dev/uhi.h"
#include "dev/vclock.h"
#include "log.h"
#include "mmu/bus.h"

#define MACHINE_MAX_CPUS 8
#define MACHINE_DEFAULT_QUANTUM 20000 /* instructions per CPU per turn */
/* The modelled CPU clock: one instruction per cycle, Count at half of it.
 * Linux's Malta code measures it against the RTC and reports it as the
 * CPU frequency. */
#define MACHINE_HZ 100000000ull

enum stats_mode { STATS_NONE, STATS_TEXT, STATS_JSON };

struct machine_config {
    const char *machine;    /* "malta" */
    uint32_t ram_size;      /* bytes */
    unsigned ncpus;
    unsigned tlb_entries;
    const char *kernel;
    const char *bios;
    const char *initrd;
    const char *append;
    time_t rtc_start;       /* the RTC's time of day at power-on */
    const char *serial;     /* QEMU -serial spec; "stdio" by default */
    bool no_reboot;
    bool semihosting;
    uint64_t max_insns;     /* 0: no limit */
    uint64_t quantum;
    unsigned log_mask;
    const char *log_file;   /* -D */
    enum stats_mode stats;
    /* Under the monitor (src/monitor), each VM is a machine built with: */
    struct chardev *console_dev; /* its console, made by the monitor (owned) */
    uint8_t *ram_host;           /* its RAM: a slice of machine memory */
    struct vm *vm;               /* the VM it is */
};

/* Why the run ended. */
enum machine_end {
    END_NONE,
    END_GUEST_EXIT,    /* UHI exit, or reset under -no-reboot */
    END_INSN_LIMIT,
    END_HUNG,
    END_SIGNAL,
    END_USER_QUIT,     /* Ctrl-A x on the console */
};

struct vm;

struct machine {
    struct machine_config cfg;
    struct vm *vm;          /* under the monitor: the VM this machine is; else NULL */
    struct log log;
    struct bus bus;
    struct malta_board *board;
    struct chardev *console;
    struct vclock clock;    /* guest virtual time, as devices see it */
    char *cmdline;          /* what the kernel gets: rd_start/rd_size + -append */
    struct uhi_host uhi;
    unsigned ncpus;
    struct cpu cpu[MACHINE_MAX_CPUS];

    enum machine_end end;
    int exit_status;
    bool reset_pending;
    unsigned resets;
    volatile sig_atomic_t *signal_flag; /* set by the host's signal handler */
    struct debug debug;     /* breakpoints, watchpoints, stops (debug.h) */
    double wall_seconds;
};

/* Builds and boots a machine.  On error returns a disco exit status and a
 * one-line message in err; on success 0. */
int machine_create(struct machine **out, const struct machine_config *cfg,
                   char *err, size_t errlen);
/* Running a machine: machine_resume (debug.h) runs it until the guest
 * ends or a debugger stop; main.c and the debuggers drive it. */
void machine_destroy(struct machine *m);

/*
 * The pieces of a run, for the monitor's scheduler (src/monitor/sched.c),
 * which runs many machines (VMs) with the same rules as machine_resume:
 *   machine_begin_turn: devices brought up to the machine's time;
 *   machine_run_cpu: CPU i wakes or takes an interrupt, then runs a batch
 *     bounded by its events and by max_budget (0: none); returns the
 *     instructions run (0: it waits);
 *   machine_end_turn: waiting CPUs' time, a pending reset;
 *   machine_cycles_to_event: cycles until the machine's next timed event;
 *   machine_pass_time: every CPU waits that many cycles;
 *   machine_input_can_wake: console input could interrupt a waiting CPU;
 *   machine_poll_host: console escapes and input.
 */
void machine_begin_turn(struct machine *m);
uint64_t machine_run_cpu(struct machine *m, unsigned i, uint64_t max_budget);
bool machine_all_waiting(const struct machine *m);
void machine_end_turn(struct machine *m, bool all_waiting);
uint64_t machine_cycles_to_event(struct machine *m);
void machine_pass_time(struct machine *m, uint64_t cycles);
bool machine_input_can_wake(const struct machine *m);
void machine_poll_host(struct machine *m);
/* Waiting on the host for guest time to pass: up to `skip` cycles of it
 * (UINT64_MAX: no limit) in real time, at most a second, or until one of
 * the n descriptors is readable.  Returns the cycles that passed (>= 1).
 * machine_drain_wake empties the debugger's wake-up pipe afterwards. */
uint64_t machine_wait_host(struct pollfd *pfd, unsigned n, uint64_t skip);
void machine_drain_wake(struct machine *m);
/* The host's monotonic clock, in seconds (for wall-time figures). */
double machine_wall_now(void);

/* Totals over all CPUs. */
uint64_t machine_instructions(const struct machine *m);

/* "guest-exit", "instruction-limit"... as --stats names how a run ended. */
const char *machine_end_name(enum machine_end end);

/* Instructions a CPU ran in a regime (enum softmmu_regime), so far. */
uint64_t cpu_regime_insns(const struct cpu *c, unsigned regime);

/* The --stats report (stats.c). */
void machine_print_stats(const struct machine *m, FILE *out, enum stats_mode mode);

#endif
