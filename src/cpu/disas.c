/*
 * disas.c - MIPS32 Release 2 disassembler (MIPS32 Vol. II, chapter 3, and
 * the opcode maps of its appendix A; the ASE manuals for MT, DSP, MSA,
 * MIPS-3D, SmartMIPS, MCU, EVA, VZ and XPA).
 *
 * cpu_disas() prints exactly what GNU objdump (binutils 2.40,
 * `mipsel-linux-gnu-objdump -d`) prints for a word of a mips32r2 ELF, so a
 * disco trace can be diffed against an objdump listing.  objdump decodes
 * every ASE it knows for mips32r2 even though a 24K has none of them, so we
 * do too; words it cannot decode become ".word 0x...".
 *
 * Most instructions are rows of one table: mnemonic, operand letters and
 * opcode bits.  Every bit not covered by an operand must equal the opcode
 * bits (objdump's own tables follow that rule), so a row needs no mask.
 * Rows are tried in objdump's order and the first match wins, which is how
 * aliases such as nop, move, li, b and beqz take precedence.  The DSP ASE
 * (regular op/function grid) and MSA (regular formats) are decoded by
 * smaller tables further down.
 */
#include "cpu/disas.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static const char *const gpr_names[32] = {
    "zero", "at", "v0", "v1", "a0", "a1", "a2", "a3",
    "t0", "t1", "t2", "t3", "t4", "t5", "t6", "t7",
    "s0", "s1", "s2", "s3", "s4", "s5", "s6", "s7",
    "t8", "t9", "k0", "k1", "gp", "sp", "s8", "ra",
};

/* CP0 register names for select 0; NULL prints as "$n". */
static const char *const cp0_names[32] = {
    "index", "random", "entrylo0", "entrylo1", "context", "pagemask",
    "wired", "hwrena", "badvaddr", "count", "entryhi", "compare", "status",
    "cause", "epc", "prid", "config", "lladdr", "watchlo", "watchhi",
    "xcontext", NULL, NULL, "debug", "depc", "perfcnt", "errctl",
    "cacheerr", "taglo", "taghi", "errorepc", "desave",
};

/* CP0 names for selects 1, 2, ..., space separated. */
static const char *const cp0_sel_names[32] = {
    [0] = "mvpcontrol mvpconf0 mvpconf1",
    [1] = "vpecontrol vpeconf0 vpeconf1 yqmask vpeschedule vpeschefback",
    [2] = "tcstatus tcbind tcrestart tchalt tccontext tcschedule tcschefback",
    [4] = "contextconfig",
    [5] = "pagegrain",
    [6] = "srsconf0 srsconf1 srsconf2 srsconf3 srsconf4",
    [12] = "intctl srsctl srsmap",
    [15] = "ebase",
    [16] = "config1 config2 config3",
    [18] = "watchlo,1 watchlo,2 watchlo,3 watchlo,4 watchlo,5 watchlo,6 "
           "watchlo,7",
    [19] = "watchhi,1 watchhi,2 watchhi,3 watchhi,4 watchhi,5 watchhi,6 "
           "watchhi,7",
    [23] = "tracecontrol tracecontrol2 usertracedata tracebpc",
    [25] = "perfcnt,1 perfcnt,2 perfcnt,3 perfcnt,4 perfcnt,5 perfcnt,6 "
           "perfcnt,7",
    [27] = "cacheerr,1 cacheerr,2 cacheerr,3",
    [28] = "datalo taglo1 datalo1 taglo2 datalo2 taglo3 datalo3",
    [29] = "datahi taghi1 datahi1 taghi2 datahi2 taghi3 datahi3",
};

/* FPU control registers (CFC1/CTC1). */
static const char *const cp1_names[32] = {
    [0] = "c1_fir", [1] = "c1_ufr", [4] = "c1_unfr", [25] = "c1_fccr",
    [26] = "c1_fexr", [28] = "c1_fenr", [31] = "c1_fcsr",
};

static const char *const hwr_names[32] = {
    "hwr_cpunum", "hwr_synci_step", "hwr_cc", "hwr_ccres",
};

static const char *const msa_ctrl_names[32] = {
    "msa_ir", "msa_csr", "msa_access", "msa_save", "msa_modify",
    "msa_request", "msa_map", "msa_unmap",
};

static const char *const fp_conds[16] = {
    "f", "un", "eq", "ueq", "olt", "ult", "ole", "ule",
    "sf", "ngle", "seq", "ngl", "lt", "nge", "le", "ngt",
};

/* ---- output buffer ------------------------------------------------------ */

struct out {
    char text[160];
    size_t n;
};

static void put(struct out *o, const char *fmt, ...)
{
    va_list ap;
    int r;

    if (o->n >= sizeof o->text - 1)
        return;
    va_start(ap, fmt);
    r = vsnprintf(o->text + o->n, sizeof o->text - o->n, fmt, ap);
    va_end(ap);
    if (r > 0)
        o->n += (size_t)r;
    if (o->n > sizeof o->text - 1)
        o->n = sizeof o->text - 1;
}

/* Register named by a table, or "$n" where the table has no name. */
static void put_named(struct out *o, const char *const *names, unsigned r)
{
    if (names[r])
        put(o, "%s", names[r]);
    else
        put(o, "$%u", r);
}

/* CP0 register with a select: a name if objdump knows one, else "$r,sel". */
static void put_cp0sel(struct out *o, unsigned reg, unsigned sel)
{
    const char *p = cp0_sel_names[reg];
    unsigned i;

    if (sel == 0) {
        if (cp0_names[reg])
            put(o, "c0_%s", cp0_names[reg]);
        else
            put(o, "$%u", reg);
        return;
    }
    for (i = 1; p && *p; i++) {
        size_t len = strcspn(p, " ");
        if (i == sel) {
            put(o, "c0_%.*s", (int)len, p);
            return;
        }
        p += len;
        p += strspn(p, " ");
    }
    put(o, "$%u,%u", reg, sel);
}

static uint32_t field(uint32_t insn, unsigned lsb, unsigned size)
{
    return (insn >> lsb) & ((1u << size) - 1);
}

static int32_t sfield(uint32_t insn, unsigned lsb, unsigned size)
{
    uint32_t v = field(insn, lsb, size);
    return (int32_t)(v ^ (1u << (size - 1))) - (int32_t)(1u << (size - 1));
}

/* Target of a 16-bit PC-relative branch (relative to the delay slot). */
static uint32_t branch_target(uint32_t pc, uint32_t insn)
{
    return pc + 4 + ((uint32_t)sfield(insn, 0, 16) << 2);
}

/* ---- operands ----------------------------------------------------------- */

enum kind {
    K_NONE,                             /* not an operand letter */
    K_GPR, K_FPR, K_CPR, K_HWR, K_ACC, K_ZERO,
    K_FCC, K_CC, K_OPT_FCC, K_OPT_CC,   /* OPT: omitted, with its comma, if 0 */
    K_HEX, K_UDEC, K_SDEC, K_BRANCH, K_JUMP,
    K_CLZ, K_EXTSZ, K_INSSZ, K_LSA,
};

struct operand {
    uint8_t lsb, size, kind;
};

/*
 * Operand letters used in the tables, indexed by letter: the field they
 * occupy and how they print.  K_CPR registers are named like objdump does,
 * by the last character of the mnemonic: CP0 names for "...0", FPU control
 * names for "...1", "$n" otherwise.
 */
static const struct operand operands[128] = {
    ['s'] = {21, 5, K_GPR}, ['t'] = {16, 5, K_GPR}, ['d'] = {11, 5, K_GPR},
    ['z'] = {0, 0, K_ZERO},                     /* literal "zero" (div) */
    ['S'] = {11, 5, K_FPR}, ['T'] = {16, 5, K_FPR}, ['D'] = {6, 5, K_FPR},
    ['R'] = {21, 5, K_FPR},
    ['G'] = {11, 5, K_CPR}, ['E'] = {16, 5, K_CPR}, ['H'] = {0, 3, K_UDEC},
    ['K'] = {11, 5, K_HWR},
    ['7'] = {11, 2, K_ACC}, ['9'] = {21, 2, K_ACC}, ['*'] = {18, 2, K_ACC},
    ['&'] = {13, 2, K_ACC},
    ['N'] = {18, 3, K_FCC}, ['M'] = {8, 3, K_FCC},
    ['n'] = {18, 3, K_OPT_FCC}, ['m'] = {8, 3, K_OPT_FCC},
    ['Q'] = {18, 3, K_OPT_CC},
    ['j'] = {0, 16, K_SDEC}, ['i'] = {0, 16, K_HEX},
    ['p'] = {0, 16, K_BRANCH}, ['a'] = {0, 26, K_JUMP},
    ['<'] = {6, 5, K_HEX}, ['k'] = {16, 5, K_HEX}, ['h'] = {11, 5, K_HEX},
    ['C'] = {11, 5, K_EXTSZ}, ['I'] = {11, 5, K_INSSZ},
    ['U'] = {11, 10, K_CLZ}, ['L'] = {6, 2, K_LSA},
    ['c'] = {16, 10, K_HEX}, ['q'] = {6, 10, K_HEX}, ['B'] = {6, 20, K_HEX},
    ['J'] = {6, 19, K_HEX}, ['Z'] = {0, 25, K_HEX}, ['F'] = {11, 10, K_HEX},
    ['e'] = {7, 9, K_SDEC},                     /* EVA offset */
    ['!'] = {5, 1, K_UDEC}, ['$'] = {4, 1, K_UDEC}, /* MT mftr/mttr u, h */
    ['\\'] = {12, 3, K_HEX}, ['~'] = {0, 12, K_SDEC}, /* MCU aset/aclr */
    ['3'] = {21, 3, K_HEX}, ['4'] = {21, 4, K_HEX}, ['5'] = {16, 8, K_HEX},
    ['6'] = {21, 5, K_HEX}, ['0'] = {20, 6, K_SDEC}, ['@'] = {16, 10, K_SDEC},
    ['\''] = {16, 6, K_HEX}, ['8'] = {11, 6, K_HEX}, ['2'] = {11, 2, K_HEX},
};

static const struct operand *find_operand(char c)
{
    if ((unsigned char)c >= 128 || operands[(unsigned char)c].kind == K_NONE)
        return NULL;
    return &operands[(unsigned char)c];
}

/* Bits an instruction form leaves to its operands. */
static uint32_t operand_bits(const char *name, const char *args)
{
    uint32_t bits = 0;

    if (strchr(name, '%'))
        bits |= 0x1fu << 21;                    /* FP fmt */
    if (strchr(name, '?'))
        bits |= 0xfu;                           /* FP condition */
    for (; *args; args++) {
        const struct operand *op = find_operand(*args);
        if (op)
            bits |= ((1u << op->size) - 1) << op->lsb;
    }
    return bits;
}

static void put_operand(struct out *o, const struct operand *op,
                        const char *name, const char *args, uint32_t pc,
                        uint32_t insn)
{
    uint32_t v = field(insn, op->lsb, op->size);
    char last = name[strlen(name) - 1];

    switch (op->kind) {
    case K_GPR:   put(o, "%s", gpr_names[v]); break;
    case K_FPR:   put(o, "$f%u", v); break;
    case K_HWR:   put_named(o, hwr_names, v); break;
    case K_ACC:   put(o, "$ac%u", v); break;
    case K_ZERO:  put(o, "zero"); break;
    case K_FCC:
    case K_OPT_FCC: put(o, "$fcc%u", v); break;
    case K_CC:
    case K_OPT_CC: put(o, "$cc%u", v); break;
    case K_HEX:   put(o, "0x%x", v); break;
    case K_UDEC:  put(o, "%u", v); break;
    case K_SDEC:  put(o, "%d", sfield(insn, op->lsb, op->size)); break;
    case K_BRANCH: put(o, "0x%x", branch_target(pc, insn)); break;
    case K_JUMP:
        put(o, "0x%x", ((pc + 4) & 0xf0000000u) | (v << 2));
        break;
    case K_EXTSZ: put(o, "0x%x", v + 1); break;
    case K_INSSZ: put(o, "0x%x", v + 1 - field(insn, 6, 5)); break;
    case K_LSA:   put(o, "0x%x", v + 1); break;
    case K_CLZ: {
        /* CLO/CLZ want rd == rt; objdump shows both when they differ. */
        unsigned rd = v & 31, rt = v >> 5;
        if (rd == rt || rt == 0)
            put(o, "%s", gpr_names[rd]);
        else if (rd == 0)
            put(o, "%s", gpr_names[rt]);
        else
            put(o, "%s or %s", gpr_names[rd], gpr_names[rt]);
        break;
    }
    case K_CPR:
        if (last == '0' && args[1] == ',' && args[2] == 'H')
            put_cp0sel(o, v, field(insn, 0, 3));
        else if (last == '0')
            put_cp0sel(o, v, 0);
        else if (last == '1')
            put_named(o, cp1_names, v);
        else
            put(o, "$%u", v);
        break;
    }
}

/* Print "name<TAB>operands", expanding '%' (fmt) and '?' (condition). */
static void emit(struct out *o, const char *name, const char *args,
                 uint32_t pc, uint32_t insn)
{
    static const char *const fmts[8] = {
        "s", "d", NULL, NULL, "w", "l", "ps", NULL,
    };
    const char *p;

    for (p = name; *p; p++) {
        if (*p == '%')
            put(o, "%s", fmts[field(insn, 21, 5) & 7]);
        else if (*p == '?')
            put(o, "%s", fp_conds[field(insn, 0, 4)]);
        else
            put(o, "%c", *p);
    }
    if (*args)
        put(o, "\t");
    for (p = args; *p; p++) {
        const struct operand *op = find_operand(*p);
        if (!op) {
            put(o, "%c", *p);
            continue;
        }
        if ((op->kind == K_OPT_FCC || op->kind == K_OPT_CC)
            && field(insn, op->lsb, op->size) == 0) {
            if (p[1] == ',')
                p++;
            continue;
        }
        put_operand(o, op, name, p, pc, insn);
        if (op->kind == K_CPR && name[strlen(name) - 1] == '0'
            && p[1] == ',' && p[2] == 'H')
            p += 2;                             /* select already shown */
    }
}

/* ---- the main table ----------------------------------------------------- */

/* FP fmt sets for '%' rows: bit (fmt - 16). */
#define F_S  0x01
#define F_D  0x02
#define F_W  0x10
#define F_L  0x20
#define F_PS 0x40
#define F_SD (F_S | F_D)
#define F_SDP (F_S | F_D | F_PS)

struct insn {
    const char *name;
    const char *args;
    uint32_t match;
    uint8_t fmts;       /* for names with '%': the allowed fmt fields */
};

/* In objdump's precedence order wherever two rows can match one word. */
static const struct insn insns[] = {
    /* SPECIAL */
    {"nop", "", 0x00000000, 0}, {"ssnop", "", 0x00000040, 0},
    {"ehb", "", 0x000000c0, 0}, {"pause", "", 0x00000140, 0},
    {"sll", "d,t,<", 0x00000000, 0},
    {"movf", "d,s,N", 0x00000001, 0}, {"movt", "d,s,N", 0x00010001, 0},
    {"ror", "d,t,<", 0x00200002, 0}, {"srl", "d,t,<", 0x00000002, 0},
    {"sra", "d,t,<", 0x00000003, 0}, {"sllv", "d,t,s", 0x00000004, 0},
    {"lsa", "d,s,t,L", 0x00000005, 0},
    {"srlv", "d,t,s", 0x00000006, 0}, {"rorv", "d,t,s", 0x00000046, 0},
    {"srav", "d,t,s", 0x00000007, 0},
    {"jr", "s", 0x00000008, 0}, {"jr.hb", "s", 0x00000408, 0},
    {"jalr", "s", 0x0000f809, 0}, {"jalr", "d,s", 0x00000009, 0},
    {"jalr.hb", "s", 0x0000fc09, 0}, {"jalr.hb", "d,s", 0x00000409, 0},
    {"movz", "d,s,t", 0x0000000a, 0}, {"movn", "d,s,t", 0x0000000b, 0},
    {"syscall", "", 0x0000000c, 0}, {"syscall", "B", 0x0000000c, 0},
    {"break", "", 0x0000000d, 0}, {"break", "c", 0x0000000d, 0},
    {"break", "c,q", 0x0000000d, 0},
    {"sync_acquire", "", 0x0000044f, 0}, {"sync_mb", "", 0x0000040f, 0},
    {"sync_release", "", 0x0000048f, 0}, {"sync_rmb", "", 0x000004cf, 0},
    {"sync_wmb", "", 0x0000010f, 0}, {"sync", "", 0x0000000f, 0},
    {"sync", "<", 0x0000000f, 0},
    {"mfhi", "d", 0x00000010, 0}, {"mfhi", "d,9", 0x00000010, 0},
    {"mthi", "s", 0x00000011, 0}, {"mthi", "s,7", 0x00000011, 0},
    {"mflo", "d", 0x00000012, 0}, {"mflo", "d,9", 0x00000012, 0},
    {"mtlo", "s", 0x00000013, 0}, {"mtlo", "s,7", 0x00000013, 0},
    {"mflhxu", "d", 0x00000052, 0}, {"mtlhx", "s", 0x00000053, 0},
    {"mult", "s,t", 0x00000018, 0}, {"mult", "7,s,t", 0x00000018, 0},
    {"multu", "s,t", 0x00000019, 0}, {"multu", "7,s,t", 0x00000019, 0},
    {"multp", "s,t", 0x00000459, 0},
    {"div", "z,s,t", 0x0000001a, 0}, {"divu", "z,s,t", 0x0000001b, 0},
    {"add", "d,s,t", 0x00000020, 0},
    {"move", "d,s", 0x00000021, 0}, {"addu", "d,s,t", 0x00000021, 0},
    {"neg", "d,t", 0x00000022, 0}, {"sub", "d,s,t", 0x00000022, 0},
    {"negu", "d,t", 0x00000023, 0}, {"subu", "d,s,t", 0x00000023, 0},
    {"and", "d,s,t", 0x00000024, 0},
    {"move", "d,s", 0x00000025, 0}, {"or", "d,s,t", 0x00000025, 0},
    {"xor", "d,s,t", 0x00000026, 0}, {"nor", "d,s,t", 0x00000027, 0},
    {"slt", "d,s,t", 0x0000002a, 0}, {"sltu", "d,s,t", 0x0000002b, 0},
    {"tge", "s,t", 0x00000030, 0}, {"tge", "s,t,q", 0x00000030, 0},
    {"tgeu", "s,t", 0x00000031, 0}, {"tgeu", "s,t,q", 0x00000031, 0},
    {"tlt", "s,t", 0x00000032, 0}, {"tlt", "s,t,q", 0x00000032, 0},
    {"tltu", "s,t", 0x00000033, 0}, {"tltu", "s,t,q", 0x00000033, 0},
    {"teq", "s,t", 0x00000034, 0}, {"teq", "s,t,q", 0x00000034, 0},
    {"tne", "s,t", 0x00000036, 0}, {"tne", "s,t,q", 0x00000036, 0},

    /* REGIMM */
    {"b", "p", 0x04010000, 0}, {"bal", "p", 0x04110000, 0},
    {"bltz", "s,p", 0x04000000, 0}, {"bgez", "s,p", 0x04010000, 0},
    {"bltzl", "s,p", 0x04020000, 0}, {"bgezl", "s,p", 0x04030000, 0},
    {"aclr", "\\,~(s)", 0x04070000, 0}, {"aset", "\\,~(s)", 0x04078000, 0},
    {"tgei", "s,j", 0x04080000, 0}, {"tgeiu", "s,j", 0x04090000, 0},
    {"tlti", "s,j", 0x040a0000, 0}, {"tltiu", "s,j", 0x040b0000, 0},
    {"teqi", "s,j", 0x040c0000, 0}, {"tnei", "s,j", 0x040e0000, 0},
    {"bltzal", "s,p", 0x04100000, 0}, {"bgezal", "s,p", 0x04110000, 0},
    {"bltzall", "s,p", 0x04120000, 0}, {"bgezall", "s,p", 0x04130000, 0},
    {"bposge32", "p", 0x041c0000, 0}, {"synci", "j(s)", 0x041f0000, 0},

    /* Jumps, branches, immediates */
    {"j", "a", 0x08000000, 0}, {"jal", "a", 0x0c000000, 0},
    {"b", "p", 0x10000000, 0}, {"beqz", "s,p", 0x10000000, 0},
    {"beq", "s,t,p", 0x10000000, 0},
    {"bnez", "s,p", 0x14000000, 0}, {"bne", "s,t,p", 0x14000000, 0},
    {"blez", "s,p", 0x18000000, 0}, {"bgtz", "s,p", 0x1c000000, 0},
    {"addi", "t,s,j", 0x20000000, 0},
    {"li", "t,j", 0x24000000, 0}, {"addiu", "t,s,j", 0x24000000, 0},
    {"slti", "t,s,j", 0x28000000, 0}, {"sltiu", "t,s,j", 0x2c000000, 0},
    {"andi", "t,s,i", 0x30000000, 0},
    {"li", "t,i", 0x34000000, 0}, {"ori", "t,s,i", 0x34000000, 0},
    {"xori", "t,s,i", 0x38000000, 0}, {"lui", "t,i", 0x3c000000, 0},
    {"beqzl", "s,p", 0x50000000, 0}, {"beql", "s,t,p", 0x50000000, 0},
    {"bnezl", "s,p", 0x54000000, 0}, {"bnel", "s,t,p", 0x54000000, 0},
    {"blezl", "s,p", 0x58000000, 0}, {"bgtzl", "s,p", 0x5c000000, 0},
    {"jalx", "a", 0x74000000, 0},

    /* Loads and stores */
    {"lb", "t,j(s)", 0x80000000, 0}, {"lh", "t,j(s)", 0x84000000, 0},
    {"lwl", "t,j(s)", 0x88000000, 0}, {"lw", "t,j(s)", 0x8c000000, 0},
    {"lbu", "t,j(s)", 0x90000000, 0}, {"lhu", "t,j(s)", 0x94000000, 0},
    {"lwr", "t,j(s)", 0x98000000, 0}, {"sb", "t,j(s)", 0xa0000000, 0},
    {"sh", "t,j(s)", 0xa4000000, 0}, {"swl", "t,j(s)", 0xa8000000, 0},
    {"sw", "t,j(s)", 0xac000000, 0}, {"swr", "t,j(s)", 0xb8000000, 0},
    {"cache", "k,j(s)", 0xbc000000, 0}, {"ll", "t,j(s)", 0xc0000000, 0},
    {"lwc1", "T,j(s)", 0xc4000000, 0}, {"lwc2", "E,j(s)", 0xc8000000, 0},
    {"pref", "k,j(s)", 0xcc000000, 0}, {"ldc1", "T,j(s)", 0xd4000000, 0},
    {"ldc2", "E,j(s)", 0xd8000000, 0}, {"sc", "t,j(s)", 0xe0000000, 0},
    {"swc1", "T,j(s)", 0xe4000000, 0}, {"swc2", "E,j(s)", 0xe8000000, 0},
    {"sdc1", "T,j(s)", 0xf4000000, 0}, {"sdc2", "E,j(s)", 0xf8000000, 0},

    /* COP0, with the MT, VZ and XPA additions */
    {"mfc0", "t,G", 0x40000000, 0}, {"mfc0", "t,G,H", 0x40000000, 0},
    {"mfhc0", "t,G", 0x40400000, 0}, {"mfhc0", "t,G,H", 0x40400000, 0},
    {"mfgc0", "t,G", 0x40600000, 0}, {"mfgc0", "t,G,H", 0x40600000, 0},
    {"mfhgc0", "t,G", 0x40600400, 0}, {"mfhgc0", "t,G,H", 0x40600400, 0},
    {"mtgc0", "t,G", 0x40600200, 0}, {"mtgc0", "t,G,H", 0x40600200, 0},
    {"mthgc0", "t,G", 0x40600600, 0}, {"mthgc0", "t,G,H", 0x40600600, 0},
    {"mtc0", "t,G", 0x40800000, 0}, {"mtc0", "t,G,H", 0x40800000, 0},
    {"mthc0", "t,G", 0x40c00000, 0}, {"mthc0", "t,G,H", 0x40c00000, 0},
    {"cftc1", "d,E", 0x41000023, 0}, {"cftc2", "d,E", 0x41000025, 0},
    {"mftacx", "d", 0x41020021, 0}, {"mftacx", "d,*", 0x41020021, 0},
    {"mftc0", "d,E", 0x41000000, 0}, {"mftc0", "d,E,H", 0x41000000, 0},
    {"mftc1", "d,T", 0x41000022, 0}, {"mftc2", "d,E", 0x41000024, 0},
    {"mftdsp", "d", 0x41100021, 0}, {"mftgpr", "d,t", 0x41000020, 0},
    {"mfthc1", "d,T", 0x41000032, 0}, {"mfthc2", "d,E", 0x41000034, 0},
    {"mfthi", "d", 0x41010021, 0}, {"mfthi", "d,*", 0x41010021, 0},
    {"mftlo", "d", 0x41000021, 0}, {"mftlo", "d,*", 0x41000021, 0},
    {"mftr", "d,t,!,H,$", 0x41000000, 0},
    {"rdpgpr", "d,t", 0x41400000, 0},
    {"dmt", "", 0x41600bc1, 0}, {"dmt", "t", 0x41600bc1, 0},
    {"dvpe", "", 0x41600001, 0}, {"dvpe", "t", 0x41600001, 0},
    {"emt", "", 0x41600be1, 0}, {"emt", "t", 0x41600be1, 0},
    {"evpe", "", 0x41600021, 0}, {"evpe", "t", 0x41600021, 0},
    {"di", "", 0x41606000, 0}, {"di", "t", 0x41606000, 0},
    {"ei", "", 0x41606020, 0}, {"ei", "t", 0x41606020, 0},
    {"cttc1", "t,G", 0x41800023, 0}, {"cttc2", "t,G", 0x41800025, 0},
    {"mttc0", "t,G", 0x41800000, 0}, {"mttc0", "t,G,H", 0x41800000, 0},
    {"mttc1", "t,S", 0x41800022, 0}, {"mttc2", "t,G", 0x41800024, 0},
    {"mttacx", "t", 0x41801021, 0}, {"mttacx", "t,&", 0x41801021, 0},
    {"mttdsp", "t", 0x41808021, 0}, {"mttgpr", "t,d", 0x41800020, 0},
    {"mtthc1", "t,S", 0x41800032, 0}, {"mtthc2", "t,G", 0x41800034, 0},
    {"mtthi", "t", 0x41800821, 0}, {"mtthi", "t,&", 0x41800821, 0},
    {"mttlo", "t", 0x41800021, 0}, {"mttlo", "t,&", 0x41800021, 0},
    {"mttr", "t,d,!,H,$", 0x41800000, 0},
    {"wrpgpr", "d,t", 0x41c00000, 0},
    {"tlbr", "", 0x42000001, 0}, {"tlbwi", "", 0x42000002, 0},
    {"tlbinv", "", 0x42000003, 0}, {"tlbinvf", "", 0x42000004, 0},
    {"tlbwr", "", 0x42000006, 0}, {"tlbp", "", 0x42000008, 0},
    {"tlbgr", "", 0x42000009, 0}, {"tlbgwi", "", 0x4200000a, 0},
    {"tlbginv", "", 0x4200000b, 0}, {"tlbginvf", "", 0x4200000c, 0},
    {"tlbgwr", "", 0x4200000e, 0}, {"tlbgp", "", 0x42000010, 0},
    {"eret", "", 0x42000018, 0}, {"deret", "", 0x4200001f, 0},
    {"wait", "", 0x42000020, 0}, {"wait", "J", 0x42000020, 0},
    {"hypcall", "", 0x42000028, 0}, {"hypcall", "F", 0x42000028, 0},
    {"iret", "", 0x42000038, 0},

    /* COP1: moves, branches and the fmt instructions (plus MIPS-3D) */
    {"mfc1", "t,S", 0x44000000, 0}, {"cfc1", "t,G", 0x44400000, 0},
    {"mfhc1", "t,S", 0x44600000, 0}, {"mtc1", "t,S", 0x44800000, 0},
    {"ctc1", "t,G", 0x44c00000, 0}, {"mthc1", "t,S", 0x44e00000, 0},
    {"bc1f", "n,p", 0x45000000, 0}, {"bc1t", "n,p", 0x45010000, 0},
    {"bc1fl", "n,p", 0x45020000, 0}, {"bc1tl", "n,p", 0x45030000, 0},
    {"bc1any2f", "N,p", 0x45200000, 0}, {"bc1any2t", "N,p", 0x45210000, 0},
    {"bc1any4f", "N,p", 0x45400000, 0}, {"bc1any4t", "N,p", 0x45410000, 0},
    {"add.%", "D,S,T", 0x46000000, F_SDP}, {"sub.%", "D,S,T", 0x46000001, F_SDP},
    {"mul.%", "D,S,T", 0x46000002, F_SDP}, {"div.%", "D,S,T", 0x46000003, F_SD},
    {"sqrt.%", "D,S", 0x46000004, F_SD}, {"abs.%", "D,S", 0x46000005, F_SDP},
    {"mov.%", "D,S", 0x46000006, F_SDP}, {"neg.%", "D,S", 0x46000007, F_SDP},
    {"round.l.%", "D,S", 0x46000008, F_SD}, {"trunc.l.%", "D,S", 0x46000009, F_SD},
    {"ceil.l.%", "D,S", 0x4600000a, F_SD}, {"floor.l.%", "D,S", 0x4600000b, F_SD},
    {"round.w.%", "D,S", 0x4600000c, F_SD}, {"trunc.w.%", "D,S", 0x4600000d, F_SD},
    {"ceil.w.%", "D,S", 0x4600000e, F_SD}, {"floor.w.%", "D,S", 0x4600000f, F_SD},
    {"movf.%", "D,S,N", 0x46000011, F_SDP}, {"movt.%", "D,S,N", 0x46010011, F_SDP},
    {"movz.%", "D,S,t", 0x46000012, F_SDP}, {"movn.%", "D,S,t", 0x46000013, F_SDP},
    {"recip.%", "D,S", 0x46000015, F_SD}, {"rsqrt.%", "D,S", 0x46000016, F_SD},
    {"addr.ps", "D,S,T", 0x46c00018, 0}, {"mulr.ps", "D,S,T", 0x46c0001a, 0},
    {"recip2.%", "D,S,T", 0x4600001c, F_SDP}, {"recip1.%", "D,S", 0x4600001d, F_SDP},
    {"rsqrt1.%", "D,S", 0x4600001e, F_SDP}, {"rsqrt2.%", "D,S,T", 0x4600001f, F_SDP},
    {"cvt.s.%", "D,S", 0x46000020, F_D | F_W | F_L},
    {"cvt.s.pu", "D,S", 0x46c00020, 0},
    {"cvt.d.%", "D,S", 0x46000021, F_S | F_W | F_L},
    {"cvt.w.%", "D,S", 0x46000024, F_SD}, {"cvt.pw.ps", "D,S", 0x46c00024, 0},
    {"cvt.l.%", "D,S", 0x46000025, F_SD},
    {"cvt.ps.s", "D,S,T", 0x46000026, 0}, {"cvt.ps.pw", "D,S", 0x46800026, 0},
    {"cvt.s.pl", "D,S", 0x46c00028, 0},
    {"pll.ps", "D,S,T", 0x46c0002c, 0}, {"plu.ps", "D,S,T", 0x46c0002d, 0},
    {"pul.ps", "D,S,T", 0x46c0002e, 0}, {"puu.ps", "D,S,T", 0x46c0002f, 0},
    {"c.?.%", "m,S,T", 0x46000030, F_SDP}, {"cabs.?.%", "M,S,T", 0x46000070, F_SDP},

    /* COP2 */
    {"mfc2", "t,G", 0x48000000, 0}, {"mfc2", "t,G,H", 0x48000000, 0},
    {"cfc2", "t,G", 0x48400000, 0},
    {"mfhc2", "t,G", 0x48600000, 0}, {"mfhc2", "t,G,H", 0x48600000, 0},
    {"mfhc2", "t,i", 0x48600000, 0},
    {"mtc2", "t,G", 0x48800000, 0}, {"mtc2", "t,G,H", 0x48800000, 0},
    {"ctc2", "t,G", 0x48c00000, 0},
    {"mthc2", "t,G", 0x48e00000, 0}, {"mthc2", "t,G,H", 0x48e00000, 0},
    {"mthc2", "t,i", 0x48e00000, 0},
    {"bc2f", "Q,p", 0x49000000, 0}, {"bc2t", "Q,p", 0x49010000, 0},
    {"bc2fl", "Q,p", 0x49020000, 0}, {"bc2tl", "Q,p", 0x49030000, 0},

    /* COP1X */
    {"lwxc1", "D,t(s)", 0x4c000000, 0}, {"ldxc1", "D,t(s)", 0x4c000001, 0},
    {"luxc1", "D,t(s)", 0x4c000005, 0}, {"swxc1", "S,t(s)", 0x4c000008, 0},
    {"sdxc1", "S,t(s)", 0x4c000009, 0}, {"suxc1", "S,t(s)", 0x4c00000d, 0},
    {"prefx", "h,t(s)", 0x4c00000f, 0}, {"alnv.ps", "D,S,T,s", 0x4c00001e, 0},
    {"madd.s", "D,R,S,T", 0x4c000020, 0}, {"madd.d", "D,R,S,T", 0x4c000021, 0},
    {"madd.ps", "D,R,S,T", 0x4c000026, 0}, {"msub.s", "D,R,S,T", 0x4c000028, 0},
    {"msub.d", "D,R,S,T", 0x4c000029, 0}, {"msub.ps", "D,R,S,T", 0x4c00002e, 0},
    {"nmadd.s", "D,R,S,T", 0x4c000030, 0}, {"nmadd.d", "D,R,S,T", 0x4c000031, 0},
    {"nmadd.ps", "D,R,S,T", 0x4c000036, 0}, {"nmsub.s", "D,R,S,T", 0x4c000038, 0},
    {"nmsub.d", "D,R,S,T", 0x4c000039, 0}, {"nmsub.ps", "D,R,S,T", 0x4c00003e, 0},

    /* SPECIAL2 (and SmartMIPS, DSP accumulator forms, UDI) */
    {"madd", "s,t", 0x70000000, 0}, {"madd", "7,s,t", 0x70000000, 0},
    {"maddp", "s,t", 0x70000441, 0},
    {"maddu", "s,t", 0x70000001, 0}, {"maddu", "7,s,t", 0x70000001, 0},
    {"mul", "d,s,t", 0x70000002, 0},
    {"msub", "s,t", 0x70000004, 0}, {"msub", "7,s,t", 0x70000004, 0},
    {"msubu", "s,t", 0x70000005, 0}, {"msubu", "7,s,t", 0x70000005, 0},
    {"pperm", "s,t", 0x70000481, 0}, {"lwxs", "d,t(s)", 0x70000088, 0},
    {"udi0", "s,t,d,<", 0x70000010, 0}, {"udi1", "s,t,d,<", 0x70000011, 0},
    {"udi2", "s,t,d,<", 0x70000012, 0}, {"udi3", "s,t,d,<", 0x70000013, 0},
    {"udi4", "s,t,d,<", 0x70000014, 0}, {"udi5", "s,t,d,<", 0x70000015, 0},
    {"udi6", "s,t,d,<", 0x70000016, 0}, {"udi7", "s,t,d,<", 0x70000017, 0},
    {"udi8", "s,t,d,<", 0x70000018, 0}, {"udi9", "s,t,d,<", 0x70000019, 0},
    {"udi10", "s,t,d,<", 0x7000001a, 0}, {"udi11", "s,t,d,<", 0x7000001b, 0},
    {"udi12", "s,t,d,<", 0x7000001c, 0}, {"udi13", "s,t,d,<", 0x7000001d, 0},
    {"udi14", "s,t,d,<", 0x7000001e, 0}, {"udi15", "s,t,d,<", 0x7000001f, 0},
    {"clz", "U,s", 0x70000020, 0}, {"clo", "U,s", 0x70000021, 0},
    {"sdbbp", "", 0x7000003f, 0}, {"sdbbp", "B", 0x7000003f, 0},

    /* SPECIAL3 (and MT, EVA, the DSP rows that are not on the grid) */
    {"ext", "t,s,<,C", 0x7c000000, 0}, {"ins", "t,s,<,I", 0x7c000004, 0},
    {"fork", "d,s,t", 0x7c000008, 0},
    {"yield", "s", 0x7c000009, 0}, {"yield", "d,s", 0x7c000009, 0},
    {"lwx", "d,t(s)", 0x7c00000a, 0}, {"lhx", "d,t(s)", 0x7c00010a, 0},
    {"lbux", "d,t(s)", 0x7c00018a, 0}, {"insv", "t,s", 0x7c00000c, 0},
    {"rddsp", "d", 0x7fff04b8, 0}, {"rddsp", "d,'", 0x7c0004b8, 0},
    {"wrdsp", "s", 0x7c1ffcf8, 0}, {"wrdsp", "s,8", 0x7c0004f8, 0},
    {"lwle", "t,e(s)", 0x7c000019, 0}, {"lwre", "t,e(s)", 0x7c00001a, 0},
    {"cachee", "k,e(s)", 0x7c00001b, 0}, {"sbe", "t,e(s)", 0x7c00001c, 0},
    {"she", "t,e(s)", 0x7c00001d, 0}, {"sce", "t,e(s)", 0x7c00001e, 0},
    {"swe", "t,e(s)", 0x7c00001f, 0}, {"swle", "t,e(s)", 0x7c000021, 0},
    {"swre", "t,e(s)", 0x7c000022, 0}, {"prefe", "k,e(s)", 0x7c000023, 0},
    {"lbue", "t,e(s)", 0x7c000028, 0}, {"lhue", "t,e(s)", 0x7c000029, 0},
    {"lbe", "t,e(s)", 0x7c00002c, 0}, {"lhe", "t,e(s)", 0x7c00002d, 0},
    {"lle", "t,e(s)", 0x7c00002e, 0}, {"lwe", "t,e(s)", 0x7c00002f, 0},
    {"wsbh", "d,t", 0x7c0000a0, 0}, {"seb", "d,t", 0x7c000420, 0},
    {"seh", "d,t", 0x7c000620, 0}, {"rdhwr", "t,K", 0x7c00003b, 0},
};

/* Rows tried last: coprocessor operations objdump cannot name. */
static const struct insn cop_catchall[] = {
    {"c0", "Z", 0x42000000, 0}, {"c1", "Z", 0x46000000, 0},
    {"c2", "Z", 0x4a000000, 0},
};

static int table_lookup(struct out *o, const struct insn *t, size_t n,
                        uint32_t pc, uint32_t insn)
{
    size_t i;

    for (i = 0; i < n; i++) {
        uint32_t fixed;

        if ((insn ^ t[i].match) >> 26)
            continue;
        fixed = ~operand_bits(t[i].name, t[i].args);
        if ((insn ^ t[i].match) & fixed)
            continue;
        if (t[i].fmts) {
            uint32_t fmt = field(insn, 21, 5);
            if (fmt < 16 || fmt > 22 || !(t[i].fmts & (1u << (fmt - 16))))
                continue;
        }
        emit(o, t[i].name, t[i].args, pc, insn);
        return 1;
    }
    return 0;
}

/* ---- DSP ASE: SPECIAL3 function x op (bits 10..6) grid ------------------- */

/* A name may carry its own operand string after a space. */
struct dsp_group {
    uint8_t func;
    const char *args;
    const char *names[32];
};

static const struct dsp_group dsp_groups[] = {
    {0x10, "d,s,t", {
        "addu.qb", "subu.qb", NULL, NULL, "addu_s.qb", "subu_s.qb",
        "muleu_s.ph.qbl", "muleu_s.ph.qbr", "addu.ph", "subu.ph", "addq.ph",
        "subq.ph", "addu_s.ph", "subu_s.ph", "addq_s.ph", "subq_s.ph",
        "addsc", "addwc", "modsub", NULL, "raddu.w.qb d,s", NULL,
        "addq_s.w", "subq_s.w", [28] = "muleq_s.w.phl", "muleq_s.w.phr",
        "mulq_s.ph", "mulq_rs.ph"}},
    {0x11, "d,s,t", {
        "cmpu.eq.qb s,t", "cmpu.lt.qb s,t", "cmpu.le.qb s,t", "pick.qb",
        "cmpgu.eq.qb", "cmpgu.lt.qb", "cmpgu.le.qb", NULL, "cmp.eq.ph s,t",
        "cmp.lt.ph s,t", "cmp.le.ph s,t", "pick.ph", "precrq.qb.ph",
        "precr.qb.ph", "packrl.ph", "precrqu_s.qb.ph", [20] = "precrq.ph.w",
        "precrq_rs.ph.w", [24] = "cmpgdu.eq.qb", "cmpgdu.lt.qb",
        "cmpgdu.le.qb", [30] = "precr_sra.ph.w t,s,h",
        "precr_sra_r.ph.w t,s,h"}},
    {0x12, "d,t", {
        NULL, "absq_s.qb", "repl.qb d,5", "replv.qb", "precequ.ph.qbl",
        "precequ.ph.qbr", "precequ.ph.qbla", "precequ.ph.qbra", NULL,
        "absq_s.ph", "repl.ph d,@", "replv.ph", "preceq.w.phl",
        "preceq.w.phr", [17] = "absq_s.w", [27] = "bitrev", "preceu.ph.qbl",
        "preceu.ph.qbr", "preceu.ph.qbla", "preceu.ph.qbra"}},
    {0x13, "d,t,s", {
        "shll.qb d,t,3", "shrl.qb d,t,3", "shllv.qb", "shrlv.qb",
        "shra.qb d,t,3", "shra_r.qb d,t,3", "shrav.qb", "shrav_r.qb",
        "shll.ph d,t,4", "shra.ph d,t,4", "shllv.ph", "shrav.ph",
        "shll_s.ph d,t,4", "shra_r.ph d,t,4", "shllv_s.ph", "shrav_r.ph",
        [20] = "shll_s.w d,t,6", "shra_r.w d,t,6", "shllv_s.w", "shrav_r.w",
        [25] = "shrl.ph d,t,4", [27] = "shrlv.ph"}},
    {0x18, "d,s,t", {
        "adduh.qb", "subuh.qb", "adduh_r.qb", "subuh_r.qb", [8] = "addqh.ph",
        "subqh.ph", "addqh_r.ph", "subqh_r.ph", "mul.ph", NULL, "mul_s.ph",
        [16] = "addqh.w", "subqh.w", "addqh_r.w", "subqh_r.w",
        [22] = "mulq_s.w", "mulq_rs.w"}},
    {0x30, "7,s,t", {
        "dpa.w.ph", "dps.w.ph", "mulsa.w.ph", "dpau.h.qbl", "dpaq_s.w.ph",
        "dpsq_s.w.ph", "mulsaq_s.w.ph", "dpau.h.qbr", "dpax.w.ph",
        "dpsx.w.ph", NULL, "dpsu.h.qbl", "dpaq_sa.l.w", "dpsq_sa.l.w", NULL,
        "dpsu.h.qbr", "maq_sa.w.phl", NULL, "maq_sa.w.phr", NULL,
        "maq_s.w.phl", NULL, "maq_s.w.phr", NULL, "dpaqx_s.w.ph",
        "dpsqx_s.w.ph", "dpaqx_sa.w.ph", "dpsqx_sa.w.ph"}},
    {0x31, "t,s,h", {"append", "prepend", [16] = "balign t,s,2"}},
    {0x38, "t,7,6", {
        "extr.w", "extrv.w t,7,s", "extp", "extpv t,7,s", "extr_r.w",
        "extrv_r.w t,7,s", "extr_rs.w", "extrv_rs.w t,7,s", [10] = "extpdp",
        "extpdpv t,7,s", [14] = "extr_s.h", "extrv_s.h t,7,s",
        [26] = "shilo 7,0", "shilov 7,s", [31] = "mthlip s,7"}},
};

static int dsp_lookup(struct out *o, uint32_t pc, uint32_t insn)
{
    size_t i;

    if ((insn >> 26) != 0x1f)
        return 0;
    for (i = 0; i < sizeof dsp_groups / sizeof dsp_groups[0]; i++) {
        const struct dsp_group *g = &dsp_groups[i];
        const char *entry = g->names[field(insn, 6, 5)];
        const char *args = g->args;
        char name[24];
        size_t len;

        if (g->func != (insn & 0x3f) || !entry)
            continue;
        len = strcspn(entry, " ");
        if (entry[len])
            args = entry + len + 1;
        snprintf(name, sizeof name, "%.*s", (int)len, entry);
        /* Bits 31..26, 10..0 are the opcode; the rest must be operands. */
        if (insn & ~operand_bits(name, args) & 0x03fff800u)
            return 0;
        emit(o, name, args, pc, insn);
        return 1;
    }
    return 0;
}

/* ---- MSA ---------------------------------------------------------------- */

static const char msa_df[] = "bhwd";

/* 3R format, minors 0x0d..0x15, by op (bits 25..23).  A leading '!' means
 * there is no .b form, '[' that the third operand is a GPR index. */
static const char *const msa_3r[9][8] = {
    {"sll", "sra", "srl", "bclr", "bset", "bneg", "binsl", "binsr"},
    {"addv", "subv", "max_s", "max_u", "min_s", "min_u", "max_a", "min_a"},
    {"ceq", NULL, "clt_s", "clt_u", "cle_s", "cle_u", NULL, NULL},
    {"add_a", "adds_a", "adds_s", "adds_u", "ave_s", "ave_u", "aver_s",
     "aver_u"},
    {"subs_s", "subs_u", "subsus_u", "subsuu_s", "asub_s", "asub_u", NULL,
     NULL},
    {"mulv", "maddv", "msubv", NULL, "div_s", "div_u", "mod_s", "mod_u"},
    {"!dotp_s", "!dotp_u", "!dpadd_s", "!dpadd_u", "!dpsub_s", "!dpsub_u",
     NULL, NULL},
    {"[sld", "[splat", "pckev", "pckod", "ilvl", "ilvr", "ilvev", "ilvod"},
    {"vshf", "srar", "srlr", NULL, "!hadd_s", "!hadd_u", "!hsub_s",
     "!hsub_u"},
};

/* 3RF format, minors 0x1a..0x1c, by op (bits 25..22); '*' means .h/.w
 * (fixed point) instead of .w/.d. */
static const char *const msa_3rf[3][16] = {
    {"fcaf", "fcun", "fceq", "fcueq", "fclt", "fcult", "fcle", "fcule",
     "fsaf", "fsun", "fseq", "fsueq", "fslt", "fsult", "fsle", "fsule"},
    {"fadd", "fsub", "fmul", "fdiv", "fmadd", "fmsub", NULL, "fexp2",
     "*fexdo", NULL, "*ftq", NULL, "fmin", "fmin_a", "fmax", "fmax_a"},
    {NULL, "fcor", "fcune", "fcne", "*mul_q", "*madd_q", "*msub_q", NULL,
     NULL, "fsor", "fsune", "fsne", "*mulr_q", "*maddr_q", "*msubr_q", NULL},
};

static const char *const msa_2rf[16] = {
    "fclass", "ftrunc_s", "ftrunc_u", "fsqrt", "frsqrt", "frcp", "frint",
    "flog2", "fexupl", "fexupr", "ffql", "ffqr", "ftint_s", "ftint_u",
    "ffint_s", "ffint_u",
};

static const char *const msa_bit[2][8] = {
    {"slli", "srai", "srli", "bclri", "bseti", "bnegi", "binsli", "binsri"},
    {"sat_s", "sat_u", "srari", "srlri", NULL, NULL, NULL, NULL},
};

/* I5 format; a leading '-' marks a signed immediate. */
static const char *const msa_i5[2][8] = {
    {"addvi", "subvi", "-maxi_s", "maxi_u", "-mini_s", "mini_u", NULL, NULL},
    {"-ceqi", NULL, "-clti_s", "clti_u", "-clei_s", "clei_u", NULL, NULL},
};

static const char *const msa_i8[3][4] = {
    {"andi.b", "ori.b", "nori.b", "xori.b"},
    {"bmnzi.b", "bmzi.b", "bseli.b", NULL},
    {"shf.b", "shf.h", "shf.w", NULL},
};

static const char *const msa_elm[6] = {
    "sldi", "splati", "copy_s", "copy_u", "insert", "insve",
};

static const char *const msa_vec[7] = {
    "and.v", "or.v", "nor.v", "xor.v", "bmnz.v", "bmz.v", "bsel.v",
};

static int msa_lookup(struct out *o, uint32_t pc, uint32_t insn)
{
    unsigned minor = insn & 0x3f, op = field(insn, 23, 3);
    unsigned df = field(insn, 21, 2), wd = field(insn, 6, 5);
    unsigned ws = field(insn, 11, 5), wt = field(insn, 16, 5);
    const char *name;

    if ((insn >> 26) == 0x11) {                 /* branches in COP1 */
        static const char *const br[32] = {
            [11] = "bz.v", [15] = "bnz.v", [24] = "bz.b", "bz.h", "bz.w",
            "bz.d", "bnz.b", "bnz.h", "bnz.w", "bnz.d",
        };
        if (!(name = br[field(insn, 21, 5)]))
            return 0;
        put(o, "%s\t$w%u,0x%x", name, wt, branch_target(pc, insn));
        return 1;
    }
    if ((insn >> 26) != 0x1e)
        return 0;
    if (minor <= 2) {                           /* I8 */
        if (!(name = msa_i8[minor][field(insn, 24, 2)]))
            return 0;
        put(o, "%s\t$w%u,$w%u,0x%x", name, wd, ws, field(insn, 16, 8));
    } else if (minor == 6 || minor == 7) {      /* I5, LDI */
        if (minor == 7 && op == 6) {
            put(o, "ldi.%c\t$w%u,%d", msa_df[df], wd, sfield(insn, 11, 10));
            return 1;
        }
        if (!(name = msa_i5[minor - 6][op]))
            return 0;
        if (*name == '-')
            put(o, "%s.%c\t$w%u,$w%u,%d", name + 1, msa_df[df], wd, ws,
                sfield(insn, 16, 5));
        else
            put(o, "%s.%c\t$w%u,$w%u,%u", name, msa_df[df], wd, ws, wt);
    } else if (minor == 9 || minor == 10) {     /* BIT */
        unsigned dfm = field(insn, 16, 7), size;
        for (size = 6; size >= 3 && (dfm & (1u << size)); size--)
            ;
        if (size < 3 || !(name = msa_bit[minor - 9][op]))
            return 0;
        put(o, "%s.%c\t$w%u,$w%u,0x%x", name, msa_df[size - 3], wd, ws,
            dfm & ((1u << size) - 1));
    } else if (minor >= 0x0d && minor <= 0x15) { /* 3R */
        if (!(name = msa_3r[minor - 0x0d][op]) || (*name == '!' && df == 0))
            return 0;
        if (*name == '[')
            put(o, "%s.%c\t$w%u,$w%u[%s]", name + 1, msa_df[df], wd, ws,
                gpr_names[wt]);
        else
            put(o, "%s.%c\t$w%u,$w%u,$w%u", name + (*name == '!'),
                msa_df[df], wd, ws, wt);
    } else if (minor == 0x19) {                 /* ELM */
        unsigned opm = field(insn, 22, 4), dfn = field(insn, 16, 6), d, n;
        if (dfn == 0x3e) {                      /* control moves */
            if (opm == 0) {
                put(o, "ctcmsa\t");
                put_named(o, msa_ctrl_names, wd);
                put(o, ",%s", gpr_names[ws]);
            } else if (opm == 1) {
                put(o, "cfcmsa\t%s,", gpr_names[wd]);
                put_named(o, msa_ctrl_names, ws);
            } else if (opm == 2) {
                put(o, "move.v\t$w%u,$w%u", wd, ws);
            } else {
                return 0;
            }
            return 1;
        }
        if ((dfn & 0x30) == 0x00)
            d = 0, n = dfn & 15;
        else if ((dfn & 0x38) == 0x20)
            d = 1, n = dfn & 7;
        else if ((dfn & 0x3c) == 0x30)
            d = 2, n = dfn & 3;
        else if ((dfn & 0x3e) == 0x38)
            d = 3, n = dfn & 1;
        else
            return 0;
        if (opm > 5 || (opm == 2 && d == 3) || (opm == 3 && d >= 2)
            || (opm == 4 && d == 3))
            return 0;                           /* undefined or MSA64 only */
        name = msa_elm[opm];
        if (opm <= 1)
            put(o, "%s.%c\t$w%u,$w%u[%u]", name, msa_df[d], wd, ws, n);
        else if (opm <= 3)
            put(o, "%s.%c\t%s,$w%u[%u]", name, msa_df[d], gpr_names[wd], ws, n);
        else if (opm == 4)
            put(o, "%s.%c\t$w%u[%u],%s", name, msa_df[d], wd, n, gpr_names[ws]);
        else
            put(o, "%s.%c\t$w%u[%u],$w%u[0]", name, msa_df[d], wd, n, ws);
    } else if (minor >= 0x1a && minor <= 0x1c) { /* 3RF */
        unsigned opf = field(insn, 22, 4), wide = field(insn, 21, 1);
        if (!(name = msa_3rf[minor - 0x1a][opf]))
            return 0;
        if (*name == '*')
            put(o, "%s.%c\t$w%u,$w%u,$w%u", name + 1, "hw"[wide], wd, ws, wt);
        else
            put(o, "%s.%c\t$w%u,$w%u,$w%u", name, "wd"[wide], wd, ws, wt);
    } else if (minor == 0x1e) {                 /* VEC, 2R, 2RF */
        unsigned opv = field(insn, 21, 5);
        if (opv < 7) {
            put(o, "%s\t$w%u,$w%u,$w%u", msa_vec[opv], wd, ws, wt);
        } else if (opv == 0x18) {
            static const char *const r2[4] = {"fill", "pcnt", "nloc", "nlzc"};
            unsigned op2 = field(insn, 18, 3), d2 = field(insn, 16, 2);
            if (op2 > 3 || (op2 == 0 && d2 == 3))
                return 0;
            if (op2 == 0)
                put(o, "fill.%c\t$w%u,%s", msa_df[d2], wd, gpr_names[ws]);
            else
                put(o, "%s.%c\t$w%u,$w%u", r2[op2], msa_df[d2], wd, ws);
        } else if (opv == 0x19) {
            put(o, "%s.%c\t$w%u,$w%u", msa_2rf[field(insn, 17, 4)],
                "wd"[field(insn, 16, 1)], wd, ws);
        } else {
            return 0;
        }
    } else if (minor >= 0x20 && minor <= 0x27) { /* MI10 */
        put(o, "%s.%c\t$w%u,%d(%s)", minor < 0x24 ? "ld" : "st",
            msa_df[minor & 3], wd, sfield(insn, 16, 10) * (1 << (minor & 3)),
            gpr_names[ws]);
    } else {
        return 0;
    }
    return 1;
}

/* ---- entry point -------------------------------------------------------- */

size_t cpu_disas(uint32_t pc, uint32_t insn, char *buf, size_t len)
{
    struct out o = {.n = 0};

    if (!table_lookup(&o, insns, sizeof insns / sizeof insns[0], pc, insn)
        && !dsp_lookup(&o, pc, insn) && !msa_lookup(&o, pc, insn)
        && !table_lookup(&o, cop_catchall,
                         sizeof cop_catchall / sizeof cop_catchall[0], pc,
                         insn)) {
        o.n = 0;
        put(&o, ".word\t0x%x", insn);
    }
    if (len == 0)
        return 0;
    if (o.n >= len)
        o.n = len - 1;
    memcpy(buf, o.text, o.n);
    buf[o.n] = '\0';
    return o.n;
}
