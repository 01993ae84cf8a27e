/*
 * string.c - the few C library functions the kernel and the user programs
 * need (neither has a C library; oslib.h): memory and string helpers, and
 * a small vsnprintf for kprintf and printf.  The C compiler may also call
 * memcpy and memset on its own (for structure copies), so they must exist
 * under those names.  Support code for every lab; nothing MIPS-specific.
 */
#include "oslib.h"

void *memset(void *d, int c, size_t n)
{
    uint8_t *p = d;
    /* Word stores when aligned: a page of zeroes costs 1024 stores, not 4096. */
    if (((uint32_t)p & 3) == 0 && (n & 3) == 0) {
        uint32_t w = (uint8_t)c * 0x01010101u;
        for (uint32_t *q = d; n; n -= 4)
            *q++ = w;
        return d;
    }
    while (n--)
        *p++ = (uint8_t)c;
    return d;
}

void *memcpy(void *d, const void *s, size_t n)
{
    uint8_t *dp = d;
    const uint8_t *sp = s;
    if ((((uint32_t)dp | (uint32_t)sp | n) & 3) == 0) {
        uint32_t *dw = d;
        const uint32_t *sw = s;
        for (; n; n -= 4)
            *dw++ = *sw++;
        return d;
    }
    while (n--)
        *dp++ = *sp++;
    return d;
}

void *memmove(void *d, const void *s, size_t n)
{
    uint8_t *dp = d;
    const uint8_t *sp = s;
    if (dp < sp || dp >= sp + n)
        return memcpy(d, s, n);
    while (n--)
        dp[n] = sp[n];
    return d;
}

int memcmp(const void *a, const void *b, size_t n)
{
    const uint8_t *x = a, *y = b;
    for (; n; n--, x++, y++)
        if (*x != *y)
            return *x - *y;
    return 0;
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

char *strncpy_z(char *d, const char *s, size_t n)
{
    size_t i = 0;
    for (; i + 1 < n && s[i]; i++)
        d[i] = s[i];
    if (n)
        d[i] = '\0';
    return d;
}

/* ---- vsnprintf: %d %u %x %X %s %c %p %%, with 0 / - flags and a width ---- */
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

static void out_num(struct out *o, uint32_t v, unsigned base, int upper, int neg,
                    int width, char pad, int left)
{
    const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
    char tmp[12];
    int n = 0;
    do {
        tmp[n++] = digits[v % base];
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
            out_num(&o, v < 0 ? -(uint32_t)v : (uint32_t)v, 10, 0, v < 0, width, pad, left);
            break;
        }
        case 'u':
            out_num(&o, va_arg(ap, uint32_t), 10, 0, 0, width, pad, left);
            break;
        case 'x':
        case 'X':
            out_num(&o, va_arg(ap, uint32_t), 16, *fmt == 'X', 0, width, pad, left);
            break;
        case 'p':
            out_c(&o, '0');
            out_c(&o, 'x');
            out_num(&o, (uint32_t)va_arg(ap, void *), 16, 0, 0, 8, '0', 0);
            break;
        case 'c':
            out_c(&o, (char)va_arg(ap, int));
            break;
        case 's': {
            const char *s = va_arg(ap, const char *);
            if (!s)
                s = "(null)";
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
