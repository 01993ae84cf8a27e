/*
 * layout.h - numbers that the kernel's assembly and C code must agree on:
 * the kernel's sizes and limits, where each field of a trap frame, a
 * per-CPU structure and a saved context lives.  kernel.h checks each
 * offset against the C structures with _Static_assert.  Lab: boot and
 * exceptions (trap frames), the TLB refill handler (struct cpu).
 */
#ifndef OS_LAYOUT_H
#define OS_LAYOUT_H

#include "dev/malta-smp.h"

/* ---- limits ------------------------------------------------------------- */
#define NCPU SMP_MAX_CPUS       /* the most CPUs the kernel runs on */
#define NPROC 64                /* process slots */
#define NOFILE 8                /* open files per process */
#define NREGION 8               /* memory regions per process */
#define NFILE 96                /* files in the file system (ramdisk + new) */
#define NSHM 8                  /* shared segments */
#define PAGE_SIZE 4096
#define PAGE_SHIFT 12
#define KSTACK_SIZE 8192        /* each process's kernel stack */
#define BOOT_STACK_SIZE 8192    /* each CPU's boot (scheduler) stack */
#define MAX_ARGS 16             /* spawn: arguments ... */
#define MAX_ARG_BYTES 512       /* ... and their total size */
#define MAX_MEM_MB 256          /* RAM the page allocator can manage */

/* ---- struct trapframe: what an exception saves on the kernel stack ---- */
#define TF_R(n) ((n) * 4)       /* general register n; r0, k0, k1 unused */
#define TF_HI 128
#define TF_LO 132
#define TF_EPC 136
#define TF_STATUS 140
#define TF_CAUSE 144
#define TF_BADVADDR 148
#define TF_SIZE 160             /* multiple of 8: the stack stays aligned */

/* ---- struct cpu: the fields the assembly code uses ---------------------- */
#define CPU_PGDIR 0             /* page directory the refill handler walks */
#define CPU_REFILLS 4           /* TLB refills this CPU has handled */
#define CPU_KSTACK 8            /* top of the running process's kernel stack */
#define CPU_SHIFT 9             /* each struct cpu takes 1 << 9 bytes */

/* ---- struct context: what swtch() saves --------------------------------- */
#define CTX_S(n) ((n) * 4)      /* s0..s7 */
#define CTX_FP 32               /* s8 / fp */
#define CTX_SP 36
#define CTX_RA 40
#define CTX_SIZE 44

/* ---- the panic exit status (UHI exit through SDBBP 1) ------------------- */
#define PANIC_EXIT_STATUS 99

#endif
