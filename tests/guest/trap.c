/*
 * trap.c - guest test of the instructions whose job is to raise an
 * exception (MIPS32 Vol. II; Vol. III "Exceptions"): the conditional
 * traps TEQ/TNE/TGE/TGEU/TLT/TLTU and TEQI/TNEI/TGEI/TGEIU/TLTI/TLTIU
 * (Trap, 13, only when the condition holds), SYSCALL (Sys, 8) and BREAK
 * (Bp, 9) with EPC at the instruction, Reserved Instruction (RI, 10) for
 * reserved encodings, and Coprocessor Unusable (CpU, 11) with Cause.CE
 * naming the coprocessor: 1 for COP1 instructions (the 24Kc has no FPU,
 * so CU1 cannot be set), 2 for COP2, and 0 for MFC0 in user mode with
 * Status.CU0 = 0.
 *
 * Not tested, because QEMU disagrees with the manual: SPECIAL function
 * 0x05 (reserved in MIPS32r2: RI; QEMU runs it as a "PMON" call) and
 * MFC2 and the other COP2-opcode instructions (CpU with CE = 2; QEMU
 * raises RI).  LWC2 is tested: there both agree.
 */
#include <stdint.h>

#include "check.h"
#include "console.h"
#include "exc.h"
#include "insn.h"

/* Runs one instruction (a string with operands %2 and %3) and returns
 * its address. */
#define AT(insn, a, b)                                                   \
    ({                                                                   \
        uint32_t pc_;                                                    \
        __asm__ volatile("la %0, 1f\n\t" INSN_PRE "1: " insn INSN_POST   \
                         : "=&r"(pc_)                                    \
                         : "r"((uint32_t)(a)), "r"((uint32_t)(b))        \
                         : "memory");                                    \
        pc_;                                                             \
    })

static void expect(const char *what, int traps, unsigned exccode,
                   uint32_t pc)
{
    if (traps) {
        check_exc(what, 1, exccode, pc);
    } else {
        check_eqf(0, exc_last.count, "%s: no exception", what);
    }
}

#define TRAP(insn, a, b, traps)                                          \
    do {                                                                 \
        exc_record_reset();                                              \
        uint32_t pc_ = AT(insn " %1, %2", a, b);                         \
        expect(insn " " #a ", " #b, traps, EXC_TR, pc_);                 \
    } while (0)
#define TRAPI(insn, a, imm, traps)                                       \
    do {                                                                 \
        exc_record_reset();                                              \
        uint32_t pc_ = AT(insn " %1, " #imm, a, 0);                      \
        expect(insn " " #a ", " #imm, traps, EXC_TR, pc_);               \
    } while (0)

static void traps(void)
{
    TRAP("teq", 5, 5, 1);
    TRAP("teq", 5, 6, 0);
    TRAP("tne", 5, 6, 1);
    TRAP("tne", 5, 5, 0);
    TRAP("tge", -1, -2, 1);
    TRAP("tge", -2, -2, 1);
    TRAP("tge", -2, 1, 0);
    TRAP("tgeu", 0xffffffff, 1, 1);
    TRAP("tgeu", 1, 0xffffffff, 0);
    TRAP("tlt", -2, 1, 1);
    TRAP("tlt", 1, -2, 0);
    TRAP("tltu", 1, 0xffffffff, 1);
    TRAP("tltu", 0xffffffff, 1, 0);
    TRAPI("teqi", 0xffffffff, -1, 1);
    TRAPI("teqi", 0, -1, 0);
    TRAPI("tnei", 0, 5, 1);
    TRAPI("tnei", 5, 5, 0);
    TRAPI("tgei", 0, -1, 1);
    TRAPI("tgei", -2, -1, 0);
    TRAPI("tgeiu", 0xffffffff, -1, 1);   /* imm sign-extended, unsigned compare */
    TRAPI("tgeiu", 0x7fffffff, -1, 0);
    TRAPI("tlti", -2, -1, 1);
    TRAPI("tlti", 0, -1, 0);
    TRAPI("tltiu", 5, -1, 1);
    TRAPI("tltiu", 0xffffffff, -1, 0);
}

static void sys_bp_ri(void)
{
    uint32_t pc;

    exc_record_reset();
    pc = AT("syscall 0x1234", 0, 0);
    check_exc("syscall", 1, EXC_SYS, pc);
    check_eq("syscall: EPC holds the SYSCALL word",
             0x0000000c | (0x1234 << 6), *(volatile uint32_t *)exc_last.epc);
    check_eq("syscall: Cause.BD clear", 0, exc_last.cause & CAUSE_BD);

    exc_record_reset();
    pc = AT("break 7", 0, 0);
    check_exc("break", 1, EXC_BP, pc);
    check_eq("break: EPC holds the BREAK word", 0x0007000d,
             *(volatile uint32_t *)exc_last.epc);

    exc_record_reset();
    pc = AT(".word 0x60000000", 0, 0);      /* opcode 0x18: MIPS64 only */
    check_exc("opcode 0x18 (DADDI) is reserved", 1, EXC_RI, pc);
    exc_record_reset();
    pc = AT(".word 0xec000000", 0, 0);      /* opcode 0x3b */
    check_exc("opcode 0x3b is reserved", 1, EXC_RI, pc);
}

static void check_cpu(const char *what, unsigned ce, uint32_t pc)
{
    check_exc(what, 1, EXC_CPU, pc);
    check_eqf(ce, CAUSE_CEVAL(exc_last.cause), "%s: Cause.CE", what);
}

/* Runs in user mode (see user_run): MFC0 with CU0 = 0.  Returns the
 * MFC0's address (user code cannot store to the kernel's data). */
static uint32_t __attribute__((noinline)) user_mfc0(uint32_t arg)
{
    uint32_t pc;
    (void)arg;
    __asm__ volatile(INSN_PRE "bal 1f\n\t"
                     "nop\n"
                     "1:\tmfc0 $0, $12\n\t"   /* pc = address of the mfc0 */
                     "move %0, $31" INSN_POST
                     : "=r"(pc) : : "$31");
    return pc;
}

static void coprocessors(void)
{
    uint32_t pc;
    double d = 0;

    /* Status.CU1 cannot be set without an FPU. */
    uint32_t st = read_status();
    write_status(st | ST_CU1);
    check_eq("Status.CU1 reads 0 without an FPU", 0, read_status() & ST_CU1);
    write_status(st);

    exc_record_reset();
    pc = AT(".set hardfloat\n\t" "mfc1 $2, $f0", 0, 0);
    check_cpu("mfc1 with CU1 = 0", 1, pc);
    exc_record_reset();
    pc = AT(".set hardfloat\n\t" "lwc1 $f0, 0(%1)", &d, 0);
    check_cpu("lwc1 with CU1 = 0", 1, pc);
    exc_record_reset();
    pc = AT(".set hardfloat\n\t" "sdc1 $f0, 0(%1)", &d, 0);
    check_cpu("sdc1 with CU1 = 0", 1, pc);
    exc_record_reset();
    pc = AT("lwc2 $0, 0(%1)", &d, 0);
    check_cpu("lwc2 with CU2 = 0", 2, pc);

    /* MFC0 from user mode with CU0 = 0. */
    user_map_program();
    write_status(st & ~ST_CU0);
    exc_record_reset();
    uint32_t upc = user_run(user_mfc0, 0);
    write_status(st);
    check_cpu("mfc0 in user mode with CU0 = 0", 0, upc);
    check_eq("mfc0 in user mode: taken from user mode (Status.UM)", ST_UM,
             exc_last.status & ST_UM);
}

int main(void)
{
    check_start("trap");
    exc_set_handler(exc_record_skip);
    traps();
    sys_bp_ri();
    coprocessors();
    exc_set_handler(0);
    return check_done();
}
