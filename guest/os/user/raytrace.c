/*
 * raytrace.c - the raytrace workload: one parallel program, one thread per
 * CPU, rendering an image from a large scene that all threads share and
 * only read.  The algorithm is raytrace.h.  Lab: workloads, threads.
 *
 * In Disco's paper, Raytrace (from SPLASH) is the workload whose big
 * read-only scene is shared by every processor: under Disco its pages get
 * *replicated* to each NUMA node (Figure 8: from 6% to 76% local cache
 * misses).  Here the scene is the height map.
 *
 *   raytrace [size=small|medium|large] [threads=N] [width=W height=H map=BITS] [show=1]
 *
 * The "threads" are processes sharing one segment (shm): its header, the
 * map (M x M heights) and the image.  The main process makes the segment,
 * spawns N workers ("raytrace worker ID KEY", N = the number of CPUs by
 * default) and waits.  Each worker
 *   1. takes map rows from a shared counter (LL/SC fetch-and-add) and
 *      computes them, until none are left;
 *   2. waits at a barrier for all the others (the map is then complete,
 *      and from now on only read);
 *   3. takes image rows from a second counter and renders them.
 * Rows are handed out dynamically (like SPLASH's work queues), so the
 * threads stay busy however the scheduler treats them - and since every
 * row's value depends only on the map, the image, and its checksum, are
 * the same for any number of threads or CPUs.  The main process prints
 * "raytrace checksum: 0x...".
 */
#include "raytrace.h"
#include "ulib.h"

struct rt_shared {                      /* at the start of the segment */
    struct rt_params params;
    uint32_t nthreads;
    volatile uint32_t next_map_row;     /* work counters */
    volatile uint32_t next_image_row;
    volatile uint32_t arrived;          /* barrier */
};

static uint32_t seg_size(const struct rt_params *p)
{
    uint32_t M = 1u << p->map_bits;
    return 4096 + M * M * 4 + (uint32_t)p->width * p->height * 4;
}

static fx *seg_map(struct rt_shared *sh)
{
    return (fx *)((char *)sh + 4096);
}

static uint32_t *seg_image(struct rt_shared *sh)
{
    uint32_t M = 1u << sh->params.map_bits;
    return (uint32_t *)((char *)seg_map(sh) + M * M * 4);
}

static int worker(uint32_t key)
{
    struct rt_shared *sh = shm(key, 0);
    if (!sh)
        die("raytrace worker: no segment %x", key);
    struct rt_params *p = &sh->params;
    uint32_t M = 1u << p->map_bits;

    /* 1. the scene */
    fx *map = seg_map(sh);
    uint32_t row;
    while ((row = fetch_add(&sh->next_map_row, 1)) < M)
        rt_gen_row(p, map, (int)row);

    /* 2. everyone's rows are done */
    fetch_add(&sh->arrived, 1);
    while (sh->arrived < sh->nthreads)
        yield();

    /* 3. the image */
    struct rt_scene scene = { map, p->map_bits, (int)M - 1, p->width, p->height };
    uint32_t *image = seg_image(sh);
    while ((row = fetch_add(&sh->next_image_row, 1)) < (uint32_t)p->height)
        rt_render_row(&scene, image, (int)row);
    return 0;
}

int main(int argc, char **argv)
{
    if (argc == 4 && strcmp(argv[1], "worker") == 0)
        return worker((uint32_t)atoi(argv[3]));

    struct rt_params params;
    if (rt_params(&params, argc, argv) < 0)
        die("usage: raytrace [size=small|medium|large] [threads=N] [width=W] "
            "[height=H] [map=BITS] [show=1]");
    int nthreads = arg_int(argc, argv, "threads", ncpu());
    if (nthreads < 1)
        nthreads = 1;
    uint32_t M = 1u << params.map_bits;
    printf("raytrace: %dx%d pixels, %ux%u map (%u KB), %d threads\n", params.width,
           params.height, M, M, M * M * 4 / 1024, nthreads);

    uint32_t key = 0x52540000u | (uint32_t)getpid();
    struct rt_shared *sh = shm(key, seg_size(&params));
    if (!sh)
        die("raytrace: cannot make a %u-byte shared segment", seg_size(&params));
    sh->params = params;
    sh->nthreads = (uint32_t)nthreads;

    int start = uptime();
    char id[12], keystr[12];
    snprintf(keystr, sizeof keystr, "%u", key);
    for (int i = 0; i < nthreads; i++) {
        snprintf(id, sizeof id, "%d", i);
        char *args[] = { "raytrace", "worker", id, keystr, NULL };
        int pid = spawn("raytrace", args);
        if (pid < 0)
            die("raytrace: spawn: error %d", pid);
    }
    int failed = 0, status;
    for (int i = 0; i < nthreads; i++)
        if (wait(-1, &status) < 0 || status != 0)
            failed++;
    if (failed)
        die("raytrace: %d threads failed", failed);

    const uint32_t *image = seg_image(sh);
    if (arg_int(argc, argv, "show", 0))
        for (int y = 0; y < params.height; y++) {
            char line[260];
            int n = 0;
            for (int x = 0; x < params.width && n < 256; x++)
                line[n++] = rt_ascii(image[y * params.width + x]);
            line[n++] = '\n';
            write(1, line, n);
        }
    printf("raytrace: %d ms\n", uptime() - start);
    printf("raytrace checksum: 0x%08x\n", rt_checksum(image, params.width * params.height));
    return 0;
}
