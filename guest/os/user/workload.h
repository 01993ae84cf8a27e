/*
 * workload.h - helpers shared by the four workloads and by their host
 * reference implementations (tests/os/): a hash for checksums, a
 * pseudo-random generator, and "key=value" argument parsing.  Plain C on
 * <stdint.h> alone, so the same code runs under disco-os and on the host.
 * Lab: workloads.
 */
#ifndef OS_WORKLOAD_H
#define OS_WORKLOAD_H

#include <stdint.h>

/* FNV-1a, 32 bits, fed one 32-bit word (4 bytes, little-endian) at a time. */
#define FNV_INIT 2166136261u
static inline uint32_t fnv_word(uint32_t h, uint32_t w)
{
    for (int i = 0; i < 4; i++) {
        h ^= (w >> (8 * i)) & 0xff;
        h *= 16777619u;
    }
    return h;
}
static inline uint32_t fnv_bytes(uint32_t h, const uint8_t *p, uint32_t n)
{
    while (n--) {
        h ^= *p++;
        h *= 16777619u;
    }
    return h;
}

/* A 32-bit mixing function (a good integer hash). */
static inline uint32_t mix32(uint32_t x)
{
    x ^= x >> 16;
    x *= 0x7feb352du;
    x ^= x >> 15;
    x *= 0x846ca68bu;
    x ^= x >> 16;
    return x;
}

/* Numerical Recipes' linear congruential generator; returns the high bits. */
static inline uint32_t rng_next(uint32_t *state)
{
    *state = *state * 1664525u + 1013904223u;
    return *state >> 8;
}

static inline int wl_streq(const char *a, const char *b)
{
    while (*a && *a == *b)
        a++, b++;
    return *a == *b;
}

/* The value of "key=value" in argv[1..], or NULL. */
static inline const char *wl_arg(int argc, char **argv, const char *key)
{
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i], *k = key;
        while (*k && *a == *k)
            a++, k++;
        if (!*k && *a == '=')
            return a + 1;
    }
    return 0;
}

static inline int wl_arg_int(int argc, char **argv, const char *key, int dflt)
{
    const char *v = wl_arg(argc, argv, key);
    if (!v)
        return dflt;
    int n = 0;
    while (*v >= '0' && *v <= '9')
        n = n * 10 + (*v++ - '0');
    return n;
}

/* size=small|medium|large (default medium): 0, 1, 2; -1 if unknown. */
static inline int wl_size(int argc, char **argv)
{
    const char *v = wl_arg(argc, argv, "size");
    if (!v || wl_streq(v, "medium"))
        return 1;
    if (wl_streq(v, "small"))
        return 0;
    if (wl_streq(v, "large"))
        return 2;
    return -1;
}

#endif
