/*
 * vmlib.c - UHI output and exit, a small printf over them, and YAMON
 * environment and argument parsing for the VM isolation test programs
 * (see vmlib.h).
 */
#include <stdarg.h>
#include <stdint.h>

#include "malta.h"
#include "uhi.h"
#include "vmlib.h"


void uhi_write(const char *buf, uint32_t len)
{
    uhi_call(UHI_WRITE, 1, (uint32_t)(uintptr_t)buf, len);
}

void uhi_exit(int status)
{
    uhi_call(UHI_EXIT, (uint32_t)status, 0, 0);
    for (;;)
        ;
}

/* ---- a small printf into a line buffer ---- */
struct out {
    char buf[256];
    unsigned n;
};

static void put(struct out *o, char c)
{
    if (o->n < sizeof o->buf - 1)
        o->buf[o->n++] = c;
}

static void put_unsigned(struct out *o, uint32_t v, unsigned base, int width,
                         char pad)
{
    char digits[12];
    int n = 0;

    do {
        digits[n++] = "0123456789abcdef"[v % base];
        v /= base;
    } while (v);
    for (; width > n; width--)
        put(o, pad);
    while (n > 0)
        put(o, digits[--n]);
}

int uhi_printf(const char *fmt, ...)
{
    struct out o;
    va_list ap;

    o.n = 0;
    va_start(ap, fmt);
    for (; *fmt; fmt++) {
        if (*fmt != '%') {
            put(&o, *fmt);
            continue;
        }
        fmt++;
        char pad = ' ';
        int width = 0;
        if (*fmt == '0') {
            pad = '0';
            fmt++;
        }
        while (*fmt >= '0' && *fmt <= '9')
            width = width * 10 + (*fmt++ - '0');
        switch (*fmt) {
        case 'd': {
            int v = va_arg(ap, int);
            if (v < 0) {
                put(&o, '-');
                put_unsigned(&o, -(uint32_t)v, 10, width ? width - 1 : 0, pad);
            } else {
                put_unsigned(&o, (uint32_t)v, 10, width, pad);
            }
            break;
        }
        case 'u':
            put_unsigned(&o, va_arg(ap, unsigned), 10, width, pad);
            break;
        case 'x':
            put_unsigned(&o, va_arg(ap, unsigned), 16, width, pad);
            break;
        case 's': {
            const char *s = va_arg(ap, const char *);
            for (s = s ? s : "(null)"; *s; s++)
                put(&o, *s);
            break;
        }
        case 'c':
            put(&o, (char)va_arg(ap, int));
            break;
        case '\0':
            fmt--;
            break;
        default:
            put(&o, *fmt);
            break;
        }
    }
    va_end(ap);
    uhi_write(o.buf, o.n);
    return (int)o.n;
}

/* ---- the YAMON environment and -append arguments ---- */
static int str_eq(const char *a, const char *b)
{
    while (*a && *a == *b)
        a++, b++;
    return *a == *b;
}

const char *yamon_getenv(char **envp, const char *name)
{
    if (!envp)
        return 0;
    for (unsigned i = 0; envp[i] && envp[i + 1]; i += 2)
        if (str_eq(envp[i], name))
            return envp[i + 1];
    return 0;
}

uint32_t vm_parse_u32(const char *s, int *ok)
{
    uint32_t v = 0;
    unsigned base = 10, digits = 0;

    if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
        base = 16;
        s += 2;
    }
    for (;; s++, digits++) {
        unsigned d;
        if (*s >= '0' && *s <= '9')
            d = *s - '0';
        else if (base == 16 && *s >= 'a' && *s <= 'f')
            d = *s - 'a' + 10;
        else if (base == 16 && *s >= 'A' && *s <= 'F')
            d = *s - 'A' + 10;
        else
            break;
        v = v * base + d;
    }
    *ok = digits > 0 && (*s == '\0' || *s == ' ');
    return v;
}

uint32_t vm_arg_u32(const char *s, const char *key, uint32_t dflt)
{
    if (!s)
        return dflt;
    while (*s) {
        while (*s == ' ')
            s++;
        const char *k = key, *w = s;
        while (*k && *w == *k)
            k++, w++;
        if (!*k && *w == '=') {
            int ok;
            uint32_t v = vm_parse_u32(w + 1, &ok);
            if (ok)
                return v;
        }
        while (*s && *s != ' ')
            s++;
    }
    return dflt;
}

void vm_unexpected(const char *who, const struct exc_frame *f)
{
    uhi_printf("%s: unexpected exception %u at 0x%08x (cause 0x%08x, "
               "badvaddr 0x%08x, vector 0x%x)\n",
               who, CAUSE_EXCCODE(f->cause), f->epc, f->cause, f->badvaddr,
               f->vector);
    uhi_exit(2);
}
