/*
 * alu.c - guest test of the MIPS32r2 integer ALU instructions (MIPS32
 * Vol. II): ADD/ADDU/ADDI/ADDIU (ADD and ADDI raise Integer Overflow and
 * leave rd unchanged), SUB/SUBU, AND/OR/XOR/NOR, ANDI/ORI/XORI (zero-
 * extended immediates), LUI, SLT/SLTU/SLTI/SLTIU, the shifts and
 * rotates, MOVN/MOVZ, CLO/CLZ, EXT/INS, SEB/SEH/WSBH, and writes to $0.
 */
#include <stdint.h>

#include "check.h"
#include "exc.h"
#include "insn.h"

/* Runs `insn d, a, b` (or `insn d, a, imm`), which is expected to
 * overflow; returns d (preset to 0xdeadbeef) and the instruction's
 * address in *pc. */
#define OV3(insn, a, b, pc)                                              \
    ({                                                                   \
        uint32_t d_ = 0xdeadbeef;                                        \
        __asm__ volatile("la %1, 1f\n\t" INSN_PRE "1: " insn " %0, %2, %3" \
                         INSN_POST                                       \
                         : "+r"(d_), "=&r"(pc)                           \
                         : "r"((uint32_t)(a)), "r"((uint32_t)(b)));      \
        d_;                                                              \
    })
#define OVI(insn, a, imm, pc)                                            \
    ({                                                                   \
        uint32_t d_ = 0xdeadbeef;                                        \
        __asm__ volatile("la %1, 1f\n\t" INSN_PRE "1: " insn " %0, %2, %3" \
                         INSN_POST                                       \
                         : "+r"(d_), "=&r"(pc)                           \
                         : "r"((uint32_t)(a)), "i"(imm));                \
        d_;                                                              \
    })

static void overflow(void)
{
    uint32_t pc, d;

    exc_set_handler(exc_record_skip);

    exc_record_reset();
    d = OV3("add", 0x7fffffff, 1, pc);
    check_exc("add 0x7fffffff+1 overflows", 1, EXC_OV, pc);
    check_eq("add overflow leaves rd unchanged", 0xdeadbeef, d);

    exc_record_reset();
    d = OV3("add", 0x80000000, 0x80000000, pc);
    check_exc("add 0x80000000+0x80000000 overflows", 1, EXC_OV, pc);
    check_eq("add overflow (negative) leaves rd unchanged", 0xdeadbeef, d);

    exc_record_reset();
    d = OVI("addi", 0x7ffffffe, 2, pc);
    check_exc("addi 0x7ffffffe+2 overflows", 1, EXC_OV, pc);
    check_eq("addi overflow leaves rt unchanged", 0xdeadbeef, d);

    exc_record_reset();
    d = OVI("addi", 0x80000000, -1, pc);
    check_exc("addi 0x80000000+(-1) overflows", 1, EXC_OV, pc);

    exc_record_reset();
    d = OV3("sub", 0x80000000, 1, pc);
    check_exc("sub 0x80000000-1 overflows", 1, EXC_OV, pc);
    check_eq("sub overflow leaves rd unchanged", 0xdeadbeef, d);

    exc_record_reset();
    d = OV3("sub", 0x7fffffff, 0xffffffff, pc);
    check_exc("sub 0x7fffffff-(-1) overflows", 1, EXC_OV, pc);

    /* No overflow: no exception. */
    exc_record_reset();
    d = R3("add", 0x7fffffff, 0xffffffff);
    d = R3("sub", 0x80000000, 0xffffffff);
    d = RI("addi", 0x80000000, 1);
    (void)d;
    check_eq("add/sub/addi without overflow take no exception", 0,
             exc_last.count);
    exc_set_handler(0);
}

int main(void)
{
    check_start("alu");

    /* add family */
    check_eq("add 5+7", 12, R3("add", 5, 7));
    check_eq("add -5+3", (uint32_t)-2, R3("add", -5, 3));
    check_eq("addu wraps 0xffffffff+2", 1, R3("addu", 0xffffffff, 2));
    check_eq("addu 0x7fffffff+1 (no trap)", 0x80000000,
             R3("addu", 0x7fffffff, 1));
    check_eq("addi sign-extends -1", 4, RI("addi", 5, -1));
    check_eq("addiu sign-extends -32768", 0xffff8000 + 0x10,
             RI("addiu", 0x10, -32768));
    check_eq("addiu 0x7fffffff+1 (no trap)", 0x80000000,
             RI("addiu", 0x7fffffff, 1));
    check_eq("sub 3-5", (uint32_t)-2, R3("sub", 3, 5));
    check_eq("subu 0-1", 0xffffffff, R3("subu", 0, 1));
    check_eq("subu 0x80000000-1 (no trap)", 0x7fffffff,
             R3("subu", 0x80000000, 1));
    overflow();

    /* logical */
    check_eq("and", 0x00f0f000, R3("and", 0x0ff0ff00, 0xf0f0f0f0));
    check_eq("or", 0xfff0fff0, R3("or", 0x0ff0ff00, 0xf0f0f0f0));
    check_eq("xor", 0xff000ff0, R3("xor", 0x0ff0ff00, 0xf0f0f0f0));
    check_eq("nor", 0x000f000f, R3("nor", 0x0ff0ff00, 0xf0f0f0f0));
    check_eq("andi zero-extends", 0x00008001, RI("andi", 0xffff8001, 0xffff));
    check_eq("ori zero-extends", 0x1234ffff, RI("ori", 0x12340000, 0xffff));
    check_eq("xori zero-extends", 0xffff7ffe, RI("xori", 0xffff8001, 0xffff));
    {
        uint32_t d;
        __asm__ volatile("lui %0, 0x8765" : "=r"(d));
        check_eq("lui", 0x87650000, d);
        __asm__ volatile("lui %0, 0xffff" : "=r"(d));
        check_eq("lui 0xffff", 0xffff0000, d);
    }

    /* set on less than */
    check_eq("slt -1 < 1", 1, R3("slt", -1, 1));
    check_eq("slt 1 < -1", 0, R3("slt", 1, -1));
    check_eq("slt equal", 0, R3("slt", 7, 7));
    check_eq("sltu 1 < 0xffffffff", 1, R3("sltu", 1, 0xffffffff));
    check_eq("sltu 0xffffffff < 1", 0, R3("sltu", 0xffffffff, 1));
    check_eq("slti -2 < -1", 1, RI("slti", -2, -1));
    check_eq("slti 0x7fffffff < -32768", 0, RI("slti", 0x7fffffff, -32768));
    check_eq("sltiu sign-extended imm 0xfffffffe < 0xffffffff", 1,
             RI("sltiu", 0xfffffffe, -1));
    check_eq("sltiu 0xffffffff < 0xffffffff", 0, RI("sltiu", 0xffffffff, -1));
    check_eq("sltiu 0 < 1", 1, RI("sltiu", 0, 1));

    /* shifts and rotates */
    check_eq("sll 4", 0x23456780, RI("sll", 0x12345678, 4));
    check_eq("sll 31", 0x80000000, RI("sll", 0x12345679, 31));
    check_eq("srl 4", 0x08765432, RI("srl", 0x87654321, 4));
    check_eq("sra 4", 0xf8765432, RI("sra", 0x87654321, 4));
    check_eq("sra 31", 0xffffffff, RI("sra", 0x80000000, 31));
    check_eq("sra positive", 0x01234567, RI("sra", 0x12345678, 4));
    /* variable shifts: rd, rt, rs -- the amount is rs[4:0] */
    check_eq("sllv uses rs[4:0]", 0x23456780, R3("sllv", 0x12345678, 0x24));
    check_eq("srlv uses rs[4:0]", 0x08765432, R3("srlv", 0x87654321, 0xe4));
    check_eq("srav uses rs[4:0]", 0xf8765432, R3("srav", 0x87654321, 0x64));
    check_eq("sllv by 0", 0x12345678, R3("sllv", 0x12345678, 0x20));
    check_eq("rotr 8", 0x78123456, RI("rotr", 0x12345678, 8));
    check_eq("rotr 0", 0x12345678, RI("rotr", 0x12345678, 0));
    check_eq("rotr 31", 0x2468acf0, RI("rotr", 0x12345678, 31));
    check_eq("rotrv uses rs[4:0]", 0x56781234, R3("rotrv", 0x12345678, 0x30));

    /* conditional moves: rd keeps its value when the move does not happen */
    {
        uint32_t d = 0x11111111;
        __asm__ volatile("movn %0, %1, %2" : "+r"(d) : "r"(0x22222222), "r"(1));
        check_eq("movn moves when rt != 0", 0x22222222, d);
        d = 0x11111111;
        __asm__ volatile("movn %0, %1, %2" : "+r"(d) : "r"(0x22222222), "r"(0));
        check_eq("movn keeps rd when rt == 0", 0x11111111, d);
        d = 0x11111111;
        __asm__ volatile("movz %0, %1, %2" : "+r"(d) : "r"(0x22222222), "r"(0));
        check_eq("movz moves when rt == 0", 0x22222222, d);
        d = 0x11111111;
        __asm__ volatile("movz %0, %1, %2" : "+r"(d) : "r"(0x22222222), "r"(5));
        check_eq("movz keeps rd when rt != 0", 0x11111111, d);
    }

    /* count leading ones / zeros */
    check_eq("clz 0", 32, R1("clz", 0));
    check_eq("clz 1", 31, R1("clz", 1));
    check_eq("clz 0x00010000", 15, R1("clz", 0x00010000));
    check_eq("clz 0x80000000", 0, R1("clz", 0x80000000));
    check_eq("clo 0xffffffff", 32, R1("clo", 0xffffffff));
    check_eq("clo 0xfff0ffff", 12, R1("clo", 0xfff0ffff));
    check_eq("clo 0x7fffffff", 0, R1("clo", 0x7fffffff));

    /* bit fields and byte swaps */
    {
        uint32_t d;
        __asm__ volatile("ext %0, %1, 8, 12" : "=r"(d) : "r"(0x12345678));
        check_eq("ext pos 8 size 12", 0x00000456, d);
        __asm__ volatile("ext %0, %1, 0, 32" : "=r"(d) : "r"(0x87654321));
        check_eq("ext pos 0 size 32", 0x87654321, d);
        __asm__ volatile("ext %0, %1, 31, 1" : "=r"(d) : "r"(0x80000000));
        check_eq("ext pos 31 size 1", 1, d);
        d = 0xffffffff;
        __asm__ volatile("ins %0, %1, 4, 8" : "+r"(d) : "r"(0x12345600));
        check_eq("ins pos 4 size 8", 0xfffff00f, d);
        d = 0x00000000;
        __asm__ volatile("ins %0, %1, 16, 16" : "+r"(d) : "r"(0xabcd1234));
        check_eq("ins pos 16 size 16", 0x12340000, d);
        d = 0x12345678;
        __asm__ volatile("ins %0, %1, 0, 32" : "+r"(d) : "r"(0xcafef00d));
        check_eq("ins pos 0 size 32", 0xcafef00d, d);
    }
    check_eq("seb negative", 0xffffff80, R1("seb", 0x12345680));
    check_eq("seb positive", 0x0000007f, R1("seb", 0xffffff7f));
    check_eq("seh negative", 0xffff8000, R1("seh", 0x12348000));
    check_eq("seh positive", 0x00007fff, R1("seh", 0xffff7fff));
    check_eq("wsbh", 0x34127856, R1("wsbh", 0x12345678));

    /* $0 stays zero */
    {
        uint32_t d;
        __asm__ volatile(".set push\n\t.set noat\n\t"
                         "addiu $0, $0, 5\n\t"
                         "lui $0, 0x1234\n\t"
                         "move %0, $0\n\t.set pop"
                         : "=r"(d));
        check_eq("writes to $0 are discarded", 0, d);
    }

    return check_done();
}
