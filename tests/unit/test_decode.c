/*
 * test_decode.c - unit tests for the instruction decoder (src/cpu/decode.c):
 * each opcode table reaches the right operation with its operands, and
 * reserved encodings decode as Reserved Instruction.
 */
#include "cpu/decode.h"
#include "unit.h"

static struct dinsn dec(uint32_t insn)
{
    struct dinsn d;
    dinsn_decode(&d, insn);
    return d;
}

START_TEST(operations)
{
    static const struct { uint32_t insn; enum dinsn_op op; } cases[] = {
        { 0x00000000, OP_NOP },   /* nop */
        { 0x000000c0, OP_NOP },   /* ehb */
        { 0x00042080, OP_SLL },   /* sll a0,a0,2 */
        { 0x00222042, OP_ROTR },  /* rotr a0,v0,1 */
        { 0x00a42006, OP_SRLV },  /* srlv a0,a0,a1 */
        { 0x00a42046, OP_ROTRV }, /* rotrv a0,a0,a1 */
        { 0x03e00008, OP_JR },
        { 0x0320f809, OP_JALR },
        { 0x0000000c, OP_SYSCALL },
        { 0x0000000d, OP_BREAK },
        { 0x00850018, OP_MULT },
        { 0x00851021, OP_ADDU },
        { 0x00851034, OP_TEQ },
        { 0x04910003, OP_BGEZAL },
        { 0x0480ffff, OP_BLTZ },
        { 0x048c0005, OP_TEQI },
        { 0x041f0000, OP_NOP },   /* synci */
        { 0x10000003, OP_B },
        { 0x10850003, OP_BEQ },
        { 0x50850003, OP_BEQL },
        { 0x0c040000, OP_JAL },
        { 0x3c04bfc0, OP_LUI },
        { 0x40046000, OP_MFC0 },
        { 0x40846000, OP_MTC0 },
        { 0x42000018, OP_ERET },
        { 0x42000020, OP_WAIT },
        { 0x42000002, OP_TLBWI },
        { 0x41606000, OP_DI },
        { 0x41606020, OP_EI },
        { 0x44820000, OP_COP_UNUSABLE }, /* mtc1 */
        { 0xc4800000, OP_COP_UNUSABLE }, /* lwc1 */
        { 0x70a42002, OP_MUL },
        { 0x70802020, OP_CLZ },
        { 0x7000003f, OP_SDBBP },
        { 0x7c8521c0, OP_EXT },
        { 0x7c0420a0, OP_WSBH },
        { 0x7c042420, OP_SEB },
        { 0x7c03e83b, OP_RDHWR },
        { 0x8c820004, OP_LW },
        { 0x88820004, OP_LWL },
        { 0xc0820000, OP_LL },
        { 0xe0820000, OP_SC },
        { 0xcc800000, OP_NOP },   /* pref */
        { 0xbc800000, OP_CACHE },
        { 0x0000003f, OP_RI },    /* SPECIAL funct 63 */
        { 0x7c00003f, OP_RI },
        { 0xf8000000, OP_COP_UNUSABLE }, /* sdc2 */
        { 0xfc000000, OP_RI },    /* sd: MIPS64 only */
        { 0xec000000, OP_RI },    /* op 59 */
        { 0x00200002, OP_RI },    /* srl with rs = 1? no: rotr; rs = 2 reserved */
    };
    for (size_t i = 0; i + 1 < sizeof cases / sizeof cases[0]; i++) {
        struct dinsn d = dec(cases[i].insn);
        ck_assert_msg(d.op == cases[i].op, "0x%08x decoded as %d, expected %d",
                      cases[i].insn, d.op, cases[i].op);
        ck_assert_uint_eq(d.raw, cases[i].insn);
    }
    ck_assert_int_eq(dec(0x00400002).op, OP_RI); /* srl, rs = 2 */
}
END_TEST

START_TEST(operands)
{
    struct dinsn d = dec(0x2484fffc); /* addiu a0,a0,-4 */
    ck_assert_int_eq(d.op, OP_ADDIU);
    ck_assert_uint_eq(d.imm, 0xfffffffc);
    d = dec(0x3484ffff); /* ori a0,a0,0xffff */
    ck_assert_uint_eq(d.imm, 0xffff);
    d = dec(0x1000ffff); /* b . */
    ck_assert_uint_eq(d.imm, (uint32_t)-4);
    d = dec(0x0c100040); /* jal 0x00400100 */
    ck_assert_uint_eq(d.imm, 0x00400100);
    d = dec(0x7c8521c0); /* ext a1,a0,7,5 */
    ck_assert_uint_eq(d.sa, 7);
    ck_assert_uint_eq(d.imm, 0x1f);
    d = dec(0x7c856104); /* ins a1,a0,4,9: msb 12 */
    ck_assert_int_eq(d.op, OP_INS);
    ck_assert_uint_eq(d.imm, 0x1ff0);
    d = dec(0x40046001); /* mfc0 a0,$12,1 */
    ck_assert_uint_eq(d.rd, 12);
    ck_assert_uint_eq(d.sa, 1);
    d = dec(0x7000007f); /* sdbbp 1 */
    ck_assert_uint_eq(d.imm, 1);
    d = dec(0x48000000); /* mfc2: coprocessor 2 */
    ck_assert_uint_eq(d.sa, 2);
}
END_TEST

static Suite *decode_suite(void)
{
    Suite *s = suite_create("decode");
    TCase *tc = tcase_create("tables");
    tcase_add_test(tc, operations);
    tcase_add_test(tc, operands);
    suite_add_tcase(s, tc);
    return s;
}
UNIT_SUITE(decode_suite)
