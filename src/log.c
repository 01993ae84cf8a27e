/*
 * log.c - the -d/-D debug log (see log.h): the table of category names,
 * parsing of a comma-separated list of them, and the printf that writes
 * only what the user switched on.  Names follow QEMU's -d spellings where
 * QEMU has the same category ("exec", "int", "unimp", "guest_errors",
 * "mmu"); "dev" is disco's own.
 */
#include "log.h"

#include <string.h>

struct log_category_info {
    const char *name;
    unsigned mask;
    const char *help;
};

static const struct log_category_info log_categories[] = {
    { "exec", LOG_EXEC,
      "every instruction executed, disassembled, with register changes" },
    { "int", LOG_INT, "exceptions and interrupts" },
    { "unimp", LOG_UNIMP, "accesses to unimplemented device registers" },
    { "guest_errors", LOG_GUEST_ERROR,
      "bus errors, writes to ROM and other odd guest behaviour" },
    { "mmu", LOG_MMU, "TLB writes and fast-path flushes" },
    { "dev", LOG_DEV,
      "device activity (LED bar, ASCII display, resets, serial setup)" },
};

#define LOG_NCATEGORIES (sizeof log_categories / sizeof log_categories[0])

void log_init(struct log *log)
{
    log->mask = 0;
    log->out = stderr;
}

/*
 * Names are matched exactly (case matters, as in QEMU).  Empty items
 * ("exec,,int", a trailing comma) are skipped.  On failure *bad points at
 * the offending name inside list; it runs up to the next ',' or the end,
 * so print it with "%.*s", (int)strcspn(bad, ","), bad.  "help" is not a
 * category: it also makes the call fail with *bad pointing at it, so a
 * caller that has not already handled "-d help" reports it rather than
 * running silently with no log.
 */
bool log_parse_mask(const char *list, unsigned *mask, const char **bad)
{
    unsigned m = 0;
    const char *p = list ? list : "";

    if (bad)
        *bad = NULL;
    while (*p) {
        size_t len = strcspn(p, ",");
        if (len > 0) {
            bool found = false;
            for (size_t i = 0; i < LOG_NCATEGORIES; i++) {
                const char *name = log_categories[i].name;
                if (strlen(name) == len && memcmp(name, p, len) == 0) {
                    m |= log_categories[i].mask;
                    found = true;
                    break;
                }
            }
            if (!found) {
                if (bad)
                    *bad = p;
                return false;
            }
        }
        p += len;
        if (*p == ',')
            p++;
    }
    if (mask)
        *mask = m;
    return true;
}

void log_list_categories(FILE *out)
{
    fprintf(out, "Log categories (-d NAME[,NAME...]):\n");
    for (size_t i = 0; i < LOG_NCATEGORIES; i++)
        fprintf(out, "  %-13s %s\n", log_categories[i].name,
                log_categories[i].help);
}

void log_printf(struct log *log, unsigned category, const char *fmt, ...)
{
    if (!log_enabled(log, category))
        return;
    va_list ap;
    va_start(ap, fmt);
    vfprintf(log->out ? log->out : stderr, fmt, ap);
    va_end(ap);
}
