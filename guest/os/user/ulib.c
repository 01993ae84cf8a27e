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

/* ---- strings and memory ------------------------------------------------ */
void *memset(void *d, int c, size_t n)
{
    uint8_t *p = d;
    while (n--)
        *p++ = (uint8_t)c;
    return d;
}

void *memcpy(void *d, const void *s, size_t n)
{
    uint8_t *dp = d;
    const uint8_t *sp = s;
    while (n--)
        *dp++ = *sp++;
    return d;
}

size_t strlen(const char *s)
{
    size_t n = 0;
    while (s[n])
        n++;
    return n;
}

int strcmp(const char *a, const char *b)
{
    while (*a && *a == *b)
        a++, b++;
    return (uint8_t)*a - (uint8_t)*b;
}

int strncmp(const char *a, const char *b, size_t n)
{
    for (; n; n--, a++, b++) {
        if (*a != *b)
            return (uint8_t)*a - (uint8_t)*b;
        if (!*a)
            return 0;
    }
    return 0;
}

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

/* ---- formatted output: %d %u %x %s %c %%, 0 and - flags, width --------- */
struct out {
    char *buf;
    size_t size, len;
};

static void out_c(struct out *o, char c)
{
    if (o->len + 1 < o->size)
        o->buf[o->len] = c;
    o->len++;
}

static void out_num(struct out *o, uint32_t v, unsigned base, int neg, int width,
                    char pad, int left)
{
    char tmp[12];
    int n = 0;
    do {
        tmp[n++] = "0123456789abcdef"[v % base];
        v /= base;
    } while (v);
    int len = n + neg;
    if (neg && pad == '0')
        out_c(o, '-');
    for (; !left && width > len; width--)
        out_c(o, pad);
    if (neg && pad != '0')
        out_c(o, '-');
    while (n)
        out_c(o, tmp[--n]);
    for (; left && width > len; width--)
        out_c(o, ' ');
}

int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
    struct out o = { buf, size, 0 };
    for (; *fmt; fmt++) {
        if (*fmt != '%') {
            out_c(&o, *fmt);
            continue;
        }
        fmt++;
        char pad = ' ';
        int left = 0, width = 0;
        for (;; fmt++) {
            if (*fmt == '0')
                pad = '0';
            else if (*fmt == '-')
                left = 1;
            else
                break;
        }
        while (*fmt >= '0' && *fmt <= '9')
            width = width * 10 + (*fmt++ - '0');
        switch (*fmt) {
        case 'd': {
            int v = va_arg(ap, int);
            out_num(&o, v < 0 ? -(uint32_t)v : (uint32_t)v, 10, v < 0, width, pad, left);
            break;
        }
        case 'u':
            out_num(&o, va_arg(ap, uint32_t), 10, 0, width, pad, left);
            break;
        case 'x':
            out_num(&o, va_arg(ap, uint32_t), 16, 0, width, pad, left);
            break;
        case 'c':
            out_c(&o, (char)va_arg(ap, int));
            break;
        case 's': {
            const char *s = va_arg(ap, const char *);
            int n = (int)strlen(s);
            for (; !left && width > n; width--)
                out_c(&o, ' ');
            while (*s)
                out_c(&o, *s++);
            for (; left && width > n; width--)
                out_c(&o, ' ');
            break;
        }
        case '\0':
            fmt--;
            break;
        default:
            out_c(&o, *fmt);
            break;
        }
    }
    if (size)
        o.buf[o.len < size ? o.len : size - 1] = '\0';
    return (int)o.len;
}

int snprintf(char *buf, size_t size, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(buf, size, fmt, ap);
    va_end(ap);
    return n;
}

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
