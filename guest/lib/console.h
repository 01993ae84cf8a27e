/*
 * console.h - console output of a bare-metal guest program: characters go
 * to the Malta 16550 UART (polled on LSR.THRE), and a small printf.
 *
 * printf knows %d %u %x %X %s %c %p and %%, with an optional 0 flag and
 * field width (%08x).  No floating point, no long long.
 */
#ifndef GUEST_CONSOLE_H
#define GUEST_CONSOLE_H

#include <stdarg.h>

int putchar(int c);
int puts(const char *s);          /* writes s and a newline */
void console_write(const char *s); /* writes s alone */
int printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
int vprintf(const char *fmt, va_list ap);

/* Ends the program: a non-zero status first prints "EXIT <status>", then
 * the board is reset through the FPGA SOFTRES register, which ends the
 * run (-no-reboot) with exit status 0. */
void exit(int status) __attribute__((noreturn));

#endif
