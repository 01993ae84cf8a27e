/*
 * trap.c - what the kernel does with each exception, and the timer.
 * Labs: exceptions and system calls, scheduling, user/kernel separation.
 *
 * vectors.S saves the registers in a trap frame and calls trap(tf).
 * Cause.ExcCode says why (MIPS32 Vol. III, "Cause Register"):
 *
 *   Int          timer tick or IPI (only user mode is ever interrupted)
 *   Sys          a system call (syscall.c)
 *   TLBL/TLBS    no valid mapping: vm_fault() makes the page, or the
 *                access was outside the process's memory
 *   Mod          store to a page mapped read-only
 *   AdEL/AdES    a user access to kernel space (>= 0x80000000), or misaligned
 *   CpU          a user program used CP0 (mfc0, tlbwr, wait, ...): privileged
 *   RI, Bp, Tr, Ov, ...
 *
 * A user program at fault is killed with a message on the console and the
 * system goes on.  The same exception in kernel code is a kernel bug:
 * panic, with every register.  The one exception: kernel code copying to
 * or from user memory (syscall.c) may take a TLB exception on a user
 * address that vm_check() has made present - a stale invalid TLB entry,
 * which vm_fault() just reloads.
 *
 * Timer.  Count counts up at half the CPU clock; when it equals Compare,
 * the CPU raises hardware interrupt 5 (IntCtl.IPTI says which Cause.IP
 * bit: 7).  Each tick rewrites Compare one tick ahead, which also clears
 * the interrupt.  disco's CPU runs at 100 MHz of virtual time, so Count
 * advances 50 000 times per millisecond; the default tick is 1 ms.
 */
#include "kernel.h"

uint32_t user_status;                   /* set by timer_init() */
uint32_t tick_counts = 50000;           /* Count increments per tick: 1 ms */
uint32_t slice_ticks = 5;               /* time slice: 5 ticks */
static uint32_t timer_ip;               /* Cause.IP bit of the timer */

#define IPI_IP (2 + SMP_IPI_HW_LINE)

/* Per CPU: the status bits for the kernel, and the first Compare. */
void timer_init(void)
{
    timer_ip = mfc0(CP0_STATUS, 1) >> INTCTL_IPTI_SHIFT;
    if (timer_ip < 2)
        timer_ip = 7;
    user_status = ST_UM | ST_EXL | ST_IE | ST_IM(timer_ip) | ST_IM(IPI_IP);
    write_status(ST_CU0 | ST_IM(timer_ip) | ST_IM(IPI_IP)); /* IE = 0 */
    mtc0(CP0_COMPARE, 0, read_count() + tick_counts);
}

static void timer_tick(void)
{
    struct cpu *c = mycpu();
    uint32_t next = mfc0(CP0_COMPARE, 0) + tick_counts;
    if ((int32_t)(next - read_count()) <= 0)   /* fell behind: skip ticks */
        next = read_count() + tick_counts;
    mtc0(CP0_COMPARE, 0, next);
    c->stats.ticks++;
    if (c->id == 0) {               /* CPU 0 keeps the time */
        static uint32_t us;
        for (us += tick_counts / 50; us >= 1000; us -= 1000)
            uptime_ms++;
    }
    if (!c->proc)
        c->stats.idle_ticks++;
    else if (++c->proc->slice >= slice_ticks)
        c->need_resched = 1;        /* yield on the way back to user mode */
}

/* Handles whatever interrupt is pending: from trap(), or from the idle
 * loop after WAIT (with interrupts disabled, pending ones wait for us). */
void interrupt_poll(void)
{
    if (panicking)
        cpu_stop();                 /* another CPU panicked */
    uint32_t pending = read_cause() & read_status() & CAUSE_IP_ALL;
    if (pending & CAUSE_IP(timer_ip))
        timer_tick();
    if (pending & CAUSE_IP(IPI_IP)) {
        mmio_write32(KSEG1(SMP_BASE) + SMP_IPI_CLEAR, cpuid());
        mycpu()->stats.ipis++;
    }
}

/* Why a user program is killed, in words. */
static void kill_user(struct trapframe *tf, uint32_t code, int fault_err)
{
    char why[96];
    const char *what = code == EXC_TLBS || code == EXC_ADES || code == EXC_MOD
                           ? "store to" : "load from";
    switch (code) {
    case EXC_ADEL:
    case EXC_ADES:
        if (tf->badvaddr >= KSEG0_BASE)
            snprintf(why, sizeof why, "%s kernel address 0x%08x", what, tf->badvaddr);
        else
            snprintf(why, sizeof why, "misaligned %s 0x%08x", what, tf->badvaddr);
        break;
    case EXC_TLBL:
    case EXC_TLBS:
    case EXC_MOD:
        snprintf(why, sizeof why, "%s 0x%08x: %s", what, tf->badvaddr,
                   fault_err == -EROFS   ? "read-only memory"
                   : fault_err == -ENOMEM ? "out of memory"
                                          : "not mapped (segmentation fault)");
        break;
    case EXC_CPU:
        snprintf(why, sizeof why, "privileged instruction (coprocessor %u unusable)",
                   CAUSE_CEVAL(tf->cause));
        break;
    default:
        snprintf(why, sizeof why, "%s", exc_name(code));
        break;
    }
    proc_kill_current(tf, why);
}

void trap(struct trapframe *tf)
{
    uint32_t code = CAUSE_EXCCODE(tf->cause);
    int from_user = (tf->status & ST_UM) != 0;
    struct proc *p = myproc();

    switch (code) {
    case EXC_INT:
        interrupt_poll();
        break;
    case EXC_SYS:
        if (!from_user)
            panic_frame(tf, "system call in the kernel");
        syscall(tf);
        break;
    case EXC_TLBL:
    case EXC_TLBS:
    case EXC_MOD: {
        int err = -EFAULT;
        if (p && tf->badvaddr < KSEG0_BASE)
            err = vm_fault(p, tf->badvaddr, code != EXC_TLBL);
        if (err && from_user)
            kill_user(tf, code, err);
        if (err)
            panic_frame(tf, "page fault in the kernel at 0x%08x", tf->badvaddr);
        break;
    }
    default:
        if (from_user)
            kill_user(tf, code, 0);
        panic_frame(tf, "unexpected exception in the kernel");
    }

    /* Back to user mode: first give up the CPU if the time slice is over. */
    if (from_user && mycpu()->need_resched) {
        mycpu()->need_resched = 0;
        yield();
    }
}
