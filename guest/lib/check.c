/*
 * check.c - "ok"/"FAIL" lines and the final PASS/FAIL summary of a guest
 * test program (the contract is in check.h).
 */
#include <stdarg.h>
#include <stdint.h>

#include "check.h"
#include "console.h"

static const char *program = "?";
static unsigned checks, failures;

void check_start(const char *name)
{
    program = name;
    checks = failures = 0;
}

static void report(uint32_t expected, uint32_t got, const char *fmt,
                   va_list ap)
{
    checks++;
    if (expected == got) {
        console_write("ok ");
        vprintf(fmt, ap);
        putchar('\n');
    } else {
        failures++;
        console_write("FAIL ");
        vprintf(fmt, ap);
        printf(": expected 0x%08x got 0x%08x\n", expected, got);
    }
}

static void reportf(uint32_t expected, uint32_t got, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    report(expected, got, fmt, ap);
    va_end(ap);
}

void check_eq(const char *what, uint32_t expected, uint32_t got)
{
    reportf(expected, got, "%s", what);
}

void check_eqf(uint32_t expected, uint32_t got, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    report(expected, got, fmt, ap);
    va_end(ap);
}

void check_true(const char *what, int cond)
{
    reportf(1, cond ? 1 : 0, "%s", what);
}

unsigned check_failures(void)
{
    return failures;
}

int check_done(void)
{
    if (failures)
        printf("FAIL %s (%u failures)\n", program, failures);
    else
        printf("PASS %s\n", program);
    return 0;
}
