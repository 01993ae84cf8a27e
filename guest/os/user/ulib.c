/*
 * ulib.c - the user library (see ulib.h).  Lab: system calls.
 */
#include "ulib.h"

int sys_sbrk(int increment);
int sys_shm(uint32_t key, uint32_t size);

void *sbrk(int increment)
{
    int r = sys_sbrk(increment);
    return r < 0 ? (void *)-1 : (void *)r;
}

void *shm(uint32_t key, uint32_t size)
{
    int r = sys_shm(key, size);
    return r < 0 ? NULL : (void *)r;
}

/* memset, memcpy, strlen, strcmp, strncmp: guest/os/lib/string.c */

int atoi(const char *s)
{
    int v = 0, neg = *s == '-';
    if (neg)
        s++;
    while (*s >= '0' && *s <= '9')
        v = v * 10 + (*s++ - '0');
    return neg ? -v : v;
}

void *malloc(size_t n)
{
    void *p = sbrk((int)((n + 7) & ~7u));
    if (p == (void *)-1)
        die("malloc: out of memory (%u bytes)", (unsigned)n);
    return p;
}

/* ---- formatted output (vsnprintf: guest/os/lib/string.c) ---------------- */
static int vdprintf(int fd, const char *fmt, va_list ap)
{
    char buf[256];
    int n = vsnprintf(buf, sizeof buf, fmt, ap);
    if (n > (int)sizeof buf - 1)
        n = sizeof buf - 1;
    return write(fd, buf, n);       /* one write: the line stays whole */
}

int printf(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vdprintf(1, fmt, ap);
    va_end(ap);
    return n;
}

int dprintf(int fd, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vdprintf(fd, fmt, ap);
    va_end(ap);
    return n;
}

void die(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vdprintf(2, fmt, ap);
    va_end(ap);
    write(2, "\n", 1);
    exit(1);
}

/* ---- arguments ------------------------------------------------------------ */
const char *arg_str(int argc, char **argv, const char *key, const char *dflt)
{
    size_t k = strlen(key);
    for (int i = 1; i < argc; i++)
        if (strncmp(argv[i], key, k) == 0 && argv[i][k] == '=')
            return argv[i] + k + 1;
    return dflt;
}

int arg_int(int argc, char **argv, const char *key, int dflt)
{
    const char *v = arg_str(argc, argv, key, NULL);
    return v ? atoi(v) : dflt;
}

/* ---- LL/SC ------------------------------------------------------------------ */
uint32_t fetch_add(volatile uint32_t *p, uint32_t n)
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
        "   sync\n"
        "   .set pop\n"
        : "=&r"(old), "=&r"(tmp)
        : "r"(p), "r"(n)
        : "memory");
    return old;
}

static int try_lock(volatile uint32_t *p)
{
    uint32_t old, tmp;
    __asm__ volatile(
        "   .set push\n"
        "   .set noreorder\n"
        "1: ll      %0, 0(%2)\n"
        "   bnez    %0, 2f\n"       /* held: give up */
        "   li      %1, 1\n"
        "   sc      %1, 0(%2)\n"
        "   beqz    %1, 1b\n"       /* lost the race: look again */
        "   nop\n"
        "   sync\n"
        "2:\n"
        "   .set pop\n"
        : "=&r"(old), "=&r"(tmp)
        : "r"(p)
        : "memory");
    return old == 0;
}

void ulock_acquire(struct ulock *l)
{
    /* The holder may have been preempted: after a while, let it run. */
    for (int spins = 0; !try_lock(&l->locked); spins++)
        if (spins >= 50) {
            yield();
            spins = 0;
        }
}

void ulock_release(struct ulock *l)
{
    __asm__ volatile("sync" ::: "memory");
    l->locked = 0;
}
