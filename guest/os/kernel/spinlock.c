/*
 * spinlock.c - spinlocks built on LL/SC, the MIPS atomic primitive.
 * Lab: SMP and locking.
 *
 * LL (load linked) reads a word and remembers its address; SC (store
 * conditional) writes the word only if no other CPU wrote it in between,
 * and tells whether it did (1) or not (0).  A loop of LL ... SC that retries
 * on failure is an atomic read-modify-write (MIPS32 Vol. II, "LL", "SC").
 *
 * The kernel runs with interrupts disabled, so a CPU holding a spinlock is
 * never interrupted; the only waiting is by other CPUs.  A lock taken
 * twice by the same CPU, or held for absurdly long, is a bug: panic.
 *
 * SYNC orders memory accesses: everything done inside the critical section
 * is visible to the next holder before it sees the lock free.
 */
#include "kernel.h"

#define SPIN_LIMIT (1u << 26)   /* some seconds of guest time: a deadlock */

/* Atomically replaces *p with v and returns the old value. */
static uint32_t atomic_swap(volatile uint32_t *p, uint32_t v)
{
    uint32_t old, tmp;
    __asm__ volatile(
        "   .set push\n"
        "   .set noreorder\n"
        "1: ll      %0, 0(%2)\n"    /* old = *p, and watch p */
        "   move    %1, %3\n"
        "   sc      %1, 0(%2)\n"    /* *p = v if nobody wrote p since */
        "   beqz    %1, 1b\n"       /* somebody did: try again */
        "   nop\n"
        "   .set pop\n"
        : "=&r"(old), "=&r"(tmp)
        : "r"(p), "r"(v)
        : "memory");
    return old;
}

uint32_t atomic_add(volatile uint32_t *p, uint32_t n)
{
    uint32_t old, tmp;
    __asm__ volatile(
        "   .set push\n"
        "   .set noreorder\n"
        "1: ll      %0, 0(%2)\n"
        "   addu    %1, %0, %3\n"
        "   sc      %1, 0(%2)\n"
        "   beqz    %1, 1b\n"
        "   nop\n"
        "   .set pop\n"
        : "=&r"(old), "=&r"(tmp)
        : "r"(p), "r"(n)
        : "memory");
    return old + n;
}

void spin_lock(struct spinlock *l)
{
    uint32_t spins = 0;
    if (spin_holding(l))
        panic("spin_lock: lock %s already held by this CPU", l->name);
    for (;;) {
        /* Read first (cheap, no LL/SC traffic), swap only when it looks free. */
        if (l->locked == 0 && atomic_swap(&l->locked, 1) == 0)
            break;
        if ((++spins & 0xfff) == 0 && panicking)
            cpu_stop();             /* the holder may be the panicking CPU */
        if (spins == SPIN_LIMIT)
            panic("spin_lock: lock %s held too long by CPU %d", l->name, l->cpu);
    }
    mem_barrier();
    l->cpu = cpuid();
}

void spin_unlock(struct spinlock *l)
{
    if (!spin_holding(l))
        panic("spin_unlock: lock %s not held by this CPU", l->name);
    l->cpu = -1;
    mem_barrier();
    l->locked = 0;
}

int spin_holding(struct spinlock *l)
{
    return l->locked && l->cpu == cpuid();
}
