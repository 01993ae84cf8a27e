/*
 * usys.S - the system call stubs: each loads its number into v0 and
 * executes SYSCALL; the result comes back in v0 (negative: -errno).
 * Lab: system calls (the numbers are in include/syscall.h).
 */
#include "asm.h"
#include "syscall.h"

    .set noreorder
#define STUB(name, number) \
    LEAF(name);            \
    li      v0, number;    \
    syscall;               \
    jr      ra;            \
    nop;                   \
    END(name)

STUB(exit, SYS_exit)
STUB(write, SYS_write)
STUB(read, SYS_read)
STUB(open, SYS_open)
STUB(close, SYS_close)
STUB(spawn, SYS_spawn)
STUB(wait, SYS_wait)
STUB(getpid, SYS_getpid)
STUB(sys_sbrk, SYS_sbrk)
STUB(yield, SYS_yield)
STUB(uptime, SYS_time)
STUB(sys_shm, SYS_shm)
STUB(ncpu, SYS_ncpu)
STUB(unlink, SYS_unlink)
