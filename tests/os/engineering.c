/*
 * engineering.c - host reference for disco-os's engineering workload
 * (guest/os/user/engineering.c): the same simulations (engineering.h),
 * one after the other.  Prints "engineering checksum: 0x...".
 *
 *   engineering [size=small|medium|large] [procs=N] [kb=KB] [iters=N]
 */
#include <stdio.h>
#include <stdlib.h>

#include "engineering.h"

int main(int argc, char **argv)
{
    struct eng_params p;
    if (eng_params(&p, argc, argv) < 0) {
        fprintf(stderr, "usage: engineering [size=small|medium|large] [procs=N] [kb=KB] [iters=N]\n");
        return 2;
    }
    uint32_t *results = calloc(p.procs, 4);
    uint32_t *mem = malloc((size_t)p.kb * 1024);
    if (!results || !mem)
        return 1;
    for (int i = 0; i < p.procs; i++)
        results[i] = eng_simulate(mem, p.kb, p.iters, i);
    printf("engineering checksum: 0x%08x\n", eng_checksum(results, p.procs));
    return 0;
}
