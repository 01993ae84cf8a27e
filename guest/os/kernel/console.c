/*
 * console.c - the console driver (the Malta's 16550 UART, polled),
 * kprintf, and panic.  Labs: device drivers, debugging.
 *
 * Output is polled: wait until the line status register says the
 * transmit holding register is empty (LSR.THRE), then write the byte
 * (PC16550D data sheet).  A console lock makes each kprintf and each
 * write() system call reach the console in one piece, so lines from
 * different CPUs never mix.
 *
 * panic() prints the reason, the CPU and, from panic_frame(), the
 * exception cause and every register, then stops the whole machine with
 * the UHI semihosting call exit(PANIC_EXIT_STATUS) (SDBBP 1 with t9 = 1,
 * a0 = status; disco ends with that exit status, 99).  First it sends
 * every other CPU an IPI: a CPU that sees `panicking` stops for good
 * (cpu_stop), so that without semihosting all CPUs end up waiting with
 * interrupts masked, and disco reports a hung guest (exit status 125).
 */
#include <stdarg.h>

#include "kernel.h"

static struct spinlock console_lock = SPINLOCK_INIT("console");
volatile uint32_t panicking;

void console_putc(int c)
{
    if (c == '\n')
        console_putc('\r');
    while (!(mmio_read8(MALTA_UART_BASE + UART_LSR) & UART_LSR_THRE))
        ;
    mmio_write8(MALTA_UART_BASE + UART_THR, (uint8_t)c);
}

void console_write(const char *s, size_t n)
{
    int locked = !panicking;
    if (locked)
        spin_lock(&console_lock);
    while (n--)
        console_putc(*s++);
    if (locked)
        spin_unlock(&console_lock);
}

int kprintf(const char *fmt, ...)
{
    char buf[256];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    console_write(buf, n < (int)sizeof buf ? (size_t)n : sizeof buf - 1);
    return n;
}

/* This CPU stops for good: WAIT with every interrupt masked. */
void cpu_stop(void)
{
    mtc0(CP0_STATUS, 0, ST_CU0);
    for (;;)
        cpu_wait();
}

/* Ends the run: UHI exit(status).  Never returns. */
static void __attribute__((noreturn)) machine_stop(int status)
{
    while (!(mmio_read8(MALTA_UART_BASE + UART_LSR) & UART_LSR_THRE))
        ;
    register uint32_t t9 __asm__("t9") = 1; /* UHI operation 1: exit */
    register uint32_t a0 __asm__("a0") = (uint32_t)status;
    __asm__ volatile("sdbbp 1" : : "r"(t9), "r"(a0) : "memory");
    cpu_stop();                     /* no semihosting */
}

static void panic_start(void)
{
    /* A second CPU panicking at the same time just stops here. */
    if (atomic_add(&panicking, 1) != 1)
        cpu_stop();
    for (int i = 0; i < ncpu; i++)  /* the others: stop (interrupt_poll) */
        if (i != cpuid())
            mmio_write32(KSEG1(SMP_BASE) + SMP_IPI_SEND, i);
}

static void panic_msg(const char *fmt, va_list ap)
{
    char buf[200];
    vsnprintf(buf, sizeof buf, fmt, ap);
    struct proc *p = cpus[cpuid()].c.proc;
    kprintf("\npanic: cpu %d: %s\n", cpuid(), buf);
    if (p)
        kprintf("  process %d (%s)\n", p->pid, p->name);
}

void panic(const char *fmt, ...)
{
    va_list ap;
    panic_start();
    va_start(ap, fmt);
    panic_msg(fmt, ap);
    va_end(ap);
    machine_stop(PANIC_EXIT_STATUS);
}

static const char *const regnames[32] = {
    "zero", "at", "v0", "v1", "a0", "a1", "a2", "a3",
    "t0", "t1", "t2", "t3", "t4", "t5", "t6", "t7",
    "s0", "s1", "s2", "s3", "s4", "s5", "s6", "s7",
    "t8", "t9", "k0", "k1", "gp", "sp", "s8", "ra",
};

const char *exc_name(uint32_t code)
{
    static const char *const names[32] = {
        [EXC_INT] = "interrupt", [EXC_MOD] = "TLB modified",
        [EXC_TLBL] = "TLB miss/invalid on load or fetch",
        [EXC_TLBS] = "TLB miss/invalid on store",
        [EXC_ADEL] = "address error on load or fetch",
        [EXC_ADES] = "address error on store",
        [EXC_IBE] = "bus error on fetch", [EXC_DBE] = "bus error on data",
        [EXC_SYS] = "system call", [EXC_BP] = "breakpoint",
        [EXC_RI] = "reserved instruction", [EXC_CPU] = "coprocessor unusable",
        [EXC_OV] = "integer overflow", [EXC_TR] = "trap",
    };
    return code < 32 && names[code] ? names[code] : "unknown exception";
}

void panic_frame(struct trapframe *tf, const char *fmt, ...)
{
    va_list ap;
    panic_start();
    va_start(ap, fmt);
    panic_msg(fmt, ap);
    va_end(ap);
    uint32_t code = CAUSE_EXCCODE(tf->cause);
    kprintf("  cause 0x%08x: exception %u, %s%s\n", tf->cause, code, exc_name(code),
            tf->cause & CAUSE_BD ? " (in a branch delay slot)" : "");
    kprintf("  epc 0x%08x  badvaddr 0x%08x  status 0x%08x  hi 0x%08x  lo 0x%08x\n",
            tf->epc, tf->badvaddr, tf->status, tf->hi, tf->lo);
    for (int i = 0; i < 32; i += 4)
        kprintf("  %-4s %08x  %-4s %08x  %-4s %08x  %-4s %08x\n",
                regnames[i], tf->r[i], regnames[i + 1], tf->r[i + 1],
                regnames[i + 2], tf->r[i + 2], regnames[i + 3], tf->r[i + 3]);
    machine_stop(PANIC_EXIT_STATUS);
}
