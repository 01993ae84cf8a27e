/*
 * dbg_monitor.c - the debugger shell's commands for the monitor: `vm N`
 * (which VM the other commands act on), `info vms`, `info vcpus`,
 * `info vtlb` (the guest's own TLB), `info hwtlb` (the physical CPU's, VA
 * -> MA), `info l2tlb`, `info pmap` and `info memmap`.  Natively they say
 * there is no monitor.
 */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "dbg_cmds.h"
#include "machine.h"
#include "monitor/vmm.h"

static struct vmm *shell_vmm(struct dbg_shell *sh)
{
    return machine_vmm(sh->m);
}

static int no_monitor(struct dbg_shell *sh)
{
    return dbg_error(sh, "no monitor in this run: the machine runs natively "
                         "(monitor commands come with --vms or --config)");
}

/* The VCPU the shell's focused CPU is. */
static struct vcpu *shell_vcpu(struct dbg_shell *sh)
{
    return dbg_cpu(sh->m)->priv_ctx;
}

static const char *vm_state(const struct vm *vm)
{
    if (vm->m->end == END_NONE)
        return machine_all_waiting(vm->m) ? "waiting" : "running";
    switch (vm->m->end) {
    case END_GUEST_EXIT: return "ended";
    case END_INSN_LIMIT: return "insn-limit";
    case END_HUNG: return "hung";
    default: return "stopped";
    }
}

int dbg_cmd_vm(struct dbg_shell *sh, char *args)
{
    struct vmm *vmm = shell_vmm(sh);
    if (!vmm)
        return no_monitor(sh);
    if (!*args) {
        dbg_printf(sh, "focused on %s (vm %u)\n", sh->m->vm->cfg.name, sh->m->vm->index);
        return 0;
    }
    for (unsigned i = 0; i < vmm->nvms; i++) {
        char num[16];
        snprintf(num, sizeof num, "%u", i);
        if (strcmp(args, num) == 0 || strcmp(args, vmm->vms[i]->cfg.name) == 0) {
            sh->m = vmm->vms[i]->m;
            dbg_printf(sh, "focused on %s (vm %u): commands act on its CPU %u\n",
                       vmm->vms[i]->cfg.name, i, sh->m->debug.focus);
            return 0;
        }
    }
    return dbg_error(sh, "no VM '%s' (info vms lists them)", args);
}

int dbg_cmd_vms(struct dbg_shell *sh, char *args)
{
    (void)args;
    struct vmm *vmm = shell_vmm(sh);
    if (!vmm)
        return no_monitor(sh);
    dbg_printf(sh, "%u VMs on %u physical CPUs, %u MB of machine memory, L2TLB %s\n", vmm->nvms,
               vmm->npcpus, vmm->mem_size >> 20, vmm->cfg.l2tlb ? "on" : "off");
    dbg_printf(sh, "%s  #  name        memory  slice (MA)   VCPUs  state       instructions  touched%s\n",
               dbg_col(sh, DBG_C_TITLE), dbg_col(sh, DBG_C_OFF));
    for (unsigned i = 0; i < vmm->nvms; i++) {
        const struct vm *vm = vmm->vms[i];
        dbg_printf(sh, "%c%2u  %-10s %5u MB  0x%08x   %5u  %-10s %13" PRIu64 "  %5.1f MB\n",
                   vm->m == sh->m ? '*' : ' ', i, vm->cfg.name, vm->cfg.ram_size >> 20, vm->ram_ma,
                   vm->nvcpus, vm_state(vm), machine_instructions(vm->m),
                   vm->pmap.touched * 4096.0 / (1 << 20));
    }
    return 0;
}

int dbg_cmd_vcpus(struct dbg_shell *sh, char *args)
{
    (void)args;
    struct vmm *vmm = shell_vmm(sh);
    if (!vmm)
        return no_monitor(sh);
    dbg_printf(sh, "%s  id  vcpu       on    pc          mode    instructions  monitor cycles  L2TLB%s\n",
               dbg_col(sh, DBG_C_TITLE), dbg_col(sh, DBG_C_OFF));
    for (unsigned id = 0; id < vmm->nvcpus; id++) {
        const struct vcpu *v = vmm->vcpus[id];
        const struct cpu *c = v->cpu;
        char name[48];
        snprintf(name, sizeof name, "%s.%u", v->vm->cfg.name, v->index);
        const char *mode = c->halted ? "wait" : c->regime == SOFTMMU_USER ? "user" : "kernel";
        dbg_printf(sh, "%c%3u  %-10s cpu%u%c 0x%08x  %-6s %13" PRIu64 " %15" PRIu64 "  %u/%u\n",
                   c == dbg_cpu(sh->m) ? '*' : ' ', id, name, v->home->id,
                   v->home->loaded == v ? ' ' : '~', c->pc, mode, c->icount, v->stats.monitor_cycles,
                   l2tlb_count(&v->l2tlb), l2tlb_capacity(&v->l2tlb));
    }
    dbg_printf(sh, "(~: another VCPU is loaded on that physical CPU now)\n");
    return 0;
}

int dbg_cmd_vtlb(struct dbg_shell *sh, char *args)
{
    if (!shell_vmm(sh))
        return no_monitor(sh);
    struct vcpu *v = shell_vcpu(sh);
    char title[80];
    snprintf(title, sizeof title, "%s vcpu %u virtual TLB (guest-physical)", v->vm->cfg.name, v->index);
    return dbg_print_tlb(sh, title, &v->cpu->tlb, cp0_asid(&v->cpu->cp0), args);
}

int dbg_cmd_hwtlb(struct dbg_shell *sh, char *args)
{
    if (!shell_vmm(sh))
        return no_monitor(sh);
    struct vcpu *v = shell_vcpu(sh);
    struct pcpu *p = v->home;
    char title[96];
    snprintf(title, sizeof title, "physical cpu %u hardware TLB (machine addresses; loaded: %s.%u)",
             p->id, p->loaded ? p->loaded->vm->cfg.name : "none", p->loaded ? p->loaded->index : 0);
    return dbg_print_tlb(sh, title, &p->hwtlb, cp0_asid(&v->cpu->cp0), args);
}

struct l2tlb_dump {
    struct dbg_shell *sh;
    unsigned shown;
};

static void l2tlb_half(struct dbg_shell *sh, uint32_t lo)
{
    uint32_t ma = ((lo & ENTRYLO_PFN_MASK) >> ENTRYLO_PFN_SHIFT) << 12;
    dbg_printf(sh, "  0x%08x %c %c", ma, lo & ENTRYLO_D ? 'D' : '-', lo & ENTRYLO_V ? 'V' : '-');
}

static void l2tlb_print_entry(void *opaque, const struct l2tlb_entry *e)
{
    struct l2tlb_dump *d = opaque;
    uint32_t va = e->vpn2 << 13;
    dbg_printf(d->sh, "0x%08x-0x%08x  ", va, va + 0x1fff);
    if (e->global)
        dbg_printf(d->sh, "  G ");
    else
        dbg_printf(d->sh, "0x%02x", e->asid);
    l2tlb_half(d->sh, e->lo[0]);
    l2tlb_half(d->sh, e->lo[1]);
    dbg_printf(d->sh, "\n");
    d->shown++;
}

int dbg_cmd_l2tlb(struct dbg_shell *sh, char *args)
{
    (void)args;
    if (!shell_vmm(sh))
        return no_monitor(sh);
    struct vcpu *v = shell_vcpu(sh);
    const struct l2tlb *t = &v->l2tlb;
    if (!l2tlb_enabled(t)) {
        dbg_printf(sh, "%s vcpu %u: the L2TLB is off (--no-l2tlb)\n", v->vm->cfg.name, v->index);
        return 0;
    }
    dbg_printf(sh, "%s vcpu %u L2TLB: %u of %u entries; %" PRIu64 " hits of %" PRIu64 " lookups, %" PRIu64
                   " full flushes\n",
               v->vm->cfg.name, v->index, l2tlb_count(t), l2tlb_capacity(t), t->stats.hits,
               t->stats.lookups, v->stats.l2tlb_flushes);
    dbg_printf(sh, "%sVA range                ASID  even: MA     D V  odd: MA      D V%s\n",
               dbg_col(sh, DBG_C_TITLE), dbg_col(sh, DBG_C_OFF));
    struct l2tlb_dump d = { .sh = sh };
    l2tlb_foreach(t, l2tlb_print_entry, &d);
    return 0;
}

/* "[ADDR [N]]" -> the first page and how many; defaults 0 and 16. */
static bool page_range(struct dbg_shell *sh, char *args, uint32_t *first, uint32_t *count)
{
    *first = 0;
    *count = 16;
    char *second = strchr(args, ' ');
    if (second)
        *second++ = '\0';
    if (*args && !dbg_eval(sh, args, first))
        return false;
    if (second && *second && !dbg_eval(sh, second, count))
        return false;
    *first >>= PMAP_PAGE_BITS;
    return true;
}

int dbg_cmd_pmap(struct dbg_shell *sh, char *args)
{
    struct vmm *vmm = shell_vmm(sh);
    if (!vmm)
        return no_monitor(sh);
    const struct vm *vm = sh->m->vm;
    uint32_t first, count;
    if (!page_range(sh, args, &first, &count))
        return -1;
    dbg_printf(sh, "%s pmap: %u pages of guest RAM, %u touched (allocated on first touch)\n",
               vm->cfg.name, vm->pmap.npages, vm->pmap.touched);
    dbg_printf(sh, "%sguest PA     machine page%s\n", dbg_col(sh, DBG_C_TITLE), dbg_col(sh, DBG_C_OFF));
    for (uint32_t g = first; g < vm->pmap.npages && g - first < count; g++) {
        uint32_t mpn = vm->pmap.mpn[g];
        if (mpn == PMAP_NONE)
            dbg_printf(sh, "0x%08x   (not touched)\n", g << PMAP_PAGE_BITS);
        else
            dbg_printf(sh, "0x%08x   0x%08x\n", g << PMAP_PAGE_BITS, mpn << PMAP_PAGE_BITS);
    }
    return 0;
}

int dbg_cmd_memmap(struct dbg_shell *sh, char *args)
{
    struct vmm *vmm = shell_vmm(sh);
    if (!vmm)
        return no_monitor(sh);
    uint32_t first, count;
    if (!page_range(sh, args, &first, &count))
        return -1;
    dbg_printf(sh, "memmap: %u machine pages\n", vmm->memmap.npages);
    dbg_printf(sh, "%smachine addr  owner       guest PA     may be mapped by%s\n",
               dbg_col(sh, DBG_C_TITLE), dbg_col(sh, DBG_C_OFF));
    for (uint32_t p = first; p < vmm->memmap.npages && p - first < count; p++) {
        const struct memmap_entry *e = &vmm->memmap.page[p];
        if (e->vm < 0) {
            dbg_printf(sh, "0x%08x    (free)\n", p << PMAP_PAGE_BITS);
            continue;
        }
        dbg_printf(sh, "0x%08x    %-10s  0x%08x  ", p << PMAP_PAGE_BITS, vmm->vms[e->vm]->cfg.name,
                   e->gppn << PMAP_PAGE_BITS);
        for (unsigned id = 0; id < vmm->nvcpus; id++)
            if (e->mappers & (1ull << id))
                dbg_printf(sh, " %s.%u", vmm->vcpus[id]->vm->cfg.name, vmm->vcpus[id]->index);
        dbg_printf(sh, "\n");
    }
    return 0;
}
