/*
 * test_rtc.c - the MC146818 RTC and CMOS RAM (src/dev/mc146818.c) on a
 * fake virtual clock: the time registers in BCD and binary, 12 and 24
 * hours, calendar roll-overs; the update-in-progress window and Linux's
 * Malta CPU frequency estimate (arch/mips/mti-malta/malta-time.c
 * estimate_frequencies) seeing UIP rise and fall once per guest second;
 * setting the time with SET as drivers/rtc's mc146818_set_time does; the
 * periodic, update-ended and alarm interrupts through the event/update
 * protocol; divider reset; register C/D; the CMOS RAM and NMI mask bit.
 */
#include <stdlib.h>
#include <string.h>

#include "unit.h"

#include "dev/mc146818.h"
#include "log.h"

#define HZ_CPU 100000000u
#define T_LEAP 1709251198 /* 2024-02-29 23:59:58 UTC, a Thursday */
#define T_Y2K  946684799  /* 1999-12-31 23:59:59 UTC, a Friday */

struct rig {
    struct log log;
    uint64_t now;
    struct vclock clk;
    struct mc146818 *rtc;
    bool irq;
    unsigned rises;
};

static uint64_t rig_now(void *opaque)
{
    return ((struct rig *)opaque)->now;
}

static void record_irq(void *opaque, unsigned line, bool level)
{
    struct rig *r = opaque;
    (void)line;
    if (level && !r->irq)
        r->rises++;
    r->irq = level;
}

static void rig_init_at(struct rig *r, time_t start, uint64_t now)
{
    memset(r, 0, sizeof *r);
    log_init(&r->log);
    r->log.out = fopen("/dev/null", "w");
    r->clk = (struct vclock){ .now = rig_now, .opaque = r, .hz = HZ_CPU };
    r->now = now;
    struct irq_line irq = { .set = record_irq, .opaque = r, .line = 8 };
    r->rtc = mc146818_create(&r->clk, start, irq, &r->log);
    ck_assert_ptr_nonnull(r->rtc);
}

static void rig_done(struct rig *r)
{
    mc146818_destroy(r->rtc);
    fclose(r->log.out);
}

static uint8_t cmos_read(struct rig *r, uint8_t reg)
{
    mc146818_mmio_ops.write(r->rtc, 0, reg, 1);
    return (uint8_t)mc146818_mmio_ops.read(r->rtc, 1, 1);
}

static void cmos_write(struct rig *r, uint8_t reg, uint8_t v)
{
    mc146818_mmio_ops.write(r->rtc, 0, reg, 1);
    mc146818_mmio_ops.write(r->rtc, 1, v, 1);
}

static bool uip(struct rig *r)
{
    return (cmos_read(r, RTC_REG_A) & RTC_A_UIP) != 0;
}

static void run_events(struct rig *r, uint64_t until)
{
    for (;;) {
        uint64_t d = mc146818_cycles_to_event(r->rtc, r->now);
        if (d == UINT64_MAX || r->now + d > until) {
            r->now = until;
            mc146818_update(r->rtc, r->now);
            return;
        }
        r->now += d;
        mc146818_update(r->rtc, r->now);
        if (r->irq)
            return;
    }
}

START_TEST(test_initial_registers)
{
    struct rig r;
    rig_init_at(&r, T_LEAP, 0);
    ck_assert_uint_eq(cmos_read(&r, RTC_SECONDS), 0x58);
    ck_assert_uint_eq(cmos_read(&r, RTC_MINUTES), 0x59);
    ck_assert_uint_eq(cmos_read(&r, RTC_HOURS), 0x23);
    ck_assert_uint_eq(cmos_read(&r, RTC_DAY_OF_WEEK), 5);
    ck_assert_uint_eq(cmos_read(&r, RTC_DAY_OF_MONTH), 0x29);
    ck_assert_uint_eq(cmos_read(&r, RTC_MONTH), 0x02);
    ck_assert_uint_eq(cmos_read(&r, RTC_YEAR), 0x24);
    ck_assert_uint_eq(cmos_read(&r, RTC_CENTURY), 0x20);
    ck_assert_uint_eq(cmos_read(&r, RTC_REG_A), 0x26);
    ck_assert_uint_eq(cmos_read(&r, RTC_REG_B), 0x02);
    ck_assert_uint_eq(cmos_read(&r, RTC_REG_C), 0x00);
    /* rtc-cmos's probe: D bit 6 must be 0; VRT set. */
    ck_assert_uint_eq(cmos_read(&r, RTC_REG_D), 0x80);
    ck_assert(!r.irq);
    ck_assert_uint_eq(mc146818_cycles_to_event(r.rtc, r.now), UINT64_MAX);
    rig_done(&r);
}
END_TEST

START_TEST(test_leap_day_rollover)
{
    struct rig r;
    rig_init_at(&r, T_LEAP, 5555);
    r.now += HZ_CPU - 1;
    ck_assert_uint_eq(cmos_read(&r, RTC_SECONDS), 0x58);
    r.now += 1;
    ck_assert_uint_eq(cmos_read(&r, RTC_SECONDS), 0x59);
    r.now += HZ_CPU;
    ck_assert_uint_eq(cmos_read(&r, RTC_SECONDS), 0x00);
    ck_assert_uint_eq(cmos_read(&r, RTC_MINUTES), 0x00);
    ck_assert_uint_eq(cmos_read(&r, RTC_HOURS), 0x00);
    ck_assert_uint_eq(cmos_read(&r, RTC_DAY_OF_WEEK), 6);
    ck_assert_uint_eq(cmos_read(&r, RTC_DAY_OF_MONTH), 0x01);
    ck_assert_uint_eq(cmos_read(&r, RTC_MONTH), 0x03);
    ck_assert_int_eq((long long)mc146818_time(r.rtc), T_LEAP + 2);
    /* Ten guest days later, in one jump. */
    r.now += 10ull * 86400 * HZ_CPU;
    ck_assert_uint_eq(cmos_read(&r, RTC_DAY_OF_MONTH), 0x11);
    ck_assert_uint_eq(cmos_read(&r, RTC_DAY_OF_WEEK), 2); /* Monday */
    rig_done(&r);
}
END_TEST

START_TEST(test_century_rollover)
{
    struct rig r;
    rig_init_at(&r, T_Y2K, 0);
    ck_assert_uint_eq(cmos_read(&r, RTC_YEAR), 0x99);
    ck_assert_uint_eq(cmos_read(&r, RTC_CENTURY), 0x19);
    r.now = HZ_CPU;
    ck_assert_uint_eq(cmos_read(&r, RTC_YEAR), 0x00);
    ck_assert_uint_eq(cmos_read(&r, RTC_CENTURY), 0x20);
    ck_assert_uint_eq(cmos_read(&r, RTC_MONTH), 0x01);
    ck_assert_uint_eq(cmos_read(&r, RTC_DAY_OF_MONTH), 0x01);
    ck_assert_uint_eq(cmos_read(&r, RTC_DAY_OF_WEEK), 7); /* Saturday */
    rig_done(&r);
}
END_TEST

/* UIP: the 8 divider ticks (244.14 us) before each update, to the cycle. */
START_TEST(test_uip_window_exact)
{
    struct rig r;
    rig_init_at(&r, T_LEAP, 0);
    const uint64_t rise = 99975586; /* ceil(32760 * 1e8 / 32768) */
    r.now = rise - 1;
    ck_assert(!uip(&r));
    r.now = rise;
    ck_assert(uip(&r));
    ck_assert_uint_eq(cmos_read(&r, RTC_SECONDS), 0x58);
    r.now = HZ_CPU - 1;
    ck_assert(uip(&r));
    ck_assert_uint_eq(cmos_read(&r, RTC_SECONDS), 0x58);
    r.now = HZ_CPU;
    ck_assert(!uip(&r));
    ck_assert_uint_eq(cmos_read(&r, RTC_SECONDS), 0x59);
    r.now = HZ_CPU + rise;
    ck_assert(uip(&r));
    rig_done(&r);
}
END_TEST

/* estimate_frequencies(), Linux 6.1, with the CPU advancing 997 cycles
 * per RTC read (an odd step, so the edges are not at round numbers). */
START_TEST(test_linux_frequency_estimate)
{
    struct rig r;
    rig_init_at(&r, T_LEAP, 123456789);
    const uint64_t step = 997;
    uint64_t start, count;
    unsigned uip_reads = 0;

    while (uip(&r))
        r.now += step;
    while (!uip(&r))
        r.now += step;
    start = r.now;
    while (uip(&r)) {
        uip_reads++;
        r.now += step;
    }
    uint8_t secs1 = cmos_read(&r, RTC_SECONDS);
    while (!uip(&r))
        r.now += step;
    count = r.now;
    while (uip(&r))
        r.now += step;
    uint8_t secs2 = cmos_read(&r, RTC_SECONDS);
    uint8_t ctrl = cmos_read(&r, RTC_REG_B);

    ck_assert_uint_eq(ctrl & RTC_B_DM, 0); /* BCD */
    int s1 = (secs1 >> 4) * 10 + (secs1 & 15);
    int s2 = (secs2 >> 4) * 10 + (secs2 & 15);
    int secs = s2 - s1;
    if (secs < 1)
        secs += 60;
    ck_assert_int_eq(secs, 1);
    /* One guest second between the rising edges, within one step. */
    uint64_t measured = (count - start) / (uint64_t)secs;
    ck_assert_uint_ge(measured + step, HZ_CPU);
    ck_assert_uint_le(measured, HZ_CPU + step);
    /* UIP was high for about 244 us. */
    ck_assert_uint_ge((uip_reads + 1) * step, 24414);
    ck_assert_uint_le((uip_reads - 1) * step, 24415);
    rig_done(&r);
}
END_TEST

START_TEST(test_binary_and_12_hour)
{
    struct rig r;
    rig_init_at(&r, T_LEAP, 0);
    cmos_write(&r, RTC_REG_B, RTC_B_DM); /* binary, 12-hour */
    ck_assert_uint_eq(cmos_read(&r, RTC_SECONDS), 58);
    ck_assert_uint_eq(cmos_read(&r, RTC_HOURS), 0x80 | 11); /* 11 PM */
    ck_assert_uint_eq(cmos_read(&r, RTC_YEAR), 24);
    ck_assert_uint_eq(cmos_read(&r, RTC_CENTURY), 20);
    r.now = 2ull * HZ_CPU;
    ck_assert_uint_eq(cmos_read(&r, RTC_HOURS), 12); /* 12 AM */
    cmos_write(&r, RTC_REG_B, 0x00); /* BCD, 12-hour */
    cmos_write(&r, RTC_HOURS, 0x80 | 0x12); /* 12 PM = noon */
    cmos_write(&r, RTC_REG_B, RTC_B_24H);
    ck_assert_uint_eq(cmos_read(&r, RTC_HOURS), 0x12);
    cmos_write(&r, RTC_REG_B, 0x00);
    cmos_write(&r, RTC_HOURS, 0x80 | 0x01); /* 1 PM */
    cmos_write(&r, RTC_REG_B, RTC_B_24H);
    ck_assert_uint_eq(cmos_read(&r, RTC_HOURS), 0x13);
    rig_done(&r);
}
END_TEST

/* mc146818_set_time: SET, write the fields, clear SET. */
START_TEST(test_set_time)
{
    struct rig r;
    rig_init_at(&r, T_LEAP, 0);
    r.now = HZ_CPU / 4;
    uint8_t b = cmos_read(&r, RTC_REG_B);
    cmos_write(&r, RTC_REG_B, b | RTC_B_SET);
    cmos_write(&r, RTC_YEAR, 0x25);
    cmos_write(&r, RTC_MONTH, 0x12);
    cmos_write(&r, RTC_DAY_OF_MONTH, 0x31);
    cmos_write(&r, RTC_HOURS, 0x12);
    cmos_write(&r, RTC_MINUTES, 0x00);
    cmos_write(&r, RTC_SECONDS, 0x00);
    /* Updates inhibited while SET: nothing moves, no UIP. */
    r.now += 3ull * HZ_CPU;
    ck_assert_uint_eq(cmos_read(&r, RTC_SECONDS), 0x00);
    r.now = 4ull * HZ_CPU - 1000;
    ck_assert(!uip(&r));
    cmos_write(&r, RTC_REG_B, b);
    ck_assert_int_eq((long long)mc146818_time(r.rtc), 1767182400);
    /* The divider kept its phase: the next update is on the second. */
    r.now = 4ull * HZ_CPU - 1;
    ck_assert_uint_eq(cmos_read(&r, RTC_SECONDS), 0x00);
    r.now = 4ull * HZ_CPU;
    ck_assert_uint_eq(cmos_read(&r, RTC_SECONDS), 0x01);
    ck_assert_uint_eq(cmos_read(&r, RTC_DAY_OF_WEEK), 4); /* Wednesday */
    rig_done(&r);
}
END_TEST

START_TEST(test_periodic_interrupt)
{
    struct rig r;
    rig_init_at(&r, T_LEAP, 0);
    r.now = 1000;
    cmos_write(&r, RTC_REG_B, RTC_B_24H | RTC_B_PIE);
    ck_assert(!r.irq);
    /* 1024 Hz: every 32 ticks of 32.768 kHz. */
    uint64_t d = mc146818_cycles_to_event(r.rtc, r.now);
    ck_assert_uint_eq(r.now + d, vclock_to_cycles(32, HZ_CPU, 32768));
    r.now += d - 1;
    mc146818_update(r.rtc, r.now);
    ck_assert(!r.irq);
    r.now += 1;
    mc146818_update(r.rtc, r.now);
    ck_assert(r.irq);
    ck_assert_uint_eq(mc146818_cycles_to_event(r.rtc, r.now), UINT64_MAX);
    ck_assert_uint_eq(cmos_read(&r, RTC_REG_C), RTC_C_IRQF | RTC_C_PF);
    ck_assert(!r.irq);
    ck_assert_uint_eq(cmos_read(&r, RTC_REG_C), 0);
    /* 2 Hz (RS = 15) over one second: two interrupts. */
    cmos_write(&r, RTC_REG_A, RTC_A_DV_32K | 0x0f);
    unsigned n = 0;
    uint64_t end = r.now + HZ_CPU;
    while (r.now < end) {
        run_events(&r, end);
        if (r.irq) {
            n++;
            ck_assert_uint_eq(cmos_read(&r, RTC_REG_C) & RTC_C_PF, RTC_C_PF);
        }
    }
    ck_assert_uint_eq(n, 2);
    /* PF is set even with PIE off, without interrupting. */
    cmos_write(&r, RTC_REG_B, RTC_B_24H);
    r.now += HZ_CPU;
    mc146818_update(r.rtc, r.now);
    ck_assert(!r.irq);
    ck_assert_uint_eq(cmos_read(&r, RTC_REG_C) & ~RTC_C_AF,
                      RTC_C_PF | RTC_C_UF);
    /* Enabling PIE with PF pending interrupts at once. */
    r.now += HZ_CPU;
    mc146818_update(r.rtc, r.now);
    cmos_write(&r, RTC_REG_B, RTC_B_24H | RTC_B_PIE);
    ck_assert(r.irq);
    rig_done(&r);
}
END_TEST

START_TEST(test_update_interrupt)
{
    struct rig r;
    rig_init_at(&r, T_LEAP, 0);
    r.now = HZ_CPU / 2;
    cmos_write(&r, RTC_REG_B, RTC_B_24H | RTC_B_UIE);
    uint64_t d = mc146818_cycles_to_event(r.rtc, r.now);
    ck_assert_uint_eq(r.now + d, HZ_CPU);
    run_events(&r, 10ull * HZ_CPU);
    ck_assert(r.irq);
    ck_assert_uint_eq(r.now, HZ_CPU);
    /* PF is set too: the 1024 Hz rate runs with PIE off. */
    ck_assert_uint_eq(cmos_read(&r, RTC_REG_C),
                      RTC_C_IRQF | RTC_C_UF | RTC_C_PF);
    ck_assert_uint_eq(cmos_read(&r, RTC_SECONDS), 0x59);
    /* SET clears UIE. */
    cmos_write(&r, RTC_REG_B, RTC_B_24H | RTC_B_UIE | RTC_B_SET);
    ck_assert_uint_eq(cmos_read(&r, RTC_REG_B), RTC_B_24H | RTC_B_SET);
    ck_assert_uint_eq(mc146818_cycles_to_event(r.rtc, r.now), UINT64_MAX);
    rig_done(&r);
}
END_TEST

START_TEST(test_alarm_interrupt)
{
    struct rig r;
    rig_init_at(&r, T_LEAP, 0);
    /* Alarm at second 05 of any minute of any hour. */
    cmos_write(&r, RTC_SECONDS_ALARM, 0x05);
    cmos_write(&r, RTC_MINUTES_ALARM, 0xc0);
    cmos_write(&r, RTC_HOURS_ALARM, 0xff);
    ck_assert_uint_eq(cmos_read(&r, RTC_SECONDS_ALARM), 0x05);
    cmos_write(&r, RTC_REG_B, RTC_B_24H | RTC_B_AIE);
    run_events(&r, 100ull * HZ_CPU);
    ck_assert(r.irq);
    ck_assert_uint_eq(r.now, 7ull * HZ_CPU); /* 23:59:58 -> 00:00:05 */
    ck_assert_uint_eq(cmos_read(&r, RTC_SECONDS), 0x05);
    ck_assert_uint_eq(cmos_read(&r, RTC_REG_C) & (RTC_C_IRQF | RTC_C_AF),
                      RTC_C_IRQF | RTC_C_AF);
    ck_assert(!r.irq);
    /* A late update still finds an alarm it jumped over. */
    cmos_write(&r, RTC_SECONDS_ALARM, 0x30);
    r.now += 40ull * HZ_CPU;
    mc146818_update(r.rtc, r.now);
    ck_assert(r.irq);
    rig_done(&r);
}
END_TEST

START_TEST(test_divider_reset)
{
    struct rig r;
    rig_init_at(&r, T_LEAP, 0);
    r.now = HZ_CPU / 3;
    cmos_write(&r, RTC_REG_A, 0x70); /* divider reset */
    r.now += 5ull * HZ_CPU;
    ck_assert_uint_eq(cmos_read(&r, RTC_SECONDS), 0x58);
    ck_assert(!uip(&r));
    uint64_t restart = r.now;
    cmos_write(&r, RTC_REG_A, 0x26); /* as malta-time.c's init_rtc does */
    /* The first update half a second later. */
    r.now = restart + HZ_CPU / 2 - 1;
    ck_assert_uint_eq(cmos_read(&r, RTC_SECONDS), 0x58);
    r.now = restart + HZ_CPU / 2 + 1;
    ck_assert_uint_eq(cmos_read(&r, RTC_SECONDS), 0x59);
    rig_done(&r);
}
END_TEST

START_TEST(test_cmos_ram_and_index)
{
    struct rig r;
    rig_init_at(&r, T_LEAP, 0);
    for (unsigned i = RTC_RAM_FIRST; i < RTC_NREGS; i++)
        cmos_write(&r, (uint8_t)i, (uint8_t)(i * 7));
    for (unsigned i = RTC_RAM_FIRST; i < RTC_NREGS; i++)
        ck_assert_uint_eq(cmos_read(&r, (uint8_t)i), (uint8_t)(i * 7));
    /* Bit 7 of the index is the NMI mask; the index port reads 0xff. */
    mc146818_mmio_ops.write(r.rtc, 0, 0x80 | 0x10, 1);
    ck_assert(mc146818_nmi_masked(r.rtc));
    ck_assert_uint_eq(mc146818_mmio_ops.read(r.rtc, 1, 1), (uint8_t)(0x10 * 7));
    ck_assert_uint_eq(mc146818_mmio_ops.read(r.rtc, 0, 1), 0xff);
    mc146818_mmio_ops.write(r.rtc, 0, 0x10, 1);
    ck_assert(!mc146818_nmi_masked(r.rtc));
    /* C and D are read-only. */
    cmos_write(&r, RTC_REG_D, 0x00);
    ck_assert_uint_eq(cmos_read(&r, RTC_REG_D), 0x80);
    /* A 16-bit write: index, then data. */
    mc146818_mmio_ops.write(r.rtc, 0, 0x5a20, 2);
    ck_assert_uint_eq(cmos_read(&r, 0x20), 0x5a);
    rig_done(&r);
}
END_TEST

START_TEST(test_reset_pin)
{
    struct rig r;
    rig_init_at(&r, T_LEAP, 0);
    cmos_write(&r, RTC_REG_B, RTC_B_24H | RTC_B_UIE | RTC_B_PIE | RTC_B_DM);
    r.now = 2ull * HZ_CPU;
    mc146818_update(r.rtc, r.now);
    ck_assert(r.irq);
    mc146818_reset(r.rtc);
    ck_assert(!r.irq);
    ck_assert_uint_eq(cmos_read(&r, RTC_REG_B), RTC_B_24H | RTC_B_DM);
    ck_assert_uint_eq(cmos_read(&r, RTC_REG_C), 0);
    ck_assert_uint_eq(cmos_read(&r, RTC_SECONDS), 0); /* 00:00:00 binary */
    rig_done(&r);
}
END_TEST

START_TEST(test_write_time_fields)
{
    struct rig r;
    rig_init_at(&r, T_LEAP, 0);
    cmos_write(&r, RTC_REG_B, RTC_B_24H | RTC_B_SET);
    cmos_write(&r, RTC_DAY_OF_MONTH, 0x15);
    cmos_write(&r, RTC_MONTH, 0x07);
    cmos_write(&r, RTC_YEAR, 0x69);
    cmos_write(&r, RTC_HOURS, 0x23);
    cmos_write(&r, RTC_MINUTES, 0x59);
    cmos_write(&r, RTC_SECONDS, 0x59);
    ck_assert_uint_eq(cmos_read(&r, RTC_YEAR), 0x69);
    ck_assert_uint_eq(cmos_read(&r, RTC_MONTH), 0x07);
    /* A written day of week sticks and moves with the date. */
    cmos_write(&r, RTC_DAY_OF_WEEK, 0x02);
    cmos_write(&r, RTC_REG_B, RTC_B_24H);
    r.now = HZ_CPU;
    ck_assert_uint_eq(cmos_read(&r, RTC_DAY_OF_WEEK), 0x03);
    ck_assert_uint_eq(cmos_read(&r, RTC_DAY_OF_MONTH), 0x16);
    ck_assert_int_eq((long long)mc146818_time(r.rtc), 3141158400LL);
    rig_done(&r);
}
END_TEST

static Suite *rtc_suite(void)
{
    Suite *s = suite_create("mc146818");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, test_initial_registers);
    tcase_add_test(tc, test_leap_day_rollover);
    tcase_add_test(tc, test_century_rollover);
    tcase_add_test(tc, test_uip_window_exact);
    tcase_add_test(tc, test_linux_frequency_estimate);
    tcase_add_test(tc, test_binary_and_12_hour);
    tcase_add_test(tc, test_set_time);
    tcase_add_test(tc, test_periodic_interrupt);
    tcase_add_test(tc, test_update_interrupt);
    tcase_add_test(tc, test_alarm_interrupt);
    tcase_add_test(tc, test_divider_reset);
    tcase_add_test(tc, test_cmos_ram_and_index);
    tcase_add_test(tc, test_reset_pin);
    tcase_add_test(tc, test_write_time_fields);
    suite_add_tcase(s, tc);
    return s;
}

UNIT_SUITE(rtc_suite)
