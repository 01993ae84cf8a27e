/*
 * bad.c - user programs that break the rules, to show (and test) that the
 * kernel stops them and keeps going.  Lab: user/kernel separation.
 *
 * "bad" alone spawns itself once per misdeed below and waits for each;
 * the kernel must kill every one of them (exit status STATUS_KILLED, -1)
 * and print why.  Then it prints "bad: N of N killed, the system is still
 * running".  "bad MISDEED" commits one:
 *
 *   kread   load from kernel memory (kseg0)        -> address error
 *   kwrite  store into the kernel (kseg0)          -> address error
 *   kseg1   load from a device register (kseg1)    -> address error
 *   priv    mtc0 to Status: a privileged instruction -> coprocessor unusable
 *   wait    WAIT, privileged too                   -> coprocessor unusable
 *   null    load from address 0 (nothing mapped)   -> TLB invalid, no region
 *   text    store into its own code (read-only)    -> TLB modified
 */
#include "ulib.h"

static const char *const misdeeds[] = {
    "kread", "kwrite", "kseg1", "priv", "wait", "null", "text",
};
#define N (int)(sizeof misdeeds / sizeof misdeeds[0])

static int __attribute__((noinline)) commit(const char *what)
{
    if (strcmp(what, "kread") == 0)
        return *(volatile int *)0x80100000;
    if (strcmp(what, "kwrite") == 0)
        *(volatile int *)0x80000000 = 0;
    if (strcmp(what, "kseg1") == 0)
        return *(volatile int *)0xbf000500;
    if (strcmp(what, "priv") == 0)
        __asm__ volatile("mtc0 $0, $12");
    if (strcmp(what, "wait") == 0)
        __asm__ volatile("wait");
    if (strcmp(what, "null") == 0)
        return *(volatile int *)0;
    if (strcmp(what, "text") == 0)
        *(volatile uint32_t *)(uintptr_t)commit = 0;
    printf("bad: %s: still alive!\n", what);
    return 0;
}

int main(int argc, char **argv)
{
    if (argc > 1)
        return commit(argv[1]);
    int killed = 0;
    for (int i = 0; i < N; i++) {
        char *args[] = { "bad", (char *)misdeeds[i], NULL };
        int status, pid = spawn("bad", args);
        if (pid < 0)
            die("bad: spawn failed: %d", pid);
        if (wait(pid, &status) != pid)
            die("bad: wait failed");
        printf("bad: %s: exit status %d\n", misdeeds[i], status);
        if (status == STATUS_KILLED)
            killed++;
    }
    printf("bad: %d of %d killed, the system is still running\n", killed, N);
    return killed == N ? 0 : 1;
}
