/*
 * syscall.c - the system calls.  Lab: system calls.
 *
 * A SYSCALL instruction in user mode raises exception 8; trap() calls
 * syscall(tf) with the process's saved registers.  The call number is in
 * v0 (include/syscall.h), the arguments in a0..a3; the result goes back
 * in v0, and EPC moves past the SYSCALL so the program continues after it.
 *
 * Pointers from user programs are never trusted: before the kernel touches
 * a user buffer, vm_check() checks the whole range against the process's
 * regions and makes every page of it present.  Then the kernel copies with
 * ordinary loads and stores through the user address.  Those may still
 * miss in the TLB (the refill handler serves the kernel too) or find a
 * stale invalid entry (a quick fault, trap.c), but never need memory, so
 * they cannot fail - even with a lock held, as fs.c does.
 */
#include "kernel.h"

int copy_in(void *dst, uint32_t uva, uint32_t n)
{
    int err = vm_check(myproc(), uva, n, 0);
    if (err)
        return err;
    memcpy(dst, (const void *)uva, n);
    return 0;
}

int copy_out(uint32_t uva, const void *src, uint32_t n)
{
    int err = vm_check(myproc(), uva, n, 1);
    if (err)
        return err;
    memcpy((void *)uva, src, n);
    return 0;
}

/* Copies a NUL-terminated string of at most max - 1 characters. */
int copy_in_str(char *dst, uint32_t uva, uint32_t max)
{
    for (uint32_t i = 0; i < max; i++) {
        int err;
        if ((i == 0 || (uva + i) % PAGE_SIZE == 0) && (err = vm_check(myproc(), uva + i, 1, 0)))
            return err;
        dst[i] = *(const char *)(uva + i);
        if (!dst[i])
            return (int)i;
    }
    return -EINVAL;
}

static struct ofile *fd_get(int fd)
{
    struct proc *p = myproc();
    if (fd < 0 || fd >= NOFILE || !p->files[fd].f)
        return NULL;
    return &p->files[fd];
}

/* ---- the calls: each takes the four argument registers ------------------ */

static int sys_exit(uint32_t status, uint32_t a1, uint32_t a2, uint32_t a3)
{
    (void)a1, (void)a2, (void)a3;
    proc_exit((int)status);
}

static int sys_write(uint32_t fd, uint32_t buf, uint32_t n, uint32_t a3)
{
    (void)a3;
    struct ofile *of = fd_get(fd);
    if (!of)
        return -EBADF;
    int err = vm_check(myproc(), buf, n, 0);
    if (err)
        return err;
    if (of->f != CONSOLE)
        return fs_write(of, (const uint8_t *)buf, n);
    char kbuf[256];                 /* whole lines reach the console together */
    for (uint32_t done = 0; done < n;) {
        uint32_t chunk = n - done < sizeof kbuf ? n - done : sizeof kbuf;
        memcpy(kbuf, (const char *)buf + done, chunk);
        console_write(kbuf, chunk);
        done += chunk;
    }
    return (int)n;
}

static int sys_read(uint32_t fd, uint32_t buf, uint32_t n, uint32_t a3)
{
    (void)a3;
    struct ofile *of = fd_get(fd);
    if (!of)
        return -EBADF;
    int err = vm_check(myproc(), buf, n, 1);
    if (err)
        return err;
    return fs_read(of, (uint8_t *)buf, n);
}

static int sys_open(uint32_t upath, uint32_t flags, uint32_t a2, uint32_t a3)
{
    (void)a2, (void)a3;
    char path[32];
    int err = copy_in_str(path, upath, sizeof path);
    if (err < 0)
        return err;
    struct proc *p = myproc();
    for (int fd = 0; fd < NOFILE; fd++)
        if (!p->files[fd].f) {
            err = fs_open(&p->files[fd], path, (int)flags);
            return err < 0 ? err : fd;
        }
    return -EMFILE;
}

static int sys_close(uint32_t fd, uint32_t a1, uint32_t a2, uint32_t a3)
{
    (void)a1, (void)a2, (void)a3;
    struct ofile *of = fd_get(fd);
    if (!of)
        return -EBADF;
    fs_close(of);
    return 0;
}

static int sys_unlink(uint32_t upath, uint32_t a1, uint32_t a2, uint32_t a3)
{
    (void)a1, (void)a2, (void)a3;
    char path[32];
    int err = copy_in_str(path, upath, sizeof path);
    return err < 0 ? err : fs_unlink(path);
}

static int sys_spawn(uint32_t upath, uint32_t uargv, uint32_t a2, uint32_t a3)
{
    (void)a2, (void)a3;
    char path[32], strings[MAX_ARG_BYTES];
    char *argv[MAX_ARGS + 1];
    int err = copy_in_str(path, upath, sizeof path);
    if (err < 0)
        return err;
    int argc = 0;
    uint32_t used = 0;
    for (;; argc++) {
        uint32_t uarg;
        if (copy_in(&uarg, uargv + 4 * argc, 4))
            return -EFAULT;
        if (!uarg)
            break;
        if (argc == MAX_ARGS)
            return -E2BIG;
        int len = copy_in_str(strings + used, uarg, sizeof strings - used);
        if (len == -EINVAL)
            return -E2BIG;
        if (len < 0)
            return len;
        argv[argc] = strings + used;
        used += len + 1;
    }
    argv[argc] = NULL;
    return spawn(path, argc, argv, myproc());
}

static int sys_wait(uint32_t pid, uint32_t ustatus, uint32_t a2, uint32_t a3)
{
    (void)a2, (void)a3;
    int status = 0;
    int err = ustatus ? vm_check(myproc(), ustatus, 4, 1) : 0;
    if (err)
        return err;
    int r = proc_wait((int)pid, &status);
    if (r > 0 && ustatus)
        copy_out(ustatus, &status, 4);
    return r;
}

static int sys_getpid(uint32_t a0, uint32_t a1, uint32_t a2, uint32_t a3)
{
    (void)a0, (void)a1, (void)a2, (void)a3;
    return myproc()->pid;
}

static int sys_sbrk(uint32_t incr, uint32_t a1, uint32_t a2, uint32_t a3)
{
    (void)a1, (void)a2, (void)a3;
    uint32_t old;
    int err = vm_sbrk(myproc(), (int32_t)incr, &old);
    return err ? err : (int)old;
}

static int sys_yield(uint32_t a0, uint32_t a1, uint32_t a2, uint32_t a3)
{
    (void)a0, (void)a1, (void)a2, (void)a3;
    yield();
    return 0;
}

static int sys_time(uint32_t a0, uint32_t a1, uint32_t a2, uint32_t a3)
{
    (void)a0, (void)a1, (void)a2, (void)a3;
    return (int)uptime_ms;
}

static int sys_shm(uint32_t key, uint32_t size, uint32_t a2, uint32_t a3)
{
    (void)a2, (void)a3;
    uint32_t va;
    int err = shm_attach(myproc(), key, size, &va);
    return err ? err : (int)va;
}

static int sys_ncpu(uint32_t a0, uint32_t a1, uint32_t a2, uint32_t a3)
{
    (void)a0, (void)a1, (void)a2, (void)a3;
    return ncpu;
}

static int (*const syscalls[NSYSCALLS])(uint32_t, uint32_t, uint32_t, uint32_t) = {
    [SYS_exit] = sys_exit,     [SYS_write] = sys_write,   [SYS_read] = sys_read,
    [SYS_open] = sys_open,     [SYS_close] = sys_close,   [SYS_spawn] = sys_spawn,
    [SYS_wait] = sys_wait,     [SYS_getpid] = sys_getpid, [SYS_sbrk] = sys_sbrk,
    [SYS_yield] = sys_yield,   [SYS_time] = sys_time,     [SYS_shm] = sys_shm,
    [SYS_ncpu] = sys_ncpu,     [SYS_unlink] = sys_unlink,
};

void syscall(struct trapframe *tf)
{
    uint32_t num = tf->r[2];
    mycpu()->stats.syscalls++;
    tf->epc += 4;                   /* return after the SYSCALL */
    int r = -ENOSYS;
    if (num < NSYSCALLS && syscalls[num])
        r = syscalls[num](tf->r[4], tf->r[5], tf->r[6], tf->r[7]);
    tf->r[2] = (uint32_t)r;
}
