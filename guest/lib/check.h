/*
 * check.h - the output contract of self-checking guest tests.
 *
 * Every check prints one line, "ok <what>" or
 * "FAIL <what>: expected 0x<e> got 0x<g>"; check_done() prints the last
 * line, "PASS <program>" or "FAIL <program> (<n> failures)".  The same
 * program runs on disco and on QEMU and their console bytes must be
 * identical, so a test prints only values the architecture defines.
 */
#ifndef GUEST_CHECK_H
#define GUEST_CHECK_H

#include <stdint.h>

void check_start(const char *program);
/* Checks got == expected. */
void check_eq(const char *what, uint32_t expected, uint32_t got);
/* The same with a printf-formatted description. */
void check_eqf(uint32_t expected, uint32_t got, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* Checks that cond holds (printed as expected 0x1 got 0x0). */
void check_true(const char *what, int cond);
unsigned check_failures(void);
/* Prints the summary line; returns 0 (main returns it: a failure shows in
 * the output, not in the exit status). */
int check_done(void);

#endif
