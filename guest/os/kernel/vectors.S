/*
 * vectors.S - the exception vectors of disco-os, the code that saves and
 * restores a process's registers around an exception, and swtch(), which
 * moves a CPU from one kernel stack to another.
 * Labs: the TLB refill handler, exceptions and system calls, scheduling.
 *
 * The .vectors section is linked at 0x80000000 (kernel.ld), the exception
 * base every CPU uses once it has cleared Status.BEV (main.c: cpu_init).
 * MIPS32 Vol. III, 6.2.1, "Exception Vector Locations":
 *
 *   0x80000000  TLB refill: a user address had no TLB entry (EXL was 0)
 *   0x80000180  everything else: interrupts (Cause.IV = 0), system calls,
 *               TLB invalid / modified, address errors, ...
 *
 * The refill handler is the hottest code in the system, so it is written
 * to run straight through, using only k0 and k1, which the MIPS ABI
 * reserves for the kernel exactly so that this handler saves nothing.
 * docs/os.md, "The TLB miss path", walks through it line by line.
 */
#include "asm.h"
#include "malta.h"
#include "layout.h"

    .set noreorder
    .set noat

/* ==== the vectors ======================================================== */
    .section .vectors, "ax"

/*
 * TLB refill.  BadVAddr holds the address that missed, Context holds its
 * VPN2 (address bits 31..13: a TLB entry maps an even/odd pair of pages),
 * EntryHi holds VPN2 and the current ASID, ready for the TLB write.
 *
 * The page table is two-level (vm.c): the directory has 1024 entries of
 * 4 MB each, indexed by address bits 31..22; each entry points to a page
 * table of 1024 PTEs of 4 KB pages, indexed by bits 21..12.  A directory
 * entry with no page table points at empty_ptab, a page of zero PTEs, so
 * the walk never branches: a zero PTE loads an entry with V = 0, and the
 * access then takes a TLB invalid exception at 0x180, where vm_fault()
 * decides what to do.
 */
    .org 0x000
LEAF(refill_vector)
    mfc0    k1, $15, 1              /* EBase: CPUNum in bits 9..0 */
    andi    k1, k1, EBASE_CPUNUM_MASK
    sll     k1, k1, CPU_SHIFT
    lui     k0, %hi(cpus)
    addiu   k0, k0, %lo(cpus)
    addu    k1, k1, k0              /* k1 = &cpus[this CPU] */
    lw      k0, CPU_REFILLS(k1)
    addiu   k0, k0, 1
    sw      k0, CPU_REFILLS(k1)     /* one more refill (statistics) */
    lw      k1, CPU_PGDIR(k1)       /* k1 = page directory */
    mfc0    k0, $8                  /* BadVAddr */
    srl     k0, k0, 22              /* directory index: bits 31..22 */
    sll     k0, k0, 2
    addu    k1, k1, k0
    lw      k1, 0(k1)               /* k1 = page table (or empty_ptab) */
    mfc0    k0, $4                  /* Context: address bits 31..13 at 22..4 */
    srl     k0, k0, 1               /* ... now at 21..3 */
    andi    k0, k0, 0xff8           /* bits 21..13 x 8: the even/odd PTE pair */
    addu    k1, k1, k0
    lw      k0, 0(k1)               /* even page's PTE */
    lw      k1, 4(k1)               /* odd page's PTE */
    mtc0    k0, $2                  /* EntryLo0 */
    mtc0    k1, $3                  /* EntryLo1 */
    ehb                             /* EntryLo written before TLBWR reads it */
    tlbwr                           /* into a random TLB slot */
    eret                            /* retry the access */
END(refill_vector)

/* Every other exception: save the registers and call trap() in C. */
    .org 0x180
LEAF(general_vector)
    j       exc_entry
    nop
END(general_vector)

/* ==== exception entry and return ========================================= */
    .text

/*
 * exc_entry: build a struct trapframe (kernel.h, layout.h) and call
 * trap(tf).  From user mode the frame goes at the top of the process's
 * kernel stack (cpus[n].kstack_top, set by vm_activate); from kernel mode
 * (a page fault while a system call copies user memory) it goes below the
 * current kernel sp.  Then the CPU leaves exception level (EXL = 0) with
 * interrupts still off (IE = 0): the kernel is never interrupted, but a
 * TLB miss in kernel code on a user address now goes to the refill
 * handler as it should.
 */
LEAF(exc_entry)
    mfc0    k0, $12                 /* Status: UM still says the old mode */
    andi    k0, k0, ST_UM
    beqz    k0, 1f                  /* from kernel mode: this stack */
    move    k1, sp                  /* (delay slot) k1 = interrupted sp */
    mfc0    k0, $15, 1              /* from user mode: this CPU's ... */
    andi    k0, k0, EBASE_CPUNUM_MASK
    sll     k0, k0, CPU_SHIFT
    lui     sp, %hi(cpus)
    addiu   sp, sp, %lo(cpus)
    addu    sp, sp, k0
    lw      sp, CPU_KSTACK(sp)      /* ... kernel stack of the process */
1:  addiu   sp, sp, -TF_SIZE
    sw      k1, TF_R(29)(sp)
    sw      $0, TF_R(0)(sp)
    sw      $0, TF_R(26)(sp)        /* k0 and k1 are not saved: */
    sw      $0, TF_R(27)(sp)        /* the vectors use them freely */
    sw      $1, TF_R(1)(sp)
    sw      $2, TF_R(2)(sp)
    sw      $3, TF_R(3)(sp)
    sw      $4, TF_R(4)(sp)
    sw      $5, TF_R(5)(sp)
    sw      $6, TF_R(6)(sp)
    sw      $7, TF_R(7)(sp)
    sw      $8, TF_R(8)(sp)
    sw      $9, TF_R(9)(sp)
    sw      $10, TF_R(10)(sp)
    sw      $11, TF_R(11)(sp)
    sw      $12, TF_R(12)(sp)
    sw      $13, TF_R(13)(sp)
    sw      $14, TF_R(14)(sp)
    sw      $15, TF_R(15)(sp)
    sw      $16, TF_R(16)(sp)
    sw      $17, TF_R(17)(sp)
    sw      $18, TF_R(18)(sp)
    sw      $19, TF_R(19)(sp)
    sw      $20, TF_R(20)(sp)
    sw      $21, TF_R(21)(sp)
    sw      $22, TF_R(22)(sp)
    sw      $23, TF_R(23)(sp)
    sw      $24, TF_R(24)(sp)
    sw      $25, TF_R(25)(sp)
    sw      $28, TF_R(28)(sp)
    sw      $30, TF_R(30)(sp)
    sw      $31, TF_R(31)(sp)
    mfhi    t0
    sw      t0, TF_HI(sp)
    mflo    t0
    sw      t0, TF_LO(sp)
    mfc0    t0, $14                 /* EPC */
    sw      t0, TF_EPC(sp)
    mfc0    t0, $12                 /* Status */
    sw      t0, TF_STATUS(sp)
    mfc0    t1, $13                 /* Cause */
    sw      t1, TF_CAUSE(sp)
    mfc0    t1, $8                  /* BadVAddr */
    sw      t1, TF_BADVADDR(sp)
    li      t1, ~(ST_UM | ST_EXL | ST_IE)
    and     t0, t0, t1
    mtc0    t0, $12                 /* kernel mode, EXL = 0, IE = 0 */
    ehb
    move    a0, sp
    jal     trap                    /* trap(tf) */
    addiu   sp, sp, -16             /* (delay slot) o32 argument area */
    addiu   sp, sp, 16
    /* fall through: sp = the frame */

/* trap_return: restore the frame at sp and ERET to it. */
    .globl trap_return
trap_return:
    lw      t0, TF_HI(sp)
    mthi    t0
    lw      t0, TF_LO(sp)
    mtlo    t0
    lw      t0, TF_STATUS(sp)
    ori     t0, t0, ST_EXL          /* EXL first: no interrupt, kernel mode */
    mtc0    t0, $12
    ehb
    lw      t0, TF_EPC(sp)
    mtc0    t0, $14
    lw      $1, TF_R(1)(sp)
    lw      $2, TF_R(2)(sp)
    lw      $3, TF_R(3)(sp)
    lw      $4, TF_R(4)(sp)
    lw      $5, TF_R(5)(sp)
    lw      $6, TF_R(6)(sp)
    lw      $7, TF_R(7)(sp)
    lw      $8, TF_R(8)(sp)
    lw      $9, TF_R(9)(sp)
    lw      $10, TF_R(10)(sp)
    lw      $11, TF_R(11)(sp)
    lw      $12, TF_R(12)(sp)
    lw      $13, TF_R(13)(sp)
    lw      $14, TF_R(14)(sp)
    lw      $15, TF_R(15)(sp)
    lw      $16, TF_R(16)(sp)
    lw      $17, TF_R(17)(sp)
    lw      $18, TF_R(18)(sp)
    lw      $19, TF_R(19)(sp)
    lw      $20, TF_R(20)(sp)
    lw      $21, TF_R(21)(sp)
    lw      $22, TF_R(22)(sp)
    lw      $23, TF_R(23)(sp)
    lw      $24, TF_R(24)(sp)
    lw      $25, TF_R(25)(sp)
    lw      $28, TF_R(28)(sp)
    lw      $30, TF_R(30)(sp)
    lw      $31, TF_R(31)(sp)
    lw      sp, TF_R(29)(sp)        /* last: the frame is gone after this */
    eret
END(exc_entry)

/* trap_return_to(tf): enter user mode for the first time (proc.c). */
LEAF(trap_return_to)
    b       trap_return
    move    sp, a0
END(trap_return_to)

/* ==== swtch ================================================================
 * swtch(struct context *save, struct context *load): save the callee-saved
 * registers, sp and ra in *save, load them from *load, and return - on the
 * other stack, into whoever saved *load.  The caller-saved registers need
 * no saving: the C compiler already assumes a call destroys them.
 */
LEAF(swtch)
    sw      s0, CTX_S(0)(a0)
    sw      s1, CTX_S(1)(a0)
    sw      s2, CTX_S(2)(a0)
    sw      s3, CTX_S(3)(a0)
    sw      s4, CTX_S(4)(a0)
    sw      s5, CTX_S(5)(a0)
    sw      s6, CTX_S(6)(a0)
    sw      s7, CTX_S(7)(a0)
    sw      fp, CTX_FP(a0)
    sw      sp, CTX_SP(a0)
    sw      ra, CTX_RA(a0)
    lw      s0, CTX_S(0)(a1)
    lw      s1, CTX_S(1)(a1)
    lw      s2, CTX_S(2)(a1)
    lw      s3, CTX_S(3)(a1)
    lw      s4, CTX_S(4)(a1)
    lw      s5, CTX_S(5)(a1)
    lw      s6, CTX_S(6)(a1)
    lw      s7, CTX_S(7)(a1)
    lw      fp, CTX_FP(a1)
    lw      sp, CTX_SP(a1)
    lw      ra, CTX_RA(a1)
    jr      ra
    nop
END(swtch)
