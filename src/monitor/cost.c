/*
 * cost.c - the monitor's cost model: default cycles per cause and the
 * --monitor-cost parser (see cost.h).
 */
#include "monitor/cost.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const cause_names[MON_NCAUSES] = {
#define MON_NAME(name, id, cycles) [id] = name,
    MON_CAUSES(MON_NAME)
#undef MON_NAME
};

static const uint32_t default_cycles[MON_NCAUSES] = {
#define MON_DEFAULT(name, id, cycles) [id] = cycles,
    MON_CAUSES(MON_DEFAULT)
#undef MON_DEFAULT
};

void mon_costs_default(struct mon_costs *c)
{
    memcpy(c->cycles, default_cycles, sizeof c->cycles);
}

const char *mon_cause_name(enum mon_cause cause)
{
    return cause < MON_NCAUSES ? cause_names[cause] : "?";
}

static int cause_by_name(const char *name, size_t len)
{
    for (unsigned i = 0; i < MON_NCAUSES; i++)
        if (strlen(cause_names[i]) == len && strncmp(cause_names[i], name, len) == 0)
            return (int)i;
    return -1;
}

bool mon_costs_parse(struct mon_costs *c, const char *spec, char *err, size_t errlen)
{
    const char *p = spec;
    while (*p) {
        const char *comma = strchr(p, ',');
        size_t len = comma ? (size_t)(comma - p) : strlen(p);
        const char *eq = memchr(p, '=', len);
        if (!eq) {
            snprintf(err, errlen, "monitor cost '%.*s': expected NAME=CYCLES", (int)len, p);
            return false;
        }
        int cause = cause_by_name(p, (size_t)(eq - p));
        if (cause < 0) {
            snprintf(err, errlen, "unknown monitor cost '%.*s' (one of: trap, mfc0, mtc0, tlbr, "
                     "tlbwi, tlbwr, tlbp, eret, wait, di-ei, cache, exception, "
                     "tlb-miss-reflected, l2tlb-refill, vtlb-refill, kseg0, device, interrupt)",
                     (int)(eq - p), p);
            return false;
        }
        char num[24];
        size_t nlen = len - (size_t)(eq + 1 - p);
        if (nlen == 0 || nlen >= sizeof num) {
            snprintf(err, errlen, "monitor cost '%.*s': bad number of cycles", (int)len, p);
            return false;
        }
        memcpy(num, eq + 1, nlen);
        num[nlen] = '\0';
        char *end;
        errno = 0;
        unsigned long v = strtoul(num, &end, 10);
        if (errno || *end || num[0] == '-' || v > 1000000) {
            snprintf(err, errlen, "monitor cost '%.*s': cycles must be 0..1000000", (int)len, p);
            return false;
        }
        c->cycles[cause] = (uint32_t)v;
        p += len;
        if (*p == ',')
            p++;
    }
    return true;
}
