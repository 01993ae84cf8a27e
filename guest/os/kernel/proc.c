/*
 * proc.c - processes and the scheduler.  Labs: processes, scheduling, SMP.
 *
 * A process is a slot in procs[] with a kernel stack, an address space
 * (vm.c) and a state:
 *
 *   EMBRYO --spawn--> RUNNABLE --scheduler--> RUNNING --exit--> ZOMBIE --wait--> UNUSED
 *                        ^                    |     |
 *                        +------ yield -------+     +--sleep--> SLEEPING --wakeup--> RUNNABLE
 *
 * Scheduling.  Every CPU runs scheduler(): take the first process off the
 * one run queue all CPUs share, switch to it (swtch, vectors.S), and when
 * it gives the CPU back, loop.  A process gives the CPU back by yield()
 * (its time slice ended: the timer, trap.c), sleep() (waiting for a child)
 * or exit.  With nothing to run, the CPU executes WAIT; the timer or an
 * IPI (sent when a process becomes runnable) ends it.
 *
 * Locking.  One spinlock, proc_lock, guards the run queue and every
 * process's state, parent and sleeping channel.  It is held across the
 * switch: the process takes it, calls sched(), and the scheduler releases
 * it on the other side (and the other way round).  So no other CPU can
 * pick a process whose registers are not yet saved, and a zombie's kernel
 * stack stays untouched until its CPU has left it.
 */
#include "kernel.h"

struct spinlock proc_lock = SPINLOCK_INIT("proc");
static struct proc procs[NPROC];
static uint8_t kstacks[NPROC][KSTACK_SIZE] __attribute__((aligned(16)));
static struct proc *runq_head, *runq_tail;
static int next_pid = 1;
struct proc *init_proc;

struct proc *myproc(void)
{
    return mycpu()->proc;           /* interrupts are off: we cannot move */
}

/* ---- the run queue (proc_lock held) --------------------------------------- */

static void runq_push(struct proc *p)
{
    p->next = NULL;
    if (runq_tail)
        runq_tail->next = p;
    else
        runq_head = p;
    runq_tail = p;
}

static struct proc *runq_pop(void)
{
    struct proc *p = runq_head;
    if (p) {
        runq_head = p->next;
        if (!runq_head)
            runq_tail = NULL;
    }
    return p;
}

/* Queues p and wakes one idle CPU, if any, with an IPI to run it. */
static void make_runnable_locked(struct proc *p)
{
    p->state = P_RUNNABLE;
    runq_push(p);
    for (int i = 0; i < ncpu; i++) {
        struct cpu *c = &cpus[i].c;
        if (c->idle && i != cpuid()) {
            c->idle = 0;            /* the next wakeup picks another one */
            mmio_write32(KSEG1(SMP_BASE) + SMP_IPI_SEND, i);
            break;
        }
    }
}

void proc_make_runnable(struct proc *p)
{
    spin_lock(&proc_lock);
    make_runnable_locked(p);
    spin_unlock(&proc_lock);
}

/* ---- process slots ---------------------------------------------------------- */

static void first_run(void);

/* A new process: an EMBRYO with a pid, a kernel stack whose top holds the
 * trap frame that will enter user mode, and a context that starts in
 * first_run(). */
struct proc *proc_alloc(void)
{
    struct proc *p = NULL;
    spin_lock(&proc_lock);
    for (int i = 0; i < NPROC; i++)
        if (procs[i].state == P_UNUSED) {
            p = &procs[i];
            memset(p, 0, sizeof *p);
            p->state = P_EMBRYO;
            p->pid = next_pid++;
            p->kstack = kstacks[i];
            break;
        }
    spin_unlock(&proc_lock);
    if (!p)
        return NULL;
    p->tf = (struct trapframe *)(p->kstack + KSTACK_SIZE - TF_SIZE);
    p->ctx.sp = (uint32_t)p->tf - 16;
    p->ctx.ra = (uint32_t)first_run;
    return p;
}

void proc_free(struct proc *p)
{
    p->state = P_UNUSED;
}

/* The first thing a new process runs, on its kernel stack, still holding
 * proc_lock from the scheduler. */
static void first_run(void)
{
    spin_unlock(&proc_lock);
    trap_return_to(myproc()->tf);   /* ERET into user mode */
}

/* ---- the scheduler ------------------------------------------------------------ */

void scheduler(void)
{
    struct cpu *c = mycpu();
    for (;;) {
        spin_lock(&proc_lock);
        struct proc *p = runq_pop();
        if (p) {
            p->state = P_RUNNING;
            p->slice = 0;
            c->proc = p;
            c->need_resched = 0;
            vm_activate(p);
            c->stats.switches++;
            swtch(&c->sched_ctx, &p->ctx);  /* run p until it gives up the CPU */
            c->proc = NULL;
            vm_activate_kernel();
            spin_unlock(&proc_lock);
        } else {
            /* Idle.  WAIT ends when an interrupt is pending, even with
             * interrupts disabled (IE = 0): nothing is lost between the
             * unlock and the WAIT, as a make_runnable_locked() there
             * raises our IPI line and WAIT returns at once. */
            c->idle = 1;
            spin_unlock(&proc_lock);
            cpu_wait();
            interrupt_poll();
            c->idle = 0;
        }
    }
}

/* Switches to this CPU's scheduler.  The caller holds proc_lock and has
 * changed the process's state. */
void sched(void)
{
    struct proc *p = myproc();
    if (!spin_holding(&proc_lock))
        panic("sched: proc_lock not held");
    if (p->state == P_RUNNING)
        panic("sched: process %d still running", p->pid);
    swtch(&p->ctx, &mycpu()->sched_ctx);
}

void yield(void)
{
    struct proc *p = myproc();
    spin_lock(&proc_lock);
    p->state = P_RUNNABLE;
    runq_push(p);
    sched();
    spin_unlock(&proc_lock);
}

/* Sleeps on chan; lk (proc_lock or a lock of the caller's) is released
 * while asleep and held again on return. */
void sleep(void *chan, struct spinlock *lk)
{
    struct proc *p = myproc();
    if (lk != &proc_lock) {
        spin_lock(&proc_lock);
        spin_unlock(lk);
    }
    p->chan = chan;
    p->state = P_SLEEPING;
    sched();
    p->chan = NULL;
    if (lk != &proc_lock) {
        spin_unlock(&proc_lock);
        spin_lock(lk);
    }
}

static void wakeup_locked(void *chan)
{
    for (int i = 0; i < NPROC; i++)
        if (procs[i].state == P_SLEEPING && procs[i].chan == chan)
            make_runnable_locked(&procs[i]);
}

void wakeup(void *chan)
{
    spin_lock(&proc_lock);
    wakeup_locked(chan);
    spin_unlock(&proc_lock);
}

/* ---- exit and wait ------------------------------------------------------------- */

void proc_exit(int status)
{
    struct proc *p = myproc();
    for (int fd = 0; fd < NOFILE; fd++)
        fs_close(&p->files[fd]);
    vm_activate_kernel();           /* stop using the page tables ... */
    vm_free(p);                     /* ... and free them with the pages */
    if (p == init_proc) {
        if (status != 0)
            kprintf("init (%s) exited with status %d\n", p->name, status);
        halt();
    }
    spin_lock(&proc_lock);
    for (int i = 0; i < NPROC; i++)     /* orphans go to init */
        if (procs[i].parent == p && procs[i].state != P_UNUSED) {
            procs[i].parent = init_proc;
            if (procs[i].state == P_ZOMBIE)
                wakeup_locked(init_proc);
        }
    p->exit_status = status;
    p->state = P_ZOMBIE;
    wakeup_locked(p->parent);
    sched();
    panic("proc_exit: zombie %d ran again", p->pid);
}

/* Waits for the child `pid` (or any child, pid = -1) to exit, frees it
 * and returns its pid, with its exit status in *status. */
int proc_wait(int pid, int *status)
{
    struct proc *p = myproc();
    spin_lock(&proc_lock);
    for (;;) {
        int children = 0;
        for (int i = 0; i < NPROC; i++) {
            struct proc *q = &procs[i];
            if (q->state == P_UNUSED || q->parent != p || (pid != -1 && q->pid != pid))
                continue;
            children++;
            if (q->state == P_ZOMBIE) {
                int qpid = q->pid;
                *status = q->exit_status;
                proc_free(q);
                spin_unlock(&proc_lock);
                return qpid;
            }
        }
        if (!children) {
            spin_unlock(&proc_lock);
            return -ECHILD;
        }
        sleep(p, &proc_lock);       /* proc_exit() of a child wakes us */
    }
}

void proc_kill_current(struct trapframe *tf, const char *why)
{
    struct proc *p = myproc();
    kprintf("kernel: killed process %d (%s): %s, at pc 0x%08x\n", p->pid, p->name,
            why, tf->epc);
    proc_exit(STATUS_KILLED);
}

void proc_init(void)
{
    for (int i = 0; i < NPROC; i++)
        procs[i].state = P_UNUSED;
}
