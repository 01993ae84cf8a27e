/*
 * sched.c - the monitor's run loop: VCPUs on physical CPUs.
 *
 * A round gives each physical CPU one quantum (cfg.base.quantum guest
 * cycles, less when the VM has an event sooner): it takes the next
 * runnable VCPU of its own (round-robin, affinity), or, with none, one
 * from a CPU that has two or more (balancing, which moves that VCPU's
 * affinity).  Switching VCPUs flushes the CPU's hardware TLB.  A VCPU in
 * WAIT with nothing pending is not runnable until an interrupt is due.
 *
 * Time: each VM keeps its own virtual clock (its CPU 0's cycles), which
 * advances while its VCPUs run.  A VM whose VCPUs all wait skips ahead,
 * in step with the others: by the longest quantum run in the round, never
 * past its own next event, or, when no VM ran at all, to the earliest
 * event among them (in real time on an interactive terminal).  A VM's run
 * is therefore the same whatever the other VMs do, and the whole run is
 * deterministic (one host thread, a fixed order).
 *
 * A VM that powers off, exits, hangs or reaches its instruction limit
 * ends alone; the run ends when every VM has.
 */
#include "monitor/vmm.h"

#include <stdio.h>
#include <string.h>

#include "dev/dev.h"
#include "exitcode.h"

/* A VM runs until its machine has ended. */
static bool vm_live(const struct vm *vm)
{
    return vm->m->end == END_NONE;
}

static bool vcpu_runnable(struct vcpu *v)
{
    if (!vm_live(v->vm))
        return false;
    struct cpu *c = v->cpu;
    return !c->halted || c->priv->wakeup(c);
}

/* The next runnable VCPU with affinity to p that has not run this round. */
static struct vcpu *pick_own(struct vmm *vmm, struct pcpu *p, const bool *ran)
{
    for (unsigned k = 1; k <= vmm->nvcpus; k++) {
        unsigned id = (p->rr + k) % vmm->nvcpus;
        struct vcpu *v = vmm->vcpus[id];
        if (v->home == p && !ran[id] && vcpu_runnable(v)) {
            p->rr = id;
            return v;
        }
    }
    return NULL;
}

/* Balancing: a runnable VCPU of a CPU that has two or more, moved here. */
static struct vcpu *steal(struct vmm *vmm, struct pcpu *p, const bool *ran)
{
    for (unsigned q = 0; q < vmm->npcpus; q++) {
        struct pcpu *other = &vmm->pcpu[q];
        if (other == p)
            continue;
        unsigned runnable = 0;
        struct vcpu *candidate = NULL;
        for (unsigned id = 0; id < vmm->nvcpus; id++) {
            struct vcpu *v = vmm->vcpus[id];
            if (v->home != other || !vcpu_runnable(v))
                continue;
            runnable++;
            if (!ran[id])
                candidate = v;
        }
        if (runnable >= 2 && candidate) {
            if (other->loaded == candidate) {
                tlb_flush(&other->hwtlb);
                other->loaded = NULL;
            }
            candidate->home = p;
            candidate->stats.migrations++;
            return candidate;
        }
    }
    return NULL;
}

static const char *end_reason(const struct machine *m)
{
    switch (m->end) {
    case END_GUEST_EXIT: return "the guest ended its run";
    case END_INSN_LIMIT: return "its instruction limit was reached";
    case END_HUNG: return "it is hung";
    case END_SIGNAL: return "stopped by a signal";
    case END_USER_QUIT: return "quit from the console";
    default: return "still running";
    }
}

/* Ends every VM still running, for the same reason. */
static void vmm_end_all(struct vmm *vmm, enum machine_end why, int status)
{
    for (unsigned i = 0; i < vmm->nvms; i++) {
        struct vm *vm = vmm->vms[i];
        if (vm->m->end == END_NONE) {
            vm->m->end = why;
            vm->m->exit_status = status;
        }
        vm->ended = true;
    }
    if (vmm->end == END_NONE) {
        vmm->end = why;
        vmm->exit_status = status;
    }
}

/* Notices VMs that ended during the round (or reached their own
 * instruction limit: it ends them). */
static void vmm_reap(struct vmm *vmm)
{
    for (unsigned i = 0; i < vmm->nvms; i++) {
        struct vm *vm = vmm->vms[i];
        struct machine *m = vm->m;
        if (m->end == END_NONE && m->cfg.max_insns &&
            machine_instructions(m) >= m->cfg.max_insns) {
            m->end = END_INSN_LIMIT;
            m->exit_status = DISCO_EXIT_INSN_LIMIT;
        }
        if (vm->ended || vm->m->end == END_NONE)
            continue;
        vm->ended = true;
        if (vmm->nvms > 1)
            fprintf(stderr, "disco: %s ended (%s), status %d\n", vm->cfg.name,
                    end_reason(vm->m), vm->m->exit_status);
        if (vm->m->end == END_USER_QUIT && vmm->end == END_NONE)
            vmm_end_all(vmm, END_USER_QUIT, DISCO_EXIT_OK); /* Ctrl-A x quits the whole run */
    }
}

/* Every VCPU waits and none has an interrupt to wake it: the VM's time
 * may skip ahead.  (A VCPU that could wake but was not scheduled this
 * round is not idle: its VM's clock stands still until it runs.) */
static bool vm_idle(const struct vm *vm)
{
    if (!vm_live(vm))
        return false;
    for (unsigned j = 0; j < vm->nvcpus; j++) {
        struct cpu *c = vm->vcpu[j].cpu;
        if (!c->halted || c->priv->wakeup(c))
            return false;
    }
    return true;
}

/* The cycles until the earliest event of any idle VM (UINT64_MAX: none). */
static uint64_t earliest_idle_event(struct vmm *vmm)
{
    uint64_t skip = UINT64_MAX;
    for (unsigned i = 0; i < vmm->nvms; i++) {
        struct vm *vm = vmm->vms[i];
        if (!vm_idle(vm))
            continue;
        uint64_t e = machine_cycles_to_event(vm->m);
        if (e < skip)
            skip = e;
    }
    return skip;
}

static bool any_interactive(const struct vmm *vmm)
{
    for (unsigned i = 0; i < vmm->nvms; i++)
        if (vm_live(vmm->vms[i]) && vmm->vms[i]->m->console->interactive)
            return true;
    return false;
}

/*
 * No VM ran: time jumps to the earliest event - at once in batch runs; on
 * an interactive terminal it takes that long in real time (at most a
 * second per wait) and ends early when a key or the debugger arrives.
 * Returns the cycles that passed (UINT64_MAX: waited for input only).
 */
static uint64_t vmm_wait_for_event(struct vmm *vmm, uint64_t skip)
{
    bool can_wake = false;
    for (unsigned i = 0; i < vmm->nvms; i++)
        if (vm_idle(vmm->vms[i]) && machine_input_can_wake(vmm->vms[i]->m))
            can_wake = true;
    if (skip != UINT64_MAX && !any_interactive(vmm))
        return skip;
    if (skip == UINT64_MAX && !can_wake)
        return 0;
    struct pollfd pfd[2 * VMM_MAX_VMS];
    unsigned n = 0;
    for (unsigned i = 0; i < vmm->nvms; i++) {
        struct machine *m = vmm->vms[i]->m;
        if (m->console->wait_fd >= 0)
            pfd[n++] = (struct pollfd){ .fd = m->console->wait_fd, .events = POLLIN };
        if (m->debug.wake_fd[0] >= 0)
            pfd[n++] = (struct pollfd){ .fd = m->debug.wake_fd[0], .events = POLLIN };
    }
    uint64_t passed = machine_wait_host(pfd, n, skip);
    for (unsigned i = 0; i < vmm->nvms; i++)
        machine_drain_wake(vmm->vms[i]->m);
    return passed;
}

/* Idle VMs pass `cycles` (each at most to its own next event); one that
 * nothing can ever wake is hung and ends. */
static void vmm_pass_idle_time(struct vmm *vmm, uint64_t cycles)
{
    for (unsigned i = 0; i < vmm->nvms; i++) {
        struct vm *vm = vmm->vms[i];
        if (!vm_idle(vm))
            continue;
        uint64_t event = machine_cycles_to_event(vm->m);
        if (event == UINT64_MAX && !machine_input_can_wake(vm->m)) {
            vm->m->end = END_HUNG;
            vm->m->exit_status = DISCO_EXIT_GUEST_HUNG;
            fprintf(stderr, "disco: %s is hung: every VCPU waits (WAIT) and no enabled "
                            "interrupt can ever wake it (pc=0x%08x)\n",
                    vm->cfg.name, vm->m->cpu[0].pc);
            continue;
        }
        uint64_t pass = cycles < event ? cycles : event;
        machine_pass_time(vm->m, pass ? pass : 1);
    }
}

/* One quantum of VCPU v on physical CPU p; returns the cycles it ran. */
static uint64_t vmm_run_quantum(struct pcpu *p, struct vcpu *v, uint64_t cap)
{
    vmm_load_vcpu(p, v);
    uint64_t monitor_before = v->stats.monitor_cycles;
    uint64_t ran = machine_run_cpu(v->vm->m, v->index, cap);
    p->guest_cycles += ran;
    p->monitor_cycles += v->stats.monitor_cycles - monitor_before;
    v->stats.runs++;
    return ran;
}

/* A debugger stop in any VM ends the resume; the focus reports it. */
static bool vmm_debug_stopped(struct vmm *vmm)
{
    for (unsigned i = 0; i < vmm->nvms; i++)
        if (vmm->vms[i]->m->debug.stop.reason != DBG_STOP_NONE)
            return true;
    return false;
}

static bool vmm_take_interrupt_request(struct vmm *vmm)
{
    bool asked = false;
    for (unsigned i = 0; i < vmm->nvms; i++) {
        struct debug *d = &vmm->vms[i]->m->debug;
        if (d->interrupt_requested) {
            d->interrupt_requested = 0;
            asked = true;
        }
    }
    return asked;
}

static void vmm_poll_host(struct vmm *vmm)
{
    for (unsigned i = 0; i < vmm->nvms; i++)
        if (vm_live(vmm->vms[i]))
            machine_poll_host(vmm->vms[i]->m);
}

static void vmm_finish(struct vmm *vmm)
{
    if (vmm->end != END_NONE)
        return;
    for (unsigned i = 0; i < vmm->nvms; i++)
        if (!vmm->vms[i]->ended)
            return;
    vmm->end = END_GUEST_EXIT;
    vmm->exit_status = DISCO_EXIT_OK;
    for (unsigned i = 0; i < vmm->nvms; i++)
        if (vmm->vms[i]->m->exit_status != 0) {
            vmm->exit_status = vmm->vms[i]->m->exit_status;
            vmm->end = vmm->vms[i]->m->end;
            break;
        }
}

enum dbg_stop vmm_resume(struct machine *focus, uint64_t steps)
{
    struct vmm *vmm = focus->vm->vmm;
    struct debug *dbg = &focus->debug;
    struct cpu *focus_cpu = dbg_cpu(focus);
    uint64_t stepped = 0;
    double start = machine_wall_now();
    for (unsigned i = 0; i < vmm->nvms; i++)
        dbg_prepare_resume(vmm->vms[i]->m);
    while (vmm->end == END_NONE) {
        bool ran_this_round[VMM_MAX_VCPUS] = { false };
        uint64_t longest = 0;
        vmm->rounds++;
        for (unsigned i = 0; i < vmm->nvms; i++)
            if (vm_live(vmm->vms[i]))
                machine_begin_turn(vmm->vms[i]->m);
        for (unsigned p = 0; p < vmm->npcpus; p++) {
            struct pcpu *pc = &vmm->pcpu[p];
            struct vcpu *v = pick_own(vmm, pc, ran_this_round);
            if (!v)
                v = steal(vmm, pc, ran_this_round);
            if (!v)
                continue;
            ran_this_round[v->id] = true;
            uint64_t cap = vmm->cfg.base.quantum;
            if (vmm->cfg.base.max_insns) {
                uint64_t done = vmm_instructions(vmm);
                if (done >= vmm->cfg.base.max_insns)
                    break; /* the whole run's limit: checked below */
                uint64_t left = vmm->cfg.base.max_insns - done;
                if (left < cap)
                    cap = left;
            }
            if (steps && v->cpu == focus_cpu && steps - stepped < cap)
                cap = steps - stepped;
            uint64_t ran = vmm_run_quantum(pc, v, cap);
            if (v->cpu == focus_cpu)
                stepped += ran;
            if (ran > longest)
                longest = ran;
            if (vmm_debug_stopped(vmm))
                break;
        }
        /* the physical CPUs that found nothing to run idled that long */
        for (unsigned p = 0; p < vmm->npcpus; p++)
            if (!vmm->pcpu[p].loaded || !ran_this_round[vmm->pcpu[p].loaded->id])
                vmm->pcpu[p].idle_cycles += longest;
        if (vmm_debug_stopped(vmm))
            break;
        for (unsigned i = 0; i < vmm->nvms; i++) {
            struct vm *vm = vmm->vms[i];
            if (vm_live(vm))
                machine_end_turn(vm->m, machine_all_waiting(vm->m));
        }
        uint64_t idle_pass = longest;
        if (longest == 0)
            idle_pass = vmm_wait_for_event(vmm, earliest_idle_event(vmm));
        if (idle_pass)
            vmm_pass_idle_time(vmm, idle_pass);
        else
            vmm_pass_idle_time(vmm, UINT64_MAX); /* nothing can happen: the hung ones end */
        if ((vmm->rounds & 15) == 0 || longest == 0)
            vmm_poll_host(vmm);
        vmm_reap(vmm);
        vmm_finish(vmm);
        if (vmm->end != END_NONE)
            break;
        if (steps && stepped >= steps) {
            dbg->stop = (struct dbg_stop_info){ .reason = DBG_STOP_STEP, .cpu = focus_cpu->id };
            break;
        }
        if (vmm_take_interrupt_request(vmm)) {
            dbg->stop = (struct dbg_stop_info){ .reason = DBG_STOP_INTERRUPT, .cpu = focus_cpu->id };
            break;
        }
        if (vmm->signal_flag && *vmm->signal_flag) {
            vmm_end_all(vmm, END_SIGNAL, 128 + (int)*vmm->signal_flag);
            break;
        }
        if (vmm->cfg.base.max_insns && vmm_instructions(vmm) >= vmm->cfg.base.max_insns) {
            fprintf(stderr, "disco: instruction limit reached (%llu instructions)\n",
                    (unsigned long long)vmm->cfg.base.max_insns);
            vmm_end_all(vmm, END_INSN_LIMIT, DISCO_EXIT_INSN_LIMIT);
            break;
        }
    }
    double elapsed = machine_wall_now() - start;
    vmm->wall_seconds += elapsed;
    for (unsigned i = 0; i < vmm->nvms; i++)
        vmm->vms[i]->m->wall_seconds += elapsed;
    if (vmm->end != END_NONE)
        dbg->stop.reason = DBG_STOP_EXITED;
    else if (dbg->stop.reason == DBG_STOP_NONE)
        dbg->stop.reason = DBG_STOP_INTERRUPT; /* a stop in another VM */
    return dbg->stop.reason;
}
