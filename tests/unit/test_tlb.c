/*
 * test_tlb.c - unit tests for the joint TLB (src/tlb): writes and reads,
 * paired pages, page sizes, ASID matching and global entries, probes,
 * the V and D bits, Wired and Random.
 */
#include "tlb/tlb.h"
#include "unit.h"

#define LO(pfn, flags) ((((uint32_t)(pfn)) << ENTRYLO_PFN_SHIFT) | (flags))
#define VDG (ENTRYLO_V | ENTRYLO_D)

START_TEST(even_and_odd_pages)
{
    struct tlb t;
    tlb_init(&t, 16);
    tlb_write(&t, 3, 0x00400000 | 5, 0, LO(0x100, VDG), LO(0x200, VDG));
    struct tlb_hit h;
    ck_assert_int_eq(tlb_lookup(&t, 0x00400123, 5, false, &h), TLB_HIT);
    ck_assert_uint_eq(h.pa, 0x00100123);
    ck_assert_uint_eq(h.index, 3);
    ck_assert_int_eq(tlb_lookup(&t, 0x00401ffc, 5, true, &h), TLB_HIT);
    ck_assert_uint_eq(h.pa, 0x00200ffc);
    ck_assert_uint_eq(h.page_size, 4096);
    ck_assert_int_eq(tlb_lookup(&t, 0x00402000, 5, false, &h), TLB_REFILL);
}
END_TEST

START_TEST(asid_and_global)
{
    struct tlb t;
    tlb_init(&t, 16);
    tlb_write(&t, 0, 0x10000000 | 7, 0, LO(1, VDG), LO(2, VDG));
    tlb_write(&t, 1, 0x20000000 | 7, 0, LO(3, VDG | ENTRYLO_G), LO(4, VDG | ENTRYLO_G));
    struct tlb_hit h;
    ck_assert_int_eq(tlb_lookup(&t, 0x10000000, 8, false, &h), TLB_REFILL);
    ck_assert_int_eq(tlb_lookup(&t, 0x10000000, 7, false, &h), TLB_HIT);
    ck_assert_int_eq(tlb_lookup(&t, 0x20000000, 99, false, &h), TLB_HIT);
    ck_assert_uint_eq(h.pa, 0x3000);
    /* G is kept only if both halves had it */
    tlb_write(&t, 2, 0x30000000 | 7, 0, LO(5, VDG | ENTRYLO_G), LO(6, VDG));
    ck_assert_int_eq(tlb_lookup(&t, 0x30000000, 9, false, &h), TLB_REFILL);
}
END_TEST

START_TEST(valid_and_dirty)
{
    struct tlb t;
    tlb_init(&t, 16);
    tlb_write(&t, 0, 0x00010000, 0, LO(1, ENTRYLO_V), LO(2, 0));
    struct tlb_hit h;
    ck_assert_int_eq(tlb_lookup(&t, 0x00010000, 0, false, &h), TLB_HIT);
    ck_assert_int_eq(tlb_lookup(&t, 0x00010000, 0, true, &h), TLB_MODIFIED);
    ck_assert_int_eq(tlb_lookup(&t, 0x00011000, 0, false, &h), TLB_INVALID);
    ck_assert_int_eq(tlb_lookup(&t, 0x00011000, 0, true, &h), TLB_INVALID);
}
END_TEST

START_TEST(large_pages)
{
    struct tlb t;
    tlb_init(&t, 16);
    /* 16 MB pages: PageMask 0x01ffe000, pair covers 32 MB */
    tlb_write(&t, 4, 0x42000000, 0x01ffe000, LO(0x03000, VDG), LO(0x04000, VDG));
    struct tlb_hit h;
    ck_assert_int_eq(tlb_lookup(&t, 0x42abcdef, 0, false, &h), TLB_HIT);
    ck_assert_uint_eq(h.pa, 0x03abcdef);
    ck_assert_uint_eq(h.page_size, 16u << 20);
    ck_assert_int_eq(tlb_lookup(&t, 0x43000010, 0, false, &h), TLB_HIT);
    ck_assert_uint_eq(h.pa, 0x04000010);
    uint32_t start, size;
    tlb_entry_range(&t.entry[4], &start, &size);
    ck_assert_uint_eq(start, 0x42000000);
    ck_assert_uint_eq(size, 32u << 20);
    /* the masked VPN2 bits are not stored */
    uint32_t hi, mask, lo0, lo1;
    tlb_write(&t, 5, 0x44abc000, 0x01ffe000, 0, 0);
    tlb_read(&t, 5, &hi, &mask, &lo0, &lo1);
    ck_assert_uint_eq(hi, 0x44000000);
    ck_assert_uint_eq(mask, 0x01ffe000);
}
END_TEST

START_TEST(read_back_and_probe)
{
    struct tlb t;
    tlb_init(&t, 16);
    tlb_write(&t, 7, 0x7fff2000 | 0x33, 0, LO(9, VDG | ENTRYLO_G), LO(10, ENTRYLO_G | (3 << 3)));
    uint32_t hi, mask, lo0, lo1;
    tlb_read(&t, 7, &hi, &mask, &lo0, &lo1);
    ck_assert_uint_eq(hi, 0x7fff2033);
    ck_assert_uint_eq(lo0, LO(9, VDG | ENTRYLO_G));
    ck_assert_uint_eq(lo1, LO(10, ENTRYLO_G | (3 << 3)));
    ck_assert_int_eq(tlb_probe(&t, 0x7fff2000 | 0x12), 7); /* global: any ASID */
    ck_assert_int_eq(tlb_probe(&t, 0x7fff4000 | 0x33), -1);
    tlb_flush(&t);
    ck_assert_int_eq(tlb_probe(&t, 0x7fff2000 | 0x33), -1);
}
END_TEST

START_TEST(random_respects_wired)
{
    struct tlb t;
    tlb_init(&t, 16);
    tlb_set_wired(&t, 4);
    for (uint64_t c = 0; c < 1000; c++) {
        unsigned r = tlb_random(&t, c);
        ck_assert_uint_ge(r, 4);
        ck_assert_uint_le(r, 15);
    }
    ck_assert_uint_eq(tlb_random(&t, 0), 15);
    tlb_set_wired(&t, 40);
    ck_assert_uint_eq(t.wired, 15);
    ck_assert_uint_eq(tlb_random(&t, 123), 15);
}
END_TEST

START_TEST(sizes_configurable)
{
    struct tlb t;
    tlb_init(&t, 64);
    ck_assert_uint_eq(t.nentries, 64);
    tlb_write(&t, 63, 0x1000e000, 0, LO(1, VDG), LO(1, VDG));
    ck_assert_int_eq(tlb_probe(&t, 0x1000e000), 63);
    tlb_init(&t, 1000);
    ck_assert_uint_eq(t.nentries, TLB_MAX_ENTRIES);
}
END_TEST

static Suite *tlb_suite(void)
{
    Suite *s = suite_create("tlb");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, even_and_odd_pages);
    tcase_add_test(tc, asid_and_global);
    tcase_add_test(tc, valid_and_dirty);
    tcase_add_test(tc, large_pages);
    tcase_add_test(tc, read_back_and_probe);
    tcase_add_test(tc, random_respects_wired);
    tcase_add_test(tc, sizes_configurable);
    suite_add_tcase(s, tc);
    return s;
}
UNIT_SUITE(tlb_suite)
