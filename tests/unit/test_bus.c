/*
 * test_bus.c - the machine address map (src/mmu/bus.c): regions refuse to
 * overlap, lookups find the right region at its edges, RAM, ROM and MMIO
 * accesses of every width reach the right place, and accesses to nothing
 * are bus errors logged under "guest_errors".  Also the debug log
 * (src/log.c) the bus reports through: category parsing and filtering.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "unit.h"

#include "log.h"
#include "mmu/bus.h"

/* A device that records its last access and reads back a pattern. */
struct probe {
    uint32_t last_off, last_val;
    unsigned last_size;
    unsigned reads, writes;
};

static uint32_t probe_read(void *opaque, uint32_t off, unsigned size)
{
    struct probe *p = opaque;
    p->last_off = off;
    p->last_size = size;
    p->reads++;
    return 0xc0de0000u | off;
}

static void probe_write(void *opaque, uint32_t off, uint32_t v, unsigned size)
{
    struct probe *p = opaque;
    p->last_off = off;
    p->last_val = v;
    p->last_size = size;
    p->writes++;
}

static const struct mmio_ops probe_ops = { probe_read, probe_write };

/* ---- region table ------------------------------------------------------ */

START_TEST(test_overlap_refused)
{
    static uint8_t mem[0x4000];
    struct bus bus;
    struct probe p = { 0 };
    bus_init(&bus, NULL);
    ck_assert(bus_add_memory(&bus, "ram", 0x1000, 0x1000, mem, false));
    /* exact, start inside, end inside, inside, around */
    ck_assert(!bus_add_memory(&bus, "x", 0x1000, 0x1000, mem, false));
    ck_assert(!bus_add_memory(&bus, "x", 0x1800, 0x1000, mem, false));
    ck_assert(!bus_add_mmio(&bus, "x", 0x0800, 0x1000, &probe_ops, &p));
    ck_assert(!bus_add_mmio(&bus, "x", 0x1400, 0x10, &probe_ops, &p));
    ck_assert(!bus_add_memory(&bus, "x", 0x0000, 0x4000, mem, true));
    ck_assert(!bus_add_mmio(&bus, "x", 0x1fff, 1, &probe_ops, &p));
    /* touching on either side is fine */
    ck_assert(bus_add_mmio(&bus, "below", 0x0ff0, 0x10, &probe_ops, &p));
    ck_assert(bus_add_memory(&bus, "above", 0x2000, 0x1000, mem, true));
    ck_assert_uint_eq(bus.nregions, 3);
    bus_destroy(&bus);
}
END_TEST

START_TEST(test_bad_regions_refused)
{
    static uint8_t mem[0x1000];
    struct bus bus;
    bus_init(&bus, NULL);
    ck_assert(!bus_add_memory(&bus, "empty", 0x1000, 0, mem, false));
    ck_assert(!bus_add_memory(&bus, "wraps", 0xfffff800, 0x1000, mem, false));
    /* the very top of the address space is usable */
    ck_assert(bus_add_memory(&bus, "top", 0xfffff000, 0x1000, mem, false));
    ck_assert_ptr_eq(bus_host_ptr(&bus, 0xffffffff, 1), mem + 0xfff);
    ck_assert_ptr_null(bus_host_ptr(&bus, 0xffffffff, 2));
    ck_assert_uint_eq(bus.nregions, 1);
    bus_destroy(&bus);
}
END_TEST

START_TEST(test_table_full)
{
    struct bus bus;
    struct probe p = { 0 };
    bus_init(&bus, NULL);
    for (unsigned i = 0; i < BUS_MAX_REGIONS; i++)
        ck_assert(bus_add_mmio(&bus, "dev", i * 0x100, 0x100, &probe_ops, &p));
    ck_assert(!bus_add_mmio(&bus, "one too many", 0x100000, 0x100,
                            &probe_ops, &p));
    ck_assert_uint_eq(bus.nregions, BUS_MAX_REGIONS);
    bus_destroy(&bus);
}
END_TEST

START_TEST(test_lookups)
{
    static uint8_t ram[0x10000], rom[0x1000];
    struct bus bus;
    struct probe p = { 0 };
    bus_init(&bus, NULL);
    ck_assert(bus_add_memory(&bus, "ram", 0, sizeof ram, ram, false));
    ck_assert(bus_add_memory(&bus, "rom", 0x1fc00000, sizeof rom, rom, true));
    ck_assert(bus_add_mmio(&bus, "uart", 0x180003f8, 8, &probe_ops, &p));

    const struct bus_region *r = bus_find(&bus, 0);
    ck_assert_ptr_nonnull(r);
    ck_assert_str_eq(r->name, "ram");
    ck_assert_str_eq(bus_find(&bus, 0xffff)->name, "ram");
    ck_assert_ptr_null(bus_find(&bus, 0x10000));
    ck_assert_str_eq(bus_find(&bus, 0x1fc00fff)->name, "rom");
    ck_assert_ptr_null(bus_find(&bus, 0x1fbfffff));
    ck_assert_str_eq(bus_find(&bus, 0x180003f8)->name, "uart");
    ck_assert_str_eq(bus_find(&bus, 0x180003ff)->name, "uart");
    ck_assert_ptr_null(bus_find(&bus, 0x18000400));
    ck_assert_ptr_null(bus_find(&bus, 0xffffffff));

    ck_assert_ptr_eq(bus_host_ptr(&bus, 0x100, 4), ram + 0x100);
    ck_assert_ptr_eq(bus_host_ptr(&bus, 0, sizeof ram), ram);
    ck_assert_ptr_null(bus_host_ptr(&bus, 1, sizeof ram));   /* runs off */
    ck_assert_ptr_null(bus_host_ptr(&bus, 0xfffe, 4));
    ck_assert_ptr_eq(bus_host_ptr(&bus, 0x1fc00010, 4), rom + 0x10);
    ck_assert_ptr_null(bus_host_ptr(&bus, 0x180003f8, 1));  /* MMIO */
    ck_assert_ptr_null(bus_host_ptr(&bus, 0x20000000, 1));  /* nothing */
    /* Memory regions carry a decode shadow; devices do not.  Destroying
     * frees the shadows and empties the table. */
    ck_assert_ptr_nonnull(bus_find(&bus, 0)->shadow);
    ck_assert_ptr_null(bus_find(&bus, 0x180003f8)->shadow);
    bus_destroy(&bus);
    ck_assert_uint_eq(bus.nregions, 0);
    ck_assert_ptr_null(bus_find(&bus, 0));
}
END_TEST

/* ---- accesses ------------------------------------------------------------ */

START_TEST(test_ram_access)
{
    static uint8_t ram[0x1000];
    struct bus bus;
    uint32_t v;
    memset(ram, 0, sizeof ram);
    bus_init(&bus, NULL);
    ck_assert(bus_add_memory(&bus, "ram", 0x2000, sizeof ram, ram, false));

    ck_assert(bus_write(&bus, 0x2010, 4, 0x11223344));
    ck_assert_uint_eq(ram[0x10], 0x44);  /* little-endian */
    ck_assert_uint_eq(ram[0x13], 0x11);
    ck_assert(bus_read(&bus, 0x2010, 4, &v));
    ck_assert_uint_eq(v, 0x11223344);
    ck_assert(bus_read(&bus, 0x2012, 2, &v));
    ck_assert_uint_eq(v, 0x1122);
    ck_assert(bus_read(&bus, 0x2011, 1, &v));
    ck_assert_uint_eq(v, 0x33);
    ck_assert(bus_write(&bus, 0x2010, 1, 0xffffffaa));
    ck_assert(bus_write(&bus, 0x2012, 2, 0xbbcc));
    ck_assert(bus_read(&bus, 0x2010, 4, &v));
    ck_assert_uint_eq(v, 0xbbcc33aa);
    /* the last word of the region */
    ck_assert(bus_write(&bus, 0x2ffc, 4, 0xcafef00d));
    ck_assert(bus_read(&bus, 0x2ffc, 4, &v));
    ck_assert_uint_eq(v, 0xcafef00d);
    bus_destroy(&bus);
}
END_TEST

START_TEST(test_rom_access)
{
    static uint8_t rom[0x100];
    struct bus bus;
    struct log log;
    char *buf = NULL;
    size_t len = 0;
    uint32_t v;
    for (unsigned i = 0; i < sizeof rom; i++)
        rom[i] = (uint8_t)i;
    log_init(&log);
    log.out = open_memstream(&buf, &len);
    log.mask = LOG_GUEST_ERROR;
    bus_init(&bus, &log);
    ck_assert(bus_add_memory(&bus, "bios", 0x1fc00000, sizeof rom, rom, true));
    ck_assert(bus_read(&bus, 0x1fc00010, 4, &v));
    ck_assert_uint_eq(v, 0x13121110);
    /* a store to ROM completes (no bus error) but changes nothing */
    ck_assert(bus_write(&bus, 0x1fc00010, 4, 0));
    ck_assert(bus_read(&bus, 0x1fc00010, 4, &v));
    ck_assert_uint_eq(v, 0x13121110);
    fflush(log.out);
    ck_assert_ptr_nonnull(strstr(buf, "ROM"));
    ck_assert_ptr_nonnull(strstr(buf, "bios"));
    fclose(log.out);
    free(buf);
    bus_destroy(&bus);
}
END_TEST

START_TEST(test_mmio_access)
{
    struct bus bus;
    struct probe p = { 0 };
    uint32_t v;
    bus_init(&bus, NULL);
    ck_assert(bus_add_mmio(&bus, "dev", 0x1f000000, 0x100000, &probe_ops, &p));
    ck_assert(bus_read(&bus, 0x1f000208, 4, &v));
    ck_assert_uint_eq(v, 0xc0de0208);
    ck_assert_uint_eq(p.last_off, 0x208);    /* relative to the base */
    ck_assert_uint_eq(p.last_size, 4);
    ck_assert(bus_write(&bus, 0x1f000501, 1, 0x42));
    ck_assert_uint_eq(p.last_off, 0x501);
    ck_assert_uint_eq(p.last_val, 0x42);
    ck_assert_uint_eq(p.last_size, 1);
    ck_assert(bus_write(&bus, 0x1f0ffffe, 2, 0xbeef));
    ck_assert_uint_eq(p.last_off, 0xffffe);
    ck_assert_uint_eq(p.last_size, 2);
    ck_assert_uint_eq(p.reads, 1);
    ck_assert_uint_eq(p.writes, 2);
    bus_destroy(&bus);
}
END_TEST

START_TEST(test_bus_errors)
{
    static uint8_t ram[0x100];
    struct bus bus;
    struct log log;
    struct probe p = { 0 };
    char *buf = NULL;
    size_t len = 0;
    uint32_t v = 0x12345678;
    log_init(&log);
    log.out = open_memstream(&buf, &len);
    bus_init(&bus, &log);
    ck_assert(bus_add_memory(&bus, "ram", 0, sizeof ram, ram, false));
    ck_assert(bus_add_mmio(&bus, "dev", 0x1000, 0x10, &probe_ops, &p));

    /* silent while guest_errors is off */
    ck_assert(!bus_read(&bus, 0x100, 4, &v));
    fflush(log.out);
    ck_assert_uint_eq(len, 0);

    log.mask = LOG_GUEST_ERROR;
    ck_assert(!bus_read(&bus, 0x800, 4, &v));
    ck_assert(!bus_write(&bus, 0x1010, 1, 0xff));
    ck_assert(!bus_read(&bus, 0xfffffffc, 4, &v));
    ck_assert_uint_eq(p.reads + p.writes, 0);
    fflush(log.out);
    ck_assert_ptr_nonnull(strstr(buf, "bus error: read of 4 bytes at "
                                      "physical 0x00000800"));
    ck_assert_ptr_nonnull(strstr(buf, "bus error: write of 1 bytes at "
                                      "physical 0x00001010"));
    fclose(log.out);
    free(buf);
    bus_destroy(&bus);

    /* an empty bus is all bus errors, and needs no log */
    struct bus empty;
    bus_init(&empty, NULL);
    ck_assert(!bus_read(&empty, 0, 1, &v));
    ck_assert(!bus_write(&empty, 0, 1, 0));
    ck_assert_ptr_null(bus_find(&empty, 0));
    bus_destroy(&empty);
}
END_TEST

START_TEST(test_two_buses_independent)
{
    static uint8_t a_ram[0x100], b_ram[0x100];
    struct bus a, b;
    uint32_t v;
    bus_init(&a, NULL);
    bus_init(&b, NULL);
    ck_assert(bus_add_memory(&a, "ram", 0, sizeof a_ram, a_ram, false));
    ck_assert(bus_add_memory(&b, "ram", 0, sizeof b_ram, b_ram, false));
    ck_assert(bus_write(&a, 0x10, 4, 0xaaaaaaaa));
    ck_assert(bus_write(&b, 0x10, 4, 0xbbbbbbbb));
    ck_assert(bus_read(&a, 0x10, 4, &v));
    ck_assert_uint_eq(v, 0xaaaaaaaa);
    ck_assert(bus_read(&b, 0x10, 4, &v));
    ck_assert_uint_eq(v, 0xbbbbbbbb);
    bus_destroy(&a);
    bus_destroy(&b);
}
END_TEST

/* ---- the log ------------------------------------------------------------- */

START_TEST(test_log_parse)
{
    unsigned mask = 0xdead;
    const char *bad = "stale";
    ck_assert(log_parse_mask("exec,int,unimp", &mask, &bad));
    ck_assert_uint_eq(mask, LOG_EXEC | LOG_INT | LOG_UNIMP);
    ck_assert_ptr_null(bad);
    ck_assert(log_parse_mask("guest_errors,mmu,dev", &mask, &bad));
    ck_assert_uint_eq(mask, LOG_GUEST_ERROR | LOG_MMU | LOG_DEV);
    ck_assert(log_parse_mask("", &mask, &bad));
    ck_assert_uint_eq(mask, 0);
    ck_assert(log_parse_mask("int,,int,", &mask, &bad));
    ck_assert_uint_eq(mask, LOG_INT);

    mask = 0x77;
    ck_assert(!log_parse_mask("int,bogus,mmu", &mask, &bad));
    ck_assert_ptr_nonnull(bad);
    ck_assert(strncmp(bad, "bogus", strcspn(bad, ",")) == 0);
    ck_assert_uint_eq(strcspn(bad, ","), 5);
    ck_assert_uint_eq(mask, 0x77);              /* untouched on failure */
    ck_assert(!log_parse_mask("exe", &mask, &bad));
    ck_assert_str_eq(bad, "exe");
    ck_assert(!log_parse_mask("EXEC", &mask, &bad));
    ck_assert(!log_parse_mask("help", &mask, &bad));
    ck_assert_str_eq(bad, "help");
}
END_TEST

START_TEST(test_log_list_and_filter)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&buf, &len);
    log_list_categories(out);
    fflush(out);
    static const char *names[] = { "exec", "int", "unimp", "guest_errors",
                                   "mmu", "dev" };
    for (unsigned i = 0; i < 6; i++)
        ck_assert_ptr_nonnull(strstr(buf, names[i]));
    fclose(out);
    free(buf);

    struct log log;
    log_init(&log);
    ck_assert_ptr_eq(log.out, stderr);
    ck_assert_uint_eq(log.mask, 0);
    buf = NULL;
    log.out = open_memstream(&buf, &len);
    log.mask = LOG_DEV | LOG_INT;
    log_printf(&log, LOG_MMU, "no %d\n", 1);
    log_printf(&log, LOG_DEV, "yes %d\n", 2);
    log_printf(&log, LOG_INT, "yes %s\n", "3");
    log_printf(NULL, LOG_DEV, "nowhere\n");
    ck_assert(log_enabled(&log, LOG_DEV));
    ck_assert(!log_enabled(&log, LOG_EXEC));
    ck_assert(!log_enabled(NULL, LOG_DEV));
    fflush(log.out);
    ck_assert_str_eq(buf, "yes 2\nyes 3\n");
    fclose(log.out);
    free(buf);
}
END_TEST

static Suite *bus_suite(void)
{
    Suite *s = suite_create("bus");
    TCase *tc = tcase_create("regions");
    tcase_add_test(tc, test_overlap_refused);
    tcase_add_test(tc, test_bad_regions_refused);
    tcase_add_test(tc, test_table_full);
    tcase_add_test(tc, test_lookups);
    suite_add_tcase(s, tc);

    tc = tcase_create("accesses");
    tcase_add_test(tc, test_ram_access);
    tcase_add_test(tc, test_rom_access);
    tcase_add_test(tc, test_mmio_access);
    tcase_add_test(tc, test_bus_errors);
    tcase_add_test(tc, test_two_buses_independent);
    suite_add_tcase(s, tc);

    tc = tcase_create("log");
    tcase_add_test(tc, test_log_parse);
    tcase_add_test(tc, test_log_list_and_filter);
    suite_add_tcase(s, tc);
    return s;
}

UNIT_SUITE(bus_suite)
