/*
 * test_l2tlb.c - unit tests for the monitor's second-level software TLB
 * (src/tlb/l2tlb.c): sizing and the off state, inserts and lookups, ASID
 * tagging and global entries, the drops (by VA range, for every ASID, by
 * machine page), round-robin replacement and its determinism, flushes,
 * iteration and the statistics.
 */
#include "tlb/l2tlb.h"
#include "tlb/tlb.h"
#include "unit.h"

#include <string.h>

#define LO(pfn, flags) ((((uint32_t)(pfn)) << ENTRYLO_PFN_SHIFT) | (flags))
#define VD (ENTRYLO_V | ENTRYLO_D)
#define PAIR 0x2000u

static struct l2tlb_entry ent(uint32_t va, uint8_t asid, bool global, uint32_t lo0, uint32_t lo1)
{
    struct l2tlb_entry e;
    memset(&e, 0, sizeof e);
    e.vpn2 = va >> 13;
    e.asid = asid;
    e.global = global;
    e.lo[0] = lo0;
    e.lo[1] = lo1;
    return e;
}

static void put(struct l2tlb *t, uint32_t va, uint8_t asid, bool global, uint32_t pfn)
{
    struct l2tlb_entry e = ent(va, asid, global, LO(pfn, VD), LO(pfn + 1, VD));
    l2tlb_insert(t, &e);
}

static bool has(struct l2tlb *t, uint32_t va, uint8_t asid)
{
    return l2tlb_lookup(t, va, asid, NULL);
}

/* The pfn of the even half of the entry va/asid hits, or ~0u on a miss. */
static uint32_t pfn_at(struct l2tlb *t, uint32_t va, uint8_t asid)
{
    struct l2tlb_entry e;
    if (!l2tlb_lookup(t, va, asid, &e))
        return ~0u;
    return (e.lo[0] & ENTRYLO_PFN_MASK) >> ENTRYLO_PFN_SHIFT;
}

/* The set an entry lands in, found by inserting it alone into a table of
 * the given size. */
static unsigned set_of(unsigned entries, uint32_t va, uint8_t asid, bool global)
{
    struct l2tlb t;
    ck_assert(l2tlb_init(&t, entries));
    put(&t, va, asid, global, 1);
    unsigned set = ~0u;
    for (unsigned i = 0; i < l2tlb_capacity(&t); i++)
        if (t.entry[i].valid)
            set = i / L2TLB_WAYS;
    l2tlb_destroy(&t);
    ck_assert_uint_ne(set, ~0u);
    return set;
}

static void count_cb(void *opaque, const struct l2tlb_entry *e)
{
    uint64_t *acc = opaque;
    acc[0]++;
    acc[1] += e->vpn2;
    ck_assert(e->valid);
}

START_TEST(off_when_zero)
{
    struct l2tlb t;
    ck_assert(l2tlb_init(&t, 0));
    ck_assert(!l2tlb_enabled(&t));
    ck_assert_uint_eq(l2tlb_capacity(&t), 0);
    put(&t, 0x00400000, 1, false, 0x100);
    put(&t, 0x00400000, 1, true, 0x100);
    ck_assert_uint_eq(l2tlb_count(&t), 0);
    ck_assert(!has(&t, 0x00400000, 1));
    ck_assert_uint_eq(l2tlb_drop_range(&t, 0, 0xffffffffu, 1, true), 0);
    ck_assert_uint_eq(l2tlb_drop_machine_page(&t, 0x100), 0);
    l2tlb_flush(&t);
    uint64_t acc[2] = { 0, 0 };
    l2tlb_foreach(&t, count_cb, acc);
    ck_assert_uint_eq(acc[0], 0);
    ck_assert_uint_eq(t.stats.lookups, 1);
    ck_assert_uint_eq(t.stats.hits, 0);
    ck_assert_uint_eq(t.stats.inserts, 0);
    l2tlb_destroy(&t);
}
END_TEST

START_TEST(sizes_round_down)
{
    static const unsigned ask[] = { 1, 3, 4, 7, 8, 12, 1000, 1024, 1025, 4096 };
    static const unsigned got[] = { 4, 4, 4, 4, 8, 8, 512, 1024, 1024, 4096 };
    for (unsigned i = 0; i < sizeof ask / sizeof ask[0]; i++) {
        struct l2tlb t;
        ck_assert(l2tlb_init(&t, ask[i]));
        ck_assert(l2tlb_enabled(&t));
        ck_assert_uint_eq(l2tlb_capacity(&t), got[i]);
        ck_assert_uint_eq(t.nsets * L2TLB_WAYS, got[i]);
        ck_assert_uint_eq(t.nsets & (t.nsets - 1), 0);
        ck_assert_uint_eq(l2tlb_count(&t), 0);
        l2tlb_destroy(&t);
        ck_assert(!l2tlb_enabled(&t));
    }
}
END_TEST

START_TEST(insert_and_lookup)
{
    struct l2tlb t;
    ck_assert(l2tlb_init(&t, L2TLB_DEFAULT_ENTRIES));
    struct l2tlb_entry in = ent(0x00400000, 5, false, LO(0x100, VD), LO(0x101, ENTRYLO_V));
    l2tlb_insert(&t, &in);
    struct l2tlb_entry out;
    memset(&out, 0xaa, sizeof out);
    ck_assert(l2tlb_lookup(&t, 0x00400000, 5, &out));
    ck_assert_uint_eq(out.vpn2, 0x00400000 >> 13);
    ck_assert_uint_eq(out.asid, 5);
    ck_assert(!out.global);
    ck_assert(out.valid);
    ck_assert_uint_eq(out.lo[0], LO(0x100, VD));
    ck_assert_uint_eq(out.lo[1], LO(0x101, ENTRYLO_V));
    /* both 4 KB halves of the pair, nothing outside it */
    ck_assert(has(&t, 0x00401ffc, 5));
    ck_assert(!has(&t, 0x00402000, 5));
    ck_assert(!has(&t, 0x003ffffc, 5));
    ck_assert_uint_eq(l2tlb_count(&t), 1);
    ck_assert_uint_eq(t.stats.lookups, 4);
    ck_assert_uint_eq(t.stats.hits, 2);
    ck_assert_uint_eq(t.stats.inserts, 1);
    ck_assert_uint_eq(t.stats.drops, 0);
    l2tlb_destroy(&t);
}
END_TEST

START_TEST(asid_tagging)
{
    struct l2tlb t;
    ck_assert(l2tlb_init(&t, L2TLB_DEFAULT_ENTRIES));
    put(&t, 0x00400000, 5, false, 0x100);
    put(&t, 0x00400000, 6, false, 0x200);
    put(&t, 0x00400000, 0, false, 0x300);
    ck_assert_uint_eq(l2tlb_count(&t), 3);
    ck_assert_uint_eq(pfn_at(&t, 0x00400000, 5), 0x100);
    ck_assert_uint_eq(pfn_at(&t, 0x00400000, 6), 0x200);
    ck_assert_uint_eq(pfn_at(&t, 0x00400000, 0), 0x300);
    ck_assert(!has(&t, 0x00400000, 7));
    /* re-inserting (pair, ASID) replaces the old entry */
    put(&t, 0x00400000, 5, false, 0x400);
    ck_assert_uint_eq(l2tlb_count(&t), 3);
    ck_assert_uint_eq(pfn_at(&t, 0x00400000, 5), 0x400);
    ck_assert_uint_eq(pfn_at(&t, 0x00400000, 6), 0x200);
    ck_assert_uint_eq(t.stats.drops, 1);
    ck_assert_uint_eq(t.stats.inserts, 4);
    l2tlb_destroy(&t);
}
END_TEST

START_TEST(global_matches_any_asid)
{
    /* 1024 entries: 256 sets; 4096 entries: more sets than ASIDs */
    static const unsigned sizes[] = { 1024, 4096, 4 };
    for (unsigned i = 0; i < 3; i++) {
        struct l2tlb t;
        ck_assert(l2tlb_init(&t, sizes[i]));
        put(&t, 0xc0010000, 3, true, 0x500);
        for (unsigned a = 0; a < 256; a++)
            ck_assert_uint_eq(pfn_at(&t, 0xc0011234, (uint8_t)a), 0x500);
        /* a per-ASID entry replaces the global one */
        put(&t, 0xc0010000, 9, false, 0x600);
        ck_assert_uint_eq(l2tlb_count(&t), 1);
        ck_assert(!has(&t, 0xc0010000, 1));
        ck_assert_uint_eq(pfn_at(&t, 0xc0010000, 9), 0x600);
        /* and a global one replaces every per-ASID entry of the pair */
        put(&t, 0xc0010000, 0, false, 0x700);
        put(&t, 0xc0010000, 100, false, 0x701);
        put(&t, 0xc0010000, 255, false, 0x702);
        if (sizes[i] > 4) {
            put(&t, 0xc0012000, 100, false, 0x800);
            ck_assert_uint_eq(l2tlb_count(&t), 5);
        } else {
            ck_assert_uint_eq(l2tlb_count(&t), 4);
        }
        put(&t, 0xc0010000, 42, true, 0x900);
        ck_assert_uint_eq(l2tlb_count(&t), (sizes[i] > 4 ? 2 : 1));
        ck_assert_uint_eq(pfn_at(&t, 0xc0010000, 9), 0x900);
        ck_assert_uint_eq(pfn_at(&t, 0xc0010000, 255), 0x900);
        ck_assert_uint_eq(pfn_at(&t, 0xc0010000, 0), 0x900);
        if (sizes[i] > 4)
            ck_assert_uint_eq(pfn_at(&t, 0xc0012000, 100), 0x800);
        l2tlb_destroy(&t);
    }
}
END_TEST

START_TEST(drop_one_pair)
{
    struct l2tlb t;
    ck_assert(l2tlb_init(&t, L2TLB_DEFAULT_ENTRIES));
    put(&t, 0x00400000, 5, false, 0x100);
    put(&t, 0x00402000, 5, false, 0x102);
    put(&t, 0x00400000, 6, false, 0x200);
    put(&t, 0x00404000, 9, true, 0x300);
    ck_assert_uint_eq(l2tlb_drop_range(&t, 0x00401fff, 0, 5, false), 0);
    /* the last byte of the first pair: only that pair, only ASID 5 */
    ck_assert_uint_eq(l2tlb_drop_range(&t, 0x00401fff, 1, 5, false), 1);
    ck_assert(!has(&t, 0x00400000, 5));
    ck_assert(has(&t, 0x00400000, 6));
    ck_assert(has(&t, 0x00402000, 5));
    /* two bytes straddle into the next pair */
    ck_assert_uint_eq(l2tlb_drop_range(&t, 0x00401fff, 2, 5, false), 1);
    ck_assert(!has(&t, 0x00402000, 5));
    ck_assert(has(&t, 0x00400000, 6));
    /* a global entry goes whatever ASID is named */
    ck_assert_uint_eq(l2tlb_drop_range(&t, 0x00405000, 0x1000, 77, false), 1);
    ck_assert(!has(&t, 0x00404000, 9));
    ck_assert_uint_eq(l2tlb_count(&t), 1);
    ck_assert_uint_eq(t.stats.drops, 3);
    l2tlb_destroy(&t);
}
END_TEST

START_TEST(drop_big_ranges)
{
    struct l2tlb t;
    ck_assert(l2tlb_init(&t, L2TLB_DEFAULT_ENTRIES));
    for (uint32_t i = 0; i < 100; i++) {
        put(&t, 0x00400000 + i * PAIR, 1, false, 0x1000 + i);
        put(&t, 0x00400000 + i * PAIR, 2, false, 0x2000 + i);
    }
    put(&t, 0x7fffe000, 2, true, 0x3000);
    put(&t, 0xffffe000, 2, false, 0x3002);
    ck_assert_uint_eq(l2tlb_count(&t), 202);
    /* a few pairs: 8 of ASID 2, none of ASID 1 */
    ck_assert_uint_eq(l2tlb_drop_range(&t, 0x00400000 + 10 * PAIR, 8 * PAIR, 2, false), 8);
    ck_assert(has(&t, 0x00400000 + 9 * PAIR, 2));
    ck_assert(!has(&t, 0x00400000 + 10 * PAIR, 2));
    ck_assert(!has(&t, 0x00400000 + 17 * PAIR, 2));
    ck_assert(has(&t, 0x00400000 + 18 * PAIR, 2));
    ck_assert(has(&t, 0x00400000 + 10 * PAIR, 1));
    /* the range runs past 4 GB: clamped, not wrapped */
    ck_assert_uint_eq(l2tlb_drop_range(&t, 0xffffe000, 0xffffffffu, 2, false), 1);
    ck_assert(!has(&t, 0xffffe000, 2));
    ck_assert(has(&t, 0x00400000, 2));
    /* the whole address space for ASID 1: its 100 and the global one */
    ck_assert_uint_eq(l2tlb_drop_range(&t, 0, 0xffffffffu, 1, false), 101);
    ck_assert_uint_eq(l2tlb_count(&t), 92);
    ck_assert(!has(&t, 0x00400000, 1));
    ck_assert(!has(&t, 0x7fffe000, 2));
    ck_assert(has(&t, 0x00400000 + 99 * PAIR, 2));
    l2tlb_destroy(&t);
}
END_TEST

START_TEST(drop_all_asids)
{
    struct l2tlb t;
    /* 1024 sets: one pair for every ASID visits the ASIDs' sets */
    ck_assert(l2tlb_init(&t, 4096));
    const uint32_t p = 0x10000000;
    put(&t, p, 0, false, 1);
    put(&t, p, 17, false, 2);
    put(&t, p, 200, false, 3);
    put(&t, p + PAIR, 5, true, 4);
    put(&t, p + 2 * PAIR, 17, false, 5);
    put(&t, p + 3 * PAIR, 17, false, 6);
    ck_assert_uint_eq(l2tlb_drop_range(&t, p, PAIR, 0, true), 3);
    ck_assert_uint_eq(l2tlb_count(&t), 3);
    ck_assert(!has(&t, p, 17));
    ck_assert(!has(&t, p, 200));
    ck_assert_uint_eq(l2tlb_drop_range(&t, p + PAIR, 2 * PAIR, 99, true), 2);
    ck_assert(has(&t, p + 3 * PAIR, 17));
    /* a range big enough to scan the table */
    put(&t, 0x00400000, 44, false, 7);
    put(&t, 0x80000000 - PAIR, 45, false, 8);
    put(&t, 0x80000000, 46, false, 9);
    ck_assert_uint_eq(l2tlb_drop_range(&t, 0, 0x80000000, 1, true), 3);
    ck_assert_uint_eq(l2tlb_count(&t), 1);
    ck_assert(has(&t, 0x80000000, 46));
    l2tlb_destroy(&t);

    /* a small table: every pair's sets are the whole table */
    ck_assert(l2tlb_init(&t, 16));
    put(&t, p, 1, false, 1);
    put(&t, p, 2, false, 2);
    put(&t, p + PAIR, 2, false, 3);
    ck_assert_uint_eq(l2tlb_drop_range(&t, p, 1, 9, true), 2);
    ck_assert_uint_eq(l2tlb_count(&t), 1);
    l2tlb_destroy(&t);
}
END_TEST

START_TEST(drop_machine_page)
{
    struct l2tlb t;
    ck_assert(l2tlb_init(&t, L2TLB_DEFAULT_ENTRIES));
    struct l2tlb_entry e;
    e = ent(0x00400000, 1, false, LO(0x123, VD), LO(0x200, VD));
    l2tlb_insert(&t, &e);
    e = ent(0x00402000, 1, false, LO(0x201, VD), LO(0x123, 0)); /* V clear */
    l2tlb_insert(&t, &e);
    e = ent(0x00404000, 2, true, LO(0x123, VD | ENTRYLO_G | (3u << ENTRYLO_C_SHIFT)), 0);
    l2tlb_insert(&t, &e);
    e = ent(0x00406000, 1, false, LO(0x124, VD), LO(0x122, VD));
    l2tlb_insert(&t, &e);
    ck_assert_uint_eq(l2tlb_drop_machine_page(&t, 0x123), 3);
    ck_assert_uint_eq(l2tlb_count(&t), 1);
    ck_assert(has(&t, 0x00406000, 1));
    ck_assert_uint_eq(l2tlb_drop_machine_page(&t, 0x123), 0);
    ck_assert_uint_eq(l2tlb_drop_machine_page(&t, 0x122), 1);
    ck_assert_uint_eq(l2tlb_count(&t), 0);
    ck_assert_uint_eq(t.stats.drops, 4);
    l2tlb_destroy(&t);
}
END_TEST

START_TEST(round_robin_one_set)
{
    struct l2tlb t;
    ck_assert(l2tlb_init(&t, 4));
    for (uint32_t i = 1; i <= 4; i++)
        put(&t, i * PAIR, 1, false, i);
    ck_assert_uint_eq(l2tlb_count(&t), 4);
    put(&t, 5 * PAIR, 1, false, 5); /* evicts the first */
    ck_assert(!has(&t, 1 * PAIR, 1));
    for (uint32_t i = 2; i <= 5; i++)
        ck_assert(has(&t, i * PAIR, 1));
    put(&t, 6 * PAIR, 1, false, 6); /* then the second */
    ck_assert(!has(&t, 2 * PAIR, 1));
    ck_assert_uint_eq(l2tlb_count(&t), 4);
    /* ways now 5 6 3 4; a drop frees way 2, which the next insert takes */
    ck_assert_uint_eq(l2tlb_drop_range(&t, 3 * PAIR, PAIR, 1, false), 1);
    put(&t, 7 * PAIR, 1, false, 7);
    ck_assert_uint_eq(t.entry[2].vpn2, 7);
    /* and the victim after it is way 3, then way 0 */
    put(&t, 8 * PAIR, 1, false, 8);
    ck_assert(!has(&t, 4 * PAIR, 1));
    put(&t, 9 * PAIR, 1, false, 9);
    ck_assert(!has(&t, 5 * PAIR, 1));
    ck_assert(has(&t, 6 * PAIR, 1));
    ck_assert(has(&t, 7 * PAIR, 1));
    ck_assert(has(&t, 8 * PAIR, 1));
    ck_assert(has(&t, 9 * PAIR, 1));
    /* ways 9 6 7 8, victim way 1: a free way 2 is still taken first */
    ck_assert_uint_eq(l2tlb_drop_range(&t, 7 * PAIR, PAIR, 1, false), 1);
    put(&t, 10 * PAIR, 1, false, 10);
    ck_assert_uint_eq(t.entry[2].vpn2, 10);
    ck_assert(has(&t, 6 * PAIR, 1));
    put(&t, 11 * PAIR, 1, false, 11); /* then way 3 */
    ck_assert(!has(&t, 8 * PAIR, 1));
    ck_assert(has(&t, 6 * PAIR, 1));
    ck_assert_uint_eq(t.stats.drops, 2); /* evictions are not drops */
    l2tlb_destroy(&t);
}
END_TEST

START_TEST(round_robin_one_of_many_sets)
{
    const unsigned size = 64;
    const uint32_t base = 0x00400000;
    unsigned target = set_of(size, base, 3, false);
    /* six pairs of ASID 3 that share base's set, and one that does not */
    uint32_t same[6], other = 0;
    unsigned n = 0;
    for (uint32_t va = base; n < 6 || !other; va += PAIR) {
        if (set_of(size, va, 3, false) == target) {
            if (n < 6)
                same[n++] = va;
        } else if (!other) {
            other = va;
        }
    }

    struct l2tlb t;
    ck_assert(l2tlb_init(&t, size));
    put(&t, other, 3, false, 99);
    for (unsigned i = 0; i < 4; i++)
        put(&t, same[i], 3, false, i);
    for (unsigned i = 0; i < 4; i++)
        ck_assert(has(&t, same[i], 3));
    put(&t, same[4], 3, false, 4);
    ck_assert(!has(&t, same[0], 3));
    put(&t, same[5], 3, false, 5);
    ck_assert(!has(&t, same[1], 3));
    for (unsigned i = 2; i < 6; i++)
        ck_assert(has(&t, same[i], 3));
    ck_assert(has(&t, other, 3));
    ck_assert_uint_eq(l2tlb_count(&t), 5);
    l2tlb_destroy(&t);
}
END_TEST

/* The same operations give the same table, entry for entry. */
static void churn(struct l2tlb *t)
{
    uint32_t x = 12345;
    for (unsigned i = 0; i < 5000; i++) {
        x = x * 1103515245u + 12345u;
        uint32_t va = (x >> 8) & 0x003fe000;
        uint8_t asid = (x >> 3) & 7;
        switch (x >> 29) {
        case 0:
            l2tlb_drop_range(t, va, (x & 0xff) * 0x1000, asid, (x & 1) != 0);
            break;
        case 1:
            l2tlb_drop_machine_page(t, x & 0x3f);
            break;
        default:
            put(t, va, asid, (x & 0x700) == 0, x & 0x3f);
            break;
        }
        l2tlb_lookup(t, va, asid, NULL);
    }
}

START_TEST(deterministic)
{
    struct l2tlb a, b;
    ck_assert(l2tlb_init(&a, 64));
    ck_assert(l2tlb_init(&b, 64));
    churn(&a);
    churn(&b);
    ck_assert_uint_gt(l2tlb_count(&a), 0);
    ck_assert_uint_gt(a.stats.drops, 0);
    ck_assert_uint_gt(a.stats.hits, 0);
    ck_assert_int_eq(memcmp(a.entry, b.entry, 64 * sizeof *a.entry), 0);
    ck_assert_int_eq(memcmp(a.next_victim, b.next_victim, a.nsets), 0);
    ck_assert_int_eq(memcmp(&a.stats, &b.stats, sizeof a.stats), 0);
    /* never two entries for one (pair, ASID) */
    for (unsigned i = 0; i < 64; i++)
        for (unsigned j = i + 1; j < 64; j++) {
            const struct l2tlb_entry *p = &a.entry[i], *q = &a.entry[j];
            if (p->valid && q->valid && p->vpn2 == q->vpn2)
                ck_assert(!p->global && !q->global && p->asid != q->asid);
        }
    l2tlb_destroy(&a);
    l2tlb_destroy(&b);
}
END_TEST

START_TEST(capacity_and_count)
{
    struct l2tlb t;
    ck_assert(l2tlb_init(&t, 1024));
    /* consecutive aligned pairs spread evenly: 1024 fit in 1024 */
    for (uint32_t i = 0; i < 1024; i++)
        put(&t, 0x10000000 + i * PAIR, 7, false, i);
    ck_assert_uint_eq(l2tlb_count(&t), 1024);
    ck_assert_uint_eq(l2tlb_count(&t), l2tlb_capacity(&t));
    for (uint32_t i = 0; i < 1024; i++)
        ck_assert_uint_eq(pfn_at(&t, 0x10000000 + i * PAIR, 7), i);
    /* more never exceeds capacity */
    for (uint32_t i = 0; i < 3000; i++)
        put(&t, 0x20000000 + i * PAIR, (uint8_t)i, false, i);
    ck_assert_uint_eq(l2tlb_count(&t), 1024);
    ck_assert_uint_eq(t.stats.inserts, 4024);
    l2tlb_destroy(&t);
}
END_TEST

START_TEST(flush_empties)
{
    struct l2tlb t;
    ck_assert(l2tlb_init(&t, 64));
    for (uint32_t i = 0; i < 20; i++)
        put(&t, i * PAIR, 1, i == 3, i);
    ck_assert_uint_eq(l2tlb_count(&t), 20);
    l2tlb_flush(&t);
    ck_assert_uint_eq(l2tlb_count(&t), 0);
    ck_assert(!has(&t, 3 * PAIR, 3));
    ck_assert(!has(&t, 0, 1));
    ck_assert_uint_eq(t.stats.flushes, 1);
    ck_assert(l2tlb_enabled(&t));
    put(&t, 0x1000, 1, false, 0x42);
    ck_assert_uint_eq(pfn_at(&t, 0x1000, 1), 0x42);
    l2tlb_destroy(&t);
}
END_TEST

START_TEST(foreach_visits_entries)
{
    struct l2tlb t;
    ck_assert(l2tlb_init(&t, 64));
    put(&t, 0x2000, 1, false, 1);
    put(&t, 0x4000, 2, true, 2);
    put(&t, 0x8000, 3, false, 3);
    uint64_t acc[2] = { 0, 0 };
    l2tlb_foreach(&t, count_cb, acc);
    ck_assert_uint_eq(acc[0], 3);
    ck_assert_uint_eq(acc[1], 1 + 2 + 4);
    l2tlb_drop_range(&t, 0x4000, 1, 9, false);
    acc[0] = acc[1] = 0;
    l2tlb_foreach(&t, count_cb, acc);
    ck_assert_uint_eq(acc[0], 2);
    ck_assert_uint_eq(acc[1], 1 + 4);
    l2tlb_destroy(&t);
}
END_TEST

static Suite *l2tlb_suite(void)
{
    Suite *s = suite_create("l2tlb");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, off_when_zero);
    tcase_add_test(tc, sizes_round_down);
    tcase_add_test(tc, insert_and_lookup);
    tcase_add_test(tc, asid_tagging);
    tcase_add_test(tc, global_matches_any_asid);
    tcase_add_test(tc, drop_one_pair);
    tcase_add_test(tc, drop_big_ranges);
    tcase_add_test(tc, drop_all_asids);
    tcase_add_test(tc, drop_machine_page);
    tcase_add_test(tc, round_robin_one_set);
    tcase_add_test(tc, round_robin_one_of_many_sets);
    tcase_add_test(tc, deterministic);
    tcase_add_test(tc, capacity_and_count);
    tcase_add_test(tc, flush_empties);
    tcase_add_test(tc, foreach_visits_entries);
    suite_add_tcase(s, tc);
    return s;
}
UNIT_SUITE(l2tlb_suite)
