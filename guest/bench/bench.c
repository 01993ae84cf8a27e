/*
 * bench.c - a compute-bound bare-metal benchmark for disco and for the
 * emulators it is compared with (tools/bench runs it on disco, QEMU and
 * gxemul).
 *
 * Each pass does a fixed amount of integer work over a 64 KB array: a
 * multiply/shift/xor mixing sweep (loads, stores, ALU, multiplies), a
 * table-driven CRC-32 of the array's bytes (byte loads, table lookups), a
 * 24x24 integer matrix multiply (multiply-accumulate, nested loops) and an
 * iterative quicksort of 2048 words (data-dependent branches).  Every
 * result feeds back into the array, so no pass can be skipped, and the
 * run ends by printing one checksum that is the same on every correct
 * MIPS32 emulator:
 *
 *     bench: n=1000 checksum=0x14a52032 (ok)
 *
 * ("ok" or "WRONG" when n is one whose checksum is known, else "unknown").
 * The number of passes is BENCH_N (a compile-time constant) unless the
 * boot arguments say otherwise: `-append "n=100"` (QEMU and disco) or
 * `-o "n=100"` (gxemul).  The work is linear in n; one pass is about
 * 1.4 million guest instructions.  Nothing here reads a timer, so the
 * instruction stream is identical on every emulator and every run.
 */
#include <stdint.h>

#include "console.h"

#ifndef BENCH_N
#define BENCH_N 1000            /* passes by default: ~1.4e9 instructions */
#endif

#define DATA_WORDS (64 * 1024 / 4)      /* the 64 KB working array */
#define DATA_MASK (DATA_WORDS - 1)
#define MAT 24                          /* matrix side */
#define SORT_N 2048                     /* words sorted per pass */

static uint32_t data[DATA_WORDS];
static uint32_t crc_table[256];
static int32_t mat_a[MAT][MAT], mat_b[MAT][MAT], mat_c[MAT][MAT];
static uint32_t sortbuf[SORT_N];
static int sort_failures;

static inline uint32_t rotl(uint32_t x, unsigned r)
{
    return (x << r) | (x >> (32 - r));
}

/* ---- setup ---------------------------------------------------------------- */

static void make_crc_table(void)
{
    for (uint32_t i = 0; i < 256; i++) {
        uint32_t c = i;
        for (int k = 0; k < 8; k++)
            c = (c & 1) ? 0xedb88320u ^ (c >> 1) : c >> 1;
        crc_table[i] = c;
    }
}

static void fill_data(void)
{
    uint32_t x = 0x12345678u;   /* xorshift32 */
    for (int i = 0; i < DATA_WORDS; i++) {
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        data[i] = x;
    }
}

/* ---- the four kernels ----------------------------------------------------- */

/* Mixing sweep: each word is combined with a neighbour and a word far
 * away, multiplied, and stored back. */
static uint32_t mix(uint32_t seed)
{
    uint32_t acc = seed;
    for (int i = 0; i < DATA_WORDS; i++) {
        uint32_t x = data[i];
        uint32_t y = data[(i + 1) & DATA_MASK];
        uint32_t z = data[(i * 7 + 129) & DATA_MASK];
        x = (x ^ (y >> 7)) * 0x9e3779b1u + rotl(z, 11);
        x ^= x >> 15;
        data[i] = x;
        acc += x;
    }
    return acc;
}

/* Table-driven CRC-32 (IEEE 802.3) of the whole array, byte by byte. */
static uint32_t crc32_data(void)
{
    const uint8_t *p = (const uint8_t *)data;
    uint32_t c = 0xffffffffu;
    for (int i = 0; i < DATA_WORDS * 4; i++)
        c = crc_table[(c ^ p[i]) & 0xff] ^ (c >> 8);
    return ~c;
}

/* C = A * B over small signed matrices loaded from the array. */
static uint32_t matmul(unsigned pass)
{
    unsigned base = (pass * 577u) & DATA_MASK;
    for (int i = 0; i < MAT; i++)
        for (int j = 0; j < MAT; j++) {
            uint32_t w = data[(base + i * MAT + j) & DATA_MASK];
            mat_a[i][j] = (int16_t)w;
            mat_b[i][j] = (int16_t)(w >> 16);
        }
    uint32_t sum = 0;
    for (int i = 0; i < MAT; i++)
        for (int j = 0; j < MAT; j++) {
            int32_t s = 0;
            for (int k = 0; k < MAT; k++)
                s += mat_a[i][k] * mat_b[k][j];
            mat_c[i][j] = s;
            sum = rotl(sum, 3) ^ (uint32_t)s;
        }
    return sum;
}

/* Iterative quicksort (median of three, insertion sort for short runs)
 * of SORT_N words copied from the array; checks the result is ordered. */
static void insertion_sort(uint32_t *a, int lo, int hi)
{
    for (int i = lo + 1; i <= hi; i++) {
        uint32_t v = a[i];
        int j = i - 1;
        while (j >= lo && a[j] > v) {
            a[j + 1] = a[j];
            j--;
        }
        a[j + 1] = v;
    }
}

static uint32_t sort_slice(unsigned pass)
{
    unsigned base = (pass * 1031u) & DATA_MASK;
    for (int i = 0; i < SORT_N; i++)
        sortbuf[i] = data[(base + i) & DATA_MASK];

    int stack[64];
    int sp = 0;
    stack[sp++] = 0;
    stack[sp++] = SORT_N - 1;
    while (sp) {
        int hi = stack[--sp];
        int lo = stack[--sp];
        if (hi - lo < 16) {
            insertion_sort(sortbuf, lo, hi);
            continue;
        }
        int mid = lo + (hi - lo) / 2;
        uint32_t a = sortbuf[lo], b = sortbuf[mid], c = sortbuf[hi];
        uint32_t pivot = a < b ? (b < c ? b : (a < c ? c : a))
                               : (a < c ? a : (b < c ? c : b));
        int i = lo, j = hi;
        while (i <= j) {
            while (sortbuf[i] < pivot)
                i++;
            while (sortbuf[j] > pivot)
                j--;
            if (i <= j) {
                uint32_t t = sortbuf[i];
                sortbuf[i] = sortbuf[j];
                sortbuf[j] = t;
                i++;
                j--;
            }
        }
        /* push the larger part first so the stack stays O(log n) */
        if (j - lo > hi - i) {
            stack[sp++] = lo; stack[sp++] = j;
            stack[sp++] = i;  stack[sp++] = hi;
        } else {
            stack[sp++] = i;  stack[sp++] = hi;
            stack[sp++] = lo; stack[sp++] = j;
        }
    }

    uint32_t sum = 0;
    for (int i = 1; i < SORT_N; i++)
        if (sortbuf[i - 1] > sortbuf[i])
            sort_failures++;
    for (int i = 0; i < SORT_N; i += 61)
        sum = rotl(sum, 5) + sortbuf[i];
    return sum;
}

/* ---- boot arguments ------------------------------------------------------- */

static int is_kseg01(const void *p)
{
    uint32_t a = (uint32_t)p;
    return a >= 0x80000000u && a < 0xc0000000u;
}

/* Finds "n=NUM" among the YAMON arguments (QEMU passes the -append
 * string as one argument; split on spaces anyway).  Returns 0 if absent
 * or malformed.  The pointers are checked because a boot loader that
 * passes nothing leaves garbage in a0/a1. */
static unsigned arg_passes(int argc, char **argv)
{
    if (argc < 1 || argc > 32 || !is_kseg01(argv))
        return 0;
    for (int i = 1; i < argc; i++) {
        const char *s = argv[i];
        if (!is_kseg01(s))
            continue;
        while (*s) {
            if ((s == argv[i] || s[-1] == ' ') && s[0] == 'n' && s[1] == '=') {
                unsigned v = 0;
                const char *d = s + 2;
                while (*d >= '0' && *d <= '9' && v < 100000000u)
                    v = v * 10 + (unsigned)(*d++ - '0');
                if (d > s + 2 && (*d == 0 || *d == ' '))
                    return v;
            }
            s++;
        }
    }
    return 0;
}

/* ---- main ----------------------------------------------------------------- */

/* Checksums of this exact algorithm, taken on QEMU and gxemul (which
 * agree), so that a run on disco alone can tell right from wrong.  If you
 * change the algorithm, update them (or the run says "unknown"). */
static const struct {
    unsigned n;
    uint32_t checksum;
} known[] = {
    { 1, 0xd1c93f70u },
    { 10, 0xf500063eu },
    { 100, 0x46822352u },     /* tools/bench --quick */
    { 1000, 0x14a52032u },    /* the default */
};

int main(int argc, char **argv)
{
    unsigned n = arg_passes(argc, argv);
    if (n == 0)
        n = BENCH_N;

    make_crc_table();
    fill_data();

    uint32_t check = 0x6a09e667u;
    for (unsigned pass = 0; pass < n; pass++) {
        uint32_t m = mix(check);
        uint32_t c = crc32_data();
        uint32_t mm = matmul(pass);
        uint32_t s = sort_slice(pass);
        /* feed the results back so every pass depends on the last */
        data[pass & DATA_MASK] ^= c;
        data[(pass * 13u + 7u) & DATA_MASK] += mm ^ s;
        check = rotl(check ^ m, 7) + (c ^ rotl(mm, 13) ^ rotl(s, 23));
    }

    const char *verdict = "unknown";
    for (unsigned i = 0; i < sizeof known / sizeof known[0]; i++)
        if (known[i].n == n)
            verdict = known[i].checksum == check ? "ok" : "WRONG";
    if (sort_failures)
        printf("bench: SORT FAILED %d times\n", sort_failures);
    printf("bench: n=%u checksum=0x%08x (%s)\n", n, check, verdict);
    return sort_failures != 0 || verdict[0] == 'W';
}
