/*
 * engineering.h - the algorithm of the engineering workload: one
 * simulation process sweeping a working set of megabytes.  Shared by
 * engineering.c and tests/os/engineering.c (the host reference).
 * Lab: workloads (engineering is the paper's memory-heavy workload).
 *
 * The working set is an array of 2^k words, filled from a random
 * generator.  Each iteration sweeps the whole array in order; each new
 * word mixes the old one, its neighbour, a carry from the words before
 * it, and one "far" word chosen pseudo-randomly anywhere in the array -
 * the mix of streaming and scattered accesses of a circuit or
 * mechanical simulator.  The far accesses touch a new page almost every
 * time, so the TLB misses a lot.  The result is the hash of the final
 * array, kept positive so that it can be a process's exit status.
 */
#ifndef OS_ENGINEERING_H
#define OS_ENGINEERING_H

#include <stdint.h>

#include "workload.h"

struct eng_params {
    int procs;                          /* simulation processes */
    int kb;                             /* working set of each, KB (power of 2) */
    int iters;                          /* sweeps */
};

/* size=small: 3 processes x 256 KB x 2 sweeps; medium: 4 x 1 MB x 3;
 * large: 4 x 8 MB x 4.  procs=, kb=, iters= override. */
static inline int eng_params(struct eng_params *p, int argc, char **argv)
{
    static const int procs[] = { 3, 4, 4 }, kb[] = { 256, 1024, 8192 }, iters[] = { 2, 3, 4 };
    int s = wl_size(argc, argv);
    if (s < 0)
        return -1;
    p->procs = wl_arg_int(argc, argv, "procs", procs[s]);
    p->kb = wl_arg_int(argc, argv, "kb", kb[s]);
    p->iters = wl_arg_int(argc, argv, "iters", iters[s]);
    if (p->procs < 1 || p->kb < 4 || p->kb > 65536 || (p->kb & (p->kb - 1)) || p->iters < 0)
        return -1;
    return 0;
}

/* Simulation number `id` on mem[0 .. kb * 256). */
static inline uint32_t eng_simulate(uint32_t *mem, int kb, int iters, int id)
{
    uint32_t words = (uint32_t)kb * 256, mask = words - 1;
    uint32_t seed = 0x5eed0000u + (uint32_t)id;
    for (uint32_t i = 0; i < words; i++)
        mem[i] = rng_next(&seed) ^ i;
    for (int it = 0; it < iters; it++) {
        uint32_t carry = (uint32_t)it;
        for (uint32_t i = 0; i < words; i++) {
            uint32_t far = mem[(i * 2654435761u + (uint32_t)it * 40503u) & mask];
            uint32_t v = mem[i] + (mem[(i + 1) & mask] >> 3) + (far ^ carry);
            v = v << 7 | v >> 25;
            mem[i] = v;
            carry = v ^ carry >> 1;
        }
    }
    uint32_t h = FNV_INIT;
    for (uint32_t i = 0; i < words; i++)
        h = (h ^ mem[i]) * 16777619u;
    return h & 0x7fffffff;
}

/* The workload's checksum: the simulations' results in order. */
static inline uint32_t eng_checksum(const uint32_t *results, int procs)
{
    uint32_t h = FNV_INIT;
    for (int i = 0; i < procs; i++)
        h = fnv_word(h, results[i]);
    return h;
}

#endif
