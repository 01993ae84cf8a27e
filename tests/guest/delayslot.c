/*
 * delayslot.c - guest test of exceptions taken in branch delay slots
 * (MIPS32 Vol. III, "Exception Processing" and
 * the EPC register): EPC holds the address of the
 * branch and Cause.BD is set, whether the branch is taken or not, for
 * SYSCALL, BREAK, AdEL/AdES, TLB refill, Ov and Tr in the slot of
 * BEQ/BNE/JAL/JR/JALR/B/BGEZ/BLTZ/BGEZAL and branch-likely.  A nullified
 * slot (branch-likely not taken) raises nothing.  Resuming at EPC re-runs
 * the branch: a JAL whose slot took a TLB refill completes correctly.
 * The branches are in delayslot-asm.S.
 *
 * The not-taken cases use a register that is zero at run time, not $0:
 * QEMU translates a branch that can never be taken (BNE $0,$0, BLTZ $0)
 * as a NOP, so an exception in the following instruction gets
 * BD = 0 and EPC = that instruction, where the manual wants BD = 1 and
 * EPC = the branch.  That case is not tested.
 */
#include <stdint.h>

#include "check.h"
#include "exc.h"

void ds_syscall_beq_taken(void), ds_syscall_bne_not_taken(uint32_t, uint32_t),
    ds_break_jal(void), ds_syscall_beql_taken(void),
    ds_syscall_beql_not_taken(uint32_t, uint32_t);
void ds_adel_b(uint32_t, uint32_t), ds_ades_jr(uint32_t, uint32_t),
    ds_adel_lh_jalr(uint32_t, uint32_t), ds_refill_bgez(uint32_t, uint32_t),
    ds_refill_store_bltz(uint32_t, uint32_t),
    ds_ov_bgezal(uint32_t, uint32_t, uint32_t, uint32_t),
    ds_trap_bnel(uint32_t, uint32_t);
uint32_t ds_restart_jal(uint32_t);
extern volatile uint32_t ds_branch, ds_link;

#define UNMAPPED_VA 0x00400000u   /* kuseg, no TLB entry */

static volatile uint32_t word[2] __attribute__((aligned(8)));
static uint32_t page[1024] __attribute__((aligned(4096)));

static void check_ds(const char *what, unsigned exccode, uint32_t vector)
{
    check_eqf(1, exc_last.count, "%s: exception count", what);
    check_eqf(exccode, CAUSE_EXCCODE(exc_last.cause), "%s: ExcCode", what);
    check_eqf(ds_branch, exc_last.epc, "%s: EPC = branch", what);
    check_eqf(CAUSE_BD, exc_last.cause & CAUSE_BD, "%s: Cause.BD", what);
    check_eqf(vector, exc_last.vector, "%s: vector", what);
}

static void check_bad(const char *what, uint32_t va)
{
    check_eqf(va, exc_last.badvaddr, "%s: BadVAddr", what);
}

/* Refill handler for the restart case: maps the faulting page (both
 * halves of the pair) onto `page`, then resumes at EPC unchanged. */
static unsigned restart_refills;
static uint32_t restart_cause, restart_epc;
static void map_and_retry(struct exc_frame *f)
{
    uint32_t pfn = ENTRYLO_PFN((uint32_t)(uintptr_t)page - KSEG0_BASE);
    uint32_t attr = ENTRYLO_C(CACHE_CACHABLE) | ENTRYLO_D | ENTRYLO_V;

    restart_refills++;
    restart_cause = f->cause;
    restart_epc = f->epc;
    mtc0(CP0_ENTRYLO0, 0, pfn | attr);
    mtc0(CP0_ENTRYLO1, 0, pfn | attr);
    mtc0(CP0_PAGEMASK, 0, PM_4K);
    tlbwr();
}

int main(void)
{
    uint32_t aligned = (uint32_t)(uintptr_t)&word[0];

    check_start("delayslot");
    exc_set_handler(exc_record_skip);
    exc_set_refill_handler(exc_record_skip);

    exc_record_reset();
    ds_syscall_beq_taken();
    check_ds("syscall in the slot of a taken beq", EXC_SYS, VEC_GENERAL);

    exc_record_reset();
    ds_syscall_bne_not_taken(0, 0);
    check_ds("syscall in the slot of a not-taken bne", EXC_SYS, VEC_GENERAL);

    exc_record_reset();
    ds_break_jal();
    check_ds("break in the slot of jal", EXC_BP, VEC_GENERAL);

    exc_record_reset();
    ds_syscall_beql_taken();
    check_ds("syscall in the slot of a taken beql", EXC_SYS, VEC_GENERAL);

    exc_record_reset();
    ds_syscall_beql_not_taken(0, 1);
    check_eq("syscall in the nullified slot of a not-taken beql: no exception",
             0, exc_last.count);

    exc_record_reset();
    ds_adel_b(0, aligned);
    check_ds("misaligned lw in the slot of b", EXC_ADEL, VEC_GENERAL);
    check_bad("misaligned lw in the slot of b", aligned + 1);

    exc_record_reset();
    ds_ades_jr(0, aligned);
    check_ds("misaligned sw in the slot of jr", EXC_ADES, VEC_GENERAL);
    check_bad("misaligned sw in the slot of jr", aligned + 2);

    exc_record_reset();
    ds_adel_lh_jalr(0, aligned);
    check_ds("misaligned lh in the slot of jalr", EXC_ADEL, VEC_GENERAL);
    check_bad("misaligned lh in the slot of jalr", aligned + 1);

    exc_record_reset();
    ds_refill_bgez(UNMAPPED_VA, 0);
    check_ds("TLB refill (load) in the slot of bgez", EXC_TLBL, VEC_REFILL);
    check_bad("TLB refill (load) in the slot of bgez", UNMAPPED_VA);

    exc_record_reset();
    ds_refill_store_bltz(UNMAPPED_VA + 0x10, 0);
    check_ds("TLB refill (store) in the slot of a not-taken bltz", EXC_TLBS,
             VEC_REFILL);
    check_bad("TLB refill (store) in the slot of a not-taken bltz",
              UNMAPPED_VA + 0x10);

    exc_record_reset();
    ds_ov_bgezal(0, 0, 0x7fffffff, 1);
    check_ds("add overflow in the slot of bgezal", EXC_OV, VEC_GENERAL);

    exc_record_reset();
    ds_trap_bnel(0, 1);
    check_ds("teq in the slot of a taken bnel", EXC_TR, VEC_GENERAL);

    /* Restart: the refill handler maps the page and returns to EPC. */
    page[0x24 / 4] = 0x600dcafe;
    exc_set_refill_handler(map_and_retry);
    uint32_t v = ds_restart_jal(UNMAPPED_VA + 0x2024);
    check_eq("restarted jal: one refill", 1, restart_refills);
    check_eq("restarted jal: EPC = jal", ds_branch, restart_epc);
    check_eq("restarted jal: Cause.BD", CAUSE_BD, restart_cause & CAUSE_BD);
    check_eq("restarted jal: the slot's load completes", 0x600dcafe, v);
    check_eq("restarted jal: target reached with ra = jal + 8",
             ds_branch + 8, ds_link);

    exc_set_handler(0);
    exc_set_refill_handler(0);
    return check_done();
}
