/*
 * pmake.h - the algorithm of the pmake workload: what one "compile" job
 * computes, and how the "link" combines the jobs.  Shared by cc.c (one
 * job, a process), pmake.c (the parallel make) and tests/os/pmake.c (the
 * host reference).  Lab: workloads (pmake is the paper's kernel-heavy
 * workload).
 *
 * Job j compiles source file number j mod N of src/MANIFEST (the kernel's
 * own sources, in the ramdisk):
 *   1. tokenize it: identifiers, numbers, string and character literals,
 *      punctuation; comments and white space vanish;
 *   2. enter each identifier in a symbol table (open addressing, 4096
 *      slots) and emit one 32-bit code word per token;
 *   3. run `passes` "optimisation" passes that mix each word with a
 *      neighbour, the job number and the pass number;
 *   4. the object file is a 4-word header {magic, job, words, symbols}
 *      followed by the code words (little-endian).
 * The link is the FNV-1a hash of the object files' hashes in job order,
 * so the result does not depend on which job finished first.
 */
#ifndef OS_PMAKE_H
#define OS_PMAKE_H

#include <stdint.h>

#include "workload.h"

#define PM_SYMTAB 4096                  /* symbol table slots */
#define PM_MAGIC 0x314a424fu            /* "OBJ1" */

struct pm_params {
    int jobs;                           /* compile jobs */
    int passes;                         /* optimisation passes per job */
};

/* size=small: 12 jobs, 2 passes; medium: 96 jobs, 4 passes; large: 480
 * jobs, 8 passes.  jobs= and passes= override. */
static inline int pm_params(struct pm_params *p, int argc, char **argv)
{
    static const int jobs[] = { 12, 96, 480 }, passes[] = { 2, 4, 8 };
    int s = wl_size(argc, argv);
    if (s < 0)
        return -1;
    p->jobs = wl_arg_int(argc, argv, "jobs", jobs[s]);
    p->passes = wl_arg_int(argc, argv, "passes", passes[s]);
    return p->jobs > 0 && p->passes >= 0 ? 0 : -1;
}

static inline int pm_ident_char(int c, int first)
{
    return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
           (!first && c >= '0' && c <= '9');
}

/* The symbol number of hash h, entering it if new (symtab: PM_SYMTAB
 * zeroed words; a slot holds h | 1). */
static inline uint32_t pm_symbol(uint32_t *symtab, uint32_t *nsyms, uint32_t h)
{
    uint32_t key = h | 1, i = h & (PM_SYMTAB - 1);
    while (symtab[i] && symtab[i] != key)
        i = (i + 1) & (PM_SYMTAB - 1);
    if (!symtab[i] && *nsyms < PM_SYMTAB - 1) {
        symtab[i] = key;
        ++*nsyms;
    }
    return i;
}

/* Compiles src[0..len) as job `job`: fills obj (room for len + 4 words)
 * and returns the number of words in it. */
static inline uint32_t pm_compile(const uint8_t *src, uint32_t len, int job, int passes,
                                  uint32_t *symtab, uint32_t *obj)
{
    uint32_t *code = obj + 4, n = 0, nsyms = 0;
    uint32_t i = 0;
    while (i < len) {
        uint8_t c = src[i];
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
            i++;
        } else if (c == '/' && i + 1 < len && src[i + 1] == '/') {
            while (i < len && src[i] != '\n')
                i++;
        } else if (c == '/' && i + 1 < len && src[i + 1] == '*') {
            i += 2;
            while (i + 1 < len && !(src[i] == '*' && src[i + 1] == '/'))
                i++;
            i += 2;
        } else if (pm_ident_char(c, 1)) {
            uint32_t start = i;
            while (i < len && pm_ident_char(src[i], 0))
                i++;
            uint32_t h = fnv_bytes(FNV_INIT, src + start, i - start);
            code[n++] = pm_symbol(symtab, &nsyms, h) << 20 ^ (h & 0xfffff) ^ 1;
        } else if (c >= '0' && c <= '9') {
            uint32_t start = i;
            while (i < len && pm_ident_char(src[i], 0))
                i++;
            code[n++] = fnv_bytes(FNV_INIT, src + start, i - start) ^ 2;
        } else if (c == '"' || c == '\'') {
            uint32_t start = i++;
            while (i < len && src[i] != c)
                i += src[i] == '\\' ? 2 : 1;
            i++;
            if (i > len)
                i = len;
            code[n++] = fnv_bytes(FNV_INIT, src + start, i - start) ^ 3;
        } else {
            code[n++] = (uint32_t)c << 8 ^ 4;
            i++;
        }
    }
    for (int p = 0; p < passes && n; p++)
        for (uint32_t k = 0; k < n; k++)
            code[k] = mix32(code[k] ^ code[(k + 7 * p + 1) % n] ^
                            ((uint32_t)job * 0x9e3779b9u + (uint32_t)p));
    obj[0] = PM_MAGIC;
    obj[1] = (uint32_t)job;
    obj[2] = n;
    obj[3] = nsyms;
    return n + 4;
}

/* The hash of one object file (its bytes). */
static inline uint32_t pm_object_hash(const uint8_t *obj, uint32_t bytes)
{
    return fnv_bytes(FNV_INIT, obj, bytes);
}

/* The link: folds the job hashes, in job order. */
static inline uint32_t pm_link(const uint32_t *hashes, int jobs)
{
    uint32_t h = FNV_INIT;
    for (int j = 0; j < jobs; j++)
        h = fnv_word(h, hashes[j]);
    return h;
}

#endif
