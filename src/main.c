/*
 * main.c - the `disco` command: QEMU's option spellings where they exist
 * (-M, -m, -kernel, -bios, -append, -nographic, -no-reboot, -serial, -d,
 * -D, -semihosting), disco's own (--max-insns, --stats, --tlb-entries),
 * one clear line and a documented exit status for anything wrong
 * (exitcode.h, README "Exit status").
 *
 * Options are a table: name, whether it takes a value, what it sets.  Both
 * "-name" and "--name" are accepted, and "--name=value" too.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "dbg_shell.h"
#include "symbols.h"
#include "dev/malta.h"
#include "exitcode.h"
#include "gdbstub.h"
#include "log.h"
#include "machine.h"
#include "monitor/vmm.h"
#include "tlb/tlb.h"

#define DISCO_VERSION "0.1"

struct options {
    struct machine_config cfg;
    bool help, version;
    bool start_stopped;     /* -S: stopped before the first instruction (shell, or gdb with -s/-gdb) */
    const char *gdb;        /* -s / -gdb SPEC: serve gdb's remote protocol instead of the shell */
    const char *script;     /* -x FILE: debugger commands to run first */
    /* The monitor (docs/monitor.md): --vms N or --config FILE. */
    unsigned vms;
    const char *config;
    unsigned vcpus;
    const char *serials[VMM_MAX_VMS]; /* -serial, once per VM */
    unsigned nserials;
    bool smp_given, l2tlb_given, l2tlb_entries_given;
    bool l2tlb;
    unsigned l2tlb_entries;
    unsigned hwtlb_entries;
    const char *cost;
};

typedef int option_fn(struct options *o, const char *value, char *err, size_t errlen);

struct option_def {
    const char *name;
    const char *alias;
    bool takes_value;
    option_fn *apply;
    const char *value_name;
    const char *help;
};

static int parse_u64(const char *s, uint64_t *out)
{
    char *end;
    errno = 0;
    unsigned long long v = strtoull(s, &end, 0);
    if (errno || end == s || *end || s[0] == '-')
        return -1;
    *out = v;
    return 0;
}

static int opt_machine(struct options *o, const char *v, char *err, size_t n)
{
    if (strcmp(v, "help") == 0 || strcmp(v, "?") == 0) {
        printf("Supported machines are:\nmalta                MIPS Malta Core LV (24Kc, little-endian)\n");
        exit(DISCO_EXIT_OK);
    }
    if (strcmp(v, "malta") != 0) {
        snprintf(err, n, "unsupported machine '%s' (use -M help)", v);
        return DISCO_EXIT_USAGE;
    }
    o->cfg.machine = "malta";
    return 0;
}

/* -m: megabytes, or a number with a K/M/G suffix (as QEMU). */
static int opt_memory(struct options *o, const char *v, char *err, size_t n)
{
    char *end;
    errno = 0;
    unsigned long long size = strtoull(v, &end, 10);
    unsigned long long scale = 1ull << 20;
    if (*end == 'k' || *end == 'K') scale = 1ull << 10, end++;
    else if (*end == 'm' || *end == 'M') scale = 1ull << 20, end++;
    else if (*end == 'g' || *end == 'G') scale = 1ull << 30, end++;
    if (errno || end == v || *end || v[0] == '-' || size == 0 || size > (1ull << 40)) {
        snprintf(err, n, "invalid memory size '%s'", v);
        return DISCO_EXIT_USAGE;
    }
    size *= scale;
    if (size < (1u << 20) || size > MALTA_RAM_MAX || (size & 0xfff)) {
        snprintf(err, n, "memory size '%s' out of range: the Malta board takes 1 MB to 256 MB", v);
        return DISCO_EXIT_USAGE;
    }
    o->cfg.ram_size = (uint32_t)size;
    return 0;
}

static int opt_smp(struct options *o, const char *v, char *err, size_t n)
{
    uint64_t cpus;
    if (parse_u64(v, &cpus) || cpus < 1 || cpus > MACHINE_MAX_CPUS) {
        snprintf(err, n, "invalid -smp '%s': 1 to %d CPUs", v, MACHINE_MAX_CPUS);
        return DISCO_EXIT_USAGE;
    }
    o->cfg.ncpus = (unsigned)cpus;
    o->smp_given = true;
    return 0;
}

static int opt_kernel(struct options *o, const char *v, char *err, size_t n)
{
    (void)err, (void)n;
    o->cfg.kernel = v;
    return 0;
}

static int opt_bios(struct options *o, const char *v, char *err, size_t n)
{
    (void)err, (void)n;
    o->cfg.bios = v;
    return 0;
}

static int opt_initrd(struct options *o, const char *v, char *err, size_t n)
{
    (void)err, (void)n;
    o->cfg.initrd = v;
    return 0;
}

/* -rtc base=utc|localtime|YYYY-MM-DDTHH:MM:SS (QEMU's spelling): the time
 * of day the RTC starts from; a fixed date makes runs reproducible. */
static int opt_rtc(struct options *o, const char *v, char *err, size_t n)
{
    if (strncmp(v, "base=", 5) != 0) {
        snprintf(err, n, "invalid -rtc '%s' (base=utc, base=localtime or base=YYYY-MM-DDTHH:MM:SS)", v);
        return DISCO_EXIT_USAGE;
    }
    const char *base = v + 5;
    if (strcmp(base, "utc") == 0 || strcmp(base, "localtime") == 0) {
        time_t now = time(NULL);
        if (strcmp(base, "localtime") == 0) {
            struct tm lt;
            localtime_r(&now, &lt);
            now = timegm(&lt);
        }
        o->cfg.rtc_start = now;
        return 0;
    }
    struct tm tm = { 0 };
    char tail;
    if (sscanf(base, "%d-%d-%dT%d:%d:%d%c", &tm.tm_year, &tm.tm_mon, &tm.tm_mday,
               &tm.tm_hour, &tm.tm_min, &tm.tm_sec, &tail) != 6 ||
        tm.tm_year < 1970 || tm.tm_year > 2099 || tm.tm_mon < 1 || tm.tm_mon > 12 ||
        tm.tm_mday < 1 || tm.tm_mday > 31 || tm.tm_hour > 23 || tm.tm_min > 59 || tm.tm_sec > 59) {
        snprintf(err, n, "invalid -rtc date '%s' (YYYY-MM-DDTHH:MM:SS, 1970-2099)", base);
        return DISCO_EXIT_USAGE;
    }
    tm.tm_year -= 1900;
    tm.tm_mon -= 1;
    o->cfg.rtc_start = timegm(&tm);
    return 0;
}

static int opt_append(struct options *o, const char *v, char *err, size_t n)
{
    (void)err, (void)n;
    o->cfg.append = v;
    return 0;
}

static int opt_nographic(struct options *o, const char *v, char *err, size_t n)
{
    /* disco has no display yet: the console is always the serial port. */
    (void)o, (void)v, (void)err, (void)n;
    return 0;
}

static int opt_no_reboot(struct options *o, const char *v, char *err, size_t n)
{
    (void)v, (void)err, (void)n;
    o->cfg.no_reboot = true;
    return 0;
}

static int opt_serial(struct options *o, const char *v, char *err, size_t n)
{
    if (strcmp(v, "stdio") && strcmp(v, "null") && strcmp(v, "none") && strncmp(v, "file:", 5)) {
        snprintf(err, n, "unsupported -serial '%s' (stdio, null, none or file:PATH)", v);
        return DISCO_EXIT_USAGE;
    }
    if (o->nserials == VMM_MAX_VMS) {
        snprintf(err, n, "-serial given more than %d times (once per VM)", VMM_MAX_VMS);
        return DISCO_EXIT_USAGE;
    }
    if (o->nserials == 0)
        o->cfg.serial = v;
    o->serials[o->nserials++] = v;
    return 0;
}

static int opt_vms(struct options *o, const char *v, char *err, size_t n)
{
    uint64_t vms;
    if (parse_u64(v, &vms) || vms < 1 || vms > VMM_MAX_VMS) {
        snprintf(err, n, "invalid --vms '%s': 1 to %d virtual machines", v, VMM_MAX_VMS);
        return DISCO_EXIT_USAGE;
    }
    o->vms = (unsigned)vms;
    return 0;
}

static int opt_vcpus(struct options *o, const char *v, char *err, size_t n)
{
    uint64_t vcpus;
    if (parse_u64(v, &vcpus) || vcpus < 1 || vcpus > VMM_MAX_VCPUS_PER_VM) {
        snprintf(err, n, "invalid --vcpus '%s': 1 to %d per VM", v, VMM_MAX_VCPUS_PER_VM);
        return DISCO_EXIT_USAGE;
    }
    o->vcpus = (unsigned)vcpus;
    return 0;
}

static int opt_config(struct options *o, const char *v, char *err, size_t n)
{
    (void)err, (void)n;
    o->config = v;
    return 0;
}

static int opt_no_l2tlb(struct options *o, const char *v, char *err, size_t n)
{
    (void)v, (void)err, (void)n;
    o->l2tlb = false;
    o->l2tlb_given = true;
    return 0;
}

static int opt_l2tlb_entries(struct options *o, const char *v, char *err, size_t n)
{
    uint64_t e;
    if (parse_u64(v, &e) || e > (1u << 20)) {
        snprintf(err, n, "invalid --l2tlb-entries '%s': 0 (off) to 1048576", v);
        return DISCO_EXIT_USAGE;
    }
    o->l2tlb_entries = (unsigned)e;
    o->l2tlb_entries_given = true;
    return 0;
}

static int opt_hwtlb_entries(struct options *o, const char *v, char *err, size_t n)
{
    uint64_t e;
    if (parse_u64(v, &e) || e < 1 || e > TLB_MAX_ENTRIES) {
        snprintf(err, n, "invalid --hwtlb-entries '%s': 1 to %d", v, TLB_MAX_ENTRIES);
        return DISCO_EXIT_USAGE;
    }
    o->hwtlb_entries = (unsigned)e;
    return 0;
}

static int opt_monitor_cost(struct options *o, const char *v, char *err, size_t n)
{
    struct mon_costs c;
    mon_costs_default(&c);
    if (!mon_costs_parse(&c, v, err, n))
        return DISCO_EXIT_USAGE;
    o->cost = v;
    return 0;
}

static int opt_debug(struct options *o, const char *v, char *err, size_t n)
{
    if (strcmp(v, "help") == 0) {
        log_list_categories(stdout);
        exit(DISCO_EXIT_OK);
    }
    const char *bad = NULL;
    unsigned mask;
    if (!log_parse_mask(v, &mask, &bad)) {
        const char *name = bad ? bad : v;
        snprintf(err, n, "unknown log category '%.*s' (use -d help)",
                 (int)strcspn(name, ","), name);
        return DISCO_EXIT_USAGE;
    }
    o->cfg.log_mask |= mask;
    return 0;
}

static int opt_logfile(struct options *o, const char *v, char *err, size_t n)
{
    (void)err, (void)n;
    o->cfg.log_file = v;
    return 0;
}

static int opt_semihosting(struct options *o, const char *v, char *err, size_t n)
{
    (void)v, (void)err, (void)n;
    o->cfg.semihosting = true;
    return 0;
}

static int opt_no_semihosting(struct options *o, const char *v, char *err, size_t n)
{
    (void)v, (void)err, (void)n;
    o->cfg.semihosting = false;
    return 0;
}

static int opt_max_insns(struct options *o, const char *v, char *err, size_t n)
{
    if (parse_u64(v, &o->cfg.max_insns) || o->cfg.max_insns == 0) {
        snprintf(err, n, "invalid --max-insns '%s': a positive number", v);
        return DISCO_EXIT_USAGE;
    }
    return 0;
}

static int opt_stats(struct options *o, const char *v, char *err, size_t n)
{
    if (!v || strcmp(v, "text") == 0)
        o->cfg.stats = STATS_TEXT;
    else if (strcmp(v, "json") == 0)
        o->cfg.stats = STATS_JSON;
    else {
        snprintf(err, n, "invalid --stats '%s': text or json", v);
        return DISCO_EXIT_USAGE;
    }
    return 0;
}

static int opt_tlb_entries(struct options *o, const char *v, char *err, size_t n)
{
    uint64_t e;
    if (parse_u64(v, &e) || e < 1 || e > TLB_MAX_ENTRIES) {
        snprintf(err, n, "invalid --tlb-entries '%s': 1 to %d", v, TLB_MAX_ENTRIES);
        return DISCO_EXIT_USAGE;
    }
    o->cfg.tlb_entries = (unsigned)e;
    return 0;
}

static int opt_stopped(struct options *o, const char *v, char *err, size_t n)
{
    (void)v, (void)err, (void)n;
    o->start_stopped = true;
    return 0;
}

static int opt_gdb_default(struct options *o, const char *v, char *err, size_t n)
{
    (void)v, (void)err, (void)n;
    o->gdb = GDBSTUB_DEFAULT_SPEC;
    return 0;
}

static int opt_gdb(struct options *o, const char *v, char *err, size_t n)
{
    if (!gdbstub_check_spec(v, err, n))
        return DISCO_EXIT_USAGE;
    o->gdb = v;
    return 0;
}

static int opt_script(struct options *o, const char *v, char *err, size_t n)
{
    (void)err, (void)n;
    o->script = v;
    return 0;
}

static int opt_help(struct options *o, const char *v, char *err, size_t n)
{
    (void)v, (void)err, (void)n;
    o->help = true;
    return 0;
}

static int opt_version(struct options *o, const char *v, char *err, size_t n)
{
    (void)v, (void)err, (void)n;
    o->version = true;
    return 0;
}

static const struct option_def option_table[] = {
    { "M", "machine", true, opt_machine, "NAME", "machine type: malta (the default; -M help lists)" },
    { "m", NULL, true, opt_memory, "SIZE", "RAM size in MB, or with a K/M/G suffix (default 64M, at most 256M)" },
    { "smp", NULL, true, opt_smp, "N", "number of CPUs, 1 to 8 (secondaries wait in the boot ROM: docs/smp.md)" },
    { "kernel", NULL, true, opt_kernel, "FILE", "little-endian MIPS32 ELF to load and boot" },
    { "bios", NULL, true, opt_bios, "FILE", "raw image for the boot flash instead of disco's boot ROM" },
    { "initrd", NULL, true, opt_initrd, "FILE", "initial RAM disk, placed at the top of RAM as QEMU does" },
    { "append", NULL, true, opt_append, "TEXT", "command line given to the kernel (YAMON argv[1])" },
    { "rtc", NULL, true, opt_rtc, "base=WHEN", "RTC start: utc (host time, default), localtime, or YYYY-MM-DDTHH:MM:SS" },
    { "nographic", NULL, false, opt_nographic, NULL, "no display; the console is the serial port (always so)" },
    { "no-reboot", NULL, false, opt_no_reboot, NULL, "exit with status 0 when the guest resets the board" },
    { "serial", NULL, true, opt_serial, "SPEC", "console backend: stdio (default), null, none, file:PATH" },
    { "d", NULL, true, opt_debug, "LIST", "log categories, comma-separated (-d help lists them)" },
    { "D", NULL, true, opt_logfile, "FILE", "write the -d log to FILE instead of stderr" },
    { "semihosting", NULL, false, opt_semihosting, NULL, "UHI semihosting through SDBBP 1 (on by default)" },
    { "no-semihosting", NULL, false, opt_no_semihosting, NULL, "SDBBP always enters the debug exception vector" },
    { "max-insns", NULL, true, opt_max_insns, "N", "stop after N instructions (exit status 124)" },
    { "stats", NULL, false, opt_stats, NULL, "print statistics to stderr at exit (--stats=json for JSON)" },
    { "tlb-entries", NULL, true, opt_tlb_entries, "N", "TLB entries per CPU, 1-64 (default 16)" },
    { "vms", NULL, true, opt_vms, "N", "run N virtual machines under the monitor, each booting -kernel (docs/monitor.md)" },
    { "config", NULL, true, opt_config, "FILE", "run the virtual machines FILE describes (docs/monitor-config.md)" },
    { "vcpus", NULL, true, opt_vcpus, "N", "VCPUs per virtual machine, 1-8 (default 1); -smp is the physical CPUs" },
    { "no-l2tlb", NULL, false, opt_no_l2tlb, NULL, "monitor: no second-level software TLB" },
    { "l2tlb-entries", NULL, true, opt_l2tlb_entries, "N", "monitor: L2TLB entries per VCPU (default 1024; 0 is off)" },
    { "hwtlb-entries", NULL, true, opt_hwtlb_entries, "N", "monitor: hardware TLB entries per physical CPU (default 64)" },
    { "monitor-cost", NULL, true, opt_monitor_cost, "LIST", "monitor: cycles per cause, NAME=N,... (docs/monitor.md)" },
    { "S", NULL, false, opt_stopped, NULL, "start stopped: in the debugger shell, or waiting for gdb with -s/-gdb" },
    { "s", NULL, false, opt_gdb_default, NULL, "shorthand for -gdb tcp::1234" },
    { "gdb", NULL, true, opt_gdb, "SPEC", "serve gdb on tcp::PORT or tcp:HOST:PORT (host default 127.0.0.1)" },
    { "x", NULL, true, opt_script, "FILE", "run the debugger commands in FILE first (implies -S)" },
    { "help", "h", false, opt_help, NULL, "show this help" },
    { "version", NULL, false, opt_version, NULL, "show the version" },
};
#define NOPTIONS (sizeof option_table / sizeof option_table[0])

static void print_usage(FILE *out)
{
    fprintf(out, "usage: disco [options]\n"
                 "disco " DISCO_VERSION " - a MIPS32 Malta machine emulator\n\n"
                 "Options (one dash or two):\n");
    for (size_t i = 0; i < NOPTIONS; i++) {
        const struct option_def *d = &option_table[i];
        char left[40];
        snprintf(left, sizeof left, "-%s%s%s", d->name, d->takes_value ? " " : "",
                 d->takes_value ? d->value_name : "");
        fprintf(out, "  %-22s %s\n", left, d->help);
    }
    fprintf(out, "\nExit status: the guest's own (UHI exit), 0 after a reset under -no-reboot,\n"
                 "64 bad usage, 65 bad image, 66 missing file, 70 internal error, 74 output\n"
                 "error, 124 --max-insns reached, 125 guest hung, 128+N killed by signal N.\n");
}

static const struct option_def *find_option(const char *name)
{
    for (size_t i = 0; i < NOPTIONS; i++) {
        const struct option_def *d = &option_table[i];
        if (strcmp(name, d->name) == 0 || (d->alias && strcmp(name, d->alias) == 0))
            return d;
    }
    return NULL;
}

static int parse_args(int argc, char **argv, struct options *o, char *err, size_t n)
{
    for (int i = 1; i < argc; i++) {
        const char *arg = argv[i];
        if (arg[0] != '-' || arg[1] == '\0') {
            snprintf(err, n, "unexpected argument '%s'", arg);
            return DISCO_EXIT_USAGE;
        }
        char name[64];
        const char *value = NULL;
        const char *p = arg + (arg[1] == '-' ? 2 : 1);
        const char *eq = strchr(p, '=');
        size_t len = eq ? (size_t)(eq - p) : strlen(p);
        if (len >= sizeof name) {
            snprintf(err, n, "unknown option '%s'", arg);
            return DISCO_EXIT_USAGE;
        }
        memcpy(name, p, len);
        name[len] = '\0';
        const struct option_def *d = find_option(name);
        if (!d) {
            snprintf(err, n, "unknown option '%s'", arg);
            return DISCO_EXIT_USAGE;
        }
        if (eq) {
            value = eq + 1;
            /* --stats=json is the one optional value */
            if (!d->takes_value && d->apply != opt_stats) {
                snprintf(err, n, "option '-%s' takes no value", d->name);
                return DISCO_EXIT_USAGE;
            }
        } else if (d->apply == opt_stats && i + 1 < argc &&
                   (strcmp(argv[i + 1], "json") == 0 || strcmp(argv[i + 1], "text") == 0)) {
            value = argv[++i]; /* DESIGN.md's spelling: --stats json */
        } else if (d->takes_value) {
            if (i + 1 >= argc) {
                snprintf(err, n, "option '-%s' needs a value (%s)", d->name, d->value_name);
                return DISCO_EXIT_USAGE;
            }
            value = argv[++i];
        }
        int rc = d->apply(o, value, err, n);
        if (rc)
            return rc;
    }
    return 0;
}

static volatile sig_atomic_t signal_caught;
/* The machine whose debugger shell is open: Ctrl-C stops it into the
 * shell instead of ending the run.  A signal handler has no other way to
 * find it. */
static struct machine *volatile shell_machine;

static void on_signal(int sig)
{
    struct machine *m = shell_machine;
    if (sig == SIGINT && m)
        dbg_interrupt(m);
    else
        signal_caught = sig;
}

/* The monitor's configuration from --vms/--config and the other options. */
static int monitor_config(const struct options *o, struct vmm_config *vc, char *err, size_t n)
{
    memset(vc, 0, sizeof *vc);
    vc->base = o->cfg;
    vc->pcpus = o->cfg.ncpus;
    vc->l2tlb = o->l2tlb;
    vc->l2tlb_entries = o->l2tlb_entries;
    vc->hwtlb_entries = o->hwtlb_entries;
    struct vm_config defaults = {
        .ram_size = o->cfg.ram_size,
        .vcpus = o->vcpus,
        .kernel = (char *)o->cfg.kernel,
        .initrd = (char *)o->cfg.initrd,
        .append = (char *)o->cfg.append,
    };
    const char *cost = o->cost;
    if (o->config) {
        struct vmm_file_settings fs = { .pcpus = vc->pcpus, .l2tlb = vc->l2tlb,
                                        .l2tlb_entries = vc->l2tlb_entries };
        int rc = vmconfig_load(o->config, &defaults, vc->vm, &vc->nvms, &fs, err, n);
        if (rc)
            return rc;
        /* the command line wins over the file */
        if (!o->smp_given)
            vc->pcpus = fs.pcpus;
        if (!o->l2tlb_given)
            vc->l2tlb = fs.l2tlb;
        if (!o->l2tlb_entries_given)
            vc->l2tlb_entries = fs.l2tlb_entries;
        if (!cost && fs.cost)
            cost = fs.cost;
        mon_costs_default(&vc->costs);
        bool ok = !cost || mon_costs_parse(&vc->costs, cost, err, n);
        free(fs.cost);
        if (!ok)
            return DISCO_EXIT_USAGE;
    } else {
        vc->nvms = o->vms;
        for (unsigned i = 0; i < vc->nvms; i++) {
            if (!vm_config_copy(&vc->vm[i], &defaults))
                return DISCO_EXIT_INTERNAL;
            snprintf(vc->vm[i].name, sizeof vc->vm[i].name, "vm%u", i);
        }
        mon_costs_default(&vc->costs);
        if (cost && !mon_costs_parse(&vc->costs, cost, err, n))
            return DISCO_EXIT_USAGE;
    }
    for (unsigned i = 0; i < o->nserials && i < vc->nvms; i++) {
        free(vc->vm[i].serial);
        vc->vm[i].serial = strdup(o->serials[i]);
    }
    if (vc->pcpus < 1 || vc->pcpus > MACHINE_MAX_CPUS) {
        snprintf(err, n, "%s: cpus must be 1 to %d", o->config, MACHINE_MAX_CPUS);
        return DISCO_EXIT_USAGE;
    }
    return 0;
}

static void monitor_config_free(struct vmm_config *vc)
{
    for (unsigned i = 0; i < vc->nvms; i++)
        vm_config_free(&vc->vm[i]);
}

/* The debugger shell for the rest of the run; returns the exit status. */
static int run_shell(struct machine *m, const char *script)
{
    struct dbg_shell_config sc = {
        .script = script,
        .start_stopped = true,
        .interactive = isatty(STDIN_FILENO) != 0,
    };
    shell_machine = m;
    int rc = dbg_shell_run(m, &sc);
    shell_machine = NULL;
    return rc;
}

int main(int argc, char **argv)
{
    struct options o = {
        .cfg = {
            .machine = "malta",
            .ram_size = 64u << 20,
            .ncpus = 1,
            .tlb_entries = TLB_DEFAULT_ENTRIES,
            .serial = "stdio",
            .semihosting = true,
            .quantum = MACHINE_DEFAULT_QUANTUM,
            .rtc_start = time(NULL),
        },
        .vcpus = 1,
        .l2tlb = true,
        .l2tlb_entries = L2TLB_DEFAULT_ENTRIES,
        .hwtlb_entries = TLB_MAX_ENTRIES,
    };
    char err[512];
    int rc = parse_args(argc, argv, &o, err, sizeof err);
    if (rc) {
        fprintf(stderr, "disco: %s\nTry 'disco --help' for more information.\n", err);
        return rc;
    }
    if (o.help) {
        print_usage(stdout);
        return DISCO_EXIT_OK;
    }
    if (o.version) {
        printf("disco " DISCO_VERSION "\n");
        return DISCO_EXIT_OK;
    }
    if (o.gdb && o.script) {
        fprintf(stderr, "disco: -x and -s/-gdb cannot be combined: one debugger at a time\n"
                        "Try 'disco --help' for more information.\n");
        return DISCO_EXIT_USAGE;
    }
    bool monitor = o.vms || o.config;
    if (monitor && o.cfg.bios) {
        fprintf(stderr, "disco: -bios cannot be used with the monitor: every VM boots with "
                        "disco's boot ROM\nTry 'disco --help' for more information.\n");
        return DISCO_EXIT_USAGE;
    }
    if (!o.cfg.kernel && !o.cfg.bios && !o.config) {
        fprintf(stderr, "disco: nothing to run: give -kernel FILE (or -bios FILE)\n"
                        "Try 'disco --help' for more information.\n");
        return DISCO_EXIT_USAGE;
    }

    struct machine *m;
    struct vmm *vmm = NULL;
    if (monitor) {
        struct vmm_config vc;
        rc = monitor_config(&o, &vc, err, sizeof err);
        if (rc == 0)
            rc = vmm_create(&vmm, &vc, err, sizeof err);
        monitor_config_free(&vc);
        if (rc) {
            fprintf(stderr, "disco: %s\n", err);
            return rc;
        }
        m = vmm->vms[0]->m;
    } else {
        rc = machine_create(&m, &o.cfg, err, sizeof err);
        if (rc) {
            fprintf(stderr, "disco: %s\n", err);
            return rc;
        }
    }
    struct sigaction sa = { .sa_handler = on_signal };
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGHUP, &sa, NULL);
    m->signal_flag = &signal_caught;
    if (vmm)
        vmm->signal_flag = &signal_caught;

    /* -d exec names addresses after the program's symbols, when it has any */
    struct symtab *trace_symbols = NULL;
    if ((o.cfg.log_mask & LOG_EXEC) && o.cfg.kernel) {
        char serr[256];
        trace_symbols = symtab_load(o.cfg.kernel, serr, sizeof serr);
        m->log.symbols = trace_symbols;
    }
    if (o.gdb) {
        /* gdb drives the run; stdin is only the console's (QEMU's -s -S) */
        rc = gdbstub_serve(m, o.gdb, o.start_stopped);
    } else if (o.start_stopped || o.script) {
        rc = run_shell(m, o.script);
    } else {
        /* A free run; Ctrl-A c on the console opens the shell. */
        enum dbg_stop why;
        while ((why = machine_resume(m, 0)) != DBG_STOP_EXITED && why != DBG_STOP_INTERRUPT)
            ;
        rc = why == DBG_STOP_INTERRUPT ? run_shell(m, NULL) : m->exit_status;
    }
    if (vmm) {
        rc = vmm->end != END_NONE ? vmm->exit_status : rc;
        if (vmm->end == END_SIGNAL)
            fprintf(stderr, "disco: stopped by signal %d\n", (int)signal_caught);
    } else if (m->end == END_SIGNAL)
        fprintf(stderr, "disco: stopped by signal %d\n", (int)signal_caught);
    if (o.cfg.stats != STATS_NONE)
        machine_print_stats(m, stderr, o.cfg.stats);
    if (vmm)
        vmm_destroy(vmm);
    else
        machine_destroy(m);
    symtab_free(trace_symbols);
    return rc;
}
