/*
 * kernel.h - the data structures of the disco-os kernel and the functions
 * each kernel file offers the others.  Read this first: every lab starts
 * from one of the structures below.
 *
 *   struct cpu        one per CPU: what runs there, its statistics   (boot, scheduler)
 *   struct trapframe  registers saved by an exception                (exceptions, syscalls)
 *   struct proc       a process: state, address space, open files    (processes)
 *   struct region     a range of a process's address space           (virtual memory)
 *   struct spinlock   an LL/SC lock                                  (SMP, locking)
 *
 * The kernel runs in kseg0 (unmapped, cached), always with interrupts
 * disabled (Status.IE = 0): only user mode is ever interrupted, so a
 * kernel path never needs to guard against an interrupt handler.  Other
 * CPUs do run at the same time, so shared data is protected by spinlocks.
 */
#ifndef OS_KERNEL_H
#define OS_KERNEL_H

#include <stddef.h>
#include <stdint.h>

#include "layout.h"
#include "oslib.h"
#include "malta.h"
#include "syscall.h"

/* ---- spinlocks (spinlock.c) ---------------------------------------------- */
struct spinlock {
    volatile uint32_t locked;   /* 0 free, 1 held: changed with LL/SC */
    int cpu;                    /* holder, for panics; -1 if free */
    const char *name;
};
#define SPINLOCK_INIT(n) { 0, -1, (n) }
void spin_lock(struct spinlock *l);
void spin_unlock(struct spinlock *l);
int spin_holding(struct spinlock *l);
uint32_t atomic_add(volatile uint32_t *p, uint32_t n); /* returns the new value */
static inline void mem_barrier(void) { __asm__ volatile("sync" ::: "memory"); }

/* ---- CPUs (main.c) -------------------------------------------------------- */
struct context {                /* callee-saved registers: swtch() */
    uint32_t s[8], fp, sp, ra;
};

struct cpu_stats {
    uint32_t switches;          /* processes switched to */
    uint32_t faults;            /* page faults handled (TLB invalid / modified) */
    uint32_t syscalls;
    uint32_t ticks;             /* timer interrupts ... */
    uint32_t idle_ticks;        /* ... of which arrived while idle */
    uint32_t ipis;              /* inter-processor interrupts received */
    uint32_t tlb_flushes;       /* whole-TLB flushes (ASID wrap-around) */
};

struct cpu {
    /* Read by the assembly code (layout.h): keep first, in this order. */
    uint32_t *pgdir;            /* CPU_PGDIR: page directory of the running process */
    uint32_t refills;           /* CPU_REFILLS: counted by the refill handler */
    uint32_t kstack_top;        /* CPU_KSTACK: where a trap from user mode saves */
    /* C only. */
    int id;                     /* EBase.CPUNum */
    struct proc *proc;          /* running process, or NULL in the scheduler */
    struct context sched_ctx;   /* the scheduler loop, swtch()ed to by sched() */
    int idle;                   /* waiting in WAIT for work (wants an IPI) */
    int need_resched;           /* time slice over: yield on the way back to user */
    uint32_t asid_next;         /* last ASID handed out on this CPU */
    uint32_t asid_gen;          /* bumped each time the ASIDs wrap around */
    struct cpu_stats stats;
};
union cpu_slot {                /* pads struct cpu to 1 << CPU_SHIFT bytes */
    struct cpu c;
    uint8_t pad[1 << CPU_SHIFT];
};
extern union cpu_slot cpus[NCPU];
extern int ncpu;                /* CPUs running the kernel */
extern volatile uint32_t uptime_ms; /* since boot, counted by CPU 0's timer */

static inline int cpuid(void) { return mfc0(CP0_PRID, 1) & EBASE_CPUNUM_MASK; }
static inline struct cpu *mycpu(void) { return &cpus[cpuid()].c; }

void halt(void) __attribute__((noreturn));

/* ---- exceptions (vectors.S, trap.c) ---------------------------------------- */
struct trapframe {
    uint32_t r[32];             /* general registers; r[29] is the interrupted sp */
    uint32_t hi, lo;
    uint32_t epc;               /* where ERET returns */
    uint32_t status;            /* Status at the exception (EXL set, UM = old mode) */
    uint32_t cause, badvaddr;
    uint32_t pad[2];
};
void trap(struct trapframe *tf);
void trap_return_to(struct trapframe *tf) __attribute__((noreturn)); /* vectors.S */
void swtch(struct context *save, struct context *load);             /* vectors.S */
void timer_init(void);
void interrupt_poll(void);      /* idle loop: handle what woke WAIT */
extern uint32_t user_status;    /* Status of a process in user mode (trap.c) */
extern uint32_t tick_counts, slice_ticks;

/* ---- console (console.c) ----------------------------------------------------- */
void console_putc(int c);
void console_write(const char *s, size_t n);   /* one atomic chunk */
int kprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void panic(const char *fmt, ...) __attribute__((noreturn, format(printf, 1, 2)));
void cpu_stop(void) __attribute__((noreturn));
extern volatile uint32_t panicking;
const char *exc_name(uint32_t excode);
void panic_frame(struct trapframe *tf, const char *fmt, ...)
    __attribute__((noreturn, format(printf, 2, 3)));

/* ---- physical pages (kalloc.c) ------------------------------------------------- */
void kalloc_init(uint32_t first_free_pa, uint32_t mem_bytes);
void *page_alloc(void);         /* a kseg0 pointer to a zeroed page, or NULL */
void page_free(void *page);
int page_is_allocated_ram(uint32_t pa); /* from the pool (not the kernel image) */
uint32_t pages_free(void);
uint32_t pages_total(void);
#define KVA(pa) ((void *)((uint32_t)(pa) | KSEG0_BASE))
#define PADDR(kva) ((uint32_t)(kva) & ~KSEG0_BASE)

/* ---- virtual memory (vm.c) ------------------------------------------------------- */
enum region_kind { R_ZERO, R_FILE, R_SHM };
struct region {
    uint32_t start, end;        /* page-aligned [start, end) */
    uint8_t used;               /* 0: a free slot */
    uint8_t kind;               /* enum region_kind */
    uint8_t writable;
    uint8_t direct;             /* R_FILE, read-only: map the ramdisk's own pages */
    const uint8_t *file;        /* R_FILE: the ELF file's bytes */
    uint32_t vaddr, offset, filesz; /* R_FILE: the segment (p_vaddr, p_offset, p_filesz) */
    struct shm *shm;            /* R_SHM */
};
/* Page table entries are EntryLo values: PFN << 6 | C | D | V (G = 0). */
#define PTE_V ENTRYLO_V
#define PTE_D ENTRYLO_D
#define PTE_CACHED ENTRYLO_C(CACHE_CACHABLE)
#define PTE_PA(pte) (((pte) >> 6) << 12)
#define PDIR_INDEX(va) ((va) >> 22)
#define PTAB_INDEX(va) (((va) >> 12) & 1023)
extern uint32_t empty_ptab[1024];   /* every absent page table points here */
extern uint32_t kernel_pgdir[1024]; /* a directory with no user pages */
uint32_t *pgdir_new(void);
int vm_add_region(struct proc *p, uint32_t start, uint32_t end, int kind, int writable);
struct region *vm_find(struct proc *p, uint32_t va);
int vm_fault(struct proc *p, uint32_t va, int write);
int vm_check(struct proc *p, uint32_t va, uint32_t len, int write); /* and make present */
int vm_sbrk(struct proc *p, int32_t incr, uint32_t *old);
void vm_free(struct proc *p);
void vm_activate(struct proc *p);   /* ASID, page directory, kernel stack */
void vm_activate_kernel(void);
void vm_new_asid(struct proc *p);  /* forget its TLB entries on every CPU */
void vm_init(void);
uint32_t *vm_pte(uint32_t *pgdir, uint32_t va, int alloc);
void tlb_flush_all(void);
void tlb_update(uint32_t va, uint32_t *pte);

/* ---- files (fs.c) -------------------------------------------------------------------- */
struct file;
struct ofile {                  /* an open file in a process */
    struct file *f;             /* NULL: free slot */
    uint32_t off;
    int flags;
};
void fs_init(void);
struct file *fs_lookup(const char *name);
const uint8_t *fs_ramdisk_bytes(struct file *f, uint32_t *size); /* NULL if not ramdisk */
int fs_open(struct ofile *of, const char *name, int flags);
int fs_read(struct ofile *of, uint8_t *ubuf, uint32_t n);
int fs_write(struct ofile *of, const uint8_t *ubuf, uint32_t n);
void fs_close(struct ofile *of);
int fs_unlink(const char *name);
void fs_list(void);
extern struct file *const CONSOLE;

/* ---- shared segments (shm.c) ------------------------------------------------------------ */
struct shm;
int shm_attach(struct proc *p, uint32_t key, uint32_t size, uint32_t *va);
void shm_detach(struct proc *p, struct region *r);
int shm_fault(struct shm *s, uint32_t va, uint32_t *pte_out);

/* ---- processes (proc.c, spawn.c) ---------------------------------------------------------- */
enum proc_state { P_UNUSED, P_EMBRYO, P_RUNNABLE, P_RUNNING, P_SLEEPING, P_ZOMBIE };
struct proc {
    struct context ctx;         /* kernel registers while switched out */
    struct trapframe *tf;       /* user registers, at the top of kstack */
    uint8_t *kstack;
    enum proc_state state;
    int pid;
    char name[16];
    struct proc *parent;
    struct proc *next;          /* run queue link */
    void *chan;                 /* sleeping on this */
    int exit_status;
    uint32_t slice;             /* ticks run since scheduled */
    /* address space */
    uint32_t *pgdir;            /* two-level page table: 1024 x 4 MB */
    struct region regions[NREGION];
    struct region *heap;        /* the region sbrk() moves */
    uint32_t brk;               /* end of the heap (not rounded to a page) */
    uint8_t asid[NCPU];         /* this process's ASID on each CPU ... */
    uint32_t asid_gen[NCPU];    /* ... valid while equal to that CPU's asid_gen */
    struct ofile files[NOFILE];
};
extern struct spinlock proc_lock;
void proc_init(void);
struct proc *myproc(void);
struct proc *proc_alloc(void);  /* an EMBRYO with a kernel stack and a pid */
void proc_free(struct proc *p);
void proc_make_runnable(struct proc *p);
void scheduler(void) __attribute__((noreturn));
void sched(void);
void yield(void);
void sleep(void *chan, struct spinlock *lk);
void wakeup(void *chan);
void proc_exit(int status) __attribute__((noreturn));
int proc_wait(int pid, int *status);
void proc_kill_current(struct trapframe *tf, const char *why) __attribute__((noreturn));
int spawn(const char *path, int argc, char *const argv[], struct proc *parent);
extern struct proc *init_proc;

/* ---- system calls (syscall.c) ---------------------------------------------------------- */
void syscall(struct trapframe *tf);
int copy_in(void *dst, uint32_t uva, uint32_t n);
int copy_out(uint32_t uva, const void *src, uint32_t n);
int copy_in_str(char *dst, uint32_t uva, uint32_t max);

/* ---- small library: guest/os/lib/string.c, shared with user programs (oslib.h) ---- */

#define ROUNDUP(x, a) (((x) + (a) - 1) & ~((a) - 1))
#define ROUNDDOWN(x, a) ((x) & ~((a) - 1))

#endif
