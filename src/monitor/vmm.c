/*
 * vmm.c - building and tearing down the monitor's machine (see vmm.h):
 * machine memory and its bus, the memmap, the physical CPUs, and the VMs
 * (each a struct machine whose RAM is a slice of machine memory, whose
 * CPUs are VCPUs running on monitor_priv_ops, and whose console is the
 * terminal, a share of it, or a file).  Also the operations on machine
 * pages and VCPU switches that the scheduler and, later, NUMA use.
 */
#include "monitor/vmm.h"

#include <stdlib.h>
#include <string.h>

#include "dev/chardev_mux.h"
#include "dev/dev.h"
#include "exitcode.h"

static bool console_is_terminal(const struct vm_config *c)
{
    return !c->serial || strcmp(c->serial, "stdio") == 0;
}

/* When two or more VMs want the terminal, they share it through a mux. */
static int vmm_open_consoles(struct vmm *vmm, char *err, size_t errlen)
{
    unsigned sharing = 0;
    for (unsigned i = 0; i < vmm->cfg.nvms; i++)
        sharing += console_is_terminal(&vmm->cfg.vm[i]);
    if (sharing < 2)
        return 0;
    const char *cd_err = NULL;
    struct chardev *term = chardev_open("stdio", &cd_err);
    if (!term) {
        snprintf(err, errlen, "cannot open the terminal: %s", cd_err ? cd_err : "?");
        return DISCO_EXIT_IO;
    }
    vmm->mux = chardev_mux_create(term);
    if (!vmm->mux) {
        snprintf(err, errlen, "out of memory");
        return DISCO_EXIT_INTERNAL;
    }
    return 0;
}

static int vmm_check_config(const struct vmm_config *cfg, uint64_t *total,
                            char *err, size_t errlen)
{
    unsigned vcpus = 0;
    *total = 0;
    if (cfg->nvms < 1 || cfg->nvms > VMM_MAX_VMS) {
        snprintf(err, errlen, "--vms: 1 to %d virtual machines", VMM_MAX_VMS);
        return DISCO_EXIT_USAGE;
    }
    for (unsigned i = 0; i < cfg->nvms; i++) {
        const struct vm_config *c = &cfg->vm[i];
        if (!c->kernel) {
            snprintf(err, errlen, "%s: no kernel to run", c->name);
            return DISCO_EXIT_USAGE;
        }
        *total += c->ram_size;
        vcpus += c->vcpus;
    }
    if (*total > VMM_MAX_MACHINE_MEMORY) {
        snprintf(err, errlen, "the VMs need %llu MB of machine memory; the monitor has at most %u MB",
                 (unsigned long long)(*total >> 20), VMM_MAX_MACHINE_MEMORY >> 20);
        return DISCO_EXIT_USAGE;
    }
    if (vcpus > VMM_MAX_VCPUS) {
        snprintf(err, errlen, "the VMs have %u VCPUs; the monitor runs at most %d", vcpus,
                 VMM_MAX_VCPUS);
        return DISCO_EXIT_USAGE;
    }
    return 0;
}

static int vmm_create_vm(struct vmm *vmm, unsigned index, uint32_t slice_ma,
                         char *err, size_t errlen)
{
    const struct vm_config *c = &vmm->cfg.vm[index];
    struct vm *vm = calloc(1, sizeof *vm);
    if (!vm || !vm_config_copy(&vm->cfg, c) || !pmap_init(&vm->pmap, c->ram_size, slice_ma >> 12)) {
        free(vm);
        snprintf(err, errlen, "out of memory");
        return DISCO_EXIT_INTERNAL;
    }
    vmm->vms[vmm->nvms++] = vm;
    vm->vmm = vmm;
    vm->index = index;
    vm->ram_ma = slice_ma;
    c = &vm->cfg; /* its own copy: the machine keeps pointers into it */
    struct machine_config mc = vmm->cfg.base;
    mc.ram_size = c->ram_size;
    mc.ncpus = c->vcpus;
    mc.kernel = c->kernel;
    mc.bios = NULL;
    mc.initrd = c->initrd;
    mc.append = c->append;
    mc.serial = c->serial ? c->serial : "stdio";
    mc.max_insns = c->max_insns;
    mc.ram_host = vmm->mem + slice_ma;
    mc.vm = vm;
    mc.log_file = index == 0 ? vmm->cfg.base.log_file : NULL;
    mc.console_dev = vmm->mux && console_is_terminal(c) ? chardev_mux_port(vmm->mux, c->name) : NULL;
    if (vmm->mux && console_is_terminal(c) && !mc.console_dev) {
        snprintf(err, errlen, "out of memory");
        return DISCO_EXIT_INTERNAL;
    }
    char merr[400];
    int rc = machine_create(&vm->m, &mc, merr, sizeof merr);
    if (rc) {
        snprintf(err, errlen, "%s: %s", c->name, merr);
        return rc;
    }
    if (index > 0)
        vm->m->log.out = vmm->vms[0]->m->log.out; /* one -D file for all */
    vm->nvcpus = c->vcpus;
    for (unsigned j = 0; j < vm->nvcpus; j++) {
        struct vcpu *v = &vm->vcpu[j];
        v->id = vmm->nvcpus;
        v->index = j;
        v->vm = vm;
        v->cpu = &vm->m->cpu[j];
        v->home = &vmm->pcpu[v->id % vmm->npcpus];
        v->cpu->priv = &monitor_priv_ops;
        v->cpu->priv_ctx = v;
        if (!l2tlb_init(&v->l2tlb, vmm->cfg.l2tlb ? vmm->cfg.l2tlb_entries : 0)) {
            snprintf(err, errlen, "out of memory");
            return DISCO_EXIT_INTERNAL;
        }
        vmm->vcpus[vmm->nvcpus++] = v;
    }
    return 0;
}

int vmm_create(struct vmm **out, const struct vmm_config *cfg, char *err, size_t errlen)
{
    uint64_t total;
    int rc = vmm_check_config(cfg, &total, err, errlen);
    if (rc)
        return rc;
    struct vmm *vmm = calloc(1, sizeof *vmm);
    if (!vmm) {
        snprintf(err, errlen, "out of memory");
        return DISCO_EXIT_INTERNAL;
    }
    vmm->cfg = *cfg;
    log_init(&vmm->log);
    vmm->log.mask = cfg->base.log_mask;
    vmm->mem_size = (uint32_t)total;
    vmm->mem = calloc(1, total); /* pages are only really allocated when touched */
    bus_init(&vmm->bus, &vmm->log);
    if (!vmm->mem || !memmap_init(&vmm->memmap, vmm->mem_size) ||
        !bus_add_memory(&vmm->bus, "machine-memory", 0, vmm->mem_size, vmm->mem, false)) {
        vmm_destroy(vmm);
        snprintf(err, errlen, "cannot allocate %u MB of machine memory", vmm->mem_size >> 20);
        return DISCO_EXIT_INTERNAL;
    }
    vmm->npcpus = cfg->pcpus ? cfg->pcpus : 1;
    for (unsigned p = 0; p < vmm->npcpus; p++) {
        vmm->pcpu[p].id = p;
        tlb_init(&vmm->pcpu[p].hwtlb, cfg->hwtlb_entries ? cfg->hwtlb_entries : TLB_MAX_ENTRIES);
    }
    rc = vmm_open_consoles(vmm, err, errlen);
    uint32_t slice = 0;
    for (unsigned i = 0; i < cfg->nvms && rc == 0; i++) {
        rc = vmm_create_vm(vmm, i, slice, err, errlen);
        slice += cfg->vm[i].ram_size;
    }
    if (rc) {
        vmm_destroy(vmm);
        return rc;
    }
    /* the caller owns the strings of cfg->vm; each VM has its own copy */
    memset(vmm->cfg.vm, 0, sizeof vmm->cfg.vm);
    *out = vmm;
    return 0;
}

void vmm_destroy(struct vmm *vmm)
{
    if (!vmm)
        return;
    for (unsigned i = 0; i < vmm->nvms; i++) {
        struct vm *vm = vmm->vms[i];
        if (vm->m) {
            if (i > 0)
                vm->m->log.out = stderr; /* VM 0 closes the shared -D file */
            for (unsigned j = 0; j < vm->nvcpus; j++)
                l2tlb_destroy(&vm->vcpu[j].l2tlb);
        }
    }
    /* VM 0 last: it owns the -D file the others wrote to. */
    for (unsigned i = vmm->nvms; i-- > 0;) {
        struct vm *vm = vmm->vms[i];
        machine_destroy(vm->m);
        pmap_destroy(&vm->pmap);
        vm_config_free(&vm->cfg);
        free(vm);
    }
    if (vmm->mux)
        chardev_mux_destroy(vmm->mux);
    memmap_destroy(&vmm->memmap);
    bus_destroy(&vmm->bus);
    free(vmm->mem);
    free(vmm);
}

uint64_t vmm_instructions(const struct vmm *vmm)
{
    uint64_t n = 0;
    for (unsigned i = 0; i < vmm->nvms; i++)
        n += machine_instructions(vmm->vms[i]->m);
    return n;
}

void vmm_load_vcpu(struct pcpu *p, struct vcpu *v)
{
    if (p->loaded == v)
        return;
    /* ASIDs are not virtualised: another VCPU's entries must go.  The
     * fast path stands for the hardware TLB, so it goes too. */
    tlb_flush(&p->hwtlb);
    if (p->loaded)
        softmmu_flush_all(&p->loaded->cpu->mmu);
    softmmu_flush_all(&v->cpu->mmu);
    p->loaded = v;
    p->switches++;
}

void vmm_vm_reset(struct vm *vm)
{
    for (unsigned j = 0; j < vm->nvcpus; j++) {
        struct vcpu *v = &vm->vcpu[j];
        l2tlb_flush(&v->l2tlb);
        v->sweep = 0;
        if (v->home->loaded == v)
            tlb_flush(&v->home->hwtlb);
    }
}

unsigned vmm_take_page(struct vmm *vmm, uint32_t mpn)
{
    if (mpn >= vmm->memmap.npages)
        return 0;
    struct memmap_entry *me = &vmm->memmap.page[mpn];
    unsigned affected = 0;
    for (unsigned id = 0; id < vmm->nvcpus; id++) {
        if (!(me->mappers & (1ull << id)))
            continue;
        struct vcpu *v = vmm->vcpus[id];
        l2tlb_drop_machine_page(&v->l2tlb, mpn);
        struct pcpu *p = v->home->loaded == v ? v->home : NULL;
        if (p) {
            for (unsigned i = 0; i < p->hwtlb.nentries; i++) {
                const struct tlb_entry *e = &p->hwtlb.entry[i];
                for (unsigned h = 0; h < 2; h++)
                    if (((e->lo[h] & ENTRYLO_PFN_MASK) >> ENTRYLO_PFN_SHIFT) == mpn &&
                        (e->lo[h] & ENTRYLO_V)) {
                        tlb_write(&p->hwtlb, i, 0, 0, 0, 0);
                        break;
                    }
            }
        }
        softmmu_flush_all(&v->cpu->mmu);
        affected++;
    }
    me->mappers = 0;
    return affected;
}
