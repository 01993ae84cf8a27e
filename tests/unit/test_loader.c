/*
 * test_loader.c - the ELF loader (src/loader.c): a small well-formed
 * MIPS32 executable built byte by byte in the test, loaded into a bus
 * with RAM, ROM and a device; then every way a file can be wrong, each
 * refused with the right exit status and a one-line message that says
 * why, without touching guest memory; then truncations and random
 * corruption, which must never read out of bounds (run under ASan).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "unit.h"

#include "exitcode.h"
#include "loader.h"
#include "mmu/bus.h"

#define RAM_SIZE  (4u * 1024 * 1024)
#define ROM_BASE  0x1fc00000u
#define ROM_SIZE  0x10000u
#define DEV_BASE  0x1f000000u

/* ---- building images ------------------------------------------------------ */

struct img {
    uint8_t b[0x240];
    size_t len;
};

static void put16(uint8_t *p, uint32_t v)
{
    p[0] = (uint8_t)v;
    p[1] = (uint8_t)(v >> 8);
}

static void put32(uint8_t *p, uint32_t v)
{
    for (int i = 0; i < 4; i++)
        p[i] = (uint8_t)(v >> (8 * i));
}

static uint8_t *phdr(struct img *m, unsigned i)
{
    return m->b + 52 + 32 * i;
}

static void set_phdr(struct img *m, unsigned i, uint32_t type, uint32_t off,
                     uint32_t addr, uint32_t filesz, uint32_t memsz)
{
    uint8_t *p = phdr(m, i);
    put32(p + 0, type);
    put32(p + 4, off);
    put32(p + 8, addr);   /* p_vaddr */
    put32(p + 12, addr);  /* p_paddr */
    put32(p + 16, filesz);
    put32(p + 20, memsz);
    put32(p + 24, 5);     /* R+X */
    put32(p + 28, 0x10);
}

/*
 * The good image: text (16 bytes of 0x11.. at file 0x100) for kseg0
 * 0x80100000, a note, and data (8 bytes of 0x22.. at file 0x200) with 56
 * bytes of bss for kseg1 0xa0101000.  The file is 0x240 bytes.
 */
static void build_good(struct img *m)
{
    memset(m, 0, sizeof *m);
    m->len = sizeof m->b;
    uint8_t *e = m->b;
    memcpy(e, "\177ELF", 4);
    e[4] = 1;                   /* ELFCLASS32 */
    e[5] = 1;                   /* ELFDATA2LSB */
    e[6] = 1;                   /* EV_CURRENT */
    put16(e + 16, 2);           /* ET_EXEC */
    put16(e + 18, 8);           /* EM_MIPS */
    put32(e + 20, 1);
    put32(e + 24, 0x80100008);  /* entry */
    put32(e + 28, 52);          /* phoff */
    put32(e + 32, 0);           /* shoff */
    put32(e + 36, 0x70001005);  /* MIPS32r2, o32, cpic, noreorder */
    put16(e + 40, 52);
    put16(e + 42, 32);
    put16(e + 44, 3);
    set_phdr(m, 0, 1, 0x100, 0x80100000, 0x10, 0x10);
    set_phdr(m, 1, 4, 0x1f0, 0, 0x10, 0x10);
    set_phdr(m, 2, 1, 0x200, 0xa0101000, 8, 0x40);
    for (int i = 0; i < 0x10; i++)
        m->b[0x100 + i] = (uint8_t)(0x11 + i);
    for (int i = 0; i < 8; i++)
        m->b[0x200 + i] = (uint8_t)(0x22 + i);
}

/* ---- the machine it loads into --------------------------------------------- */

static uint32_t dev_read(void *opaque, uint32_t offset, unsigned size)
{
    (void)opaque;
    (void)offset;
    (void)size;
    return 0;
}

static void dev_write(void *opaque, uint32_t offset, uint32_t value,
                      unsigned size)
{
    (void)opaque;
    (void)offset;
    (void)value;
    (void)size;
}

static const struct mmio_ops dev_ops = { dev_read, dev_write };

struct lrig {
    struct bus bus;
    uint8_t *ram;
    uint8_t *rom;
};

static void lrig_init(struct lrig *r)
{
    r->ram = malloc(RAM_SIZE);
    r->rom = malloc(ROM_SIZE);
    ck_assert_ptr_nonnull(r->ram);
    ck_assert_ptr_nonnull(r->rom);
    memset(r->ram, 0xaa, RAM_SIZE);
    memset(r->rom, 0xff, ROM_SIZE);
    bus_init(&r->bus, NULL);
    ck_assert(bus_add_memory(&r->bus, "ram", 0, RAM_SIZE, r->ram, false));
    ck_assert(bus_add_memory(&r->bus, "rom", ROM_BASE, ROM_SIZE, r->rom, true));
    ck_assert(bus_add_mmio(&r->bus, "dev", DEV_BASE, 0x1000, &dev_ops, NULL));
}

static void lrig_done(struct lrig *r)
{
    bus_destroy(&r->bus);
    free(r->ram);
    free(r->rom);
}

/* RAM exactly as lrig_init left it. */
static bool ram_untouched(const struct lrig *r)
{
    for (uint32_t i = 0; i < RAM_SIZE; i += 0x40)
        if (r->ram[i] != 0xaa)
            return false;
    for (uint32_t i = 0x100000; i < 0x102000; i++)
        if (r->ram[i] != 0xaa)
            return false;
    return true;
}

/* ---- a good file ---------------------------------------------------------- */

static void check_good_load(const struct lrig *r, const struct elf_info *info)
{
    ck_assert_uint_eq(info->entry, 0x80100008);
    ck_assert_uint_eq(info->low_pa, 0x00100000);
    ck_assert_uint_eq(info->high_pa, 0x00101040);
    ck_assert_uint_eq(info->nsegments, 2);
    for (int i = 0; i < 0x10; i++)
        ck_assert_uint_eq(r->ram[0x100000 + i], 0x11 + i);
    ck_assert_uint_eq(r->ram[0x100010], 0xaa); /* nothing past memsz */
    ck_assert_uint_eq(r->ram[0x0fffff], 0xaa);
    for (int i = 0; i < 8; i++)
        ck_assert_uint_eq(r->ram[0x101000 + i], 0x22 + i);
    for (int i = 8; i < 0x40; i++)
        ck_assert_uint_eq(r->ram[0x101000 + i], 0); /* bss zeroed */
    ck_assert_uint_eq(r->ram[0x101040], 0xaa);
}

START_TEST(test_good_buffer)
{
    struct lrig r;
    struct img m;
    struct elf_info info;
    char err[256] = "stale";
    lrig_init(&r);
    build_good(&m);
    int st = loader_load_elf_buffer(m.b, m.len, &r.bus, &info, err, sizeof err);
    ck_assert_int_eq(st, 0);
    ck_assert_str_eq(err, "");
    check_good_load(&r, &info);
    lrig_done(&r);
}
END_TEST

START_TEST(test_accepted_variants)
{
    static const uint32_t flags[] = {
        0x00000000, /* MIPS I */
        0x10000000, /* MIPS II */
        0x50001000, /* MIPS32 */
        0x70000000, /* MIPS32r2 */
        0x74000000, /* MIPS32r2 with MIPS16e */
    };
    for (unsigned k = 0; k < sizeof flags / sizeof flags[0]; k++) {
        struct lrig r;
        struct img m;
        struct elf_info info;
        char err[256];
        lrig_init(&r);
        build_good(&m);
        put32(m.b + 36, flags[k]);
        ck_assert_int_eq(loader_load_elf_buffer(m.b, m.len, &r.bus, &info,
                                                err, sizeof err), 0);
        check_good_load(&r, &info);
        lrig_done(&r);
    }
}
END_TEST

START_TEST(test_physical_and_rom_addresses)
{
    struct lrig r;
    struct img m;
    struct elf_info info;
    char err[256];
    lrig_init(&r);
    build_good(&m);
    /* A kuseg p_paddr is taken as physical; a kseg1 one into the ROM. */
    set_phdr(&m, 0, 1, 0x100, 0x00200000, 0x10, 0x20);
    set_phdr(&m, 2, 1, 0x200, 0xbfc00000, 8, 8);
    ck_assert_int_eq(loader_load_elf_buffer(m.b, m.len, &r.bus, &info, err,
                                            sizeof err), 0);
    ck_assert_uint_eq(r.ram[0x200000], 0x11);
    ck_assert_uint_eq(r.ram[0x20001f], 0);
    ck_assert_uint_eq(r.rom[0], 0x22);
    ck_assert_uint_eq(r.rom[7], 0x29);
    ck_assert_uint_eq(r.rom[8], 0xff);
    ck_assert_uint_eq(info.low_pa, 0x00200000);
    ck_assert_uint_eq(info.high_pa, ROM_BASE + 8);
    lrig_done(&r);
}
END_TEST

START_TEST(test_wide_phentsize_and_empty_segment)
{
    struct lrig r;
    struct elf_info info;
    char err[256];
    uint8_t b[0x300];
    lrig_init(&r);
    /* Program headers 40 bytes apart; the middle one loads nothing. */
    struct img m;
    build_good(&m);
    memset(b, 0, sizeof b);
    memcpy(b, m.b, 52);
    put16(b + 42, 40);
    uint8_t *p = b + 52;
    memcpy(p, phdr(&m, 0), 32);
    set_phdr(&m, 1, 1, 0, 0x80300000, 0, 0);
    memcpy(p + 40, phdr(&m, 1), 32);
    memcpy(p + 80, phdr(&m, 2), 32);
    memcpy(b + 0x100, m.b + 0x100, 0x140);
    ck_assert_int_eq(loader_load_elf_buffer(b, sizeof b, &r.bus, &info, err,
                                            sizeof err), 0);
    check_good_load(&r, &info);
    lrig_done(&r);
}
END_TEST

START_TEST(test_good_file)
{
    struct lrig r;
    struct img m;
    struct elf_info info;
    char err[256];
    char path[] = "/tmp/disco-elf-XXXXXX";
    lrig_init(&r);
    build_good(&m);
    int fd = mkstemp(path);
    ck_assert_int_ge(fd, 0);
    ck_assert_int_eq(write(fd, m.b, m.len), (ssize_t)m.len);
    close(fd);
    ck_assert_int_eq(loader_load_elf(path, &r.bus, &info, err, sizeof err), 0);
    check_good_load(&r, &info);

    /* The same file cut short: the message names the file. */
    ck_assert_int_eq(truncate(path, 0x204), 0);
    memset(r.ram, 0xaa, RAM_SIZE);
    ck_assert_int_eq(loader_load_elf(path, &r.bus, &info, err, sizeof err),
                     DISCO_EXIT_BAD_IMAGE);
    ck_assert_ptr_nonnull(strstr(err, path));
    ck_assert_ptr_nonnull(strstr(err, "segment 2"));
    ck_assert_ptr_nonnull(strstr(err, "end of the file"));
    ck_assert(ram_untouched(&r));

    ck_assert_int_eq(truncate(path, 0), 0);
    ck_assert_int_eq(loader_load_elf(path, &r.bus, &info, err, sizeof err),
                     DISCO_EXIT_BAD_IMAGE);
    ck_assert_ptr_nonnull(strstr(err, "empty"));
    unlink(path);
    lrig_done(&r);
}
END_TEST

START_TEST(test_unreadable_files)
{
    struct lrig r;
    struct elf_info info;
    char err[256];
    lrig_init(&r);
    ck_assert_int_eq(loader_load_elf("/nonexistent/disco/kernel.elf", &r.bus,
                                     &info, err, sizeof err),
                     DISCO_EXIT_NO_INPUT);
    ck_assert_ptr_nonnull(strstr(err, "/nonexistent/disco/kernel.elf"));
    ck_assert_ptr_nonnull(strstr(err, "cannot open"));
    ck_assert_ptr_nonnull(strstr(err, "No such file"));
    ck_assert_int_eq(loader_load_elf("/tmp", &r.bus, &info, err, sizeof err),
                     DISCO_EXIT_NO_INPUT);
    ck_assert_ptr_nonnull(strstr(err, "directory"));
    ck_assert(ram_untouched(&r));
    lrig_done(&r);
}
END_TEST

START_TEST(test_error_buffer_edge_cases)
{
    struct lrig r;
    struct img m;
    lrig_init(&r);
    build_good(&m);
    m.b[0] = 0;
    /* No buffer, no info: still just a status. */
    ck_assert_int_eq(loader_load_elf_buffer(m.b, m.len, &r.bus, NULL, NULL, 0),
                     DISCO_EXIT_BAD_IMAGE);
    char tiny[8];
    memset(tiny, 'x', sizeof tiny);
    ck_assert_int_eq(loader_load_elf_buffer(m.b, m.len, &r.bus, NULL, tiny,
                                            sizeof tiny), DISCO_EXIT_BAD_IMAGE);
    ck_assert_uint_eq(strlen(tiny), sizeof tiny - 1);
    build_good(&m);
    ck_assert_int_eq(loader_load_elf_buffer(m.b, m.len, &r.bus, NULL, NULL, 0),
                     0);
    ck_assert_int_eq(loader_load_elf_buffer(NULL, 0, &r.bus, NULL, tiny,
                                            sizeof tiny), DISCO_EXIT_BAD_IMAGE);
    lrig_done(&r);
}
END_TEST

/* ---- every refusal ---------------------------------------------------------- */

struct bad_case {
    const char *what;
    void (*mutate)(struct img *m);
    const char *expect[3]; /* substrings of the message */
};

static void m_empty(struct img *m) { m->len = 0; }
static void m_three_bytes(struct img *m) { m->len = 3; }
static void m_ten_bytes(struct img *m) { m->len = 10; }
static void m_forty_bytes(struct img *m) { m->len = 40; }
static void m_bad_magic(struct img *m) { m->b[1] = 'X'; }
static void m_text_file(struct img *m)
{
    memcpy(m->b, "#!/bin/sh\necho hi\n", 18);
    m->len = 18;
}
static void m_elf64(struct img *m) { m->b[4] = 2; }
static void m_class0(struct img *m) { m->b[4] = 0; }
static void m_big_endian(struct img *m) { m->b[5] = 2; }
static void m_data0(struct img *m) { m->b[5] = 0; }
static void m_version(struct img *m) { put32(m->b + 20, 0); }
static void m_x86_64(struct img *m) { put16(m->b + 18, 62); }
static void m_arm(struct img *m) { put16(m->b + 18, 40); }
static void m_nanomips(struct img *m) { put16(m->b + 18, 249); }
static void m_et_dyn(struct img *m) { put16(m->b + 16, 3); }
static void m_et_rel(struct img *m) { put16(m->b + 16, 1); }
static void m_et_core(struct img *m) { put16(m->b + 16, 4); }
static void m_et_none(struct img *m) { put16(m->b + 16, 0); }
static void m_mips64(struct img *m) { put32(m->b + 36, 0x60000000); }
static void m_mips64r2(struct img *m) { put32(m->b + 36, 0x80000007); }
static void m_mips64r6(struct img *m) { put32(m->b + 36, 0xa0000000); }
static void m_mips3(struct img *m) { put32(m->b + 36, 0x20000000); }
static void m_mips4(struct img *m) { put32(m->b + 36, 0x30000000); }
static void m_mips32r6(struct img *m) { put32(m->b + 36, 0x90001000); }
static void m_micromips(struct img *m) { put32(m->b + 36, 0x72001000); }
static void m_arch_unknown(struct img *m) { put32(m->b + 36, 0xf0000000); }
static void m_phnum0(struct img *m) { put16(m->b + 44, 0); }
static void m_phentsize(struct img *m) { put16(m->b + 42, 16); }
static void m_phoff_eof(struct img *m) { put32(m->b + 28, (uint32_t)m->len - 40); }
static void m_phoff_wrap(struct img *m) { put32(m->b + 28, 0xfffffff0); }
static void m_phnum_huge(struct img *m) { put16(m->b + 44, 0xffff); }
static void m_no_load(struct img *m)
{
    put32(phdr(m, 0), 4);
    put32(phdr(m, 2), 6);
}
static void m_only_empty_loads(struct img *m)
{
    put32(phdr(m, 0) + 20, 0);
    put32(phdr(m, 0) + 16, 0);
    put32(phdr(m, 2) + 20, 0);
    put32(phdr(m, 2) + 16, 0);
}
static void m_seg_past_eof(struct img *m) { put32(phdr(m, 2) + 4, 0x23c); }
static void m_seg_offset_wrap(struct img *m) { put32(phdr(m, 2) + 4, 0xfffffffc); }
static void m_seg_filesz_huge(struct img *m)
{
    put32(phdr(m, 2) + 16, 0xffffffff);
    put32(phdr(m, 2) + 20, 0xffffffff);
}
static void m_filesz_gt_memsz(struct img *m) { put32(phdr(m, 2) + 20, 4); }
static void m_past_ram(struct img *m) { put32(phdr(m, 2) + 12, 0x80400000); }
static void m_straddle_ram(struct img *m) { put32(phdr(m, 2) + 12, 0x803ffff0); }
static void m_into_device(struct img *m) { put32(phdr(m, 2) + 12, 0xbf000000); }
static void m_into_hole(struct img *m) { put32(phdr(m, 2) + 12, 0x10000000); }
static void m_wrap_4g(struct img *m) { put32(phdr(m, 2) + 12, 0xfffffff0); }
static void m_kseg2(struct img *m) { put32(phdr(m, 2) + 12, 0xc0000000); }
static void m_memsz_huge(struct img *m) { put32(phdr(m, 2) + 20, 0xffffffff); }
static void m_past_rom(struct img *m)
{
    put32(phdr(m, 2) + 12, 0xbfc0fffc);
}

static const struct bad_case bad_cases[] = {
    { "empty", m_empty, { "empty" } },
    { "3 bytes", m_three_bytes, { "not an ELF" } },
    { "10 bytes", m_ten_bytes, { "truncated ELF header" } },
    { "40 bytes", m_forty_bytes, { "truncated ELF header", "40" } },
    { "bad magic", m_bad_magic, { "not an ELF", "magic" } },
    { "script", m_text_file, { "not an ELF" } },
    { "ELF64", m_elf64, { "64-bit ELF" } },
    { "class 0", m_class0, { "ELF class" } },
    { "big-endian", m_big_endian, { "big-endian" } },
    { "data 0", m_data0, { "data encoding" } },
    { "version", m_version, { "version" } },
    { "x86-64", m_x86_64, { "not a MIPS", "62", "x86-64" } },
    { "ARM", m_arm, { "not a MIPS", "ARM" } },
    { "nanoMIPS", m_nanomips, { "nanoMIPS" } },
    { "ET_DYN", m_et_dyn, { "ET_DYN", "static" } },
    { "ET_REL", m_et_rel, { "ET_REL" } },
    { "ET_CORE", m_et_core, { "core" } },
    { "ET_NONE", m_et_none, { "not an executable" } },
    { "MIPS64", m_mips64, { "64-bit MIPS", "0x60000000" } },
    { "MIPS64r2", m_mips64r2, { "64-bit MIPS" } },
    { "MIPS64r6", m_mips64r6, { "64-bit MIPS" } },
    { "MIPS III", m_mips3, { "64-bit MIPS" } },
    { "MIPS IV", m_mips4, { "64-bit MIPS" } },
    { "MIPS32r6", m_mips32r6, { "MIPS32r6" } },
    { "microMIPS", m_micromips, { "microMIPS" } },
    { "unknown arch", m_arch_unknown, { "unknown MIPS architecture" } },
    { "phnum 0", m_phnum0, { "no program headers" } },
    { "phentsize", m_phentsize, { "program header size" } },
    { "phdrs past EOF", m_phoff_eof, { "program headers", "end of the file" } },
    { "phoff wraps", m_phoff_wrap, { "program headers", "end of the file" } },
    { "phnum huge", m_phnum_huge, { "program headers", "end of the file" } },
    { "no PT_LOAD", m_no_load, { "no loadable" } },
    { "empty loads", m_only_empty_loads, { "no loadable" } },
    { "segment past EOF", m_seg_past_eof, { "segment 2", "end of the file" } },
    { "segment offset wraps", m_seg_offset_wrap,
      { "segment 2", "end of the file" } },
    { "segment filesz huge", m_seg_filesz_huge,
      { "segment 2", "end of the file" } },
    { "filesz > memsz", m_filesz_gt_memsz, { "segment 2", "memory size" } },
    { "past RAM", m_past_ram,
      { "segment 2", "not inside RAM", "RAM is 4 MiB at 0x00000000" } },
    { "straddles RAM end", m_straddle_ram, { "segment 2", "not inside RAM" } },
    { "into a device", m_into_device, { "segment 2", "not inside RAM" } },
    { "into a hole", m_into_hole, { "0x10000000", "not inside RAM" } },
    { "wraps 4 GB", m_wrap_4g, { "segment 2", "not inside RAM" } },
    { "kseg2", m_kseg2, { "segment 2", "not inside RAM" } },
    { "memsz huge", m_memsz_huge, { "segment 2", "not inside RAM" } },
    { "past ROM end", m_past_rom, { "segment 2", "not inside RAM" } },
};

#define NBAD (int)(sizeof bad_cases / sizeof bad_cases[0])

START_TEST(test_refusals)
{
    const struct bad_case *c = &bad_cases[_i];
    struct lrig r;
    struct img m;
    struct elf_info info = { 0 };
    char err[256] = "";
    lrig_init(&r);
    build_good(&m);
    c->mutate(&m);
    int st = loader_load_elf_buffer(m.b, m.len, &r.bus, &info, err, sizeof err);
    ck_assert_msg(st == DISCO_EXIT_BAD_IMAGE, "%s: status %d (%s)", c->what,
                  st, err);
    for (int k = 0; k < 3 && c->expect[k]; k++)
        ck_assert_msg(strstr(err, c->expect[k]) != NULL,
                      "%s: message \"%s\" lacks \"%s\"", c->what, err,
                      c->expect[k]);
    ck_assert_msg(strchr(err, '\n') == NULL, "%s: not one line", c->what);
    ck_assert_msg(ram_untouched(&r), "%s: RAM changed", c->what);
    ck_assert_msg(r.rom[0] == 0xff, "%s: ROM changed", c->what);
    lrig_done(&r);
}
END_TEST

/* ---- truncation and corruption ---------------------------------------------- */

START_TEST(test_every_truncation)
{
    struct lrig r;
    struct img m;
    char err[256];
    lrig_init(&r);
    build_good(&m);
    for (size_t len = 0; len <= m.len; len++) {
        /* A fresh copy of exactly len bytes, so ASan sees its real end. */
        uint8_t *copy = malloc(len ? len : 1);
        ck_assert_ptr_nonnull(copy);
        memcpy(copy, m.b, len);
        int st = loader_load_elf_buffer(copy, len, &r.bus, NULL, err,
                                        sizeof err);
        free(copy);
        ck_assert_int_eq(st, len >= 0x208 ? 0 : DISCO_EXIT_BAD_IMAGE);
    }
    lrig_done(&r);
}
END_TEST

static uint32_t xorshift(uint32_t *s)
{
    uint32_t x = *s;
    x ^= x << 13;
    x ^= x >> 17;
    x ^= x << 5;
    return *s = x;
}

START_TEST(test_random_corruption)
{
    struct lrig r;
    struct img m;
    char err[256];
    uint32_t seed = 0x2545f491u;
    lrig_init(&r);
    for (int iter = 0; iter < 5000; iter++) {
        build_good(&m);
        int nflips = 1 + (int)(xorshift(&seed) % 8);
        for (int k = 0; k < nflips; k++) {
            /* Mostly the headers, where the offsets and sizes live. */
            uint32_t at = xorshift(&seed) % (k & 1 ? (uint32_t)m.len : 52 + 3 * 32);
            m.b[at] = (uint8_t)xorshift(&seed);
        }
        size_t len = m.len;
        if (xorshift(&seed) % 4 == 0)
            len = xorshift(&seed) % (m.len + 1);
        uint8_t *copy = malloc(len ? len : 1);
        ck_assert_ptr_nonnull(copy);
        memcpy(copy, m.b, len);
        err[0] = '\0';
        int st = loader_load_elf_buffer(copy, len, &r.bus, NULL, err,
                                        sizeof err);
        free(copy);
        ck_assert_msg(st == 0 || st == DISCO_EXIT_BAD_IMAGE,
                      "iteration %d: status %d", iter, st);
        if (st != 0)
            ck_assert_msg(err[0] != '\0' && !strchr(err, '\n'),
                          "iteration %d: bad message \"%s\"", iter, err);
    }
    lrig_done(&r);
}
END_TEST

static Suite *loader_suite(void)
{
    Suite *s = suite_create("loader");
    TCase *tc = tcase_create("load");
    tcase_add_test(tc, test_good_buffer);
    tcase_add_test(tc, test_accepted_variants);
    tcase_add_test(tc, test_physical_and_rom_addresses);
    tcase_add_test(tc, test_wide_phentsize_and_empty_segment);
    tcase_add_test(tc, test_good_file);
    tcase_add_test(tc, test_unreadable_files);
    tcase_add_test(tc, test_error_buffer_edge_cases);
    suite_add_tcase(s, tc);

    tc = tcase_create("refuse");
    tcase_add_loop_test(tc, test_refusals, 0, NBAD);
    suite_add_tcase(s, tc);

    tc = tcase_create("robust");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, test_every_truncation);
    tcase_add_test(tc, test_random_corruption);
    suite_add_tcase(s, tc);
    return s;
}

UNIT_SUITE(loader_suite)
