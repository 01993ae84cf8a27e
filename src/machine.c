/*
 * machine.c - builds a machine from its configuration, boots it, and runs
 * it: CPUs in round-robin quanta of virtual time, interrupts taken between
 * batches, WAIT skipping ahead to the next event, resets, the instruction
 * limit, and the ways a run ends (see machine.h).
 */
#include "machine.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "dev/dev.h"
#include "dev/malta.h"
#include "exitcode.h"
#include "loader.h"
#include "mmu/native.h"
#include "dev/malta-smp.h"
#include "monitor/vmm.h"

/* The boot ROM, assembled from roms/malta-boot.S and linked in. */
extern const uint8_t disco_rom_malta_boot[];
extern const uint8_t disco_rom_malta_boot_end[];

double machine_wall_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static void machine_stop_cpus(struct machine *m)
{
    for (unsigned i = 0; i < m->ncpus; i++)
        m->cpu[i].exit_request = true;
}

/* Guest virtual time: CPU 0's cycle count (exact even mid-batch, since
 * devices are only reached through the slow path, which syncs it). */
static uint64_t machine_now(void *opaque)
{
    const struct machine *m = opaque;
    return m->cpu[0].cycles;
}

/* A hardware interrupt line of CPU 0 changed level. */
static void machine_cpu_irq(void *opaque, unsigned line, bool level)
{
    struct machine *m = opaque;
    cp0_set_hw_irq(&m->cpu[0].cp0, line, level);
    m->cpu[0].exit_request = true; /* end the batch: it may be taken now */
}

/* The CPU control block raised or lowered a CPU's IPI line. */
static void machine_cpu_ipi(void *opaque, unsigned cpu, bool level)
{
    struct machine *m = opaque;
    if (cpu >= m->ncpus)
        return;
    cp0_set_hw_irq(&m->cpu[cpu].cp0, SMP_IPI_HW_LINE, level);
    m->cpu[cpu].exit_request = true;
}

static void machine_board_request(void *opaque, enum board_request req)
{
    struct machine *m = opaque;
    if (req == BOARD_REQ_RESET && !m->cfg.no_reboot) {
        m->reset_pending = true;
    } else if (m->end == END_NONE) {
        /* -no-reboot (or a power-off): the run ends, successfully. */
        m->end = END_GUEST_EXIT;
        m->exit_status = DISCO_EXIT_OK;
    }
    machine_stop_cpus(m);
}

static void machine_guest_exit(void *opaque, int status)
{
    struct machine *m = opaque;
    if (m->end == END_NONE) {
        m->end = END_GUEST_EXIT;
        m->exit_status = status;
    }
    machine_stop_cpus(m);
}

static int read_file(const char *path, uint8_t **data, size_t *len,
                     size_t max, char *err, size_t errlen)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        snprintf(err, errlen, "cannot open '%s': %s", path, strerror(errno));
        return DISCO_EXIT_NO_INPUT;
    }
    uint8_t *buf = malloc(max + 1);
    size_t n = buf ? fread(buf, 1, max + 1, f) : 0;
    bool failed = !buf || ferror(f);
    fclose(f);
    if (failed) {
        free(buf);
        snprintf(err, errlen, "cannot read '%s'", path);
        return DISCO_EXIT_NO_INPUT;
    }
    if (n > max) {
        free(buf);
        snprintf(err, errlen, "'%s' is larger than the %zu KB boot flash", path, max >> 10);
        return DISCO_EXIT_BAD_IMAGE;
    }
    *data = buf;
    *len = n;
    return 0;
}

/*
 * -initrd: placed where QEMU's Malta loader puts it - at the top of RAM,
 * 128 KB below the end (the kernel's boot-time allocations go there),
 * page aligned - and announced on the command line as
 * "rd_start=0x<kseg0 address, sign-extended to 64 bits> rd_size=<bytes>".
 */
static int machine_load_initrd(struct machine *m, uint32_t kernel_end,
                               char *err, size_t errlen)
{
    const char *append = m->cfg.append ? m->cfg.append : "";
    free(m->cmdline);
    m->cmdline = NULL;
    if (!m->cfg.initrd) {
        m->cmdline = strdup(append);
        return m->cmdline ? 0 : DISCO_EXIT_INTERNAL;
    }
    uint8_t *data;
    size_t len;
    int rc = read_file(m->cfg.initrd, &data, &len, m->cfg.ram_size, err, errlen);
    if (rc == DISCO_EXIT_BAD_IMAGE || (rc == 0 && len + (128u << 10) >= m->cfg.ram_size)) {
        if (rc == 0)
            free(data);
        snprintf(err, errlen, "initrd '%s' does not fit in %u MB of RAM", m->cfg.initrd,
                 m->cfg.ram_size >> 20);
        return DISCO_EXIT_BAD_IMAGE;
    }
    if (rc)
        return rc;
    uint32_t offset = (uint32_t)((m->cfg.ram_size - (len + (128u << 10)) + 0xfff) & ~0xfffu);
    if (offset <= kernel_end) {
        free(data);
        snprintf(err, errlen, "initrd '%s' (%zu bytes) overlaps the kernel in %u MB of RAM",
                 m->cfg.initrd, len, m->cfg.ram_size >> 20);
        return DISCO_EXIT_BAD_IMAGE;
    }
    memcpy(m->board->ram + offset, data, len);
    free(data);
    uint64_t kseg0 = 0xffffffff80000000ull + offset;
    size_t n = strlen(append) + 80;
    m->cmdline = malloc(n);
    if (!m->cmdline)
        return DISCO_EXIT_INTERNAL;
    snprintf(m->cmdline, n, "rd_start=0x%llx rd_size=%zu %s", (unsigned long long)kseg0, len, append);
    return 0;
}

/* Fills the flash and RAM for a boot: ROM, kernel, arguments. */
static int machine_load(struct machine *m, char *err, size_t errlen)
{
    const struct machine_config *cfg = &m->cfg;
    if (cfg->bios) {
        uint8_t *image;
        size_t len;
        int rc = read_file(cfg->bios, &image, &len, 0x400000, err, errlen);
        if (rc)
            return rc;
        malta_load_flash(m->board, image, len);
        free(image);
    } else {
        malta_load_flash(m->board, disco_rom_malta_boot,
                         (size_t)(disco_rom_malta_boot_end - disco_rom_malta_boot));
    }
    if (cfg->kernel) {
        struct elf_info info;
        int rc = loader_load_elf(cfg->kernel, &m->bus, &info, err, errlen);
        if (rc)
            return rc;
        rc = machine_load_initrd(m, info.high_pa, err, errlen);
        if (rc)
            return rc;
        if (!cfg->bios)
            malta_setup_boot(m->board, info.entry, cfg->kernel, m->cmdline);
    }
    return 0;
}

static void machine_reset_cpus(struct machine *m)
{
    for (unsigned i = 0; i < m->ncpus; i++)
        cpu_reset(&m->cpu[i]);
}

int machine_create(struct machine **out, const struct machine_config *cfg,
                   char *err, size_t errlen)
{
    struct machine *m = calloc(1, sizeof *m);
    if (!m) {
        snprintf(err, errlen, "out of memory");
        return DISCO_EXIT_INTERNAL;
    }
    m->cfg = *cfg;
    if (pipe2(m->debug.wake_fd, O_CLOEXEC | O_NONBLOCK) != 0)
        m->debug.wake_fd[0] = m->debug.wake_fd[1] = -1;
    log_init(&m->log);
    m->log.mask = cfg->log_mask;
    if (cfg->log_file) {
        m->log.out = fopen(cfg->log_file, "w");
        if (!m->log.out) {
            snprintf(err, errlen, "cannot write log file '%s': %s", cfg->log_file, strerror(errno));
            m->log.out = stderr;
            machine_destroy(m);
            return DISCO_EXIT_IO;
        }
    }
    m->vm = cfg->vm;
    const char *cd_err = NULL;
    m->console = cfg->console_dev ? cfg->console_dev
                                  : chardev_open(cfg->serial ? cfg->serial : "stdio", &cd_err);
    if (!m->console) {
        snprintf(err, errlen, "-serial %s: %s", cfg->serial, cd_err ? cd_err : "cannot open");
        machine_destroy(m);
        return cd_err && strstr(cd_err, "unknown") ? DISCO_EXIT_USAGE : DISCO_EXIT_IO;
    }
    bus_init(&m->bus, &m->log);
    m->clock = (struct vclock){ .now = machine_now, .opaque = m, .hz = MACHINE_HZ };
    struct malta_config board = {
        .ram_size = cfg->ram_size,
        .ram_host = cfg->ram_host,
        .console = m->console,
        .hooks = { .request = machine_board_request, .opaque = m },
        .cpu_irq = { .set = machine_cpu_irq, .opaque = m, .line = 0 },
        .clock = &m->clock,
        .rtc_start = cfg->rtc_start,
        .ncpus = cfg->ncpus,
        .smp_lines = { .set_ipi = machine_cpu_ipi, .opaque = m },
    };
    m->board = malta_create(&m->bus, &m->log, &board, err, errlen);
    if (!m->board) {
        machine_destroy(m);
        return DISCO_EXIT_INTERNAL;
    }
    m->uhi = (struct uhi_host){
        .console = m->console,
        .argv = { cfg->kernel ? cfg->kernel : "", cfg->append ? cfg->append : "" },
        .argc = cfg->append ? 2 : 1,
        .exit = machine_guest_exit,
        .opaque = m,
    };
    m->ncpus = cfg->ncpus;
    for (unsigned i = 0; i < m->ncpus; i++) {
        struct cpu *c = &m->cpu[i];
        cpu_init(c, i, cfg->tlb_entries, &m->bus, &m->log);
        c->priv = &native_priv_ops;
        if (cfg->semihosting)
            c->hooks = (struct cpu_hooks){ .semihost = uhi_call, .opaque = &m->uhi };
    }
    int rc = machine_load(m, err, errlen);
    if (rc) {
        machine_destroy(m);
        return rc;
    }
    *out = m;
    return 0;
}

void machine_destroy(struct machine *m)
{
    if (!m)
        return;
    if (m->debug.wake_fd[0] >= 0) {
        close(m->debug.wake_fd[0]);
        close(m->debug.wake_fd[1]);
    }
    malta_destroy(m->board);
    bus_destroy(&m->bus);
    free(m->cmdline);
    if (m->console)
        chardev_close(m->console);
    if (m->log.out && m->log.out != stderr)
        fclose(m->log.out);
    free(m);
}

uint64_t machine_instructions(const struct machine *m)
{
    uint64_t n = 0;
    for (unsigned i = 0; i < m->ncpus; i++)
        n += m->cpu[i].icount;
    return n;
}

/* A software reset: devices and CPUs to their reset state, images again. */
static int machine_do_reset(struct machine *m)
{
    char err[256];
    m->reset_pending = false;
    m->resets++;
    log_printf(&m->log, LOG_DEV, "machine: board reset\n");
    malta_reset(m->board);
    machine_reset_cpus(m);
    if (m->vm)
        vmm_vm_reset(m->vm);
    int rc = machine_load(m, err, sizeof err);
    if (rc)
        fprintf(stderr, "disco: after reset: %s\n", err);
    return rc;
}

/* Host input: the console's escapes, then the devices. */
void machine_poll_host(struct machine *m)
{
    struct chardev *con = m->console;
    if (con->poll)
        con->poll(con);
    if (con->events & CHARDEV_EV_QUIT) {
        con->events &= ~CHARDEV_EV_QUIT;
        if (m->end == END_NONE) {
            m->end = END_USER_QUIT;
            m->exit_status = DISCO_EXIT_OK;
        }
    }
    if (con->events & CHARDEV_EV_DEBUG) {
        con->events &= ~CHARDEV_EV_DEBUG;
        dbg_interrupt(m); /* Ctrl-A c: into the debugger */
    }
    malta_poll(m->board);
}

/* How many instructions the CPU may run before something is due. */
static uint64_t machine_budget(struct machine *m, struct cpu *c)
{
    uint64_t budget = m->cfg.quantum;
    uint64_t event = c->priv->cycles_to_event(c);
    uint64_t device = malta_cycles_to_event(m->board, machine_now(m));
    if (event < budget)
        budget = event;
    if (device < budget)
        budget = device;
    if (m->cfg.max_insns) {
        uint64_t done = machine_instructions(m);
        uint64_t left = done < m->cfg.max_insns ? m->cfg.max_insns - done : 0;
        if (left < budget)
            budget = left;
    }
    return budget ? budget : 1;
}

/* Advances every CPU's clock by `cycles` of waiting. */
void machine_pass_time(struct machine *m, uint64_t cycles)
{
    for (unsigned i = 0; i < m->ncpus; i++) {
        m->cpu[i].cycles += cycles;
        m->cpu[i].stats.wait_cycles += cycles;
    }
}

/* While some CPUs run, time passes for the waiting ones too: each
 * catches up with the furthest running CPU, or stops at its own next
 * timer event so that it wakes on time. */
static void machine_sync_waiting_cpus(struct machine *m)
{
    uint64_t now = 0;
    for (unsigned i = 0; i < m->ncpus; i++)
        if (!m->cpu[i].halted && m->cpu[i].cycles > now)
            now = m->cpu[i].cycles;
    for (unsigned i = 0; i < m->ncpus; i++) {
        struct cpu *c = &m->cpu[i];
        if (!c->halted || c->cycles >= now)
            continue;
        uint64_t gap = now - c->cycles;
        uint64_t event = c->priv->cycles_to_event(c);
        if (event < gap)
            gap = event;
        c->cycles += gap;
        c->stats.wait_cycles += gap;
    }
}

/* Could a hardware interrupt (a device fed by console input) wake a
 * waiting CPU? */
bool machine_input_can_wake(const struct machine *m)
{
    if (m->console->wait_fd < 0)
        return false;
    for (unsigned i = 0; i < m->ncpus; i++)
        if (m->cpu[i].cp0.status & (0x3fu << (ST_IM_SHIFT + 2)))
            return true;
    return false;
}

uint64_t machine_wait_host(struct pollfd *pfd, unsigned n, uint64_t skip)
{
    int timeout_ms = -1;
    if (skip != UINT64_MAX)
        timeout_ms = (int)(skip * 1000 / MACHINE_HZ < 1000 ? skip * 1000 / MACHINE_HZ : 1000);
    double start = machine_wall_now();
    int ready = poll(pfd, n, timeout_ms);
    if (skip == UINT64_MAX)
        return 1;
    if (ready > 0) {
        /* woken by a key: only the time that really passed */
        uint64_t real = (uint64_t)((machine_wall_now() - start) * MACHINE_HZ);
        return real < skip ? (real ? real : 1) : skip;
    }
    return timeout_ms == 1000 && skip > MACHINE_HZ ? MACHINE_HZ : skip; /* at most a second */
}

void machine_drain_wake(struct machine *m)
{
    uint8_t drain[64];
    while (m->debug.wake_fd[0] >= 0 && read(m->debug.wake_fd[0], drain, sizeof drain) > 0)
        ;
}

/*
 * Every CPU waits.  Virtual time jumps to the earliest event - at once,
 * so batch runs never wait on the host; but on an interactive console the
 * wait takes that long in real time too (an idle guest should not spin
 * the host), ending early when a key arrives.  With no event at all, only
 * console input can wake the guest; without that, it is hung.
 */
static bool machine_idle(struct machine *m)
{
    uint64_t skip = machine_cycles_to_event(m);
    struct chardev *con = m->console;
    if (skip == UINT64_MAX && !machine_input_can_wake(m))
        return false;
    if (skip == UINT64_MAX || con->interactive) {
        struct pollfd pfd[2] = {
            { .fd = con->wait_fd, .events = POLLIN },
            { .fd = m->debug.wake_fd[0], .events = POLLIN }, /* dbg_interrupt */
        };
        skip = machine_wait_host(pfd, 2, skip);
        if (pfd[1].revents)
            machine_drain_wake(m);
    }
    machine_pass_time(m, skip ? skip : 1);
    return true;
}

/* Before a turn: devices first, so what came due raises its line now. */
void machine_begin_turn(struct machine *m)
{
    malta_update(m->board, machine_now(m));
}

uint64_t machine_run_cpu(struct machine *m, unsigned i, uint64_t max_budget)
{
    struct cpu *c = &m->cpu[i];
    /* the limit may have been reached by another CPU this turn */
    if (m->cfg.max_insns && machine_instructions(m) >= m->cfg.max_insns)
        return 0;
    if (c->halted && c->priv->wakeup(c))
        c->halted = false;
    c->priv->interrupt(c);
    if (c->halted)
        return 0;
    uint64_t budget = machine_budget(m, c);
    if (max_budget && max_budget < budget)
        budget = max_budget;
    uint64_t ran = cpu_run(c, budget);
    if (ran)
        m->debug.resume_skip_valid[i] = false;
    if (m->ncpus > 1)
        c->llbit = false; /* another CPU runs next: LL/SC must retry */
    return ran;
}

bool machine_all_waiting(const struct machine *m)
{
    for (unsigned i = 0; i < m->ncpus; i++)
        if (!m->cpu[i].halted)
            return false;
    return true;
}

void machine_end_turn(struct machine *m, bool all_waiting)
{
    if (m->ncpus > 1 && !all_waiting)
        machine_sync_waiting_cpus(m);
    if (m->reset_pending && machine_do_reset(m) != 0) {
        m->end = END_GUEST_EXIT;
        m->exit_status = DISCO_EXIT_BAD_IMAGE;
    }
}

uint64_t machine_cycles_to_event(struct machine *m)
{
    uint64_t skip = malta_cycles_to_event(m->board, machine_now(m));
    for (unsigned i = 0; i < m->ncpus; i++) {
        uint64_t e = m->cpu[i].priv->cycles_to_event(&m->cpu[i]);
        if (e < skip)
            skip = e;
    }
    return skip;
}

enum dbg_stop machine_resume(struct machine *m, uint64_t steps)
{
    if (m->vm)
        return vmm_resume(m, steps);
    struct debug *dbg = &m->debug;
    struct cpu *focus = dbg_cpu(m);
    uint64_t stepped = 0;
    double start = machine_wall_now();
    unsigned turns = 0;
    dbg_prepare_resume(m);
    while (m->end == END_NONE) {
        bool all_waiting = true;
        machine_begin_turn(m);
        for (unsigned i = 0; i < m->ncpus && m->end == END_NONE; i++) {
            struct cpu *c = &m->cpu[i];
            uint64_t cap = steps && c == focus ? steps - stepped : 0;
            uint64_t ran = machine_run_cpu(m, i, cap);
            if (!c->halted || ran)
                all_waiting = false;
            if (c == focus)
                stepped += ran;
            if (dbg->stop.reason != DBG_STOP_NONE)
                break;
        }
        if (dbg->stop.reason != DBG_STOP_NONE)
            break;
        machine_end_turn(m, all_waiting);
        if ((++turns & 15) == 0 || all_waiting)
            machine_poll_host(m);
        if (m->end != END_NONE)
            break;
        if (steps && stepped >= steps) {
            dbg->stop = (struct dbg_stop_info){ .reason = DBG_STOP_STEP, .cpu = focus->id };
            break;
        }
        if (dbg->interrupt_requested) {
            dbg->interrupt_requested = 0;
            dbg->stop = (struct dbg_stop_info){ .reason = DBG_STOP_INTERRUPT, .cpu = focus->id };
            break;
        }
        if (m->signal_flag && *m->signal_flag) {
            m->end = END_SIGNAL;
            m->exit_status = 128 + (int)*m->signal_flag;
            break;
        }
        if (m->cfg.max_insns && machine_instructions(m) >= m->cfg.max_insns) {
            m->end = END_INSN_LIMIT;
            m->exit_status = DISCO_EXIT_INSN_LIMIT;
            fprintf(stderr, "disco: instruction limit reached (%llu instructions)\n",
                    (unsigned long long)m->cfg.max_insns);
            break;
        }
        if (all_waiting && !machine_idle(m)) {
            m->end = END_HUNG;
            m->exit_status = DISCO_EXIT_GUEST_HUNG;
            fprintf(stderr, "disco: the guest is hung: every CPU waits (WAIT) and no "
                            "enabled interrupt can ever wake it (pc=0x%08x)\n", m->cpu[0].pc);
        }
    }
    m->wall_seconds += machine_wall_now() - start;
    if (m->end != END_NONE)
        dbg->stop.reason = DBG_STOP_EXITED;
    return dbg->stop.reason;
}
