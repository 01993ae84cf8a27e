/*
 * test_fpga.c - the Malta FPGA register block (src/dev/malta_fpga.c):
 * SOFTRES asks for a reset only with 0x42, the ASCII display and LED bar
 * show and log what was written, the other registers read what QEMU's
 * Malta reads, and unknown offsets are harmless.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "unit.h"

#include "dev/malta_fpga.h"
#include "log.h"

struct requests {
    unsigned resets;
    unsigned others;
};

static void record_request(void *opaque, enum board_request req)
{
    struct requests *r = opaque;
    if (req == BOARD_REQ_RESET)
        r->resets++;
    else
        r->others++;
}

struct frig {
    struct requests req;
    struct log log;
    struct malta_fpga *f;
    char *logbuf;
    size_t loglen;
};

static void frig_init(struct frig *r)
{
    memset(r, 0, sizeof *r);
    log_init(&r->log);
    r->log.out = open_memstream(&r->logbuf, &r->loglen);
    ck_assert_ptr_nonnull(r->log.out);
    struct board_hooks hooks = { .request = record_request, .opaque = &r->req };
    r->f = malta_fpga_create(&r->log, hooks);
    ck_assert_ptr_nonnull(r->f);
}

static const char *frig_log(struct frig *r)
{
    fflush(r->log.out);
    return r->logbuf ? r->logbuf : "";
}

static void frig_done(struct frig *r)
{
    malta_fpga_destroy(r->f);
    fclose(r->log.out);
    free(r->logbuf);
}

static uint32_t rd(struct frig *r, uint32_t off)
{
    return malta_fpga_mmio_ops.read(r->f, off, 4);
}

static void wr(struct frig *r, uint32_t off, uint32_t v)
{
    malta_fpga_mmio_ops.write(r->f, off, v, 4);
}

static void put_text(struct frig *r, const char *s)
{
    size_t n = strlen(s);
    for (size_t i = 0; i < 8; i++)
        wr(r, MALTA_ASCIIPOS0 + 8 * (uint32_t)i, i < n ? (uint8_t)s[i] : ' ');
}

START_TEST(test_softres)
{
    struct frig r;
    frig_init(&r);
    wr(&r, MALTA_SOFTRES, 0x41);
    wr(&r, MALTA_SOFTRES, 0);
    wr(&r, MALTA_SOFTRES, 0x4200);
    wr(&r, MALTA_SOFTRES, 0x142);
    wr(&r, MALTA_SOFTRES + 4, 0x42);  /* not the register */
    wr(&r, MALTA_BRKRES, 0x42);
    ck_assert_uint_eq(r.req.resets, 0);
    wr(&r, MALTA_SOFTRES, MALTA_SOFTRES_RESET);
    ck_assert_uint_eq(r.req.resets, 1);
    malta_fpga_mmio_ops.write(r.f, MALTA_SOFTRES, 0x42, 1); /* sb works too */
    ck_assert_uint_eq(r.req.resets, 2);
    ck_assert_uint_eq(r.req.others, 0);
    frig_done(&r);
}
END_TEST

START_TEST(test_softres_without_hook)
{
    struct board_hooks none = { 0 };
    struct malta_fpga *f = malta_fpga_create(NULL, none);
    ck_assert_ptr_nonnull(f);
    malta_fpga_mmio_ops.write(f, MALTA_SOFTRES, 0x42, 4);
    malta_fpga_destroy(f);
}
END_TEST

START_TEST(test_display_text)
{
    struct frig r;
    frig_init(&r);
    ck_assert_str_eq(malta_fpga_display(r.f), "        ");
    put_text(&r, "DISCO");
    ck_assert_str_eq(malta_fpga_display(r.f), "DISCO   ");
    wr(&r, MALTA_ASCIIPOS7, '!');
    ck_assert_str_eq(malta_fpga_display(r.f), "DISCO  !");
    /* Linux's mips_display_message writes each position with sw. */
    wr(&r, MALTA_ASCIIPOS0 + 8, 0x00000049);
    ck_assert_str_eq(malta_fpga_display(r.f), "DISCO  !");
    wr(&r, MALTA_ASCIIPOS0 + 8, 0x00000041);
    ck_assert_str_eq(malta_fpga_display(r.f), "DASCO  !");
    wr(&r, MALTA_ASCIIWORD, 0xdeadbeef);
    ck_assert_str_eq(malta_fpga_display(r.f), "DEADBEEF");
    wr(&r, MALTA_ASCIIWORD, 0x42);
    ck_assert_str_eq(malta_fpga_display(r.f), "00000042");
    /* Control characters and NUL show as '.', and never cut it short. */
    wr(&r, MALTA_ASCIIPOS0, 0);
    wr(&r, MALTA_ASCIIPOS0 + 16, '\n');
    ck_assert_str_eq(malta_fpga_display(r.f), ".0.00042");
    ck_assert_uint_eq(strlen(malta_fpga_display(r.f)), 8);
    /* Reset blanks it. */
    malta_fpga_reset(r.f);
    ck_assert_str_eq(malta_fpga_display(r.f), "        ");
    frig_done(&r);
}
END_TEST

START_TEST(test_leds_and_log)
{
    struct frig r;
    frig_init(&r);
    /* Nothing is logged while "dev" is off. */
    wr(&r, MALTA_LEDBAR, 0xff);
    ck_assert_str_eq(frig_log(&r), "");
    wr(&r, MALTA_LEDBAR, 0);

    r.log.mask = LOG_DEV;
    put_text(&r, "DISCO");
    wr(&r, MALTA_LEDBAR, 0xc8);
    ck_assert_uint_eq(rd(&r, MALTA_LEDBAR), 0xc8);
    ck_assert_uint_eq(malta_fpga_leds(r.f), 0xc8);
    ck_assert_ptr_nonnull(strstr(frig_log(&r),
                                 "malta: LED ##..#... ASCII \"DISCO   \"\n"));
    /* Only changes are logged. */
    size_t before = strlen(frig_log(&r));
    wr(&r, MALTA_LEDBAR, 0xc8);
    put_text(&r, "DISCO");
    ck_assert_uint_eq(strlen(frig_log(&r)), before);
    /* The LED bar is 8 bits wide. */
    wr(&r, MALTA_LEDBAR, 0x1ff);
    ck_assert_uint_eq(rd(&r, MALTA_LEDBAR), 0xff);
    ck_assert_ptr_nonnull(strstr(frig_log(&r),
                                 "malta: LED ######## ASCII \"DISCO   \"\n"));
    wr(&r, MALTA_SOFTRES, 0x42);
    ck_assert_ptr_nonnull(strstr(frig_log(&r), "soft reset"));
    frig_done(&r);
}
END_TEST

START_TEST(test_other_registers)
{
    struct frig r;
    frig_init(&r);
    ck_assert_uint_eq(rd(&r, MALTA_SWITCH), 0);
    ck_assert_uint_eq(rd(&r, MALTA_STATUS), 0x10);   /* little-endian */
    ck_assert_uint_eq(rd(&r, MALTA_JMPRS), 0);
    wr(&r, MALTA_SWITCH, 0xff);                      /* read-only */
    ck_assert_uint_eq(rd(&r, MALTA_SWITCH), 0);
    ck_assert_uint_eq(rd(&r, MALTA_BRKRES), 0x0a);
    wr(&r, MALTA_BRKRES, 0x1234);
    ck_assert_uint_eq(rd(&r, MALTA_BRKRES), 0x34);
    ck_assert_uint_eq(rd(&r, MALTA_GPOUT), 0);
    wr(&r, MALTA_GPOUT, 0x5a5);
    ck_assert_uint_eq(rd(&r, MALTA_GPOUT), 0xa5);
    ck_assert_uint_eq(rd(&r, MALTA_I2CINP), 0x03);   /* lines idle high */
    ck_assert_uint_eq(rd(&r, MALTA_I2CSEL), 1);
    ck_assert_uint_eq(rd(&r, MALTA_I2COUT), 0x03);
    ck_assert_uint_eq(rd(&r, MALTA_GPINP), 0x03);    /* follows I2COUT */
    wr(&r, MALTA_I2COUT, 0x02);
    ck_assert_uint_eq(rd(&r, MALTA_GPINP), 0x02);
    wr(&r, MALTA_I2CSEL, 0);
    ck_assert_uint_eq(rd(&r, MALTA_GPINP), 0);
    wr(&r, MALTA_I2COE, 0xff);
    ck_assert_uint_eq(rd(&r, MALTA_I2COE), 0x03);
    /* Narrow reads at a register's address see it. */
    ck_assert_uint_eq(malta_fpga_mmio_ops.read(r.f, MALTA_STATUS, 1), 0x10);
    malta_fpga_reset(r.f);
    ck_assert_uint_eq(rd(&r, MALTA_BRKRES), 0x0a);
    ck_assert_uint_eq(rd(&r, MALTA_GPOUT), 0);
    ck_assert_uint_eq(rd(&r, MALTA_I2CSEL), 1);
    frig_done(&r);
}
END_TEST

START_TEST(test_unknown_offsets)
{
    struct frig r;
    frig_init(&r);
    r.log.mask = LOG_UNIMP;
    ck_assert_uint_eq(rd(&r, 0), 0);
    ck_assert_uint_eq(rd(&r, MALTA_FPGA_UART_OFFSET), 0);
    ck_assert_uint_eq(rd(&r, MALTA_FPGA_SIZE - 4), 0);
    ck_assert_uint_eq(malta_fpga_mmio_ops.read(r.f, MALTA_STATUS + 1, 1), 0);
    wr(&r, 0x404, 0xffffffff);
    wr(&r, MALTA_ASCIIPOS0 + 4, 'X');   /* between two positions */
    ck_assert_str_eq(malta_fpga_display(r.f), "        ");
    ck_assert_ptr_nonnull(strstr(frig_log(&r), "unimplemented"));
    ck_assert_uint_eq(r.req.resets, 0);
    frig_done(&r);
}
END_TEST

START_TEST(test_hi_window)
{
    struct frig r;
    frig_init(&r);
    malta_fpga_hi_mmio_ops.write(r.f, MALTA_GPOUT - MALTA_FPGA_HI_OFFSET,
                                 0x77, 4);
    ck_assert_uint_eq(rd(&r, MALTA_GPOUT), 0x77);
    ck_assert_uint_eq(malta_fpga_hi_mmio_ops.read(r.f,
                          MALTA_I2CSEL - MALTA_FPGA_HI_OFFSET, 4), 1);
    frig_done(&r);
}
END_TEST

START_TEST(test_two_boards)
{
    struct frig a, b;
    frig_init(&a);
    frig_init(&b);
    put_text(&a, "VM0");
    put_text(&b, "VM1");
    wr(&b, MALTA_SOFTRES, 0x42);
    ck_assert_str_eq(malta_fpga_display(a.f), "VM0     ");
    ck_assert_str_eq(malta_fpga_display(b.f), "VM1     ");
    ck_assert_uint_eq(a.req.resets, 0);
    ck_assert_uint_eq(b.req.resets, 1);
    frig_done(&a);
    frig_done(&b);
}
END_TEST

static Suite *fpga_suite(void)
{
    Suite *s = suite_create("malta_fpga");
    TCase *tc = tcase_create("registers");
    tcase_add_test(tc, test_softres);
    tcase_add_test(tc, test_softres_without_hook);
    tcase_add_test(tc, test_display_text);
    tcase_add_test(tc, test_leds_and_log);
    tcase_add_test(tc, test_other_registers);
    tcase_add_test(tc, test_unknown_offsets);
    tcase_add_test(tc, test_hi_window);
    tcase_add_test(tc, test_two_boards);
    suite_add_tcase(s, tc);
    return s;
}

UNIT_SUITE(fpga_suite)
