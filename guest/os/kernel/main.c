/*
 * main.c - booting disco-os on every CPU, the kernel command line, and
 * halting.  Lab: booting on all CPUs.
 *
 * CPU 0 (start.S -> kmain):
 *   1. reads the command line (YAMON argv[1]: disco's -append text) and the
 *      number of CPUs (the CPU control block, docs/smp.md);
 *   2. sets itself up (cpu_init): exception base, TLB, timer;
 *   3. hands every page after the kernel to the page allocator, finds the
 *      ramdisk files;
 *   4. starts every other CPU: writes its mailbox (start address
 *      secondary_start, a boot stack, its number) and sends it an IPI;
 *      each runs cpu_init and reports in;
 *   5. spawns the first process, init, from "run PROGRAM ARGS...";
 *   6. becomes a scheduler like the others.
 * When init exits, halt() prints each CPU's statistics and the line
 * "halt", and resets the board (Malta SOFTRES): disco -no-reboot then ends
 * with status 0.
 *
 * The command line is "[OPTION...] COMMAND": options are tick=MICROSECONDS
 * (timer period, default 1000) and slice=TICKS (time slice, default 5);
 * commands are "run PROGRAM [ARGS...]", "ls" (list the ramdisk) and
 * "crash" (a deliberate kernel page fault, to see a panic).
 */
#include <stddef.h>

#include "kernel.h"

union cpu_slot cpus[NCPU] __attribute__((aligned(64)));
int ncpu;
volatile uint32_t uptime_ms;
uint8_t boot_stacks[NCPU][BOOT_STACK_SIZE] __attribute__((aligned(16)));
static volatile uint32_t cpus_online;

extern char __kernel_end[];
void secondary_start(void);         /* start.S */

/* The assembly code's idea of these structures (layout.h) must be right. */
_Static_assert(offsetof(struct trapframe, hi) == TF_HI, "TF_HI");
_Static_assert(offsetof(struct trapframe, epc) == TF_EPC, "TF_EPC");
_Static_assert(offsetof(struct trapframe, status) == TF_STATUS, "TF_STATUS");
_Static_assert(offsetof(struct trapframe, cause) == TF_CAUSE, "TF_CAUSE");
_Static_assert(offsetof(struct trapframe, badvaddr) == TF_BADVADDR, "TF_BADVADDR");
_Static_assert(sizeof(struct trapframe) == TF_SIZE, "TF_SIZE");
_Static_assert(offsetof(struct cpu, pgdir) == CPU_PGDIR, "CPU_PGDIR");
_Static_assert(offsetof(struct cpu, refills) == CPU_REFILLS, "CPU_REFILLS");
_Static_assert(offsetof(struct cpu, kstack_top) == CPU_KSTACK, "CPU_KSTACK");
_Static_assert(sizeof(union cpu_slot) == 1 << CPU_SHIFT, "CPU_SHIFT");
_Static_assert(offsetof(struct context, fp) == CTX_FP, "CTX_FP");
_Static_assert(offsetof(struct context, ra) == CTX_RA, "CTX_RA");

/* Everything a CPU sets up for itself. */
static void cpu_init(int id)
{
    struct cpu *c = &cpus[id].c;
    c->id = id;
    c->asid_gen = 1;
    c->pgdir = kernel_pgdir;
    /* Exception base 0x80000000, where kernel.ld put .vectors; then BEV = 0
     * makes the CPU use it (MIPS32 Vol. III, "EBase"). */
    mtc0(CP0_PRID, 1, KSEG0_BASE);
    mtc0(CP0_WIRED, 0, 0);
    mtc0(CP0_PAGEMASK, 0, PM_4K);
    tlb_flush_all();
    mtc0(CP0_ENTRYHI, 0, 0);
    timer_init();                   /* Status: CU0, BEV = 0, timer + IPI unmasked, IE = 0 */
}

void secondary_main(int id)
{
    cpu_init(id);
    atomic_add(&cpus_online, 1);
    scheduler();
}

static void start_secondaries(void)
{
    for (int n = 1; n < ncpu; n++) {
        uint32_t mbox = KSEG1(SMP_BASE) + SMP_MAILBOX(n);
        mmio_write32(mbox + SMP_START_SP, (uint32_t)boot_stacks[n + 1]);
        mmio_write32(mbox + SMP_START_ARG, n);
        mmio_write32(mbox + SMP_START_PC, (uint32_t)secondary_start);
        mmio_write32(KSEG1(SMP_BASE) + SMP_IPI_SEND, n);
    }
    for (uint32_t spins = 0; cpus_online < (uint32_t)ncpu; spins++)
        if (spins == 10000000)
            panic("only %u of %d CPUs started", cpus_online, ncpu);
}

/* ---- the command line ------------------------------------------------------ */

static char cmdline[256];
static char *words[MAX_ARGS + 8];

static int split(char *s)
{
    int n = 0;
    while (*s && n < (int)(sizeof words / sizeof words[0])) {
        while (*s == ' ')
            *s++ = '\0';
        if (!*s)
            break;
        words[n++] = s;
        while (*s && *s != ' ')
            s++;
    }
    return n;
}

static uint32_t number(const char *s)
{
    uint32_t v = 0;
    while (*s >= '0' && *s <= '9')
        v = v * 10 + (uint32_t)(*s++ - '0');
    return v;
}

static void usage(void)
{
    kprintf("usage: -append \"[tick=USEC] [slice=TICKS] run PROGRAM [ARGS...]\"\n"
            "       (or \"ls\", or \"crash\")   e.g. -append \"run raytrace size=small\"\n"
            "the ramdisk holds:\n");
    fs_list();
}

/* Applies the options at the start of the command line; returns the
 * index of the first word that is not one. */
static int options(int n)
{
    int i = 0;
    for (; i < n; i++) {
        if (strncmp(words[i], "tick=", 5) == 0 && number(words[i] + 5) >= 10)
            tick_counts = number(words[i] + 5) * 50;    /* 50 Count per us */
        else if (strncmp(words[i], "slice=", 6) == 0 && number(words[i] + 6) > 0)
            slice_ticks = number(words[i] + 6);
        else
            break;
    }
    return i;
}

/* Runs the command words[i..n); returns with init spawned, or halts. */
static void command(int i, int n)
{
    if (i < n && strcmp(words[i], "ls") == 0) {
        fs_list();
        halt();
    }
    if (i < n && strcmp(words[i], "crash") == 0) {
        kprintf("crash: the kernel stores to address 0 ...\n");
        *(volatile uint32_t *)0 = 1;
        halt();
    }
    if (i + 1 < n && strcmp(words[i], "run") == 0) {
        int pid = spawn(words[i + 1], n - i - 1, &words[i + 1], NULL);
        if (pid >= 0)
            return;
        kprintf("run %s: cannot start it (error %d)\n", words[i + 1], pid);
    }
    usage();
    halt();
}

/* ---- CPU 0 --------------------------------------------------------------------- */

void kmain(int argc, char **argv, char **envp, uint32_t memsize)
{
    (void)envp;
    if (argc >= 2 && argv && argv[1])
        strncpy_z(cmdline, argv[1], sizeof cmdline);
    ncpu = (int)mmio_read32(KSEG1(SMP_BASE) + SMP_CPU_COUNT);
    if (ncpu < 1 || ncpu > NCPU)
        ncpu = 1;
    if (memsize == 0)
        memsize = 32u << 20;
    int nwords = split(cmdline);
    int first = options(nwords);

    vm_init();
    cpu_init(0);
    kalloc_init(PADDR(__kernel_end), memsize);
    fs_init();
    proc_init();
    kprintf("disco-os: %d CPU%s, %u MB RAM, %u KB free, kernel 0x%08x-0x%08x\n", ncpu,
            ncpu > 1 ? "s" : "", memsize >> 20, pages_free() * (PAGE_SIZE / 1024),
            KSEG0_BASE | 0x100000, (uint32_t)__kernel_end);

    cpus_online = 1;
    start_secondaries();
    kprintf("disco-os: %d CPU%s online; tick %u us, time slice %u ticks\n", ncpu,
            ncpu > 1 ? "s" : "",
            tick_counts / 50, slice_ticks);

    command(first, nwords);         /* spawns init (pid 1) */
    scheduler();
}

/* ---- the end ---------------------------------------------------------------------- */

void halt(void)
{
    for (int i = 0; i < ncpu; i++) {
        struct cpu *c = &cpus[i].c;
        kprintf("cpu%d: %u switches, %u TLB refills, %u page faults, %u syscalls, "
                "%u ticks (%u idle), %u IPIs\n",
                i, c->stats.switches, c->refills, c->stats.faults, c->stats.syscalls,
                c->stats.ticks, c->stats.idle_ticks, c->stats.ipis);
    }
    kprintf("memory: %u of %u pages free\n", pages_free(), pages_total());
    kprintf("halt\n");
    while (!(mmio_read8(MALTA_UART_BASE + UART_LSR) & UART_LSR_THRE))
        ;
    mmio_write32(MALTA_FPGA_BASE + FPGA_SOFTRES, FPGA_SOFTRES_RESET);
    for (;;)
        cpu_wait();
}
