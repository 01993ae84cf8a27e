/*
 * usertest.c - checks the system calls, including the ways they must
 * fail: bad pointers, missing files, full tables.  Prints one line per
 * failed check and finally "usertest: N checks, N failed".
 * Labs: system calls, virtual memory (tests/run-os-tests runs it).
 */
#include "ulib.h"

#define NOFILE_FOR_TEST 5                /* NOFILE (8) minus the console's 3 */

static int checks, failures;

static void check(int ok, const char *what, int got)
{
    checks++;
    if (!ok) {
        failures++;
        printf("usertest: FAIL %s (got %d)\n", what, got);
    }
}
#define EXPECT(expr, want) do { int g_ = (int)(expr); check(g_ == (want), #expr " == " #want, g_); } while (0)

static int depth(int n)                 /* uses ~n KB of stack */
{
    volatile char pad[1000];
    pad[0] = (char)n;
    pad[999] = (char)n;
    return n == 0 ? 0 : depth(n - 1) + (pad[0] == pad[999]) - 1;
}

static int raw_syscall(int number)
{
    register int v0 __asm__("v0") = number;
    __asm__ volatile("syscall" : "+r"(v0) : : "memory");
    return v0;
}

static void child_mode(const char *what)
{
    if (strcmp(what, "exit42") == 0)
        exit(42);
    if (strcmp(what, "shm") == 0) {     /* adds 1 to the shared counter */
        volatile uint32_t *s = shm(0x7e57, 0);
        if (!s)
            exit(1);
        fetch_add(&s[0], 1);
        exit(s[1] == 0xfeed ? 0 : 2);
    }
    exit(3);
}

int main(int argc, char **argv)
{
    if (argc == 3 && strcmp(argv[1], "child") == 0)
        child_mode(argv[2]);

    /* pointers */
    EXPECT(write(1, (void *)0x80000000, 4), -EFAULT);
    EXPECT(write(1, (void *)0, 4), -EFAULT);
    EXPECT(write(1, (void *)0x7ffffff0, 64), -EFAULT);
    int fd = open("hello", O_RDONLY);
    EXPECT(fd >= 3, 1);
    EXPECT(read(fd, (void *)main, 4), -EFAULT);     /* into our read-only code */
    char elf[4];
    EXPECT(read(0, elf, 4), 0);                     /* the console has no input */
    EXPECT(read(fd, elf, 4), 4);
    EXPECT(elf[1] == 'E' && elf[2] == 'L' && elf[3] == 'F', 1);
    EXPECT(close(fd), 0);
    EXPECT(close(fd), -EBADF);
    EXPECT(open((char *)0xa0000000, O_RDONLY), -EFAULT);
    EXPECT(raw_syscall(999), -ENOSYS);

    /* files */
    EXPECT(open("no such file", O_RDONLY), -ENOENT);
    EXPECT(open("hello", O_WRONLY), -EROFS);
    EXPECT(unlink("hello"), -EROFS);
    fd = open("tmp/a", O_WRONLY | O_CREAT | O_TRUNC);
    EXPECT(fd >= 3, 1);
    static char big[10000];
    for (int i = 0; i < (int)sizeof big; i++)
        big[i] = (char)(i * 7);
    EXPECT(write(fd, big, sizeof big), (int)sizeof big);
    EXPECT(unlink("tmp/a"), -EBUSY);
    EXPECT(read(fd, big, 1), -EBADF);               /* opened write-only */
    close(fd);
    fd = open("tmp/a", O_RDONLY);
    static char back[10000];
    EXPECT(read(fd, back, sizeof back + 100), (int)sizeof back);
    int same = 1;
    for (int i = 0; i < (int)sizeof big; i++)
        same &= back[i] == big[i];
    EXPECT(same, 1);
    EXPECT(read(fd, back, 10), 0);
    close(fd);
    EXPECT(unlink("tmp/a"), 0);
    EXPECT(open("tmp/a", O_RDONLY), -ENOENT);
    int fds = 0, r;
    while ((r = open("hello", O_RDONLY)) >= 0)
        fds++;
    EXPECT(r, -EMFILE);
    EXPECT(fds, NOFILE_FOR_TEST);
    for (int i = 3; i < 3 + fds; i++)
        close(i);

    /* memory: sbrk, demand zero, shrinking, the stack */
    char *heap = sbrk(0);
    EXPECT(sbrk(64 * 1024) == heap, 1);
    int zero = 1;
    for (int i = 0; i < 64 * 1024; i += 512)
        zero &= heap[i] == 0;
    EXPECT(zero, 1);
    memset(heap, 0x55, 64 * 1024);
    EXPECT(sbrk(-32 * 1024) == heap + 64 * 1024, 1);
    EXPECT(sbrk(32 * 1024) == heap + 32 * 1024, 1);
    EXPECT(heap[32 * 1024] == 0 && heap[64 * 1024 - 1] == 0, 1);  /* fresh pages */
    EXPECT(heap[32 * 1024 - 1] == 0x55, 1);                      /* kept */
    EXPECT(sbrk(0x7fffffff) == (void *)-1, 1);
    EXPECT((int)sbrk(-0x10000000), -1);
    EXPECT(depth(300), 0);                          /* 300 KB of stack */

    /* processes */
    EXPECT(wait(-1, NULL), -ECHILD);
    char *args[] = { "usertest", "child", "exit42", NULL };
    EXPECT(spawn("no such program", args), -ENOENT);
    EXPECT(spawn("src/MANIFEST", args), -ENOEXEC);
    EXPECT(spawn("usertest", (char **)0x80000000), -EFAULT);
    int status = 0, pid = spawn("usertest", args);
    EXPECT(pid > getpid(), 1);
    EXPECT(wait(pid, &status), pid);
    EXPECT(status, 42);
    EXPECT(wait(pid, &status), -ECHILD);
    EXPECT(yield(), 0);
    EXPECT(ncpu() >= 1, 1);

    /* shared memory: children see the parent's data and add to it */
    volatile uint32_t *s = shm(0x7e57, 8192);
    EXPECT(s != NULL && (uint32_t)s >= USER_SHM_BASE, 1);
    EXPECT(shm(0x7e57, 0) == (void *)s, 1);
    EXPECT(shm(0x7e57, 1 << 20) == NULL, 1);        /* bigger than it is */
    EXPECT(shm(0x7e58, 0) == NULL, 1);              /* no such segment */
    s[1] = 0xfeed;
    char *shm_args[] = { "usertest", "child", "shm", NULL };
    for (int i = 0; i < 5; i++)
        spawn("usertest", shm_args);
    int ok = 0;
    for (int i = 0; i < 5; i++)
        if (wait(-1, &status) > 0 && status == 0)
            ok++;
    EXPECT(ok, 5);
    EXPECT(s[0], 5);

    printf("usertest: %d checks, %d failed\n", checks, failures);
    return failures != 0;
}
