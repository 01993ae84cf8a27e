/*
 * console.c - polled output on the Malta console UART and a small printf
 * (see console.h), and exit() through the FPGA soft-reset register.
 *
 * The UART is the PIIX4 16550 at ISA port 0x3F8: wait for LSR.THRE, then
 * write THR (National Semiconductor PC16550D data sheet).  Writing 0x42 to
 * SOFTRES resets the board (Malta User's Manual, "SOFTRES"); under
 * -no-reboot the emulator ends there.
 */
#include <stdarg.h>
#include <stdint.h>

#include "console.h"
#include "malta.h"

int putchar(int c)
{
    if (c == '\n')
        putchar('\r');
    while (!(mmio_read8(MALTA_UART_BASE + UART_LSR) & UART_LSR_THRE))
        ;
    mmio_write8(MALTA_UART_BASE + UART_THR, (uint8_t)c);
    return (unsigned char)c;
}

void console_write(const char *s)
{
    while (*s)
        putchar(*s++);
}

int puts(const char *s)
{
    console_write(s);
    putchar('\n');
    return 0;
}

/* Writes v in `base` with at least `width` digits, padded with `pad`. */
static int put_unsigned(uint32_t v, unsigned base, int upper, int width,
                        char pad)
{
    const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
    char buf[12];
    int n = 0, out = 0;

    do {
        buf[n++] = digits[v % base];
        v /= base;
    } while (v);
    for (; width > n; width--, out++)
        putchar(pad);
    while (n > 0) {
        putchar(buf[--n]);
        out++;
    }
    return out;
}

int vprintf(const char *fmt, va_list ap)
{
    int out = 0;

    for (; *fmt; fmt++) {
        if (*fmt != '%') {
            putchar(*fmt);
            out++;
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
            uint32_t u = (uint32_t)v;
            if (v < 0) {
                putchar('-');
                out++;
                u = -u;
                if (width > 0)
                    width--;
            }
            out += put_unsigned(u, 10, 0, width, pad);
            break;
        }
        case 'u':
            out += put_unsigned(va_arg(ap, unsigned), 10, 0, width, pad);
            break;
        case 'x':
        case 'X':
            out += put_unsigned(va_arg(ap, unsigned), 16, *fmt == 'X', width,
                                pad);
            break;
        case 'p':
            console_write("0x");
            out += 2 + put_unsigned((uint32_t)(uintptr_t)va_arg(ap, void *),
                                    16, 0, 8, '0');
            break;
        case 's': {
            const char *s = va_arg(ap, const char *);
            if (!s)
                s = "(null)";
            for (; *s; s++, out++)
                putchar(*s);
            break;
        }
        case 'c':
            putchar(va_arg(ap, int));
            out++;
            break;
        case '%':
            putchar('%');
            out++;
            break;
        case '\0':
            fmt--;   /* a lone '%' at the end */
            break;
        default:
            putchar('%');
            putchar(*fmt);
            out += 2;
            break;
        }
    }
    return out;
}

int printf(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int out = vprintf(fmt, ap);
    va_end(ap);
    return out;
}

void exit(int status)
{
    if (status != 0)
        printf("EXIT %d\n", status);
    /* Let the last character leave the transmitter before the reset. */
    while (!(mmio_read8(MALTA_UART_BASE + UART_LSR) & UART_LSR_THRE))
        ;
    mmio_write32(MALTA_FPGA_BASE + FPGA_SOFTRES, FPGA_SOFTRES_RESET);
    for (;;)
        ;
}
