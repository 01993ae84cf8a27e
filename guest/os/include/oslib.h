/*
 * oslib.h - the small C library the kernel and the user programs share
 * (guest/os/lib/string.c): memory and string helpers and a vsnprintf.
 * Neither side has a C library; one copy serves both.  Support code for
 * every lab; nothing MIPS-specific here.
 */
#ifndef OS_OSLIB_H
#define OS_OSLIB_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

void *memset(void *d, int c, size_t n);
void *memcpy(void *d, const void *s, size_t n);
void *memmove(void *d, const void *s, size_t n);
int memcmp(const void *a, const void *b, size_t n);
size_t strlen(const char *s);
int strcmp(const char *a, const char *b);
int strncmp(const char *a, const char *b, size_t n);
char *strncpy_z(char *d, const char *s, size_t n); /* always NUL-terminates */
/* %d %u %x %X %s %c %p %%, with 0 / - flags and a width */
int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap);
int snprintf(char *buf, size_t size, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

#endif
