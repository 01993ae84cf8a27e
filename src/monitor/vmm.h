/*
 * vmm.h - the Disco-style virtual machine monitor (../../docs/monitor.md;
 * DESIGN.md, "monitor" mode and "A memory access under the monitor").
 *
 * The monitor owns the hardware: the physical CPUs (struct pcpu) with
 * their hardware TLBs, and machine memory, one host buffer on the machine
 * bus.  It runs several virtual machines (struct vm).  Each VM is a whole
 * emulated Malta (a struct machine of its own: board, devices, console,
 * virtual time) whose RAM is a slice of machine memory, reached only
 * through the VM's pmap.  Each of its CPUs is a VCPU (struct vcpu): the
 * struct cpu the interpreter runs holds the VCPU's registers, its virtual
 * CP0 and its virtual TLB, and its privileged operations go to the
 * monitor (monitor_priv_ops, vpriv.c) instead of the hardware.
 *
 * The scheduler (sched.c) gives the VCPUs to the physical CPUs in fixed
 * quanta of guest cycles, round-robin with affinity.  Everything runs in
 * one host thread in a fixed order, so a run is deterministic.
 */
#ifndef DISCO_VMM_H
#define DISCO_VMM_H

#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "debug.h"
#include "machine.h"
#include "monitor/cost.h"
#include "monitor/pmap.h"
#include "monitor/vmconfig.h"
#include "tlb/l2tlb.h"
#include "tlb/tlb.h"

#define VMM_MAX_PCPUS MACHINE_MAX_CPUS
#define VMM_MAX_VCPUS 64            /* one bit each in a memmap entry */
#define VMM_MAX_MACHINE_MEMORY (2048u << 20)

struct vm;
struct vmm;
struct chardev_mux;

/* A physical CPU of the machine the monitor runs on. */
struct pcpu {
    unsigned id;
    struct tlb hwtlb;        /* VA -> MA, tagged with the guest's ASIDs */
    unsigned hw_victim;      /* round-robin replacement in hwtlb */
    struct vcpu *loaded;     /* the VCPU whose translations hwtlb holds */
    unsigned rr;             /* round-robin position among its VCPUs */
    uint64_t guest_cycles;   /* cycles it ran guest code */
    uint64_t monitor_cycles; /* cycles charged to the monitor while it did */
    uint64_t idle_cycles;    /* cycles with nothing to run */
    uint64_t switches;       /* VCPU switches (each flushes hwtlb) */
};

struct vcpu_stats {
    uint64_t count[MON_NCAUSES];        /* monitor entries by cause */
    uint64_t cause_cycles[MON_NCAUSES]; /* cycles charged by cause */
    uint64_t monitor_cycles;
    uint64_t hwtlb_misses;              /* hardware TLB misses in mapped segments */
    uint64_t l2tlb_flushes;             /* full flushes (Linux's flush_tlb_all) */
    uint64_t migrations;                /* moved to another physical CPU */
    uint64_t runs;                      /* quanta it was given */
};

struct vcpu {
    unsigned id;             /* 0.. over the whole machine */
    unsigned index;          /* its number in its VM (its CPUNum) */
    struct vm *vm;
    struct cpu *cpu;         /* registers, virtual CP0, virtual TLB */
    struct pcpu *home;       /* affinity: where it runs */
    struct l2tlb l2tlb;
    uint64_t sweep;          /* virtual TLB indices written invalid since the last full flush */
    struct vcpu_stats stats;
};

struct vm {
    struct vmm *vmm;
    unsigned index;
    struct vm_config cfg;
    struct machine *m;       /* its board, devices, console, VCPUs, clock */
    struct pmap pmap;
    uint32_t ram_ma;         /* machine address of its slice of memory */
    unsigned nvcpus;
    struct vcpu vcpu[VMM_MAX_VCPUS_PER_VM];
    bool ended;              /* its end (m->end) has been noticed and reported */
};

struct vmm_config {
    struct machine_config base;  /* what every VM shares: -rtc, -no-reboot, logs... */
    unsigned nvms;
    struct vm_config vm[VMM_MAX_VMS];
    unsigned pcpus;              /* -smp under the monitor */
    unsigned hwtlb_entries;      /* each physical CPU's TLB */
    bool l2tlb;                  /* --no-l2tlb turns it off */
    unsigned l2tlb_entries;
    struct mon_costs costs;
};

struct vmm {
    struct vmm_config cfg;
    struct log log;              /* the monitor's own messages */
    uint8_t *mem;                /* machine memory */
    uint32_t mem_size;
    struct bus bus;              /* the machine bus: machine memory at MA 0 */
    struct memmap memmap;
    unsigned npcpus;
    struct pcpu pcpu[VMM_MAX_PCPUS];
    unsigned nvms;
    struct vm *vms[VMM_MAX_VMS];
    unsigned nvcpus;
    struct vcpu *vcpus[VMM_MAX_VCPUS];
    struct chardev_mux *mux;     /* when several VMs share the terminal */
    volatile sig_atomic_t *signal_flag;
    enum machine_end end;
    int exit_status;
    double wall_seconds;
    uint64_t rounds;
};

/* The monitor's privileged layer (vpriv.c). */
extern const struct priv_ops monitor_priv_ops;

/* Builds the machine and its VMs and loads their images.  On error returns
 * a disco exit status with a one-line message in err. */
int vmm_create(struct vmm **out, const struct vmm_config *cfg, char *err, size_t errlen);
void vmm_destroy(struct vmm *vmm);

/* Runs every VM (sched.c) until all have ended or a debugger stop in the
 * VM `focus` (whose debug state the caller watches). */
enum dbg_stop vmm_resume(struct machine *focus, uint64_t steps);

/* The monitor a machine (a VM) runs under; NULL natively. */
static inline struct vmm *machine_vmm(const struct machine *m)
{
    return m->vm ? m->vm->vmm : NULL;
}

/* Takes machine page mpn away from whoever maps it: every hardware TLB
 * entry, L2TLB entry and fast-path entry that could reach it is dropped
 * (the memmap says which VCPUs to look at).  Returns how many VCPUs were
 * affected.  Page migration and replication start here. */
unsigned vmm_take_page(struct vmm *vmm, uint32_t mpn);

/* The VM was reset (machine.c calls this): what the monitor learnt from
 * its old TLBs - L2TLBs, hardware TLB entries - goes. */
void vmm_vm_reset(struct vm *vm);

/* Instructions run by all the VMs. */
uint64_t vmm_instructions(const struct vmm *vmm);

/* A physical CPU switches to vcpu: hardware TLB and fast path flushed,
 * since ASIDs are not virtualised. */
void vmm_load_vcpu(struct pcpu *p, struct vcpu *v);

/* Charges a monitor entry of `cause` to the VCPU (vpriv.c). */
void vcpu_charge(struct vcpu *v, enum mon_cause cause);

/* The report for --stats (vstats.c): per VM and VCPU, the Figure 5 split
 * (user / kernel / monitor / idle cycles) and monitor entries by cause. */
void vmm_print_stats(const struct vmm *vmm, FILE *out, enum stats_mode mode);
/* A VM's cycles: user, kernel, idle (guest time) and monitor. */
struct vm_cycles {
    uint64_t user, kernel, idle, monitor;
};
struct vm_cycles vcpu_cycles(const struct vcpu *v);

#endif
