/*
 * test_pit.c - the 8254 interval timer (src/dev/i8254.c) on a fake virtual
 * clock: Linux's i8253 clockevent (periodic mode 2, oneshot mode 4,
 * shutdown) and clocksource latch reads, the event/update protocol the
 * machine uses between batches, every counter mode, the read-back
 * command and status byte, LSB/MSB/BCD access, gates, and the PC-style
 * calibration through port 0x61.
 */
#include <stdlib.h>
#include <string.h>

#include "unit.h"

#include "dev/i8254.h"
#include "log.h"

#define HZ_CPU 100000000u /* 100 MHz */

struct rig {
    struct log log;
    uint64_t now;
    struct vclock clk;
    struct i8254 *pit;
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

static void rig_init_hz(struct rig *r, uint64_t hz)
{
    memset(r, 0, sizeof *r);
    log_init(&r->log);
    r->log.out = fopen("/dev/null", "w");
    r->clk = (struct vclock){ .now = rig_now, .opaque = r, .hz = hz };
    r->now = 0; /* tests move it forward only, as the machine does */
    struct irq_line irq0 = { .set = record_irq, .opaque = r, .line = 0 };
    r->pit = i8254_create(&r->clk, irq0, &r->log);
    ck_assert_ptr_nonnull(r->pit);
}

static void rig_init(struct rig *r)
{
    rig_init_hz(r, HZ_CPU);
}

static void rig_done(struct rig *r)
{
    i8254_destroy(r->pit);
    fclose(r->log.out);
}

/* Moves the clock to the first cycle of PIT clock t. */
static void set_tick(struct rig *r, uint64_t t)
{
    r->now = vclock_to_cycles(t, r->clk.hz, I8254_FREQ);
}

static uint64_t tick(const struct rig *r)
{
    return vclock_to_ticks(r->now, r->clk.hz, I8254_FREQ);
}

static void outb(struct rig *r, unsigned port, uint8_t v)
{
    if (port == 0x61)
        i8254_port61_mmio_ops.write(r->pit, 0, v, 1);
    else
        i8254_mmio_ops.write(r->pit, port - 0x40, v, 1);
}

static uint8_t inb(struct rig *r, unsigned port)
{
    if (port == 0x61)
        return (uint8_t)i8254_port61_mmio_ops.read(r->pit, 0, 1);
    return (uint8_t)i8254_mmio_ops.read(r->pit, port - 0x40, 1);
}

static uint16_t read_latched(struct rig *r, unsigned counter)
{
    outb(r, 0x43, (uint8_t)(counter << 6));
    uint16_t lo = inb(r, 0x40 + counter);
    return (uint16_t)(lo | (inb(r, 0x40 + counter) << 8));
}

static uint8_t read_status(struct rig *r, unsigned counter)
{
    outb(r, 0x43, (uint8_t)(0xe0 | (2u << counter)));
    return inb(r, 0x40 + counter);
}

/* Runs the machine's between-batches protocol until cycle `until`. */
static void run_events(struct rig *r, uint64_t until)
{
    for (;;) {
        uint64_t d = i8254_cycles_to_event(r->pit, r->now);
        if (d == UINT64_MAX || r->now + d > until) {
            r->now = until;
            i8254_update(r->pit, r->now);
            return;
        }
        r->now += d;
        i8254_update(r->pit, r->now);
    }
}

/* arch/mips/kernel/i8253.c + drivers/clocksource/i8253.c, periodic. */
START_TEST(test_linux_periodic)
{
    struct rig r;
    rig_init(&r);
    const unsigned latch = (I8254_FREQ + 125) / 250; /* HZ = 250 */
    set_tick(&r, 1000);
    outb(&r, 0x43, 0x34);
    outb(&r, 0x40, latch & 0xff);
    outb(&r, 0x40, latch >> 8);
    ck_assert(r.irq); /* mode 2: OUT high */
    unsigned before = r.rises;

    /* The first rising edge: one period after the load clock. */
    uint64_t d = i8254_cycles_to_event(r.pit, r.now);
    uint64_t edge = vclock_to_cycles(1000 + 1 + latch, HZ_CPU, I8254_FREQ);
    ck_assert_uint_eq(r.now + d, edge);
    r.now = edge - 1;
    i8254_update(r.pit, r.now);
    ck_assert_uint_eq(r.rises, before);
    r.now = edge;
    i8254_update(r.pit, r.now);
    ck_assert_uint_eq(r.rises, before + 1);
    ck_assert(r.irq);

    /* One guest second holds 1193182 clocks: 249 more whole periods. */
    run_events(&r, vclock_to_cycles(1000 + I8254_FREQ, HZ_CPU, I8254_FREQ));
    ck_assert_uint_eq(r.rises, before + 249);
    rig_done(&r);
}
END_TEST

START_TEST(test_update_late_coalesces)
{
    struct rig r;
    rig_init(&r);
    set_tick(&r, 0);
    outb(&r, 0x43, 0x34);
    outb(&r, 0x40, 100);
    outb(&r, 0x40, 0);
    unsigned before = r.rises;
    set_tick(&r, 1000); /* ten periods without an update */
    ck_assert_uint_eq(i8254_cycles_to_event(r.pit, r.now), 0);
    i8254_update(r.pit, r.now);
    ck_assert_uint_eq(r.rises, before + 1); /* an edge-triggered IRQ0 */
    ck_assert_uint_ne(i8254_cycles_to_event(r.pit, r.now), 0);
    rig_done(&r);
}
END_TEST

START_TEST(test_counter_latch)
{
    struct rig r;
    rig_init(&r);
    set_tick(&r, 5000);
    outb(&r, 0x43, 0x34);
    outb(&r, 0x40, 1000 & 0xff);
    outb(&r, 0x40, 1000 >> 8);
    set_tick(&r, 5100); /* loaded at 5001: 99 clocks counted */
    ck_assert_uint_eq(read_latched(&r, 0), 901);
    /* A latched value holds while time passes; a second latch is
     * ignored until the first is read. */
    outb(&r, 0x43, 0x00);
    set_tick(&r, 5200);
    outb(&r, 0x43, 0x00);
    uint16_t v = inb(&r, 0x40);
    v |= (uint16_t)(inb(&r, 0x40) << 8);
    ck_assert_uint_eq(v, 901);
    /* Wraps at the period: 1000 clocks later the same value. */
    set_tick(&r, 6100);
    ck_assert_uint_eq(read_latched(&r, 0), 901);
    /* Unlatched reads give the live count, LSB then MSB. */
    set_tick(&r, 6101);
    v = inb(&r, 0x40);
    v |= (uint16_t)(inb(&r, 0x40) << 8);
    ck_assert_uint_eq(v, 900);
    rig_done(&r);
}
END_TEST

START_TEST(test_mode0_interrupt_on_terminal_count)
{
    struct rig r;
    rig_init(&r);
    set_tick(&r, 100);
    outb(&r, 0x43, 0x30);
    ck_assert(!r.irq); /* mode 0: OUT low at once */
    outb(&r, 0x40, 50);
    outb(&r, 0x40, 0);
    uint64_t d = i8254_cycles_to_event(r.pit, r.now);
    ck_assert_uint_eq(r.now + d, vclock_to_cycles(100 + 1 + 50, HZ_CPU,
                                                  I8254_FREQ));
    set_tick(&r, 150);
    i8254_update(r.pit, r.now);
    ck_assert(!r.irq);
    ck_assert_uint_eq(read_latched(&r, 0), 1);
    set_tick(&r, 151);
    i8254_update(r.pit, r.now);
    ck_assert(r.irq);
    ck_assert_uint_eq(r.rises, 1);
    /* OUT stays high; the counter wraps on. */
    ck_assert_uint_eq(i8254_cycles_to_event(r.pit, r.now), UINT64_MAX);
    set_tick(&r, 152);
    ck_assert_uint_eq(read_latched(&r, 0), 0xffff);
    /* Writing a new count drops OUT again. */
    outb(&r, 0x40, 10);
    ck_assert(!r.irq);
    outb(&r, 0x40, 0);
    set_tick(&r, 163);
    i8254_update(r.pit, r.now);
    ck_assert(r.irq);
    ck_assert_uint_eq(r.rises, 2);
    rig_done(&r);
}
END_TEST

/* Linux's oneshot clockevent: mode 4, count per event; and shutdown. */
START_TEST(test_linux_oneshot_and_shutdown)
{
    struct rig r;
    rig_init(&r);
    set_tick(&r, 10);
    outb(&r, 0x43, 0x38);
    outb(&r, 0x40, 200);
    outb(&r, 0x40, 0);
    ck_assert(r.irq);
    unsigned before = r.rises;
    uint64_t d = i8254_cycles_to_event(r.pit, r.now);
    ck_assert_uint_eq(r.now + d, vclock_to_cycles(10 + 1 + 200 + 1, HZ_CPU,
                                                  I8254_FREQ));
    set_tick(&r, 211); /* the strobe: OUT low for one clock */
    ck_assert(!i8254_out(r.pit, 0));
    run_events(&r, vclock_to_cycles(400, HZ_CPU, I8254_FREQ));
    ck_assert_uint_eq(r.rises, before + 1);
    ck_assert_uint_eq(i8254_cycles_to_event(r.pit, r.now), UINT64_MAX);

    /* pit_shutdown: mode 0, count 0 (65536). */
    outb(&r, 0x43, 0x30);
    outb(&r, 0x40, 0);
    outb(&r, 0x40, 0);
    ck_assert(!r.irq);
    d = i8254_cycles_to_event(r.pit, r.now);
    ck_assert_uint_eq(r.now + d, vclock_to_cycles(400 + 1 + 65536, HZ_CPU,
                                                  I8254_FREQ));
    rig_done(&r);
}
END_TEST

START_TEST(test_readback_status)
{
    struct rig r;
    rig_init(&r);
    set_tick(&r, 0);
    outb(&r, 0x43, 0x34);
    /* OUT high, null count, LSB/MSB, mode 2, binary. */
    ck_assert_uint_eq(read_status(&r, 0), 0xf4);
    outb(&r, 0x40, 0x10);
    outb(&r, 0x40, 0x00);
    ck_assert_uint_eq(read_status(&r, 0) & 0x40, 0x40); /* not loaded yet */
    set_tick(&r, 1);
    ck_assert_uint_eq(read_status(&r, 0), 0xb4);
    /* Status and count latched together: status reads first. */
    set_tick(&r, 4);
    outb(&r, 0x43, 0xc2);
    ck_assert_uint_eq(inb(&r, 0x40), 0xb4);
    ck_assert_uint_eq(inb(&r, 0x40), 0x10 - 3);
    ck_assert_uint_eq(inb(&r, 0x40), 0x00);
    /* Read-back of counter 2 alone, mode 3, BCD, MSB only. */
    outb(&r, 0x43, 0xa7);
    ck_assert_uint_eq(read_status(&r, 2), 0x40 | 0x80 | 0x27);
    rig_done(&r);
}
END_TEST

START_TEST(test_lsb_msb_only)
{
    struct rig r;
    rig_init(&r);
    set_tick(&r, 0);
    outb(&r, 0x43, 0x14); /* counter 0, LSB only, mode 2 */
    outb(&r, 0x40, 0x50);
    set_tick(&r, 11);
    ck_assert_uint_eq(inb(&r, 0x40), 0x50 - 10);
    ck_assert_uint_eq(inb(&r, 0x40), 0x50 - 10); /* no toggle */
    outb(&r, 0x43, 0x24); /* MSB only */
    outb(&r, 0x40, 0x01);
    set_tick(&r, 12);
    ck_assert_uint_eq(inb(&r, 0x40), 0x01);
    set_tick(&r, 13);
    ck_assert_uint_eq(inb(&r, 0x40), 0x00); /* 0x0100 - 1 = 0x00ff */
    rig_done(&r);
}
END_TEST

START_TEST(test_bcd)
{
    struct rig r;
    rig_init(&r);
    set_tick(&r, 0);
    outb(&r, 0x43, 0x35); /* mode 2, BCD */
    unsigned before = r.rises;
    outb(&r, 0x40, 0x00);
    outb(&r, 0x40, 0x10); /* 1000 */
    set_tick(&r, 1);
    ck_assert_uint_eq(read_latched(&r, 0), 0x1000);
    set_tick(&r, 11);
    ck_assert_uint_eq(read_latched(&r, 0), 0x0990);
    run_events(&r, vclock_to_cycles(1 + 3000, HZ_CPU, I8254_FREQ));
    ck_assert_uint_eq(r.rises, before + 3);
    /* A BCD count of 0 is 10000. */
    outb(&r, 0x43, 0x31);
    outb(&r, 0x40, 0);
    outb(&r, 0x40, 0);
    set_tick(&r, 3001 + 2);
    ck_assert_uint_eq(read_latched(&r, 0), 0x9999);
    rig_done(&r);
}
END_TEST

START_TEST(test_mode2_new_count_at_period_end)
{
    struct rig r;
    rig_init(&r);
    set_tick(&r, 0);
    outb(&r, 0x43, 0x34);
    outb(&r, 0x40, 100);
    outb(&r, 0x40, 0);
    set_tick(&r, 51);
    outb(&r, 0x40, 40); /* no control word: waits for the period end */
    outb(&r, 0x40, 0);
    ck_assert_uint_eq(read_latched(&r, 0), 50);
    ck_assert_uint_eq(read_status(&r, 0) & 0x40, 0x40);
    uint64_t d = i8254_cycles_to_event(r.pit, r.now);
    ck_assert_uint_eq(r.now + d, vclock_to_cycles(101, HZ_CPU, I8254_FREQ));
    set_tick(&r, 101);
    i8254_update(r.pit, r.now);
    ck_assert_uint_eq(read_latched(&r, 0), 40);
    d = i8254_cycles_to_event(r.pit, r.now);
    ck_assert_uint_eq(r.now + d, vclock_to_cycles(141, HZ_CPU, I8254_FREQ));
    /* OUT low for the clock before each reload. */
    set_tick(&r, 140);
    ck_assert(!i8254_out(r.pit, 0));
    set_tick(&r, 141);
    ck_assert(i8254_out(r.pit, 0));
    rig_done(&r);
}
END_TEST

START_TEST(test_mode3_square_wave)
{
    struct rig r;
    rig_init(&r);
    set_tick(&r, 0);
    outb(&r, 0x43, 0x36);
    outb(&r, 0x40, 10);
    outb(&r, 0x40, 0);
    set_tick(&r, 1);
    ck_assert_uint_eq(read_latched(&r, 0), 10);
    set_tick(&r, 2);
    ck_assert_uint_eq(read_latched(&r, 0), 8); /* counts by two */
    for (unsigned t = 2; t < 31; t++) {
        set_tick(&r, t);
        ck_assert_int_eq(i8254_out(r.pit, 0), (t - 1) % 10 < 5);
    }
    /* Odd counts: high for (N+1)/2, low for (N-1)/2. */
    outb(&r, 0x43, 0x36);
    outb(&r, 0x40, 7);
    outb(&r, 0x40, 0); /* loaded at 31 */
    set_tick(&r, 31 + 3);
    ck_assert(i8254_out(r.pit, 0));
    set_tick(&r, 31 + 4);
    ck_assert(!i8254_out(r.pit, 0));
    set_tick(&r, 31 + 6);
    ck_assert(!i8254_out(r.pit, 0));
    set_tick(&r, 31 + 7);
    ck_assert(i8254_out(r.pit, 0));
    rig_done(&r);
}
END_TEST

/* arch/x86's pit_calibrate_tsc: counter 2, mode 0, poll OUT2 at 0x61. */
START_TEST(test_port61_calibration)
{
    struct rig r;
    rig_init(&r);
    const unsigned latch = I8254_FREQ / 20; /* 50 ms */
    outb(&r, 0x61, (uint8_t)((inb(&r, 0x61) & ~0x02) | 0x01));
    outb(&r, 0x43, 0xb0);
    outb(&r, 0x42, latch & 0xff);
    outb(&r, 0x42, latch >> 8);
    uint64_t start = r.now;
    ck_assert_uint_eq(inb(&r, 0x61) & PORT61_OUT2, 0);
    while (!(inb(&r, 0x61) & PORT61_OUT2))
        r.now += 1000;
    uint64_t elapsed = r.now - start;
    uint64_t expect = (uint64_t)HZ_CPU / 20;
    ck_assert_uint_ge(elapsed + 2000, expect);
    ck_assert_uint_le(elapsed, expect + 2000);
    ck_assert_uint_eq(inb(&r, 0x61) & 0x0f, 0x01);
    ck_assert_uint_eq(r.rises, 0); /* not IRQ0 */
    rig_done(&r);
}
END_TEST

START_TEST(test_gate_pauses_mode0)
{
    struct rig r;
    rig_init(&r);
    set_tick(&r, 0);
    outb(&r, 0x61, 0x01);
    outb(&r, 0x43, 0xb0);
    outb(&r, 0x42, 100);
    outb(&r, 0x42, 0);
    set_tick(&r, 41);
    ck_assert_uint_eq(read_latched(&r, 2), 60);
    outb(&r, 0x61, 0x00); /* pause */
    set_tick(&r, 1000);
    ck_assert_uint_eq(read_latched(&r, 2), 60);
    ck_assert_uint_eq(inb(&r, 0x61) & PORT61_OUT2, 0);
    outb(&r, 0x61, 0x01); /* resume */
    set_tick(&r, 1059);
    ck_assert_uint_eq(inb(&r, 0x61) & PORT61_OUT2, 0);
    set_tick(&r, 1060);
    ck_assert_uint_eq(inb(&r, 0x61) & PORT61_OUT2, PORT61_OUT2);
    rig_done(&r);
}
END_TEST

START_TEST(test_gate_mode2_and_one_shot)
{
    struct rig r;
    rig_init(&r);
    set_tick(&r, 0);
    outb(&r, 0x61, 0x01);
    outb(&r, 0x43, 0xb4); /* counter 2, mode 2 */
    outb(&r, 0x42, 50);
    outb(&r, 0x42, 0);
    set_tick(&r, 50); /* the clock before reload: OUT low */
    ck_assert(!i8254_out(r.pit, 2));
    outb(&r, 0x61, 0x00); /* gate low: OUT high at once, counting stops */
    ck_assert(i8254_out(r.pit, 2));
    set_tick(&r, 500);
    ck_assert_uint_eq(read_latched(&r, 2), 1);
    outb(&r, 0x61, 0x01); /* rising edge reloads */
    set_tick(&r, 501);
    ck_assert_uint_eq(read_latched(&r, 2), 50);

    /* Mode 1: the gate's rising edge triggers the one-shot. */
    outb(&r, 0x61, 0x00);
    outb(&r, 0x43, 0xb2);
    outb(&r, 0x42, 20);
    outb(&r, 0x42, 0);
    set_tick(&r, 600);
    ck_assert(i8254_out(r.pit, 2)); /* waiting for a trigger */
    outb(&r, 0x61, 0x01);
    set_tick(&r, 601);
    ck_assert(!i8254_out(r.pit, 2));
    set_tick(&r, 620);
    ck_assert(!i8254_out(r.pit, 2));
    set_tick(&r, 621);
    ck_assert(i8254_out(r.pit, 2));
    /* Retrigger restarts it. */
    outb(&r, 0x61, 0x00);
    outb(&r, 0x61, 0x01);
    set_tick(&r, 640);
    ck_assert(!i8254_out(r.pit, 2));
    set_tick(&r, 642);
    ck_assert(i8254_out(r.pit, 2));

    /* Mode 5: strobe one clock after the count from the trigger. */
    outb(&r, 0x43, 0xba);
    outb(&r, 0x42, 5);
    outb(&r, 0x42, 0);
    outb(&r, 0x61, 0x00);
    outb(&r, 0x61, 0x01);
    set_tick(&r, 642 + 1 + 5);
    ck_assert(!i8254_out(r.pit, 2));
    set_tick(&r, 642 + 1 + 6);
    ck_assert(i8254_out(r.pit, 2));
    rig_done(&r);
}
END_TEST

START_TEST(test_refresh_toggle)
{
    struct rig r;
    rig_init(&r);
    set_tick(&r, 36);
    uint8_t a = inb(&r, 0x61) & PORT61_REFRESH;
    set_tick(&r, 54);
    uint8_t b = inb(&r, 0x61) & PORT61_REFRESH;
    ck_assert_uint_ne(a, b);
    outb(&r, 0x61, 0xff);
    ck_assert_uint_eq(inb(&r, 0x61) & 0xcf, 0x0f);
    rig_done(&r);
}
END_TEST

/* An awkward clock rate: events land exactly on the PIT clock edge. */
START_TEST(test_exact_event_times)
{
    struct rig r;
    const uint64_t hz = 12345677;
    rig_init_hz(&r, hz);
    r.now = 987654321;
    outb(&r, 0x43, 0x34);
    outb(&r, 0x40, 77);
    outb(&r, 0x40, 0);
    uint64_t t0 = tick(&r);
    unsigned before = r.rises;
    for (unsigned k = 1; k <= 50; k++) {
        uint64_t d = i8254_cycles_to_event(r.pit, r.now);
        r.now += d;
        ck_assert_uint_eq(vclock_to_ticks(r.now, hz, I8254_FREQ),
                          t0 + 1 + 77 * k);
        ck_assert_uint_eq(vclock_to_ticks(r.now - 1, hz, I8254_FREQ),
                          t0 + 77 * k);
        i8254_update(r.pit, r.now);
        ck_assert_uint_eq(r.rises, before + k);
    }
    rig_done(&r);
}
END_TEST

START_TEST(test_reset_and_unused_ports)
{
    struct rig r;
    rig_init(&r);
    ck_assert(!r.irq);
    ck_assert_uint_eq(i8254_cycles_to_event(r.pit, r.now), UINT64_MAX);
    ck_assert_uint_eq(inb(&r, 0x43), 0xff);
    /* A 16-bit write to 0x40 is LSB then MSB of counter 0. */
    outb(&r, 0x43, 0x34);
    i8254_mmio_ops.write(r.pit, 0, 0x0200, 2);
    r.now += 1000;
    ck_assert_uint_lt(read_latched(&r, 0), 0x200);
    i8254_reset(r.pit);
    ck_assert_uint_eq(i8254_cycles_to_event(r.pit, r.now), UINT64_MAX);
    ck_assert(!i8254_out(r.pit, 0));
    rig_done(&r);
}
END_TEST

static Suite *pit_suite(void)
{
    Suite *s = suite_create("i8254");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, test_linux_periodic);
    tcase_add_test(tc, test_update_late_coalesces);
    tcase_add_test(tc, test_counter_latch);
    tcase_add_test(tc, test_mode0_interrupt_on_terminal_count);
    tcase_add_test(tc, test_linux_oneshot_and_shutdown);
    tcase_add_test(tc, test_readback_status);
    tcase_add_test(tc, test_lsb_msb_only);
    tcase_add_test(tc, test_bcd);
    tcase_add_test(tc, test_mode2_new_count_at_period_end);
    tcase_add_test(tc, test_mode3_square_wave);
    tcase_add_test(tc, test_port61_calibration);
    tcase_add_test(tc, test_gate_pauses_mode0);
    tcase_add_test(tc, test_gate_mode2_and_one_shot);
    tcase_add_test(tc, test_refresh_toggle);
    tcase_add_test(tc, test_exact_event_times);
    tcase_add_test(tc, test_reset_and_unused_ports);
    suite_add_tcase(s, tc);
    return s;
}

UNIT_SUITE(pit_suite)
