/*
 * decode.h - pre-decoded instructions.  The interpreter keeps, beside
 * every page of guest memory it executes, a shadow array with one
 * struct dinsn per instruction word: the operation (an index into the
 * interpreter's handler table) and its operands already extracted, so
 * executing an instruction is one table jump, not field extraction and
 * nested switches (measured on the bench loop: about 2.5x faster).
 *
 * The raw word is kept too and compared with memory at every fetch; a
 * mismatch (self-modifying code, a page reloaded) simply decodes again,
 * so stores never need to know about code.  A zeroed entry has op 0,
 * OP_DECODE, so fresh shadow memory needs no initialisation.
 */
#ifndef DISCO_DECODE_H
#define DISCO_DECODE_H

#include <stdint.h>

/* Every operation the interpreter implements (MIPS32r2 integer ISA). */
#define DINSN_OPS(X)                                                        \
    X(DECODE) X(RI) X(NOP)                                                  \
    X(SLL) X(SRL) X(ROTR) X(SRA) X(SLLV) X(SRLV) X(ROTRV) X(SRAV)            \
    X(JR) X(JALR) X(MOVZ) X(MOVN) X(SYSCALL) X(BREAK)                       \
    X(MFHI) X(MTHI) X(MFLO) X(MTLO) X(MULT) X(MULTU) X(DIV) X(DIVU)          \
    X(ADD) X(ADDU) X(SUB) X(SUBU) X(AND) X(OR) X(XOR) X(NOR) X(SLT) X(SLTU)  \
    X(TGE) X(TGEU) X(TLT) X(TLTU) X(TEQ) X(TNE)                             \
    X(BLTZ) X(BGEZ) X(BLTZL) X(BGEZL) X(BLTZAL) X(BGEZAL) X(BLTZALL)        \
    X(BGEZALL) X(TGEI) X(TGEIU) X(TLTI) X(TLTIU) X(TEQI) X(TNEI)            \
    X(J) X(JAL) X(BEQ) X(BNE) X(BLEZ) X(BGTZ) X(BEQL) X(BNEL) X(BLEZL)       \
    X(BGTZL) X(B) X(ADDI) X(ADDIU) X(SLTI) X(SLTIU) X(ANDI) X(ORI) X(XORI)  \
    X(LUI) X(TLBR) X(TLBWI) X(TLBWR) X(TLBP) X(ERET) X(DERET) X(WAIT)        \
    X(MFC0) X(MTC0) X(RDPGPR) X(DI) X(EI) X(COP_UNUSABLE)                   \
    X(MADD) X(MADDU) X(MUL) X(MSUB) X(MSUBU) X(CLZ) X(CLO) X(SDBBP)          \
    X(EXT) X(INS) X(WSBH) X(SEB) X(SEH) X(RDHWR)                            \
    X(LB) X(LH) X(LWL) X(LW) X(LBU) X(LHU) X(LWR) X(SB) X(SH) X(SWL) X(SW)   \
    X(SWR) X(CACHE) X(LL) X(SC)

#define DINSN_ENUM(name) OP_##name,
enum dinsn_op { DINSN_OPS(DINSN_ENUM) OP_COUNT };
#undef DINSN_ENUM

struct dinsn {
    uint32_t raw;  /* the instruction word this entry was decoded from */
    uint16_t op;   /* enum dinsn_op */
    uint8_t rs, rt, rd, sa;
    uint16_t unused;
    uint32_t imm;  /* immediate, extended as the operation needs; branch
                    * offset already shifted; EXT/INS mask; codes */
};

/* An instruction whose destination is $zero writes here instead, so
 * $zero stays 0 without a store after every instruction. */
#define GPR_SINK 32

#define DINSN_SHADOW_RATIO 4 /* shadow bytes per byte of guest memory */

/* Decodes insn into d (always succeeds: unknown encodings become OP_RI). */
void dinsn_decode(struct dinsn *d, uint32_t insn);

#endif
