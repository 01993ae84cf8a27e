/*
 * pmake.c - host reference for disco-os's pmake workload
 * (guest/os/user/pmake.c, cc.c): the same compile jobs (pmake.h), run one
 * after the other on the same input files, read from the staged ramdisk
 * directory ($BUILD/guest/os/ramdisk).  Prints "pmake checksum: 0x...".
 *
 *   pmake RAMDISK_DIR [size=small|medium|large] [jobs=N] [passes=P]
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pmake.h"

static uint8_t *slurp(const char *dir, const char *name, uint32_t *len)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "rb");
    if (!f) {
        perror(path);
        exit(1);
    }
    uint8_t *buf = NULL;
    size_t n = 0, cap = 0;
    for (int c; (c = getc(f)) != EOF; buf[n++] = (uint8_t)c)
        if (n == cap && !(buf = realloc(buf, cap = cap * 2 + 4096)))
            exit(1);
    fclose(f);
    *len = (uint32_t)n;
    return buf;
}

int main(int argc, char **argv)
{
    struct pm_params p;
    if (argc < 2 || pm_params(&p, argc - 1, argv + 1) < 0) {
        fprintf(stderr, "usage: pmake RAMDISK_DIR [size=small|medium|large] [jobs=N] [passes=P]\n");
        return 2;
    }
    uint32_t mlen;
    char *manifest = (char *)slurp(argv[1], "src/MANIFEST", &mlen);
    char *files[64];
    int nfiles = 0;
    for (char *s = manifest; s < manifest + mlen && nfiles < 64;) {
        files[nfiles++] = s;
        while (s < manifest + mlen && *s != '\n')
            s++;
        *s++ = '\0';
    }
    uint32_t *hashes = calloc(p.jobs, 4);
    for (int j = 0; j < p.jobs; j++) {
        uint32_t len;
        uint8_t *src = slurp(argv[1], files[j % nfiles], &len);
        uint32_t *symtab = calloc(PM_SYMTAB, 4), *obj = calloc(len + 4, 4);
        uint32_t words = pm_compile(src, len, j, p.passes, symtab, obj);
        hashes[j] = pm_object_hash((const uint8_t *)obj, words * 4);
        free(src);
        free(symtab);
        free(obj);
    }
    printf("pmake checksum: 0x%08x\n", pm_link(hashes, p.jobs));
    return 0;
}
