/*
 * decode.c - turns an instruction word into a struct dinsn (see
 * decode.h), following the opcode tables of MIPS32 Vol. II, appendix A.
 * Encodings the 24K does not implement decode to OP_RI (Reserved
 * Instruction); coprocessor 1/2 instructions to OP_COP_UNUSABLE.
 */
#include "cpu/decode.h"

static enum dinsn_op decode_special(uint32_t insn, unsigned rs, unsigned rd, unsigned sa)
{
    switch (insn & 63) {
    case 0x00: return (insn == 0 || rd == 0) ? OP_NOP : OP_SLL; /* NOP, SSNOP, EHB */
    case 0x01: return OP_COP_UNUSABLE; /* MOVF/MOVT use FPU condition codes */
    case 0x02: return rs == 0 ? OP_SRL : rs == 1 ? OP_ROTR : OP_RI;
    case 0x03: return OP_SRA;
    case 0x04: return OP_SLLV;
    case 0x06: return sa == 0 ? OP_SRLV : sa == 1 ? OP_ROTRV : OP_RI;
    case 0x07: return OP_SRAV;
    case 0x08: return OP_JR;
    case 0x09: return OP_JALR;
    case 0x0a: return OP_MOVZ;
    case 0x0b: return OP_MOVN;
    case 0x0c: return OP_SYSCALL;
    case 0x0d: return OP_BREAK;
    case 0x0f: return OP_NOP; /* SYNC */
    case 0x10: return OP_MFHI;
    case 0x11: return OP_MTHI;
    case 0x12: return OP_MFLO;
    case 0x13: return OP_MTLO;
    case 0x18: return OP_MULT;
    case 0x19: return OP_MULTU;
    case 0x1a: return OP_DIV;
    case 0x1b: return OP_DIVU;
    case 0x20: return OP_ADD;
    case 0x21: return OP_ADDU;
    case 0x22: return OP_SUB;
    case 0x23: return OP_SUBU;
    case 0x24: return OP_AND;
    case 0x25: return OP_OR;
    case 0x26: return OP_XOR;
    case 0x27: return OP_NOR;
    case 0x2a: return OP_SLT;
    case 0x2b: return OP_SLTU;
    case 0x30: return OP_TGE;
    case 0x31: return OP_TGEU;
    case 0x32: return OP_TLT;
    case 0x33: return OP_TLTU;
    case 0x34: return OP_TEQ;
    case 0x36: return OP_TNE;
    default: return OP_RI;
    }
}

static enum dinsn_op decode_regimm(unsigned rt)
{
    switch (rt) {
    case 0x00: return OP_BLTZ;
    case 0x01: return OP_BGEZ;
    case 0x02: return OP_BLTZL;
    case 0x03: return OP_BGEZL;
    case 0x08: return OP_TGEI;
    case 0x09: return OP_TGEIU;
    case 0x0a: return OP_TLTI;
    case 0x0b: return OP_TLTIU;
    case 0x0c: return OP_TEQI;
    case 0x0e: return OP_TNEI;
    case 0x10: return OP_BLTZAL;
    case 0x11: return OP_BGEZAL;
    case 0x12: return OP_BLTZALL;
    case 0x13: return OP_BGEZALL;
    case 0x1f: return OP_NOP; /* SYNCI: no instruction cache to synchronise */
    default: return OP_RI;
    }
}

static enum dinsn_op decode_cop0(uint32_t insn, unsigned rs)
{
    if (rs & 0x10) {
        switch (insn & 63) {
        case 0x01: return OP_TLBR;
        case 0x02: return OP_TLBWI;
        case 0x06: return OP_TLBWR;
        case 0x08: return OP_TLBP;
        case 0x18: return OP_ERET;
        case 0x1f: return OP_DERET;
        case 0x20: return OP_WAIT;
        default: return OP_RI;
        }
    }
    switch (rs) {
    case 0x00: return OP_MFC0;
    case 0x04: return OP_MTC0;
    case 0x0a: /* RDPGPR and WRPGPR: with one register set, both copy */
    case 0x0e: return OP_RDPGPR;
    case 0x0b:
        if ((insn & 0xffdf) != 0x6000)
            return OP_RI;
        return (insn & 0x20) ? OP_EI : OP_DI;
    default: return OP_RI;
    }
}

static enum dinsn_op decode_special2(uint32_t insn)
{
    switch (insn & 63) {
    case 0x00: return OP_MADD;
    case 0x01: return OP_MADDU;
    case 0x02: return OP_MUL;
    case 0x04: return OP_MSUB;
    case 0x05: return OP_MSUBU;
    case 0x20: return OP_CLZ;
    case 0x21: return OP_CLO;
    case 0x3f: return OP_SDBBP;
    default: return OP_RI;
    }
}

static enum dinsn_op decode_special3(uint32_t insn, unsigned sa)
{
    switch (insn & 63) {
    case 0x00: return OP_EXT;
    case 0x04: return OP_INS;
    case 0x20:
        return sa == 0x02 ? OP_WSBH : sa == 0x10 ? OP_SEB : sa == 0x18 ? OP_SEH : OP_RI;
    case 0x3b: return OP_RDHWR;
    default: return OP_RI;
    }
}

static enum dinsn_op decode_op(uint32_t insn, unsigned rs, unsigned rt,
                               unsigned rd, unsigned sa)
{
    switch (insn >> 26) {
    case 0x00: return decode_special(insn, rs, rd, sa);
    case 0x01: return decode_regimm(rt);
    case 0x02: return OP_J;
    case 0x03: return OP_JAL;
    case 0x04: return (rs == 0 && rt == 0) ? OP_B : OP_BEQ;
    case 0x05: return OP_BNE;
    case 0x06: return OP_BLEZ;
    case 0x07: return OP_BGTZ;
    case 0x08: return OP_ADDI;
    case 0x09: return OP_ADDIU;
    case 0x0a: return OP_SLTI;
    case 0x0b: return OP_SLTIU;
    case 0x0c: return OP_ANDI;
    case 0x0d: return OP_ORI;
    case 0x0e: return OP_XORI;
    case 0x0f: return OP_LUI;
    case 0x10: return decode_cop0(insn, rs);
    case 0x11: case 0x12: case 0x13:            /* COP1, COP2, COP1X */
    case 0x31: case 0x32: case 0x35: case 0x36: /* LWC1/2, LDC1/2 */
    case 0x39: case 0x3a: case 0x3d: case 0x3e: /* SWC1/2, SDC1/2 */
        return OP_COP_UNUSABLE;
    case 0x14: return OP_BEQL;
    case 0x15: return OP_BNEL;
    case 0x16: return OP_BLEZL;
    case 0x17: return OP_BGTZL;
    case 0x1c: return decode_special2(insn);
    case 0x1f: return decode_special3(insn, sa);
    case 0x20: return OP_LB;
    case 0x21: return OP_LH;
    case 0x22: return OP_LWL;
    case 0x23: return OP_LW;
    case 0x24: return OP_LBU;
    case 0x25: return OP_LHU;
    case 0x26: return OP_LWR;
    case 0x28: return OP_SB;
    case 0x29: return OP_SH;
    case 0x2a: return OP_SWL;
    case 0x2b: return OP_SW;
    case 0x2e: return OP_SWR;
    case 0x2f: return OP_CACHE;
    case 0x30: return OP_LL;
    case 0x33: return OP_NOP; /* PREF */
    case 0x38: return OP_SC;
    default: return OP_RI;
    }
}

/* Which coprocessor a COP1/COP2-space instruction names. */
static unsigned cop_number(uint32_t insn)
{
    unsigned op = insn >> 26;
    if (op == 0x00 || op == 0x13)
        return 1; /* MOVF/MOVT, COP1X */
    return op & 3;
}

/* Writes to $zero go to the sink register instead (see GPR_SINK). */
static void redirect_zero_destination(struct dinsn *d)
{
    switch (d->op) {
    case OP_SLL: case OP_SRL: case OP_ROTR: case OP_SRA: case OP_SLLV:
    case OP_SRLV: case OP_ROTRV: case OP_SRAV: case OP_JALR: case OP_MOVZ:
    case OP_MOVN: case OP_MFHI: case OP_MFLO: case OP_ADD: case OP_ADDU:
    case OP_SUB: case OP_SUBU: case OP_AND: case OP_OR: case OP_XOR:
    case OP_NOR: case OP_SLT: case OP_SLTU: case OP_MUL: case OP_CLZ:
    case OP_CLO: case OP_WSBH: case OP_SEB: case OP_SEH: case OP_RDPGPR:
        if (d->rd == 0)
            d->rd = GPR_SINK;
        break;
    case OP_ADDI: case OP_ADDIU: case OP_SLTI: case OP_SLTIU: case OP_ANDI:
    case OP_ORI: case OP_XORI: case OP_LUI: case OP_LB: case OP_LH:
    case OP_LWL: case OP_LW: case OP_LBU: case OP_LHU: case OP_LWR:
    case OP_LL: case OP_MFC0: case OP_DI: case OP_EI: case OP_EXT:
    case OP_INS: case OP_RDHWR:
        if (d->rt == 0)
            d->rt = GPR_SINK;
        break;
    default: /* SC reads rt too: its handler restores $zero itself */
        break;
    }
}

void dinsn_decode(struct dinsn *d, uint32_t insn)
{
    unsigned rs = (insn >> 21) & 31, rt = (insn >> 16) & 31;
    unsigned rd = (insn >> 11) & 31, sa = (insn >> 6) & 31;
    uint32_t simm = (uint32_t)(int32_t)(int16_t)insn, uimm = insn & 0xffff;
    enum dinsn_op op = decode_op(insn, rs, rt, rd, sa);

    d->raw = insn;
    d->rs = (uint8_t)rs;
    d->rt = (uint8_t)rt;
    d->rd = (uint8_t)rd;
    d->sa = (uint8_t)sa;
    d->unused = 0;
    d->imm = simm;
    switch (op) {
    case OP_ANDI: case OP_ORI: case OP_XORI:
        d->imm = uimm;
        break;
    case OP_LUI:
        d->imm = uimm << 16;
        break;
    case OP_B: case OP_BEQ: case OP_BNE: case OP_BLEZ: case OP_BGTZ:
    case OP_BEQL: case OP_BNEL: case OP_BLEZL: case OP_BGTZL:
    case OP_BLTZ: case OP_BGEZ: case OP_BLTZL: case OP_BGEZL:
    case OP_BLTZAL: case OP_BGEZAL: case OP_BLTZALL: case OP_BGEZALL:
        d->imm = simm << 2;
        break;
    case OP_J: case OP_JAL:
        d->imm = (insn & 0x03ffffffu) << 2;
        break;
    case OP_EXT: { /* pos = sa, size = msbd + 1 */
        unsigned size = rd + 1;
        d->imm = size >= 32 ? 0xffffffffu : (1u << size) - 1;
        break;
    }
    case OP_INS: { /* lsb = sa, msb = rd; msb < lsb is unpredictable: no-op */
        unsigned size = rd >= sa ? rd - sa + 1 : 0;
        d->imm = (size >= 32 ? 0xffffffffu : (1u << size) - 1) << sa;
        break;
    }
    case OP_MFC0: case OP_MTC0:
        d->sa = (uint8_t)(insn & 7); /* sel */
        break;
    case OP_SDBBP:
        d->imm = (insn >> 6) & 0xfffff;
        break;
    case OP_COP_UNUSABLE:
        d->sa = (uint8_t)cop_number(insn);
        break;
    default:
        break;
    }
    d->op = (uint16_t)op;
    redirect_zero_destination(d);
}
