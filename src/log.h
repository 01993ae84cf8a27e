/*
 * log.h - the -d/-D debug log: categories a user switches on by name
 * (QEMU's spellings where they exist) and the file they go to.
 *
 * One log per machine; every part that logs holds a pointer to it.
 */
#ifndef DISCO_LOG_H
#define DISCO_LOG_H

#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>

enum log_category {
    LOG_EXEC = 1u << 0,     /* "exec": every instruction, disassembled, with register changes */
    LOG_INT = 1u << 1,      /* "int": exceptions and interrupts */
    LOG_UNIMP = 1u << 2,    /* "unimp": accesses to unimplemented device registers */
    LOG_GUEST_ERROR = 1u << 3, /* "guest_errors": bus errors, ROM writes, odd guest behaviour */
    LOG_MMU = 1u << 4,      /* "mmu": TLB writes and fast-path flushes */
    LOG_DEV = 1u << 5,      /* "dev": device activity (LED bar, ASCII display, resets) */
};

struct symtab;

struct log {
    unsigned mask;
    FILE *out; /* stderr unless -D FILE */
    /* Names for addresses in the exec trace (symbols.h): the debugger
     * shell's symbols while it runs, else NULL. */
    const struct symtab *symbols;
};

void log_init(struct log *log);
/* Parses "exec,int,unimp" (or "help"); returns false on an unknown name
 * and leaves its name in *bad. */
bool log_parse_mask(const char *list, unsigned *mask, const char **bad);
void log_list_categories(FILE *out);

static inline bool log_enabled(const struct log *log, unsigned category)
{
    return log && (log->mask & category) != 0;
}

void log_printf(struct log *log, unsigned category, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

#endif
