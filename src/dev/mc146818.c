/*
 * mc146818.c - the PIIX4's MC146818A-compatible RTC and CMOS RAM
 * (Motorola MC146818A datasheet: "Time, Calendar and Alarm Locations",
 * "Update Cycle", "Register A".."Register D", "Interrupts", "Divider
 * Stages", "Periodic Interrupt Rate"), computed lazily from the guest's
 * virtual clock.
 *
 * The divider chain is a count of 32.768 kHz ticks derived from the cycle
 * count; every 32768th tick is a second's update, at which the time
 * advances, UF is set and the alarm is compared; UIP reads 1 during the 8
 * ticks (244 us) before it.  The periodic flag PF is set every 2^(RS-1)
 * ticks (RS 1 and 2: 128 and 256), whether or not PIE enables its
 * interrupt.  SET inhibits updates (and clears UIE); leaving divider reset
 * (DV 11x -> 010) starts the chain half a second before the next update.
 *
 * The time registers are a view of one seconds count, rendered in the
 * format register B selects (BCD or binary, 12 or 24 hours).  Two
 * simplifications follow from that: switching DM or 24/12 re-renders the
 * current time instead of leaving stale bytes that software must rewrite,
 * and writing an out-of-range field (day 31 in April) normalises it.  The
 * update cycle is instantaneous at the end of UIP (the chip takes another
 * 1984 us during which the registers are unavailable); daylight saving
 * (DSE) and the square-wave output are not modelled.
 */
#include "dev/mc146818.h"

#include <stdlib.h>
#include <string.h>

#include "log.h"

#define SECOND_TICKS 32768u
#define UIP_TICKS    8u     /* 244.14 us before the update */
#define SECS_PER_DAY 86400

struct mc146818 {
    const struct vclock *clk;
    struct irq_line irq;
    struct log *log;

    uint8_t index;
    bool nmi_masked;
    uint8_t reg_a;        /* bits 6..0 */
    uint8_t reg_b;
    uint8_t flags;        /* PF, AF, UF of register C */
    uint8_t alarm[3];     /* seconds, minutes, hours alarm as written */
    uint8_t ram[RTC_NREGS];

    int64_t secs;         /* the time the registers show */
    int dow_adjust;       /* written day of week minus the computed one */
    bool running;         /* the divider chain counts */
    uint64_t origin;      /* the cycle at which the chain stood at ... */
    uint32_t phase;       /* ... this tick */
    uint64_t last;        /* divider ticks already accounted for */
    bool irq_level;
};

/* ---- calendar ------------------------------------------------------------- */

struct rtc_date {
    int64_t year;
    int month; /* 1..12 */
    int day;   /* 1..31 */
    int hour, min, sec;
};

/* Days since 1970-01-01 of a proleptic Gregorian date (the era-based
 * method: 400-year eras of 146097 days, years starting in March). */
static int64_t days_from_civil(int64_t y, int m, int d)
{
    y -= m <= 2;
    int64_t era = (y >= 0 ? y : y - 399) / 400;
    int64_t yoe = y - era * 400;
    int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

static void civil_from_days(int64_t z, int64_t *y, int *m, int *d)
{
    z += 719468;
    int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    int64_t doe = z - era * 146097;
    int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int64_t mp = (5 * doy + 2) / 153;
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = yoe + era * 400 + (*m <= 2);
}

static int64_t floor_div(int64_t a, int64_t b)
{
    return a / b - (a % b != 0 && (a < 0) != (b < 0));
}

static void date_from_secs(int64_t s, struct rtc_date *dt)
{
    int64_t days = floor_div(s, SECS_PER_DAY);
    int64_t rem = s - days * SECS_PER_DAY;
    civil_from_days(days, &dt->year, &dt->month, &dt->day);
    dt->hour = (int)(rem / 3600);
    dt->min = (int)(rem / 60 % 60);
    dt->sec = (int)(rem % 60);
}

static int64_t secs_from_date(const struct rtc_date *dt)
{
    return days_from_civil(dt->year, dt->month, dt->day) * SECS_PER_DAY +
           dt->hour * 3600 + dt->min * 60 + dt->sec;
}

/* ---- register formats ----------------------------------------------------- */

static bool rtc_binary(const struct mc146818 *rtc)
{
    return (rtc->reg_b & RTC_B_DM) != 0;
}

static uint8_t rtc_encode(const struct mc146818 *rtc, int v)
{
    if (rtc_binary(rtc))
        return (uint8_t)v;
    return (uint8_t)(((v / 10) << 4) | (v % 10));
}

static int rtc_decode(const struct mc146818 *rtc, uint8_t v)
{
    if (rtc_binary(rtc))
        return v;
    return (v >> 4) * 10 + (v & 0x0f);
}

static uint8_t rtc_encode_hour(const struct mc146818 *rtc, int hour)
{
    if (rtc->reg_b & RTC_B_24H)
        return rtc_encode(rtc, hour);
    int h12 = hour % 12 == 0 ? 12 : hour % 12;
    return (uint8_t)(rtc_encode(rtc, h12) | (hour >= 12 ? 0x80 : 0));
}

static int rtc_decode_hour(const struct mc146818 *rtc, uint8_t v)
{
    if (rtc->reg_b & RTC_B_24H)
        return rtc_decode(rtc, v);
    int h12 = rtc_decode(rtc, v & 0x7f);
    return h12 % 12 + ((v & 0x80) ? 12 : 0);
}

static int rtc_day_of_week(const struct mc146818 *rtc, int64_t s)
{
    int64_t days = floor_div(s, SECS_PER_DAY);
    int64_t dow = ((days + 4) % 7 + 7) % 7; /* 1970-01-01 was a Thursday */
    return (int)((dow + rtc->dow_adjust) % 7) + 1;
}

/* The time registers' bytes for a time s. */
static uint8_t rtc_time_reg(const struct mc146818 *rtc, int64_t s, unsigned reg)
{
    struct rtc_date dt;
    date_from_secs(s, &dt);
    switch (reg) {
    case RTC_SECONDS:
        return rtc_encode(rtc, dt.sec);
    case RTC_MINUTES:
        return rtc_encode(rtc, dt.min);
    case RTC_HOURS:
        return rtc_encode_hour(rtc, dt.hour);
    case RTC_DAY_OF_WEEK:
        return rtc_encode(rtc, rtc_day_of_week(rtc, s));
    case RTC_DAY_OF_MONTH:
        return rtc_encode(rtc, dt.day);
    case RTC_MONTH:
        return rtc_encode(rtc, dt.month);
    case RTC_YEAR:
        return rtc_encode(rtc, (int)(((dt.year % 100) + 100) % 100));
    }
    return 0;
}

/* The PC century byte follows the time, in the current format. */
static void rtc_store_century(struct mc146818 *rtc)
{
    struct rtc_date dt;
    date_from_secs(rtc->secs, &dt);
    int64_t c = floor_div(dt.year, 100);
    rtc->ram[RTC_CENTURY] = rtc_encode(rtc, (int)(((c % 100) + 100) % 100));
}

/* An alarm byte matches when equal or "don't care" (bits 7 and 6 set). */
static bool rtc_alarm_matches(const struct mc146818 *rtc, int64_t s)
{
    static const unsigned time_reg[3] = { RTC_SECONDS, RTC_MINUTES,
                                          RTC_HOURS };
    for (int i = 0; i < 3; i++) {
        uint8_t a = rtc->alarm[i];
        if ((a & 0xc0) == 0xc0)
            continue;
        if (a != rtc_time_reg(rtc, s, time_reg[i]))
            return false;
    }
    return true;
}

/* ---- the divider chain ---------------------------------------------------- */

/* Divider ticks since the chain (re)started, plus its phase then. */
static uint64_t rtc_ticks(const struct mc146818 *rtc, uint64_t now)
{
    uint64_t since = now >= rtc->origin ? now - rtc->origin : 0;
    return vclock_to_ticks(since, rtc->clk->hz, MC146818_FREQ) + rtc->phase;
}

/* The first cycle at which the chain reaches tick t. */
static uint64_t rtc_tick_cycle(const struct mc146818 *rtc, uint64_t t)
{
    uint64_t since = t >= rtc->phase ? t - rtc->phase : 0;
    return rtc->origin + vclock_to_cycles(since, rtc->clk->hz, MC146818_FREQ);
}

/* Starts the chain at `now`, `phase` ticks into a second: the next update
 * comes exactly (32768 - phase) / 32768 s of guest time later. */
static void rtc_set_phase(struct mc146818 *rtc, uint64_t now, uint32_t phase)
{
    rtc->origin = now;
    rtc->phase = phase;
    rtc->last = phase;
}

/* Ticks between periodic flags, 0 when off. */
static uint64_t rtc_period(const struct mc146818 *rtc)
{
    unsigned rs = rtc->reg_a & RTC_A_RS;
    if (rs == 0)
        return 0;
    if (rs <= 2)
        return 1u << (rs + 6); /* 3.90625 ms and 7.8125 ms */
    return 1u << (rs - 1);
}

static bool rtc_dv_runs(uint8_t reg_a)
{
    return (reg_a & 0x60) != 0x60; /* 11x holds the divider in reset */
}

static uint8_t rtc_c_value(const struct mc146818 *rtc)
{
    uint8_t enabled = rtc->flags & (uint8_t)(rtc->reg_b & (RTC_B_PIE |
                                                           RTC_B_AIE |
                                                           RTC_B_UIE));
    return (uint8_t)(rtc->flags | (enabled ? RTC_C_IRQF : 0));
}

static void rtc_update_irq(struct mc146818 *rtc)
{
    bool level = (rtc_c_value(rtc) & RTC_C_IRQF) != 0;
    if (level != rtc->irq_level) {
        rtc->irq_level = level;
        irq_set(&rtc->irq, level);
    }
}

/* Accounts for every divider tick up to now: periodic flag, updates. */
static void rtc_sync(struct mc146818 *rtc, uint64_t now)
{
    if (!rtc->running)
        return;
    uint64_t t = rtc_ticks(rtc, now);
    if (t <= rtc->last)
        return;
    uint64_t p = rtc_period(rtc);
    if (p && t / p != rtc->last / p)
        rtc->flags |= RTC_C_PF;
    uint64_t updates = t / SECOND_TICKS - rtc->last / SECOND_TICKS;
    if (updates && !(rtc->reg_b & RTC_B_SET)) {
        /* The alarm pattern repeats within a day: the last day's worth of
         * updates is all that needs comparing. */
        uint64_t check = updates < SECS_PER_DAY ? updates : SECS_PER_DAY;
        for (uint64_t i = updates - check + 1; i <= updates; i++) {
            if (rtc_alarm_matches(rtc, rtc->secs + (int64_t)i)) {
                rtc->flags |= RTC_C_AF;
                break;
            }
        }
        rtc->secs += (int64_t)updates;
        rtc->flags |= RTC_C_UF;
        rtc_store_century(rtc);
    }
    rtc->last = t;
    rtc_update_irq(rtc);
}

static bool rtc_uip(struct mc146818 *rtc, uint64_t now)
{
    if (!rtc->running || (rtc->reg_b & RTC_B_SET))
        return false;
    return rtc_ticks(rtc, now) % SECOND_TICKS >= SECOND_TICKS - UIP_TICKS;
}

/* ---- the object ----------------------------------------------------------- */

void mc146818_reset(struct mc146818 *rtc)
{
    rtc_sync(rtc, vclock_now(rtc->clk));
    rtc->reg_b &= (uint8_t)~(RTC_B_PIE | RTC_B_AIE | RTC_B_UIE | RTC_B_SQWE);
    rtc->flags = 0;
    rtc_update_irq(rtc);
}

struct mc146818 *mc146818_create(const struct vclock *clk, time_t start,
                                 struct irq_line irq, struct log *log)
{
    struct mc146818 *rtc = calloc(1, sizeof *rtc);
    if (!rtc)
        return NULL;
    rtc->clk = clk;
    rtc->irq = irq;
    rtc->log = log;
    rtc->reg_a = RTC_A_DV_32K | 0x06;
    rtc->reg_b = RTC_B_24H;
    rtc->secs = (int64_t)start;
    rtc->running = true;
    rtc_set_phase(rtc, vclock_now(clk), 0);
    rtc_store_century(rtc);
    irq_set(&rtc->irq, false);
    return rtc;
}

void mc146818_destroy(struct mc146818 *rtc)
{
    free(rtc);
}

uint64_t mc146818_cycles_to_event(struct mc146818 *rtc, uint64_t now)
{
    if (!rtc->running || rtc->irq_level)
        return UINT64_MAX;
    uint64_t next = UINT64_MAX;
    uint64_t p = rtc_period(rtc);
    if ((rtc->reg_b & RTC_B_PIE) && p)
        next = (rtc->last / p + 1) * p;
    if ((rtc->reg_b & (RTC_B_UIE | RTC_B_AIE)) && !(rtc->reg_b & RTC_B_SET)) {
        uint64_t u = (rtc->last / SECOND_TICKS + 1) * SECOND_TICKS;
        if (u < next)
            next = u;
    }
    if (next == UINT64_MAX)
        return UINT64_MAX;
    uint64_t at = rtc_tick_cycle(rtc, next);
    return at <= now ? 0 : at - now;
}

void mc146818_update(struct mc146818 *rtc, uint64_t now)
{
    rtc_sync(rtc, now);
    rtc_update_irq(rtc);
}

time_t mc146818_time(struct mc146818 *rtc)
{
    rtc_sync(rtc, vclock_now(rtc->clk));
    return (time_t)rtc->secs;
}

bool mc146818_nmi_masked(const struct mc146818 *rtc)
{
    return rtc->nmi_masked;
}

/* ---- register accesses ---------------------------------------------------- */

static uint8_t rtc_read_reg(struct mc146818 *rtc, uint64_t now, unsigned reg)
{
    uint8_t v;

    switch (reg) {
    case RTC_SECONDS_ALARM:
        return rtc->alarm[0];
    case RTC_MINUTES_ALARM:
        return rtc->alarm[1];
    case RTC_HOURS_ALARM:
        return rtc->alarm[2];
    case RTC_SECONDS:
    case RTC_MINUTES:
    case RTC_HOURS:
    case RTC_DAY_OF_WEEK:
    case RTC_DAY_OF_MONTH:
    case RTC_MONTH:
    case RTC_YEAR:
        return rtc_time_reg(rtc, rtc->secs, reg);
    case RTC_REG_A:
        return (uint8_t)(rtc->reg_a | (rtc_uip(rtc, now) ? RTC_A_UIP : 0));
    case RTC_REG_B:
        return rtc->reg_b;
    case RTC_REG_C:
        v = rtc_c_value(rtc);
        rtc->flags = 0; /* cleared by reading */
        rtc_update_irq(rtc);
        return v;
    case RTC_REG_D:
        return RTC_D_VRT;
    default:
        return rtc->ram[reg];
    }
}

/* Replaces one field of the time with a guest-written byte. */
static void rtc_write_time(struct mc146818 *rtc, unsigned reg, uint8_t v)
{
    struct rtc_date dt;
    date_from_secs(rtc->secs, &dt);
    int x = reg == RTC_HOURS ? rtc_decode_hour(rtc, v) : rtc_decode(rtc, v);
    int old_dow = rtc_day_of_week(rtc, rtc->secs);
    bool bad = false;

    switch (reg) {
    case RTC_SECONDS:
        bad = x > 59;
        dt.sec = x % 60;
        break;
    case RTC_MINUTES:
        bad = x > 59;
        dt.min = x % 60;
        break;
    case RTC_HOURS:
        bad = x > 23;
        dt.hour = x % 24;
        break;
    case RTC_DAY_OF_WEEK:
        bad = x < 1 || x > 7;
        rtc->dow_adjust = ((rtc->dow_adjust + ((x - 1) % 7) -
                            (old_dow - 1)) % 7 + 7) % 7;
        break;
    case RTC_DAY_OF_MONTH:
        bad = x < 1 || x > 31;
        dt.day = x < 1 ? 1 : x > 31 ? 31 : x;
        break;
    case RTC_MONTH:
        bad = x < 1 || x > 12;
        dt.month = x < 1 ? 1 : x > 12 ? 12 : x;
        break;
    case RTC_YEAR: {
        /* The century comes from the century byte when it holds one. */
        int c = rtc_decode(rtc, rtc->ram[RTC_CENTURY]);
        if (c < 19 || c > 99)
            c = x < 70 ? 20 : 19;
        bad = x > 99;
        dt.year = (int64_t)c * 100 + x % 100;
        break;
    }
    }
    if (bad)
        log_printf(rtc->log, LOG_GUEST_ERROR,
                   "mc146818: out-of-range value 0x%02x written to register "
                   "%u, normalised\n", v, reg);
    /* The day of week keeps its offset from the date: it moves with
     * the date, as the chip's counter does at midnight. */
    if (reg != RTC_DAY_OF_WEEK)
        rtc->secs = secs_from_date(&dt);
    rtc_store_century(rtc);
}

static void rtc_write_a(struct mc146818 *rtc, uint64_t now, uint8_t v)
{
    bool was = rtc->running;
    bool runs = rtc_dv_runs(v);

    rtc->reg_a = v & 0x7f;
    if ((v & RTC_A_DV) != RTC_A_DV_32K && runs)
        log_printf(rtc->log, LOG_UNIMP,
                   "mc146818: divider 0x%02x selects a time base other "
                   "than 32.768 kHz; counting at 32.768 kHz\n", v & RTC_A_DV);
    if (was && !runs) {
        rtc->running = false;
        log_printf(rtc->log, LOG_DEV, "mc146818: divider held in reset\n");
    } else if (!was && runs) {
        /* Datasheet: the first update comes 500 ms after reset ends. */
        rtc->running = true;
        rtc_set_phase(rtc, now, SECOND_TICKS / 2);
        log_printf(rtc->log, LOG_DEV, "mc146818: divider running\n");
    }
}

static void rtc_write_b(struct mc146818 *rtc, uint8_t v)
{
    if (v & RTC_B_SET)
        v &= (uint8_t)~RTC_B_UIE; /* SET clears UIE */
    if ((v ^ rtc->reg_b) & RTC_B_SET)
        log_printf(rtc->log, LOG_DEV, "mc146818: updates %s\n",
                   (v & RTC_B_SET) ? "inhibited (SET)" : "running");
    if (v & RTC_B_DSE)
        log_printf(rtc->log, LOG_UNIMP,
                   "mc146818: daylight saving (DSE) not implemented\n");
    bool fmt_changed = ((v ^ rtc->reg_b) & (RTC_B_DM | RTC_B_24H)) != 0;
    rtc->reg_b = v;
    if (fmt_changed)
        rtc_store_century(rtc);
    rtc_update_irq(rtc);
}

static void rtc_write_reg(struct mc146818 *rtc, uint64_t now, unsigned reg,
                          uint8_t v)
{
    switch (reg) {
    case RTC_SECONDS_ALARM:
        rtc->alarm[0] = v;
        break;
    case RTC_MINUTES_ALARM:
        rtc->alarm[1] = v;
        break;
    case RTC_HOURS_ALARM:
        rtc->alarm[2] = v;
        break;
    case RTC_SECONDS:
    case RTC_MINUTES:
    case RTC_HOURS:
    case RTC_DAY_OF_WEEK:
    case RTC_DAY_OF_MONTH:
    case RTC_MONTH:
    case RTC_YEAR:
        rtc_write_time(rtc, reg, v);
        break;
    case RTC_REG_A:
        rtc_write_a(rtc, now, v);
        break;
    case RTC_REG_B:
        rtc_write_b(rtc, v);
        break;
    case RTC_REG_C:
    case RTC_REG_D:
        log_printf(rtc->log, LOG_GUEST_ERROR,
                   "mc146818: write 0x%02x to read-only register %c ignored\n",
                   v, reg == RTC_REG_C ? 'C' : 'D');
        break;
    default:
        rtc->ram[reg] = v;
        break;
    }
}

static uint32_t rtc_mmio_read(void *opaque, uint32_t offset, unsigned size)
{
    struct mc146818 *rtc = opaque;
    uint64_t now = vclock_now(rtc->clk);
    uint32_t v = 0;

    rtc_sync(rtc, now);
    for (unsigned i = 0; i < size; i++) {
        unsigned port = offset + i;
        uint8_t b = port == 1 ? rtc_read_reg(rtc, now, rtc->index) : 0xff;
        v |= (uint32_t)b << (8 * i);
    }
    return v;
}

static void rtc_mmio_write(void *opaque, uint32_t offset, uint32_t value,
                           unsigned size)
{
    struct mc146818 *rtc = opaque;
    uint64_t now = vclock_now(rtc->clk);

    rtc_sync(rtc, now);
    for (unsigned i = 0; i < size; i++) {
        unsigned port = offset + i;
        uint8_t b = (uint8_t)(value >> (8 * i));
        if (port == 0) {
            rtc->index = b & 0x7f;
            rtc->nmi_masked = (b & 0x80) != 0;
        } else if (port == 1) {
            rtc_write_reg(rtc, now, rtc->index, b);
        }
    }
}

const struct mmio_ops mc146818_mmio_ops = {
    .read = rtc_mmio_read,
    .write = rtc_mmio_write,
};
