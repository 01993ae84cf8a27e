/*
 * test_cp0.c - unit tests for CP0 (src/cpu/cp0.c): reset values, write
 * masks and side effects, exception entry and vectors, ERET, the timer,
 * and the segment rules (src/mmu/segment.h).
 */
#include "cpu/cp0.h"
#include "mmu/segment.h"
#include "mmu/softmmu.h"
#include "unit.h"

static struct cp0 c;
static struct tlb t;

static void setup(void)
{
    tlb_init(&t, 16);
    cp0_reset(&c, 0, 16);
}

static uint32_t rd(unsigned reg, unsigned sel)
{
    return cp0_read(&c, &t, reg, sel, 0, NULL);
}

static unsigned wr(unsigned reg, unsigned sel, uint32_t v)
{
    return cp0_write(&c, &t, reg, sel, v, 0, NULL);
}

START_TEST(reset_state)
{
    ck_assert_uint_eq(rd(CP0_STATUS, 0), ST_BEV | ST_ERL);
    ck_assert_uint_eq(rd(CP0_PRID, 0), PRID_24KC);
    ck_assert_uint_eq(rd(CP0_PRID, 1), 0x80000000);
    ck_assert_uint_eq((rd(CP0_CONFIG, 1) >> 25) & 63, 15); /* 16 TLB entries */
    ck_assert_uint_eq(rd(CP0_CONFIG, 1) & 1, 0);           /* no FPU */
    ck_assert_uint_eq((rd(CP0_CONFIG, 0) >> 10) & 7, 1);    /* Release 2 */
    ck_assert_uint_eq(rd(CP0_STATUS, 1) >> 29, 7);          /* IPTI */
    ck_assert_uint_eq(rd(CP0_RANDOM, 0), 15);
}
END_TEST

START_TEST(write_masks)
{
    wr(CP0_STATUS, 0, 0xffffffff);
    ck_assert_uint_eq(rd(CP0_STATUS, 0), 0x1040ff17); /* CU0 BEV IM UM ERL EXL IE */
    wr(CP0_STATUS, 0, 0);
    ck_assert_uint_eq(rd(CP0_STATUS, 0), 0);
    wr(CP0_CAUSE, 0, 0xffffffff);
    ck_assert_uint_eq(rd(CP0_CAUSE, 0), CAUSE_IP_SW | CAUSE_IV | CAUSE_DC);
    wr(CP0_ENTRYHI, 0, 0xffffffff);
    ck_assert_uint_eq(rd(CP0_ENTRYHI, 0), 0xffffe0ff);
    wr(CP0_CONTEXT, 0, 0xffffffff);
    ck_assert_uint_eq(rd(CP0_CONTEXT, 0), 0xff800000);
    wr(CP0_PAGEMASK, 0, 0xffffffff);
    ck_assert_uint_eq(rd(CP0_PAGEMASK, 0), 0x1fffe000);
    wr(CP0_WIRED, 0, 0xffffffff);
    ck_assert_uint_eq(rd(CP0_WIRED, 0), 15);
    wr(CP0_PRID, 1, 0xffffffff);
    ck_assert_uint_eq(rd(CP0_PRID, 1), 0xbffff000);
    wr(CP0_HWRENA, 0, 0xffffffff);
    ck_assert_uint_eq(rd(CP0_HWRENA, 0), 0x2000000f);
    wr(CP0_CONFIG, 0, 0xffffffff);
    ck_assert_uint_eq(rd(CP0_CONFIG, 0) & 7, 7);
    ck_assert_uint_eq(rd(CP0_CONFIG, 0) >> 31, 1);
    wr(CP0_PRID, 0, 0);
    ck_assert_uint_eq(rd(CP0_PRID, 0), PRID_24KC);
    wr(CP0_INDEX, 0, 0xffffffff);
    ck_assert_uint_eq(rd(CP0_INDEX, 0), 15);
}
END_TEST

START_TEST(side_effects)
{
    ck_assert(wr(CP0_ENTRYHI, 0, 5) & CP0_FX_MAPPING);
    ck_assert(!(wr(CP0_ENTRYHI, 0, 0x1000 | 5) & CP0_FX_MAPPING));
    ck_assert(wr(CP0_STATUS, 0, ST_UM) & CP0_FX_MODE);
    ck_assert(wr(CP0_COMPARE, 0, 10) & CP0_FX_TIMER);
    bool impl = true;
    cp0_read(&c, &t, 21, 0, 0, &impl);
    ck_assert(!impl);
}
END_TEST

START_TEST(exception_vectors)
{
    /* BEV = 1: vectors in the boot ROM */
    ck_assert_uint_eq(cp0_enter_exception(&c, EXC_SYS, 0, 0x80001000, false, false), 0xbfc00380);
    ck_assert_uint_eq(c.epc, 0x80001000);
    ck_assert_uint_eq((rd(CP0_CAUSE, 0) & CAUSE_EXC) >> 2, EXC_SYS);
    wr(CP0_STATUS, 0, 0);
    /* BEV = 0: refill at EBase, general at +0x180, in a delay slot */
    ck_assert_uint_eq(cp0_enter_exception(&c, EXC_TLBL, 0, 0x80002004, true, true), 0x80000000);
    ck_assert_uint_eq(c.epc, 0x80002000);
    ck_assert(rd(CP0_CAUSE, 0) & CAUSE_BD);
    /* with EXL already set: refill goes to the general vector, EPC kept */
    ck_assert_uint_eq(cp0_enter_exception(&c, EXC_TLBL, 0, 0x80000010, false, true), 0x80000180);
    ck_assert_uint_eq(c.epc, 0x80002000);
    ck_assert_uint_eq(cp0_eret(&c), 0x80002000);
    ck_assert(!(rd(CP0_STATUS, 0) & ST_EXL));
    /* Cause.IV: interrupts at +0x200 */
    wr(CP0_CAUSE, 0, CAUSE_IV);
    ck_assert_uint_eq(cp0_enter_exception(&c, EXC_INT, 0, 0x80000400, false, false), 0x80000200);
    cp0_eret(&c);
    /* EBase moves the vectors */
    wr(CP0_PRID, 1, 0x80040000);
    ck_assert_uint_eq(cp0_enter_exception(&c, EXC_BP, 0, 0x80000400, false, false), 0x80040180);
    cp0_eret(&c);
    /* CpU records the coprocessor */
    cp0_enter_exception(&c, EXC_CPU, 1, 0x80000400, false, false);
    ck_assert_uint_eq((rd(CP0_CAUSE, 0) & CAUSE_CE) >> CAUSE_CE_SHIFT, 1);
}
END_TEST

START_TEST(tlb_exception_fields)
{
    wr(CP0_ENTRYHI, 0, 0x12);
    wr(CP0_CONTEXT, 0, 0x80000000);
    cp0_set_badvaddr(&c, 0x7fff5abc, true);
    ck_assert_uint_eq(rd(CP0_BADVADDR, 0), 0x7fff5abc);
    ck_assert_uint_eq(rd(CP0_ENTRYHI, 0), 0x7fff4012);
    ck_assert_uint_eq(rd(CP0_CONTEXT, 0), 0x80000000 | (0x7fff4000 >> 9));
    cp0_set_badvaddr(&c, 0x00000003, false);
    ck_assert_uint_eq(rd(CP0_ENTRYHI, 0), 0x7fff4012);
}
END_TEST

START_TEST(timer)
{
    cp0_write(&c, &t, CP0_COUNT, 0, 100, 0, NULL);
    cp0_write(&c, &t, CP0_COMPARE, 0, 110, 0, NULL);
    ck_assert_uint_eq(cp0_cycles_to_timer(&c, 0), 20);
    ck_assert(!cp0_timer_update(&c, 19));
    ck_assert(cp0_timer_update(&c, 20));
    ck_assert(cp0_cause(&c) & CAUSE_TI);
    ck_assert(cp0_cause(&c) & (1u << (8 + 7)));
    cp0_write(&c, &t, CP0_COMPARE, 0, 200, 20, NULL);
    ck_assert(!(cp0_cause(&c) & CAUSE_TI));
    /* Cause.DC stops Count */
    cp0_write(&c, &t, CP0_CAUSE, 0, CAUSE_DC, 20, NULL);
    ck_assert_uint_eq(cp0_count(&c, 1000), 110);
    cp0_write(&c, &t, CP0_CAUSE, 0, 0, 1000, NULL);
    ck_assert_uint_eq(cp0_count(&c, 1002), 111);
}
END_TEST

START_TEST(interrupt_masking)
{
    cp0_set_hw_irq(&c, 0, true); /* IP2 */
    ck_assert(!cp0_irq_requested(&c));
    wr(CP0_STATUS, 0, 0x0400);
    ck_assert(cp0_irq_requested(&c));
    ck_assert(!cp0_irq_deliverable(&c)); /* IE = 0 */
    wr(CP0_STATUS, 0, 0x0401);
    ck_assert(cp0_irq_deliverable(&c));
    wr(CP0_STATUS, 0, 0x0403); /* EXL */
    ck_assert(!cp0_irq_deliverable(&c));
    cp0_set_hw_irq(&c, 0, false);
    wr(CP0_STATUS, 0, 0x0101);
    wr(CP0_CAUSE, 0, 0x0100); /* software interrupt 0 */
    ck_assert(cp0_irq_deliverable(&c));
}
END_TEST

START_TEST(segments)
{
    ck_assert_int_eq(mmu_segment(0x00400000, false, false), SEG_MAPPED);
    ck_assert_int_eq(mmu_segment(0x00400000, true, true), SEG_UNMAPPED_UNCACHED);
    ck_assert_int_eq(mmu_segment(0x80000000, false, false), SEG_ADDRESS_ERROR);
    ck_assert_int_eq(mmu_segment(0x80000000, true, false), SEG_UNMAPPED_CACHED);
    ck_assert_int_eq(mmu_segment(0xbfc00000, true, false), SEG_UNMAPPED_UNCACHED);
    ck_assert_int_eq(mmu_segment(0xc0000000, true, false), SEG_MAPPED);
    ck_assert_int_eq(mmu_segment(0xfffff000, true, false), SEG_MAPPED);
    ck_assert_int_eq(mmu_segment(0xfffff000, false, false), SEG_ADDRESS_ERROR);
    ck_assert_uint_eq(mmu_unmapped_pa(0xbfc00010), 0x1fc00010);
    ck_assert_uint_eq(mmu_unmapped_pa(0x80001234), 0x00001234);
    /* regimes follow the mode */
    ck_assert_uint_eq(cp0_regime(&c), SOFTMMU_KERNEL_ERL);
    wr(CP0_STATUS, 0, ST_UM);
    ck_assert_uint_eq(cp0_regime(&c), SOFTMMU_USER);
    wr(CP0_STATUS, 0, ST_UM | ST_EXL);
    ck_assert_uint_eq(cp0_regime(&c), SOFTMMU_KERNEL);
}
END_TEST

static Suite *cp0_suite(void)
{
    Suite *s = suite_create("cp0");
    TCase *tc = tcase_create("registers");
    tcase_add_checked_fixture(tc, setup, NULL);
    tcase_add_test(tc, reset_state);
    tcase_add_test(tc, write_masks);
    tcase_add_test(tc, side_effects);
    tcase_add_test(tc, exception_vectors);
    tcase_add_test(tc, tlb_exception_fields);
    tcase_add_test(tc, timer);
    tcase_add_test(tc, interrupt_masking);
    tcase_add_test(tc, segments);
    suite_add_tcase(s, tc);
    return s;
}
UNIT_SUITE(cp0_suite)
