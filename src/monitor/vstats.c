/*
 * vstats.c - the monitor's --stats report (docs/monitor.md, "Statistics"):
 * per VCPU the modelled cycles split as in the Disco paper's Figure 5
 * (user, kernel, monitor, idle), the monitor entries and the cycles
 * charged for them by cause, TLB and L2TLB activity; per VM its end and
 * memory; per physical CPU its time and VCPU switches.  Text for people,
 * one JSON object for scripts.
 */
#include <inttypes.h>
#include <stdio.h>

#include "monitor/vmm.h"
#include "mmu/native.h"

struct vm_cycles vcpu_cycles(const struct vcpu *v)
{
    const struct cpu *c = v->cpu;
    return (struct vm_cycles){
        .user = cpu_regime_insns(c, SOFTMMU_USER),
        .kernel = cpu_regime_insns(c, SOFTMMU_KERNEL) + cpu_regime_insns(c, SOFTMMU_KERNEL_ERL),
        .idle = c->stats.wait_cycles,
        .monitor = v->stats.monitor_cycles,
    };
}

static double pct(uint64_t part, uint64_t whole)
{
    return whole ? 100.0 * (double)part / (double)whole : 0.0;
}

/* "web", or "web.1" when the VM has several VCPUs. */
static const char *vcpu_name(const struct vcpu *v, char *buf, size_t len)
{
    if (v->vm->nvcpus == 1)
        return v->vm->cfg.name;
    snprintf(buf, len, "%s.%u", v->vm->cfg.name, v->index);
    return buf;
}

static void print_vcpu_text(const struct vcpu *v, FILE *out)
{
    struct vm_cycles cy = vcpu_cycles(v);
    uint64_t total = cy.user + cy.kernel + cy.monitor + cy.idle;
    char name[48];
    fprintf(out, "  %-10s %14" PRIu64 " %14" PRIu64 " %14" PRIu64 " %14" PRIu64 " %14" PRIu64
                 "  %5.1f%%\n",
            vcpu_name(v, name, sizeof name), cy.user, cy.kernel, cy.monitor, cy.idle, total,
            pct(cy.monitor, cy.user + cy.kernel));
}

static void print_causes_text(const struct vmm *vmm, FILE *out)
{
    fprintf(out, "  monitor entries by cause (count / cycles charged):\n");
    fprintf(out, "    %-20s", "cause");
    for (unsigned id = 0; id < vmm->nvcpus; id++) {
        char name[48];
        fprintf(out, " %22s", vcpu_name(vmm->vcpus[id], name, sizeof name));
    }
    fprintf(out, "\n");
    for (unsigned c = 0; c < MON_NCAUSES; c++) {
        fprintf(out, "    %-20s", mon_cause_name(c));
        for (unsigned id = 0; id < vmm->nvcpus; id++) {
            const struct vcpu *v = vmm->vcpus[id];
            char cell[48];
            snprintf(cell, sizeof cell, "%" PRIu64 " / %" PRIu64, v->stats.count[c],
                     v->stats.cause_cycles[c]);
            fprintf(out, " %22s", cell);
        }
        fprintf(out, "\n");
    }
}

static void print_text(const struct vmm *vmm, FILE *out)
{
    uint64_t insns = vmm_instructions(vmm);
    fprintf(out, "disco statistics: monitor, %u VM%s on %u physical CPU%s (%s)\n", vmm->nvms,
            vmm->nvms == 1 ? "" : "s", vmm->npcpus, vmm->npcpus == 1 ? "" : "s",
            machine_end_name(vmm->end));
    fprintf(out, "  exit status          %d\n", vmm->exit_status);
    fprintf(out, "  instructions         %" PRIu64 "\n", insns);
    fprintf(out, "  wall time            %.3f s\n", vmm->wall_seconds);
    fprintf(out, "  speed                %.1f MIPS\n",
            vmm->wall_seconds > 0 ? insns / vmm->wall_seconds / 1e6 : 0.0);
    fprintf(out, "  L2TLB                %s\n", vmm->cfg.l2tlb ? "on" : "off");
    fprintf(out, "  modelled cycles per VCPU (the paper's Figure 5 split; monitor%% = monitor / (user + kernel)):\n");
    fprintf(out, "  %-10s %14s %14s %14s %14s %14s  %6s\n", "vcpu", "user", "kernel", "monitor",
            "idle", "total", "mon%");
    for (unsigned id = 0; id < vmm->nvcpus; id++)
        print_vcpu_text(vmm->vcpus[id], out);
    print_causes_text(vmm, out);
    for (unsigned i = 0; i < vmm->nvms; i++) {
        const struct vm *vm = vmm->vms[i];
        fprintf(out, "  %s: %s, status %d; %u MB, %u pages touched (%.1f MB of machine memory)\n",
                vm->cfg.name, machine_end_name(vm->m->end), vm->m->exit_status, vm->cfg.ram_size >> 20,
                vm->pmap.touched, vm->pmap.touched * 4096.0 / (1 << 20));
        for (unsigned j = 0; j < vm->nvcpus; j++) {
            const struct vcpu *v = &vm->vcpu[j];
            const struct l2tlb_stats *l2 = &v->l2tlb.stats;
            fprintf(out, "    vcpu%u: %" PRIu64 " instructions, %" PRIu64 " hardware TLB misses, "
                         "L2TLB %" PRIu64 " hits of %" PRIu64 " lookups (%u entries, %" PRIu64
                         " full flushes), guest TLB refills %" PRIu64 ", %" PRIu64
                         " quanta, %" PRIu64 " migrations\n",
                    j, v->cpu->icount, v->stats.hwtlb_misses, l2->hits, l2->lookups,
                    l2tlb_capacity(&v->l2tlb), v->stats.l2tlb_flushes, v->cpu->stats.tlb_refills,
                    v->stats.runs, v->stats.migrations);
        }
    }
    for (unsigned p = 0; p < vmm->npcpus; p++) {
        const struct pcpu *pc = &vmm->pcpu[p];
        fprintf(out, "  cpu%u: guest %" PRIu64 " cycles, monitor %" PRIu64 ", idle %" PRIu64
                     ", %" PRIu64 " VCPU switches\n",
                p, pc->guest_cycles, pc->monitor_cycles, pc->idle_cycles, pc->switches);
    }
}

static void print_counts_json(const uint64_t *v, FILE *out)
{
    fprintf(out, "{");
    for (unsigned c = 0; c < MON_NCAUSES; c++)
        fprintf(out, "%s\"%s\": %" PRIu64, c ? ", " : "", mon_cause_name(c), v[c]);
    fprintf(out, "}");
}

static void print_vcpu_json(const struct vcpu *v, FILE *out)
{
    struct vm_cycles cy = vcpu_cycles(v);
    const struct l2tlb_stats *l2 = &v->l2tlb.stats;
    fprintf(out, "{\"vcpu\": %u, \"pcpu\": %u, \"instructions\": %" PRIu64
                 ", \"user_cycles\": %" PRIu64 ", \"kernel_cycles\": %" PRIu64
                 ", \"monitor_cycles\": %" PRIu64 ", \"idle_cycles\": %" PRIu64
                 ", \"hwtlb_misses\": %" PRIu64 ", \"guest_tlb_refills\": %" PRIu64
                 ", \"l2tlb\": {\"entries\": %u, \"lookups\": %" PRIu64 ", \"hits\": %" PRIu64
                 ", \"inserts\": %" PRIu64 ", \"drops\": %" PRIu64 ", \"flushes\": %" PRIu64
                 "}, \"quanta\": %" PRIu64 ", \"migrations\": %" PRIu64 ", \"monitor_entries\": ",
            v->index, v->home->id, v->cpu->icount, cy.user, cy.kernel, cy.monitor, cy.idle,
            v->stats.hwtlb_misses, v->cpu->stats.tlb_refills, l2tlb_capacity(&v->l2tlb),
            l2->lookups, l2->hits, l2->inserts, l2->drops, v->stats.l2tlb_flushes,
            v->stats.runs, v->stats.migrations);
    print_counts_json(v->stats.count, out);
    fprintf(out, ", \"monitor_cycles_by_cause\": ");
    print_counts_json(v->stats.cause_cycles, out);
    fprintf(out, ", \"exceptions\": {");
    const char *sep = "";
    for (unsigned e = 0; e < EXC_CODES; e++)
        if (v->cpu->stats.exceptions[e]) {
            fprintf(out, "%s\"%s\": %" PRIu64, sep, native_exception_name(e),
                    v->cpu->stats.exceptions[e]);
            sep = ", ";
        }
    fprintf(out, "}}");
}

static void print_json(const struct vmm *vmm, FILE *out)
{
    uint64_t insns = vmm_instructions(vmm);
    fprintf(out, "{\"mode\": \"monitor\", \"end\": \"%s\", \"exit_status\": %d, \"instructions\": %" PRIu64
                 ", \"wall_seconds\": %.6f, \"mips\": %.3f, \"l2tlb\": %s, \"vms\": [",
            machine_end_name(vmm->end), vmm->exit_status, insns, vmm->wall_seconds,
            vmm->wall_seconds > 0 ? insns / vmm->wall_seconds / 1e6 : 0.0,
            vmm->cfg.l2tlb ? "true" : "false");
    for (unsigned i = 0; i < vmm->nvms; i++) {
        const struct vm *vm = vmm->vms[i];
        fprintf(out, "%s{\"name\": \"%s\", \"end\": \"%s\", \"exit_status\": %d, \"instructions\": %" PRIu64
                     ", \"memory_bytes\": %u, \"pages_touched\": %u, \"vcpus\": [",
                i ? ", " : "", vm->cfg.name, machine_end_name(vm->m->end), vm->m->exit_status,
                machine_instructions(vm->m), vm->cfg.ram_size, vm->pmap.touched);
        for (unsigned j = 0; j < vm->nvcpus; j++) {
            fprintf(out, "%s", j ? ", " : "");
            print_vcpu_json(&vm->vcpu[j], out);
        }
        fprintf(out, "]}");
    }
    fprintf(out, "], \"pcpus\": [");
    for (unsigned p = 0; p < vmm->npcpus; p++) {
        const struct pcpu *pc = &vmm->pcpu[p];
        fprintf(out, "%s{\"cpu\": %u, \"guest_cycles\": %" PRIu64 ", \"monitor_cycles\": %" PRIu64
                     ", \"idle_cycles\": %" PRIu64 ", \"switches\": %" PRIu64 "}",
                p ? ", " : "", p, pc->guest_cycles, pc->monitor_cycles, pc->idle_cycles,
                pc->switches);
    }
    fprintf(out, "]}\n");
}

void vmm_print_stats(const struct vmm *vmm, FILE *out, enum stats_mode mode)
{
    if (mode == STATS_TEXT)
        print_text(vmm, out);
    else if (mode == STATS_JSON)
        print_json(vmm, out);
    fflush(out);
}
