/*
 * pmake.c - the pmake workload: a parallel make.  Many short-lived
 * processes (cc.c), each reading a source file from the ramdisk,
 * computing, and writing an object file; then a link step.
 * The algorithm is pmake.h.  Lab: workloads, processes.
 *
 * In Disco's paper, Pmake (a parallel make of the GNU C compiler) is the
 * most kernel-intensive workload: process creation, page faults, file
 * system calls (Table 2: DEMAND_ZERO, QUICK_FAULT, open, read, write,
 * execve, UTLB_MISS).  Under a monitor those kernel operations are what
 * gets slower, so this is where its overhead shows (Figure 5: 116).
 *
 *   pmake [size=small|medium|large] [jobs=N] [passes=P] [j=PARALLEL]
 *
 * It keeps up to PARALLEL jobs (default: 2 per CPU) running: spawn "cc
 * src/FILE obj/J.o J PASSES", wait for any job to end, read and hash its
 * object file, delete it, start the next.  The checksum folds the hashes
 * in job order, so it does not depend on the order jobs finish in.
 */
#include "pmake.h"
#include "ulib.h"

#define MAX_FILES 64

static char manifest[2048];
static char *files[MAX_FILES];

static int read_manifest(void)
{
    int fd = open("src/MANIFEST", O_RDONLY);
    if (fd < 0)
        die("pmake: no src/MANIFEST in the ramdisk");
    int len = read(fd, manifest, sizeof manifest - 1);
    close(fd);
    int n = 0;
    for (char *s = manifest; len > 0 && s < manifest + len && n < MAX_FILES;) {
        files[n++] = s;
        while (*s && *s != '\n')
            s++;
        *s++ = '\0';
    }
    return n;
}

/* The hash of object file name (then deleted). */
static uint32_t hash_object(const char *name)
{
    static uint8_t buf[4096];
    int fd = open(name, O_RDONLY);
    if (fd < 0)
        die("pmake: %s: error %d", name, fd);
    uint32_t h = FNV_INIT;
    for (int n; (n = read(fd, buf, sizeof buf)) > 0;)
        h = fnv_bytes(h, buf, (uint32_t)n);
    close(fd);
    unlink(name);
    return h;
}

int main(int argc, char **argv)
{
    struct pm_params p;
    if (pm_params(&p, argc, argv) < 0)
        die("usage: pmake [size=small|medium|large] [jobs=N] [passes=P] [j=PARALLEL]");
    int parallel = arg_int(argc, argv, "j", 2 * ncpu());
    if (parallel < 1)
        parallel = 1;
    int nfiles = read_manifest();
    if (nfiles == 0)
        die("pmake: empty manifest");
    printf("pmake: %d jobs over %d source files, %d passes, %d at a time\n", p.jobs,
           nfiles, p.passes, parallel);

    int start = uptime();
    uint32_t *hashes = malloc(p.jobs * 4);
    int *pids = malloc(p.jobs * 4);
    int next = 0, running = 0, done = 0;
    char job[12], passes[12], obj[24];
    snprintf(passes, sizeof passes, "%d", p.passes);
    while (done < p.jobs) {
        while (running < parallel && next < p.jobs) {
            snprintf(job, sizeof job, "%d", next);
            snprintf(obj, sizeof obj, "obj/%d.o", next);
            char *args[] = { "cc", files[next % nfiles], obj, job, passes, NULL };
            if ((pids[next] = spawn("cc", args)) < 0)
                die("pmake: spawn cc: error %d", pids[next]);
            next++;
            running++;
        }
        int status, pid = wait(-1, &status), j = 0;
        while (j < next && pids[j] != pid)
            j++;
        if (j == next || status != 0)
            die("pmake: job %d (pid %d) failed with status %d", j, pid, status);
        snprintf(obj, sizeof obj, "obj/%d.o", j);
        hashes[j] = hash_object(obj);
        running--;
        done++;
    }
    printf("pmake: %d ms\n", uptime() - start);
    printf("pmake checksum: 0x%08x\n", pm_link(hashes, p.jobs));
    return 0;
}
