/*
 * stats.c - the --stats report at the end of a run: instructions, cycles,
 * wall time and speed, exceptions by cause, TLB activity, time by mode;
 * as aligned text for people or one JSON object for scripts (README,
 * "Statistics").
 */
#include <inttypes.h>
#include <stdio.h>

#include "machine.h"
#include "mmu/native.h"
#include "monitor/vmm.h"

const char *machine_end_name(enum machine_end end)
{
    switch (end) {
    case END_GUEST_EXIT: return "guest-exit";
    case END_INSN_LIMIT: return "instruction-limit";
    case END_HUNG: return "guest-hung";
    case END_SIGNAL: return "signal";
    case END_USER_QUIT: return "user-quit";
    default: return "running";
    }
}

static double mips(const struct machine *m)
{
    return m->wall_seconds > 0 ? machine_instructions(m) / m->wall_seconds / 1e6 : 0;
}

/* Instructions per regime, including the one the CPU is in now. */
uint64_t cpu_regime_insns(const struct cpu *c, unsigned r)
{
    uint64_t n = c->stats.regime_insns[r];
    if (c->regime == r)
        n += c->icount - c->regime_since;
    return n;
}

static void print_text(const struct machine *m, FILE *out)
{
    fprintf(out, "disco statistics (%s)\n", machine_end_name(m->end));
    fprintf(out, "  exit status          %d\n", m->exit_status);
    fprintf(out, "  instructions         %" PRIu64 "\n", machine_instructions(m));
    fprintf(out, "  wall time            %.3f s\n", m->wall_seconds);
    fprintf(out, "  speed                %.1f MIPS\n", mips(m));
    for (unsigned i = 0; i < m->ncpus; i++) {
        const struct cpu *c = &m->cpu[i];
        fprintf(out, "  cpu%u\n", i);
        fprintf(out, "    instructions       %" PRIu64 " (user %" PRIu64 ", kernel %" PRIu64 ")\n",
                c->icount, cpu_regime_insns(c, SOFTMMU_USER),
                cpu_regime_insns(c, SOFTMMU_KERNEL) + cpu_regime_insns(c, SOFTMMU_KERNEL_ERL));
        fprintf(out, "    cycles             %" PRIu64 " (waiting %" PRIu64 ")\n",
                c->cycles, c->stats.wait_cycles);
        fprintf(out, "    exceptions        ");
        uint64_t total = 0;
        for (unsigned e = 0; e < EXC_CODES; e++)
            if (c->stats.exceptions[e]) {
                fprintf(out, " %s %" PRIu64, native_exception_name(e), c->stats.exceptions[e]);
                total += c->stats.exceptions[e];
            }
        fprintf(out, "%s\n", total ? "" : " none");
        fprintf(out, "    TLB refills        %" PRIu64 "\n", c->stats.tlb_refills);
        fprintf(out, "    TLB writes         %" PRIu64 "\n", c->stats.tlb_writes);
        fprintf(out, "    fast-path flushes  %" PRIu64 "\n", c->mmu.flushes);
    }
}

static void print_json(const struct machine *m, FILE *out)
{
    fprintf(out, "{\"end\": \"%s\", \"exit_status\": %d, \"instructions\": %" PRIu64
                 ", \"wall_seconds\": %.6f, \"mips\": %.3f, \"cpus\": [",
            machine_end_name(m->end), m->exit_status, machine_instructions(m), m->wall_seconds, mips(m));
    for (unsigned i = 0; i < m->ncpus; i++) {
        const struct cpu *c = &m->cpu[i];
        fprintf(out, "%s{\"cpu\": %u, \"instructions\": %" PRIu64 ", \"user_instructions\": %" PRIu64
                     ", \"kernel_instructions\": %" PRIu64 ", \"cycles\": %" PRIu64
                     ", \"wait_cycles\": %" PRIu64 ", \"tlb_refills\": %" PRIu64
                     ", \"tlb_writes\": %" PRIu64 ", \"fastpath_flushes\": %" PRIu64
                     ", \"exceptions\": {",
                i ? ", " : "", i, c->icount, cpu_regime_insns(c, SOFTMMU_USER),
                cpu_regime_insns(c, SOFTMMU_KERNEL) + cpu_regime_insns(c, SOFTMMU_KERNEL_ERL),
                c->cycles, c->stats.wait_cycles, c->stats.tlb_refills, c->stats.tlb_writes,
                c->mmu.flushes);
        const char *sep = "";
        for (unsigned e = 0; e < EXC_CODES; e++)
            if (c->stats.exceptions[e]) {
                fprintf(out, "%s\"%s\": %" PRIu64, sep, native_exception_name(e), c->stats.exceptions[e]);
                sep = ", ";
            }
        fprintf(out, "}}");
    }
    fprintf(out, "]}\n");
}

void machine_print_stats(const struct machine *m, FILE *out, enum stats_mode mode)
{
    if (m->vm) {
        vmm_print_stats(machine_vmm(m), out, mode);
        return;
    }
    if (mode == STATS_TEXT)
        print_text(m, out);
    else if (mode == STATS_JSON)
        print_json(m, out);
    fflush(out);
}
