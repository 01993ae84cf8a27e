/* guest/linux/tlbstress/tlbstress.c - a Linux user-space workload that is
 * heavy on fork, exec, mmap/munmap, mremap and mprotect, and checks every
 * byte it reads back (see guest/linux/README.md, "tlbstress").
 *
 *   tlbstress [ROUNDS]        the test (default 40 rounds)
 *   tlbstress child SEED      what the test execs: a small mapping workout,
 *                             prints its checksum (8 hex digits) on stdout
 *
 * It is meant to catch a stale address translation anywhere between the
 * guest's TLB and the host's memory (an emulator's cached translations, a
 * second-level TLB, ...): the same virtual address is made to mean another
 * page, or no page, or a read-only page, over and over, in one process and
 * across processes, and the ASIDs of the 4kc kernel (8 bits: 256 contexts)
 * wrap many times over.  A stale translation shows as a wrong word, a
 * missing or unexpected SIGSEGV, or a crash.  Each round:
 *
 *   - mmap: a fresh anonymous mapping reads zero (the shared zero page) and
 *     then holds a per-page pattern; a hole is unmapped (reads and writes
 *     there fault with SEGV_MAPERR at the exact address) and mapped again
 *     at the same address with MAP_FIXED (zero, then a new pattern); part
 *     is replaced by MAP_FIXED over the live mapping; the tail is unmapped;
 *   - mremap: a mapping is moved (MREMAP_FIXED) into a reserved range and
 *     grown: the data moves with it, the old address faults, the new pages
 *     read zero;
 *   - mprotect: read-only pages fault on write (SEGV_ACCERR) and keep their
 *     data, PROT_NONE pages fault on read, and read-write again takes writes;
 *   - copy-on-write: a parent and its forked child take turns writing new
 *     patterns to overlapping sets of pages of the same private mapping,
 *     each checking that it sees only its own writes, and both see each
 *     other's writes to a MAP_SHARED page;
 *   - fork + exec: 16 children: this program again (`child SEED`, whose
 *     checksum, read from a pipe, must equal the one the parent computes),
 *     busybox's true (by vfork), false (by fork, the child first writing
 *     to the parent's data: copy-on-write) and expr (by fork and by vfork,
 *     its answer read from a pipe); 640 execs in 40 rounds, each a new mm;
 *   - a long-lived mapping, written in one round and checked in the next,
 *     across all those context switches and ASID generations.
 *
 * Every line it prints is the same on every run: no PIDs, addresses or
 * times.  One line per round ("round NN XXXXXXXX", a checksum of what the
 * round read back), then "tlbstress: OK XXXXXXXX" (exit status 0) or, at
 * the first wrong value, "tlbstress: FAIL what" (exit status 1).
 *
 * Built static with Debian's cross compiler (the Makefile's
 * $(BUILD)/guest/linux/tlbstress):
 *     mipsel-linux-gnu-gcc -static -O2 -o tlbstress tlbstress.c
 */
#define _GNU_SOURCE
#include <errno.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#define DEFAULT_ROUNDS 40
#define EXECS_PER_ROUND 16
#define LONG_PAGES 48 /* the long-lived mapping */
#define BUSYBOX "/bin/busybox" /* its applets: argv[0] names the applet */

static size_t pg;     /* page size */
static size_t pw;     /* words per page */
static const char *self = "/proc/self/exe";
static int child_mode;

/* Counts, printed at the end (deterministic). */
static unsigned n_forks, n_execs, n_faults;

/* ---- failing ------------------------------------------------------------ */

static void fail(const char *fmt, ...)
{
    va_list ap;
    fflush(stdout);
    printf("tlbstress: FAIL %s", child_mode ? "child: " : "");
    va_start(ap, fmt);
    vprintf(fmt, ap);
    va_end(ap);
    printf("\n");
    fflush(stdout);
    _exit(1);
}

/* ---- patterns and checksums -------------------------------------------- */

static uint32_t mix(uint32_t x)
{
    x ^= x >> 16;
    x *= 0x7feb352dU;
    x ^= x >> 15;
    x *= 0x846ca68bU;
    x ^= x >> 16;
    return x;
}

/* The first word of page `page` (an index within its test, not an address)
 * of the pattern `seed`; word i of the page is that plus i * 0x01000193. */
static uint32_t page_base(uint32_t seed, uint32_t page)
{
    return mix(seed * 0x9e3779b9U + page * 0x85ebca6bU + 1);
}

static uint32_t fold(uint32_t cs, uint32_t v)
{
    return (cs ^ v) * 0x01000193U + 0x2545f491U;
}

static uint32_t *pageptr(void *base, size_t page)
{
    return (uint32_t *)((char *)base + page * pg);
}

static void fill_page(void *base, size_t page, uint32_t seed, uint32_t index)
{
    uint32_t *p = pageptr(base, page);
    uint32_t v = page_base(seed, index);
    for (size_t i = 0; i < pw; i++, v += 0x01000193U)
        p[i] = v;
}

/* Checks a page against its pattern (seed 0 means "reads zero") and folds
 * the page's pattern into *cs. */
static void check_page(const char *what, void *base, size_t page, uint32_t seed,
                       uint32_t index, uint32_t *cs)
{
    const uint32_t *p = pageptr(base, page);
    uint32_t v = seed ? page_base(seed, index) : 0;
    uint32_t step = seed ? 0x01000193U : 0;
    for (size_t i = 0; i < pw; i++, v += step)
        if (p[i] != v)
            fail("%s: page %u word %u is %08x, not %08x", what, (unsigned)page,
                 (unsigned)i, (unsigned)p[i], (unsigned)v);
    *cs = fold(*cs, (seed ? page_base(seed, index) : 0) ^ (uint32_t)page);
}

static void fill(void *base, size_t from, size_t n, uint32_t seed)
{
    for (size_t i = from; i < from + n; i++)
        fill_page(base, i, seed, (uint32_t)i);
}

static void check(const char *what, void *base, size_t from, size_t n, uint32_t seed,
                  uint32_t *cs)
{
    for (size_t i = from; i < from + n; i++)
        check_page(what, base, i, seed, (uint32_t)i, cs);
}

/* ---- expected faults ---------------------------------------------------- */

static sigjmp_buf fault_jb;
static volatile sig_atomic_t fault_armed;
static volatile int fault_code;
static void *volatile fault_addr;
static volatile uint32_t sink;

static void on_segv(int sig, siginfo_t *si, void *uc)
{
    (void)uc;
    if (!fault_armed) {
        static const char m1[] = "tlbstress: FAIL unexpected SIGSEGV\n";
        static const char m2[] = "tlbstress: FAIL unexpected SIGBUS\n";
        if (sig == SIGBUS)
            write(1, m2, sizeof m2 - 1);
        else
            write(1, m1, sizeof m1 - 1);
        _exit(1);
    }
    fault_armed = 0;
    fault_code = sig == SIGBUS ? -1 : si->si_code;
    fault_addr = si->si_addr;
    siglongjmp(fault_jb, 1);
}

/* Reads (write == 0) or writes v to *p; returns 0 if that worked, else
 * the fault's si_code, after checking that it faulted at p. */
static int probe(volatile uint32_t *p, int write, uint32_t v)
{
    if (sigsetjmp(fault_jb, 1)) {
        if (fault_code == -1)
            fail("SIGBUS on a %s", write ? "write" : "read");
        if (fault_addr != (void *)p)
            fail("SIGSEGV on a %s at another address", write ? "write" : "read");
        return fault_code;
    }
    fault_armed = 1;
    if (write)
        *p = v;
    else
        sink = *p;
    fault_armed = 0;
    return 0;
}

static void expect_fault(const char *what, void *base, size_t page, size_t word, int write,
                         int code)
{
    volatile uint32_t *p = pageptr(base, page) + word;
    int got = probe(p, write, 0xdeadbeefU);
    if (got != code)
        fail("%s: %s of page %u: %s (si_code %d), not SIGSEGV %s", what,
             write ? "write" : "read", (unsigned)page, got ? "SIGSEGV" : "no fault", got,
             code == SEGV_MAPERR ? "SEGV_MAPERR" : "SEGV_ACCERR");
    n_faults++;
}

static void expect_ok(const char *what, void *base, size_t page, size_t word, int write,
                      uint32_t v)
{
    int got = probe(pageptr(base, page) + word, write, v);
    if (got)
        fail("%s: %s of page %u faulted (si_code %d)", what, write ? "write" : "read",
             (unsigned)page, got);
}

/* ---- mappings ----------------------------------------------------------- */

static void *map(void *at, size_t pages, int prot, int flags, const char *what)
{
    void *p = mmap(at, pages * pg, prot, flags | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED)
        fail("%s: mmap of %u pages: %s", what, (unsigned)pages, strerror(errno));
    if (at && (flags & MAP_FIXED) && p != at)
        fail("%s: MAP_FIXED mapped elsewhere", what);
    return p;
}

static void unmap(void *base, size_t from, size_t n, const char *what)
{
    if (munmap(pageptr(base, from), n * pg))
        fail("%s: munmap: %s", what, strerror(errno));
}

static void protect(void *base, size_t from, size_t n, int prot, const char *what)
{
    if (mprotect(pageptr(base, from), n * pg, prot))
        fail("%s: mprotect: %s", what, strerror(errno));
}

/* ---- the tests ---------------------------------------------------------- */

/* mmap, munmap, MAP_FIXED at the same address. */
static uint32_t test_mmap(uint32_t r)
{
    const char *w = "mmap";
    uint32_t cs = 0, sa = 0x1000 + r, sb = 0x2000 + r, sc = 0x3000 + r;
    size_t n = 16 + (r * 7) % 48;
    void *p = map(NULL, n, PROT_READ | PROT_WRITE, MAP_PRIVATE, w);

    /* Fresh: zero (reads map the zero page), then the pattern (the writes
     * replace it: the same address, another page). */
    check("mmap fresh", p, 0, n, 0, &cs);
    fill(p, 0, n, sa);
    check("mmap filled", p, 0, n, sa, &cs);

    /* A hole: gone, then mapped again at the same address. */
    size_t a = 1 + r % (n / 2), len = 1 + (r * 3) % (n / 4);
    unmap(p, a, len, w);
    expect_fault("mmap hole", p, a, 0, 0, SEGV_MAPERR);
    expect_fault("mmap hole", p, a + len - 1, pw - 1, 1, SEGV_MAPERR);
    check("mmap around the hole", p, 0, a, sa, &cs);
    check("mmap around the hole", p, a + len, n - a - len, sa, &cs);
    map(pageptr(p, a), len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_FIXED, w);
    check("mmap hole remapped", p, a, len, 0, &cs);
    fill(p, a, len, sb);
    check("mmap hole refilled", p, a, len, sb, &cs);

    /* MAP_FIXED over a live mapping, without munmap. */
    size_t b = n / 2 + (r % (n / 4)), len2 = 1 + r % (n - b);
    map(pageptr(p, b), len2, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_FIXED, w);
    check("mmap replaced", p, b, len2, 0, &cs);
    fill(p, b, len2, sc);
    for (size_t i = 0; i < n; i++) {
        uint32_t s = (i >= b && i < b + len2) ? sc : (i >= a && i < a + len) ? sb : sa;
        check_page("mmap all", p, i, s, (uint32_t)i, &cs);
    }

    /* The tail goes, then all of it. */
    size_t tail = n / 4;
    unmap(p, n - tail, tail, w);
    expect_fault("mmap tail", p, n - 1, 3, 1, SEGV_MAPERR);
    expect_fault("mmap tail", p, n - tail, 0, 0, SEGV_MAPERR);
    unmap(p, 0, n - tail, w);
    expect_fault("mmap gone", p, 0, 0, 0, SEGV_MAPERR);
    expect_fault("mmap gone", p, a, 1, 1, SEGV_MAPERR);
    return cs;
}

/* mremap: moved into a reserved range, and grown. */
static uint32_t test_mremap(uint32_t r)
{
    const char *w = "mremap";
    uint32_t cs = 0, s = 0x4000 + r;
    size_t n = 4 + r % 13, grow = 2 + r % 5;
    /* The destination: reserved, then given back, so nothing else is there. */
    void *dst = map(NULL, n + grow, PROT_NONE, MAP_PRIVATE, w);
    void *src = map(NULL, n, PROT_READ | PROT_WRITE, MAP_PRIVATE, w);
    fill(src, 0, n, s);
    void *q = mremap(src, n * pg, (n + grow) * pg, MREMAP_MAYMOVE | MREMAP_FIXED, dst);
    if (q == MAP_FAILED)
        fail("mremap: %s", strerror(errno));
    if (q != dst)
        fail("mremap: MREMAP_FIXED moved elsewhere");
    expect_fault("mremap old", src, 0, 0, 0, SEGV_MAPERR);
    expect_fault("mremap old", src, n - 1, pw - 1, 1, SEGV_MAPERR);
    check("mremap moved", q, 0, n, s, &cs);
    check("mremap grown", q, n, grow, 0, &cs);
    fill(q, n, grow, s);
    check("mremap all", q, 0, n + grow, s, &cs);
    unmap(q, 0, n + grow, w);
    expect_fault("mremap gone", q, n, 0, 1, SEGV_MAPERR);
    return cs;
}

/* mprotect: read-only, no access, read-write again. */
static uint32_t test_mprotect(uint32_t r)
{
    const char *w = "mprotect";
    uint32_t cs = 0, sa = 0x5000 + r, sb = 0x6000 + r;
    size_t n = 8 + r % 24;
    void *p = map(NULL, n, PROT_READ | PROT_WRITE, MAP_PRIVATE, w);
    fill(p, 0, n, sa);

    size_t a = r % (n / 2), len = 2 + r % (n / 2);
    protect(p, a, len, PROT_READ, w);
    for (size_t i = a; i < a + len; i++) {
        expect_fault("mprotect read-only", p, i, (i * 37) % pw, 1, SEGV_ACCERR);
        expect_ok("mprotect read-only", p, i, 0, 0, 0);
    }
    check("mprotect read-only kept", p, 0, n, sa, &cs);
    /* The pages around it still take writes (and get their word back). */
    if (a > 0) {
        expect_ok("mprotect before", p, a - 1, 5, 1, 0x12345678U);
        fill_page(p, a - 1, sa, (uint32_t)(a - 1));
    }
    if (a + len < n) {
        expect_ok("mprotect after", p, a + len, 6, 1, 0x9abcdef0U);
        fill_page(p, a + len, sa, (uint32_t)(a + len));
    }

    /* No access: reads fault too; then read-only again: reads work. */
    protect(p, a, 1, PROT_NONE, w);
    expect_fault("mprotect none", p, a, 7, 0, SEGV_ACCERR);
    expect_fault("mprotect none", p, a, 8, 1, SEGV_ACCERR);
    protect(p, a, 1, PROT_READ, w);
    check_page("mprotect none to read-only", p, a, sa, (uint32_t)a, &cs);

    /* Read-write: the writes land. */
    protect(p, a, len, PROT_READ | PROT_WRITE, w);
    fill(p, a, len, sb);
    for (size_t i = 0; i < n; i++)
        check_page("mprotect read-write", p, i, (i >= a && i < a + len) ? sb : sa,
                   (uint32_t)i, &cs);

    /* Read-only again after the pages were written (dirty). */
    protect(p, 0, n, PROT_READ, w);
    expect_fault("mprotect dirty read-only", p, a, 0, 1, SEGV_ACCERR);
    expect_fault("mprotect dirty read-only", p, n - 1, pw - 1, 1, SEGV_ACCERR);
    check("mprotect dirty kept", p, 0, a, sa, &cs);
    unmap(p, 0, n, w);
    return cs;
}

static void put(int fd, uint32_t v)
{
    if (write(fd, &v, sizeof v) != (ssize_t)sizeof v)
        fail("cow: pipe write: %s", strerror(errno));
}

static uint32_t get(int fd)
{
    uint32_t v;
    ssize_t got;
    do
        got = read(fd, &v, sizeof v);
    while (got < 0 && errno == EINTR);
    if (got != (ssize_t)sizeof v)
        fail("cow: pipe read: %s", got < 0 ? strerror(errno) : "end of file");
    return v;
}

/* Copy-on-write: parent and child take turns writing the same private
 * pages; a MAP_SHARED page carries each side's turn to the other. */
static uint32_t test_cow(uint32_t r)
{
    const char *w = "cow";
    enum { TURNS = 4, MAXP = 24 };
    uint32_t cs = 0, s0 = 0x7000 + r;
    size_t n = 8 + r % 16;
    uint32_t seeds[MAXP];
    void *p = map(NULL, n, PROT_READ | PROT_WRITE, MAP_PRIVATE, w);
    volatile uint32_t *shared = map(NULL, 1, PROT_READ | PROT_WRITE, MAP_SHARED, w);
    int to_child[2], to_parent[2];

    fill(p, 0, n, s0);
    for (size_t i = 0; i < n; i++)
        seeds[i] = s0;
    shared[0] = 0;
    if (pipe(to_child) || pipe(to_parent))
        fail("cow: pipe: %s", strerror(errno));
    fflush(stdout);
    pid_t pid = fork();
    if (pid < 0)
        fail("cow: fork: %s", strerror(errno));
    n_forks++;
    int me = pid == 0; /* 0 parent, 1 child */
    int in = me ? to_child[0] : to_parent[0], out = me ? to_parent[1] : to_child[1];
    close(me ? to_child[1] : to_parent[1]);
    close(me ? to_parent[0] : to_child[0]);

    /* Turn t belongs to the parent when t is even.  The side whose turn it
     * is checks its own view, rewrites every other page (which ones depends
     * on the turn and the side) and checks again. */
    for (uint32_t t = 0; t < 2 * TURNS; t++) {
        if ((int)(t & 1) != me)
            continue;
        if (t > 0 && get(in) != t)
            fail("cow: out of turn");
        if (shared[0] != t)
            fail("cow: shared page says turn %u, not %u", (unsigned)shared[0], (unsigned)t);
        for (size_t i = 0; i < n; i++)
            check_page(me ? "cow child view" : "cow parent view", p, i, seeds[i],
                       (uint32_t)i, &cs);
        for (size_t i = (t / 2 + me) & 1; i < n; i += 2) {
            seeds[i] = 0x8000 + r * 64 + t * 2 + (uint32_t)me;
            fill_page(p, i, seeds[i], (uint32_t)i);
        }
        for (size_t i = 0; i < n; i++)
            check_page(me ? "cow child after writing" : "cow parent after writing", p, i,
                       seeds[i], (uint32_t)i, &cs);
        shared[0] = t + 1;
        put(out, t + 1);
    }
    if (me) {
        /* The child's checksum goes to the parent, which folds it in. */
        put(out, cs);
        _exit(0);
    }
    if (get(in) != 2 * TURNS)
        fail("cow: out of turn at the end");
    uint32_t child_cs = get(in);
    int status;
    if (waitpid(pid, &status, 0) != pid)
        fail("cow: waitpid: %s", strerror(errno));
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
        fail("cow: the child ended with status %#x", (unsigned)status);
    if (shared[0] != 2 * TURNS)
        fail("cow: shared page says %u at the end", (unsigned)shared[0]);
    for (size_t i = 0; i < n; i++)
        check_page("cow parent at the end", p, i, seeds[i], (uint32_t)i, &cs);
    close(in);
    close(out);
    unmap(p, 0, n, w);
    unmap((void *)shared, 0, 1, w);
    return fold(cs, child_cs);
}

/* What `tlbstress child SEED` computes (the parent computes it too). */
static uint32_t child_work(uint32_t seed)
{
    const char *w = "child";
    uint32_t cs = seed;
    size_t n = 4 + seed % 12;
    void *p = map(NULL, n, PROT_READ | PROT_WRITE, MAP_PRIVATE, w);
    fill(p, 0, n, seed);
    check("child filled", p, 0, n, seed, &cs);
    unmap(p, n / 2, n - n / 2, w);
    expect_fault("child hole", p, n / 2, 0, 0, SEGV_MAPERR);
    map(pageptr(p, n / 2), n - n / 2, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_FIXED, w);
    check("child remapped", p, n / 2, n - n / 2, 0, &cs);
    fill(p, n / 2, n - n / 2, seed ^ 0x5555);
    check("child refilled", p, n / 2, n - n / 2, seed ^ 0x5555, &cs);
    protect(p, 0, 1, PROT_READ, w);
    expect_fault("child read-only", p, 0, 9, 1, SEGV_ACCERR);
    check("child kept", p, 0, n / 2, seed, &cs);
    unmap(p, 0, n, w);
    return cs;
}

/* fork (or vfork) + exec of path with argv; stdout to a pipe when out != NULL (up to
 * size - 1 bytes read into it); returns the exit status, or fails. */
static int run(int use_vfork, const char *path, char *const argv[], char *out, size_t size)
{
    int fd[2] = {-1, -1};
    if (out && pipe(fd))
        fail("exec: pipe: %s", strerror(errno));
    fflush(stdout);
    pid_t pid = use_vfork ? vfork() : fork();
    if (pid < 0)
        fail("exec: fork: %s", strerror(errno));
    if (pid == 0) {
        if (out) {
            dup2(fd[1], 1);
            close(fd[0]);
            close(fd[1]);
        }
        execv(path, argv);
        _exit(127);
    }
    n_forks++;
    n_execs++;
    if (out) {
        size_t got = 0;
        ssize_t k;
        close(fd[1]);
        while (got < size - 1 && ((k = read(fd[0], out + got, size - 1 - got)) > 0 ||
                                  (k < 0 && errno == EINTR)))
            if (k > 0)
                got += (size_t)k;
        out[got] = 0;
        close(fd[0]);
    }
    int status;
    while (waitpid(pid, &status, 0) != pid)
        if (errno != EINTR)
            fail("exec: waitpid: %s", strerror(errno));
    if (WIFSIGNALED(status))
        fail("exec: %s %s killed by signal %d", argv[0], argv[1] ? argv[1] : "",
             WTERMSIG(status));
    if (!WIFEXITED(status))
        fail("exec: %s did not exit", argv[0]);
    if (WEXITSTATUS(status) == 127)
        fail("exec: %s: cannot execute", argv[0]);
    return WEXITSTATUS(status);
}

/* A few bytes of the parent's data a forked child writes before exec: the
 * child's copy-on-write fault, then its exec, must leave these alone. */
static uint32_t scribble[1024];

static uint32_t test_exec(uint32_t r)
{
    uint32_t cs = 0;
    char buf[64], arg[32], arg2[32];
    for (uint32_t i = 0; i < EXECS_PER_ROUND; i++) {
        uint32_t seed = r * EXECS_PER_ROUND + i + 1;
        int st;
        scribble[i] = seed;
        switch (i % 8) {
        case 0:
        case 4:
        case 6: { /* this program again */
            snprintf(arg, sizeof arg, "%u", (unsigned)seed);
            char *argv[] = {(char *)self, "child", arg, NULL};
            st = run(0, self, argv, buf, sizeof buf);
            uint32_t want = child_work(seed);
            char expect[16];
            snprintf(expect, sizeof expect, "%08x\n", (unsigned)want);
            if (st != 0 || strcmp(buf, expect) != 0)
                fail("exec: `tlbstress child %u` printed '%.20s' and exited %d, not %08x and 0",
                     (unsigned)seed, buf, st, (unsigned)want);
            cs = fold(cs, want);
            break;
        }
        case 1:
        case 5: { /* busybox true, by vfork */
            char *argv[] = {"true", NULL};
            if ((st = run(1, BUSYBOX, argv, NULL, 0)) != 0)
                fail("exec: true exited %d", st);
            cs = fold(cs, 1);
            break;
        }
        case 2: { /* busybox false, the child scribbling first */
            char *argv[] = {"false", NULL};
            int fd[2];
            if (pipe(fd))
                fail("exec: pipe: %s", strerror(errno));
            fflush(stdout);
            pid_t pid = fork();
            if (pid < 0)
                fail("exec: fork: %s", strerror(errno));
            if (pid == 0) {
                close(fd[1]);
                for (size_t k = 0; k < sizeof scribble / sizeof scribble[0]; k++)
                    scribble[k] = ~scribble[k];
                char go;
                if (read(fd[0], &go, 1) != 1)
                    _exit(126);
                execv(BUSYBOX, argv);
                _exit(127);
            }
            n_forks++;
            n_execs++;
            close(fd[0]);
            /* The parent writes too, while the child waits. */
            for (size_t k = 0; k < 64; k++)
                scribble[512 + k] = seed + (uint32_t)k;
            if (write(fd[1], "x", 1) != 1)
                fail("exec: pipe write: %s", strerror(errno));
            close(fd[1]);
            if (waitpid(pid, &st, 0) != pid)
                fail("exec: waitpid: %s", strerror(errno));
            if (!WIFEXITED(st) || WEXITSTATUS(st) != 1)
                fail("exec: false ended with status %#x, not exit 1", (unsigned)st);
            if (scribble[i] != seed)
                fail("exec: the child's write reached the parent");
            for (size_t k = 0; k < 64; k++)
                if (scribble[512 + k] != seed + (uint32_t)k)
                    fail("exec: the parent's write to its data was lost");
            cs = fold(cs, 2);
            break;
        }
        case 3:
        case 7: { /* busybox expr, its answer through a pipe */
            uint32_t x = seed * 7 + 3, y = seed % 97 + 2;
            snprintf(arg, sizeof arg, "%u", (unsigned)x);
            snprintf(arg2, sizeof arg2, "%u", (unsigned)y);
            char *argv[] = {"expr", arg, "*", arg2, "-", "1", NULL};
            st = run(i % 8 == 7, BUSYBOX, argv, buf, sizeof buf);
            char expect[32];
            snprintf(expect, sizeof expect, "%u\n", (unsigned)(x * y - 1));
            if (st != 0 || strcmp(buf, expect) != 0)
                fail("exec: expr %u * %u - 1 printed '%.20s' and exited %d", (unsigned)x,
                     (unsigned)y, buf, st);
            cs = fold(cs, x * y - 1);
            break;
        }
        }
    }
    return cs;
}

/* The long-lived mapping: round r checks round r-1's pattern, writes its own. */
static void *long_map;

static uint32_t test_long(uint32_t r)
{
    uint32_t cs = 0;
    if (!long_map) {
        long_map = map(NULL, LONG_PAGES, PROT_READ | PROT_WRITE, MAP_PRIVATE, "long");
        check("long fresh", long_map, 0, LONG_PAGES, 0, &cs);
    } else {
        check("long from the last round", long_map, 0, LONG_PAGES, 0x9000 + r - 1, &cs);
    }
    fill(long_map, 0, LONG_PAGES, 0x9000 + r);
    return cs;
}

int main(int argc, char **argv)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = on_segv;
    sa.sa_flags = SA_SIGINFO | SA_NODEFER;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGSEGV, &sa, NULL);
    sigaction(SIGBUS, &sa, NULL);
    pg = (size_t)sysconf(_SC_PAGESIZE);
    pw = pg / sizeof(uint32_t);

    if (argc == 3 && strcmp(argv[1], "child") == 0) {
        child_mode = 1;
        printf("%08x\n", (unsigned)child_work((uint32_t)strtoul(argv[2], NULL, 10)));
        return 0;
    }
    if (argc > 2 || (argc == 2 && (argv[1][0] < '0' || argv[1][0] > '9'))) {
        fprintf(stderr, "usage: tlbstress [ROUNDS] | tlbstress child SEED\n");
        return 2;
    }
    int rounds = argc == 2 ? atoi(argv[1]) : DEFAULT_ROUNDS;
    if (access(self, X_OK) != 0)
        self = argv[0]; /* no /proc: argv[0] must be a path */

    setvbuf(stdout, NULL, _IOLBF, 0);
    printf("tlbstress: %d rounds\n", rounds);
    uint32_t total = 0;
    for (int r = 0; r < rounds; r++) {
        uint32_t cs = 0, u = (uint32_t)r;
        cs = fold(cs, test_long(u));
        cs = fold(cs, test_mmap(u));
        cs = fold(cs, test_mremap(u));
        cs = fold(cs, test_mprotect(u));
        cs = fold(cs, test_cow(u));
        cs = fold(cs, test_exec(u));
        printf("round %02d %08x\n", r, (unsigned)cs);
        total = fold(total, cs);
    }
    if (rounds > 0) {
        uint32_t cs = 0;
        check("long at the end", long_map, 0, LONG_PAGES, 0x9000 + rounds - 1, &cs);
        total = fold(total, cs);
    }
    printf("tlbstress: %u forks, %u execs, %u faults\n", n_forks, n_execs, n_faults);
    printf("tlbstress: OK %08x\n", (unsigned)total);
    return 0;
}
