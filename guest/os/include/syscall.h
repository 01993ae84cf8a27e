/*
 * syscall.h - the system call interface of disco-os, shared by the kernel
 * (guest/os/kernel/syscall.c) and the user library (guest/os/user/usys.S,
 * ulib.h).  Lab: system calls.
 *
 * A user program puts the call number in v0 and up to four arguments in
 * a0..a3, then executes SYSCALL.  The kernel returns the result in v0: a
 * value >= 0 on success, or a negative error number (-E...) below.
 * Only #defines, so assembly files can include it too.
 */
#ifndef OS_SYSCALL_H
#define OS_SYSCALL_H

#define SYS_exit 1    /* exit(status): never returns */
#define SYS_write 2   /* write(fd, buf, n) -> bytes written */
#define SYS_read 3    /* read(fd, buf, n) -> bytes read, 0 at end of file */
#define SYS_open 4    /* open(path, flags) -> fd */
#define SYS_close 5   /* close(fd) */
#define SYS_spawn 6   /* spawn(path, argv) -> pid of a new process running path */
#define SYS_wait 7    /* wait(pid or -1, &status) -> pid of the child that ended */
#define SYS_getpid 8  /* getpid() -> pid */
#define SYS_sbrk 9    /* sbrk(increment) -> old end of the heap */
#define SYS_yield 10  /* yield(): give up the CPU */
#define SYS_time 11   /* time() -> milliseconds since boot */
#define SYS_shm 12    /* shm(key, size) -> address of shared segment `key` */
#define SYS_ncpu 13   /* ncpu() -> number of CPUs running the OS */
#define SYS_unlink 14 /* unlink(path): delete a file made with O_CREAT */
#define NSYSCALLS 15

/* open() flags */
#define O_RDONLY 0x000
#define O_WRONLY 0x001
#define O_CREAT 0x100   /* create the file if it does not exist */
#define O_TRUNC 0x200   /* empty it first */

/* Error numbers (returned negated) */
#define ENOENT 2        /* no such file, or no such process */
#define E2BIG 7         /* argument list too long */
#define ENOEXEC 8       /* not a program this kernel can run */
#define EBADF 9         /* bad file descriptor */
#define ECHILD 10       /* no child to wait for */
#define EAGAIN 11       /* no free process slot */
#define ENOMEM 12       /* out of memory or address space */
#define EFAULT 14       /* a pointer outside the caller's memory */
#define EBUSY 16         /* the file is open */
#define EEXIST 17
#define EINVAL 22
#define ENFILE 23       /* file table full */
#define EMFILE 24       /* too many open files in this process */
#define EFBIG 27        /* file too large */
#define EROFS 30        /* the file is part of the read-only ramdisk */
#define ENOSYS 38       /* no such system call */

/* Exit status of a process the kernel killed (bad access, privileged
 * instruction, out of memory). */
#define STATUS_KILLED (-1)

/* The user address space (see docs/os.md, "Memory layout") */
#define USER_BASE 0x00400000       /* programs are linked here */
#define USER_SHM_BASE 0x40000000   /* shared segments: 4 MB-aligned slots */
#define USER_SHM_END 0x70000000
#define USER_STACK_TOP 0x7fff0000  /* the stack grows down from here */
#define USER_STACK_MAX 0x00100000  /* ... by at most 1 MB */

#endif
