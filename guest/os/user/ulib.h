/*
 * ulib.h - the user library of disco-os: system calls (usys.S), a printf
 * that writes whole lines with one write(), strings, a bump allocator,
 * "key=value" arguments, and LL/SC locks usable in user mode (ulib.c).
 * Lab: system calls; every user program and workload includes it.
 */
#ifndef OS_ULIB_H
#define OS_ULIB_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include "oslib.h"
#include "syscall.h"

/* ---- system calls (negative results are -errno) ---------------------- */
void exit(int status) __attribute__((noreturn));
int write(int fd, const void *buf, int n);
int read(int fd, void *buf, int n);
int open(const char *path, int flags);
int close(int fd);
int unlink(const char *path);
int spawn(const char *path, char *const argv[]);   /* -> pid */
int wait(int pid, int *status);                     /* pid -1: any child */
int getpid(void);
int yield(void);
int uptime(void);                                   /* milliseconds since boot */
int ncpu(void);
void *sbrk(int increment);                          /* (void *)-1 on error */
void *shm(uint32_t key, uint32_t size);             /* NULL on error */

/* ---- strings and memory: oslib.h (shared with the kernel), and ---------- */
int atoi(const char *s);
void *malloc(size_t n);                             /* never freed; dies if out */

/* ---- output ---------------------------------------------------------------- */
int printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
int dprintf(int fd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void die(const char *fmt, ...) __attribute__((noreturn, format(printf, 1, 2)));

/* ---- arguments: "key=value" words of argv ------------------------------------ */
const char *arg_str(int argc, char **argv, const char *key, const char *dflt);
int arg_int(int argc, char **argv, const char *key, int dflt);

/* ---- LL/SC in user mode: the same instructions the kernel uses -------------- */
uint32_t fetch_add(volatile uint32_t *p, uint32_t n);   /* returns the old value */
struct ulock {
    volatile uint32_t locked;
};
void ulock_acquire(struct ulock *l);    /* spins, yields the CPU now and then */
void ulock_release(struct ulock *l);

#endif
