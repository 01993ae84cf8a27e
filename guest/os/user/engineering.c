/*
 * engineering.c - the engineering workload: several long-running,
 * independent processes, each sweeping its own working set of
 * megabytes.  The algorithm is engineering.h.  Lab: workloads.
 *
 * In Disco's paper, Engineering (the Flashlite and VCS simulators) is the
 * memory-heavy workload with little sharing: each process's pages are
 * used by one CPU only, so Disco *migrates* them to that CPU's NUMA node
 * (Figure 8: from 16% to 78% local cache misses).
 *
 *   engineering [size=small|medium|large] [procs=N] [kb=KB] [iters=N]
 *
 * The main process spawns N simulations ("engineering sim ID KB ITERS"),
 * each of which takes its working set with sbrk (every page then arrives
 * by a demand-zero fault), runs, and exits with its result as exit
 * status.  The main process waits for each in turn and hashes the results
 * in order: "engineering checksum: 0x...".
 */
#include "engineering.h"
#include "ulib.h"

int main(int argc, char **argv)
{
    if (argc == 5 && strcmp(argv[1], "sim") == 0) {
        int kb = atoi(argv[3]);
        uint32_t *mem = sbrk(kb * 1024);
        if (mem == (void *)-1)
            die("engineering: no memory for %d KB", kb);
        return (int)eng_simulate(mem, kb, atoi(argv[4]), atoi(argv[2]));
    }

    struct eng_params p;
    if (eng_params(&p, argc, argv) < 0 || p.procs > 64)
        die("usage: engineering [size=small|medium|large] [procs=N] [kb=KB, a power of 2] [iters=N]");
    printf("engineering: %d processes, %d KB each, %d sweeps\n", p.procs, p.kb, p.iters);
    int start = uptime();
    int pids[64];
    char id[12], kb[12], iters[12];
    snprintf(kb, sizeof kb, "%d", p.kb);
    snprintf(iters, sizeof iters, "%d", p.iters);
    for (int i = 0; i < p.procs; i++) {
        snprintf(id, sizeof id, "%d", i);
        char *args[] = { "engineering", "sim", id, kb, iters, NULL };
        if ((pids[i] = spawn("engineering", args)) < 0)
            die("engineering: spawn: error %d", pids[i]);
    }
    uint32_t results[64];
    for (int i = 0; i < p.procs; i++) {
        int status;
        if (wait(pids[i], &status) != pids[i] || status < 0)
            die("engineering: simulation %d failed (status %d)", i, status);
        results[i] = (uint32_t)status;
    }
    printf("engineering: %d ms\n", uptime() - start);
    printf("engineering checksum: 0x%08x\n", eng_checksum(results, p.procs));
    return 0;
}
