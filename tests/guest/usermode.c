/*
 * usermode.c - guest test of user mode (MIPS32 Vol. III, "User Mode"
 * and "Exceptions"): entering user mode by ERET with Status.EXL = 1 and
 * UM = 1, running code through a TLB mapping, SYSCALL back into the
 * kernel (Status.UM still set and EXL set in the handler; the kernel's
 * answer in v0 reaches the user), BREAK, user access to kseg0 (AdEL),
 * and every privileged instruction in user mode with Status.CU0 = 0
 * raising Coprocessor Unusable with Cause.CE = 0 -- while CU0 = 1 lets
 * user mode read CP0.  The user code is in usermode-asm.S.
 */
#include <stdint.h>

#include "check.h"
#include "console.h"
#include "exc.h"

/* usermode-asm.S */
uint32_t u_mfc0(uint32_t), u_mtc0(uint32_t), u_tlbp(uint32_t),
    u_tlbr(uint32_t), u_tlbwi(uint32_t), u_tlbwr(uint32_t), u_eret(uint32_t),
    u_wait(uint32_t), u_cache(uint32_t), u_di(uint32_t), u_ei(uint32_t),
    u_syscall(uint32_t), u_break(uint32_t);
extern char u_mfc0_insn[], u_mtc0_insn[], u_tlbp_insn[], u_tlbr_insn[],
    u_tlbwi_insn[], u_tlbwr_insn[], u_eret_insn[], u_wait_insn[],
    u_cache_insn[], u_di_insn[], u_ei_insn[], u_syscall_insn[],
    u_break_insn[];

static volatile uint32_t shared_word;

static uint32_t __attribute__((noinline)) u_compute(uint32_t x)
{
    return x * 3 + 1;
}
static uint32_t __attribute__((noinline)) u_store(uint32_t va)
{
    *(volatile uint32_t *)va = 0xfeed0001;
    return *(volatile uint32_t *)va;
}
static uint32_t __attribute__((noinline)) u_load(uint32_t va)
{
    return *(volatile uint32_t *)va;
}

/* The kernel side: service 42 returns a0 + 1000; everything else is
 * recorded and skipped. */
static uint32_t syscall_status;
static void handler(struct exc_frame *f)
{
    if (CAUSE_EXCCODE(f->cause) == EXC_SYS && f->r[2] == 42) {
        syscall_status = f->status;
        exc_last.epc = f->epc;
        f->r[2] = f->r[4] + 1000;
        f->epc += 4;
        return;
    }
    exc_record_skip(f);
}

static const struct {
    const char *name;
    uint32_t (*fn)(uint32_t);
    const char *insn;
} privileged[] = {
    {"mfc0", u_mfc0, u_mfc0_insn},    {"mtc0", u_mtc0, u_mtc0_insn},
    {"tlbp", u_tlbp, u_tlbp_insn},    {"tlbr", u_tlbr, u_tlbr_insn},
    {"tlbwi", u_tlbwi, u_tlbwi_insn}, {"tlbwr", u_tlbwr, u_tlbwr_insn},
    {"eret", u_eret, u_eret_insn},    {"wait", u_wait, u_wait_insn},
    {"cache", u_cache, u_cache_insn}, {"di", u_di, u_di_insn},
    {"ei", u_ei, u_ei_insn},
};

int main(void)
{
    uint32_t st, v;

    check_start("usermode");
    exc_set_handler(handler);
    user_map_program();
    st = read_status();

    exc_record_reset();
    check_eq("user_run: computes in user mode", 31, user_run(u_compute, 10));
    check_eq("user_run: no exception on the way", 0, exc_last.count);
    check_eq("back in kernel mode: Status.UM = 0", 0, read_status() & ST_UM);
    check_eq("back in kernel mode: Status.EXL = 0", 0, read_status() & ST_EXL);

    shared_word = 0;
    check_eq("user stores and loads through a mapped page", 0xfeed0001,
             user_run(u_store, USER_VA(&shared_word)));
    check_eq("the kernel sees the user's store", 0xfeed0001, shared_word);

    syscall_status = 0;
    v = user_run(u_syscall, 5);
    check_eq("syscall: the kernel's answer reaches the user", 1005, v);
    check_eq("syscall: EPC is the user address", USER_VA(u_syscall_insn),
             exc_last.epc);
    check_eq("syscall: Status.UM set in the handler", ST_UM,
             syscall_status & ST_UM);
    check_eq("syscall: Status.EXL set in the handler", ST_EXL,
             syscall_status & ST_EXL);

    exc_record_reset();
    v = user_run(u_break, 0);
    check_eq("break in user mode: ExcCode", EXC_BP,
             CAUSE_EXCCODE(exc_last.cause));
    check_eq("break in user mode: EPC", USER_VA(u_break_insn), exc_last.epc);
    check_eq("break in user mode: resumed", 7, v);

    exc_record_reset();
    user_run(u_load, KSEG0_BASE + 0x100000);
    check_eq("user lw from kseg0: ExcCode AdEL", EXC_ADEL,
             CAUSE_EXCCODE(exc_last.cause));
    check_eq("user lw from kseg0: BadVAddr", KSEG0_BASE + 0x100000,
             exc_last.badvaddr);

    /* Privileged instructions with CU0 = 0. */
    mtc0(CP0_INDEX, 0, tlb_entries() - 1);   /* harmless if tlbwi ran */
    write_status(st & ~ST_CU0);
    for (unsigned i = 0; i < sizeof privileged / sizeof privileged[0]; i++) {
        exc_record_reset();
        user_run(privileged[i].fn, 0);
        check_eqf(1, exc_last.count, "user %s with CU0 = 0: exception count",
                  privileged[i].name);
        check_eqf(EXC_CPU, CAUSE_EXCCODE(exc_last.cause),
                  "user %s with CU0 = 0: ExcCode CpU", privileged[i].name);
        check_eqf(0, CAUSE_CEVAL(exc_last.cause),
                  "user %s with CU0 = 0: Cause.CE", privileged[i].name);
        check_eqf(USER_VA(privileged[i].insn), exc_last.epc,
                  "user %s with CU0 = 0: EPC", privileged[i].name);
    }
    write_status(st);

    /* CU0 = 1: user mode may use CP0. */
    write_status(st | ST_CU0);
    exc_record_reset();
    v = user_run(u_mfc0, 0);
    write_status(st);
    check_eq("user mfc0 with CU0 = 1: no exception", 0, exc_last.count);
    check_eq("user mfc0 with CU0 = 1: Status.UM reads 1", ST_UM, v & ST_UM);
    check_eq("user mfc0 with CU0 = 1: Status.EXL/ERL read 0", 0,
             v & (ST_EXL | ST_ERL));

    exc_set_handler(0);
    return check_done();
}
