/*
 * i8254.c - the PIIX4's 8254 interval timer (Intel 8254 datasheet:
 * "Control Word Format", "Write Operations", "Read Operations" with the
 * Counter Latch and Read-Back commands and the Status Byte, "Mode
 * Definitions" 0-5 with their gate behaviour; PIIX4 datasheet for port
 * 0x61), computed lazily from the guest's virtual clock.
 *
 * Each counter's state is a function of d, the 1.193182 MHz clocks since
 * its counting element was last loaded:
 *
 *   mode 0  OUT low, high from d = N on                (interrupt on TC)
 *   mode 1  like mode 0 but started by a gate rising edge (one-shot)
 *   mode 2  OUT low while d mod N = N-1, else high      (rate generator)
 *   mode 3  OUT high for the first ceil(N/2) clocks of each period
 *   mode 4  OUT low only at d = N                       (software strobe)
 *   mode 5  like mode 4 but started by a gate rising edge
 *
 * A count is loaded one clock after it is written (null count meanwhile);
 * in modes 2 and 3 a count written while counting takes effect at the end
 * of the current period; a gate held low pauses modes 0 and 4 and stops
 * modes 2 and 3 with OUT high until its rising edge reloads them.  BCD
 * counting is supported.  Simplifications: a mode-3 count written while
 * counting waits for the end of the whole period rather than the
 * half-period; counts of 1 in modes 2 and 3 (illegal on the chip) count
 * as 2.
 */
#include "dev/i8254.h"

#include <stdlib.h>
#include <string.h>

#include "log.h"

#define CW_SC(v)   (((v) >> 6) & 3)
#define CW_RW(v)   (((v) >> 4) & 3)
#define CW_MODE(v) (((v) >> 1) & 7)
#define CW_BCD     0x01
#define RW_LATCH   0
#define RW_LSB     1
#define RW_MSB     2
#define RW_BOTH    3
#define RB_NOCOUNT  0x20 /* read-back: do not latch the count */
#define RB_NOSTATUS 0x10 /* read-back: do not latch the status */
#define STATUS_OUT  0x80
#define STATUS_NULL 0x40
#define REFRESH_CLOCKS 18 /* ~15 us, the PC's DRAM refresh period */

struct pit_chan {
    /* programming (control word) */
    uint8_t mode_bits;  /* as written, for the status byte */
    uint8_t mode;       /* 0..5 */
    uint8_t rw;
    bool bcd;
    bool gate;
    /* the count register, as written */
    uint8_t cr_lsb;
    bool lsb_written;   /* RW_BOTH: the LSB is in, the MSB is next */
    /* the counting element */
    bool counting;      /* a count is loaded (modes 1 and 5: triggered) */
    bool armed;         /* modes 1 and 5: a count waits for a trigger */
    uint32_t n;         /* the count being counted, 1..65536 (BCD 10000) */
    uint32_t n_next;    /* modes 1 and 5: the count the next trigger loads */
    uint64_t load;      /* the clock at which the element is (re)loaded */
    bool running;       /* false while the gate holds it */
    int64_t frozen_d;   /* d while held; -1 if the load has not happened */
    bool out_pre;       /* OUT until the load */
    uint32_t ctr_pre;   /* what the counter reads until the load */
    bool pending;       /* modes 2 and 3: a new count for the next period */
    uint32_t pending_n;
    uint64_t switch_at;
    /* the read side */
    bool count_latched;
    uint16_t latch;
    bool latch_msb_next;
    bool status_latched;
    uint8_t status;
    bool read_msb_next;
};

struct i8254 {
    const struct vclock *clk;
    struct irq_line irq0;
    struct log *log;
    struct pit_chan ch[3];
    uint8_t port61;     /* the writable bits 3..0 */
    uint64_t last;      /* clock of the last IRQ0 update */
    bool irq_level;
};

/* ---- one counter as a function of time ----------------------------------- */

static uint64_t pit_clock(const struct i8254 *pit, uint64_t now)
{
    return vclock_to_ticks(now, pit->clk->hz, I8254_FREQ);
}

static uint32_t chan_modulus(const struct pit_chan *c)
{
    return c->bcd ? 10000u : 65536u;
}

/* The period of modes 2 and 3, whose count of 1 is illegal. */
static uint32_t chan_period(const struct pit_chan *c)
{
    return c->n < 2 ? 2 : c->n;
}

/* A mode 2/3 count written during counting becomes current at the end of
 * the period it was written in. */
static void chan_normalize(struct pit_chan *c, uint64_t t)
{
    if (c->pending && t >= c->switch_at) {
        c->load = c->switch_at;
        c->n = c->pending_n;
        c->pending = false;
    }
}

/* Clocks counted since the load, or false when the element is not (yet)
 * counting and OUT/counter hold their pre-load values. */
static bool chan_d(const struct pit_chan *c, uint64_t t, uint64_t *d)
{
    if (!c->counting)
        return false;
    if (!c->running) {
        if (c->frozen_d < 0)
            return false;
        *d = (uint64_t)c->frozen_d;
        return true;
    }
    if (t < c->load)
        return false;
    *d = t - c->load;
    return true;
}

static bool chan_out(struct pit_chan *c, uint64_t t)
{
    uint64_t d;

    chan_normalize(c, t);
    if ((c->mode == 2 || c->mode == 3) && c->counting && !c->running)
        return true; /* gate low forces OUT high */
    if (!chan_d(c, t, &d))
        return c->out_pre;
    switch (c->mode) {
    case 0:
    case 1:
        return d >= c->n;
    case 2: {
        uint32_t n = chan_period(c);
        return d % n != n - 1;
    }
    case 3: {
        uint32_t n = chan_period(c);
        return d % n < (n + 1) / 2;
    }
    default: /* 4, 5 */
        return d != c->n;
    }
}

/* The counting element's value in binary (0 standing for the modulus). */
static uint32_t chan_counter(struct pit_chan *c, uint64_t t)
{
    uint64_t d;
    uint32_t m = chan_modulus(c);

    chan_normalize(c, t);
    if (!chan_d(c, t, &d))
        return c->ctr_pre;
    switch (c->mode) {
    case 2: {
        uint32_t n = chan_period(c);
        return (n - (uint32_t)(d % n)) % m;
    }
    case 3: {
        uint32_t n = chan_period(c);
        uint32_t p = (uint32_t)(d % n), half = (n + 1) / 2;
        uint32_t even = n & ~1u;
        uint32_t v = p < half ? even - 2 * p : even - 2 * (p - half);
        return v % m;
    }
    default: /* 0, 1, 4, 5 count down and wrap */
        return (uint32_t)(((uint64_t)(c->n % m) + m - d % m) % m);
    }
}

/* The first clock after t at which OUT rises, or UINT64_MAX. */
static uint64_t chan_next_rise(struct pit_chan *c, uint64_t t)
{
    chan_normalize(c, t);
    if (!c->counting || !c->running)
        return UINT64_MAX;
    uint64_t l = c->load;
    bool before = t < l;
    uint64_t d = before ? 0 : t - l;
    switch (c->mode) {
    case 0:
    case 1:
        return (before || d < c->n) ? l + c->n : UINT64_MAX;
    case 4:
    case 5:
        return (before || d < (uint64_t)c->n + 1) ? l + c->n + 1 : UINT64_MAX;
    default: { /* 2, 3: at the end of every period */
        uint32_t n = chan_period(c);
        uint64_t k = before ? 1 : d / n + 1;
        return l + k * n;
    }
    }
}

static bool chan_null_count(struct pit_chan *c, uint64_t t)
{
    chan_normalize(c, t);
    return !c->counting || c->pending || (c->running && t < c->load);
}

static uint16_t to_bcd(uint32_t v)
{
    return (uint16_t)((v % 10) | ((v / 10 % 10) << 4) | ((v / 100 % 10) << 8) |
                      ((v / 1000 % 10) << 12));
}

static uint32_t from_bcd(uint16_t v)
{
    return (uint32_t)(v & 0xf) + ((v >> 4) & 0xfu) * 10 +
           ((v >> 8) & 0xfu) * 100 + ((v >> 12) & 0xfu) * 1000;
}

/* The counter as the data port shows it. */
static uint16_t chan_read_value(struct pit_chan *c, uint64_t t)
{
    uint32_t v = chan_counter(c, t);
    return c->bcd ? to_bcd(v) : (uint16_t)v;
}

/* ---- programming ---------------------------------------------------------- */

static void chan_control(struct pit_chan *c, uint8_t v)
{
    c->mode_bits = (uint8_t)(CW_MODE(v) << 1);
    c->mode = CW_MODE(v) >= 6 ? (uint8_t)(CW_MODE(v) - 4) : (uint8_t)CW_MODE(v);
    c->rw = (uint8_t)CW_RW(v);
    c->bcd = (v & CW_BCD) != 0;
    c->counting = false;
    c->armed = false;
    c->pending = false;
    c->running = true;
    c->frozen_d = -1;
    c->out_pre = c->mode != 0; /* mode 0 starts low, the others high */
    c->ctr_pre = 0;
    c->lsb_written = false;
    c->count_latched = false;
    c->status_latched = false;
    c->read_msb_next = false;
}

/* Loads the element at clock t+1 (modes 0, 2, 3, 4). */
static void chan_start(struct pit_chan *c, uint64_t t, uint32_t n, bool out)
{
    c->ctr_pre = chan_counter(c, t);
    c->out_pre = out;
    c->n = n;
    c->counting = true;
    c->load = t + 1;
    c->running = c->gate;
    c->frozen_d = -1;
}

static void chan_write_count(struct pit_chan *c, uint64_t t, uint16_t cr)
{
    uint32_t n = c->bcd ? from_bcd(cr) : cr;
    if (n == 0)
        n = chan_modulus(c);

    chan_normalize(c, t);
    switch (c->mode) {
    case 0:
        chan_start(c, t, n, false);
        break;
    case 4:
        chan_start(c, t, n, true);
        break;
    case 1:
    case 5:
        c->n_next = n; /* used by the next trigger */
        c->armed = true;
        break;
    default: /* 2, 3 */
        if (!c->counting || (c->running && t < c->load)) {
            chan_start(c, t, n, true);
        } else if (!c->running) {
            c->n = n; /* the gate's rising edge will load it */
        } else {
            uint64_t d = t - c->load;
            uint32_t p = chan_period(c);
            c->pending = true;
            c->pending_n = n;
            c->switch_at = c->load + (d / p + 1) * p;
        }
        break;
    }
}

static void chan_write_data(struct pit_chan *c, uint64_t t, uint8_t v)
{
    switch (c->rw) {
    case RW_LSB:
        chan_write_count(c, t, v);
        break;
    case RW_MSB:
        chan_write_count(c, t, (uint16_t)(v << 8));
        break;
    case RW_BOTH:
        if (!c->lsb_written) {
            c->cr_lsb = v;
            c->lsb_written = true;
            if (c->mode == 0) {
                /* Mode 0: the first byte stops counting and drops OUT. */
                c->ctr_pre = chan_counter(c, t);
                c->counting = false;
                c->out_pre = false;
            }
        } else {
            c->lsb_written = false;
            chan_write_count(c, t, (uint16_t)(c->cr_lsb | (v << 8)));
        }
        break;
    }
}

static uint8_t chan_read_data(struct pit_chan *c, uint64_t t)
{
    if (c->status_latched) {
        c->status_latched = false;
        return c->status;
    }
    if (c->count_latched) {
        uint8_t v;
        if (c->rw == RW_MSB || (c->rw == RW_BOTH && c->latch_msb_next))
            v = (uint8_t)(c->latch >> 8);
        else
            v = (uint8_t)c->latch;
        if (c->rw == RW_BOTH && !c->latch_msb_next)
            c->latch_msb_next = true;
        else
            c->count_latched = false;
        return v;
    }
    uint16_t cur = chan_read_value(c, t);
    switch (c->rw) {
    case RW_MSB:
        return (uint8_t)(cur >> 8);
    case RW_BOTH: {
        bool msb = c->read_msb_next;
        c->read_msb_next = !msb;
        return msb ? (uint8_t)(cur >> 8) : (uint8_t)cur;
    }
    default:
        return (uint8_t)cur;
    }
}

static void chan_latch_count(struct pit_chan *c, uint64_t t)
{
    if (c->count_latched)
        return; /* further latches are ignored until it is read */
    c->latch = chan_read_value(c, t);
    c->count_latched = true;
    c->latch_msb_next = false;
}

static void chan_latch_status(struct pit_chan *c, uint64_t t)
{
    if (c->status_latched)
        return;
    c->status = (uint8_t)((chan_out(c, t) ? STATUS_OUT : 0) |
                          (chan_null_count(c, t) ? STATUS_NULL : 0) |
                          (c->rw << 4) | c->mode_bits | (c->bcd ? CW_BCD : 0));
    c->status_latched = true;
}

static void chan_set_gate(struct pit_chan *c, uint64_t t, bool gate)
{
    if (gate == c->gate)
        return;
    chan_normalize(c, t);
    switch (c->mode) {
    case 0:
    case 4:
        if (c->counting) {
            if (!gate && c->running) {
                c->frozen_d = t >= c->load ? (int64_t)(t - c->load) : -1;
                c->running = false;
            } else if (gate && !c->running) {
                c->load = c->frozen_d < 0 ? t + 1 : t - (uint64_t)c->frozen_d;
                c->running = true;
            }
        }
        break;
    case 1:
    case 5:
        if (gate && c->armed) { /* trigger */
            c->ctr_pre = chan_counter(c, t);
            c->out_pre = chan_out(c, t);
            c->n = c->n_next;
            c->counting = true;
            c->load = t + 1;
            c->running = true;
        }
        break;
    default: /* 2, 3 */
        if (c->counting) {
            if (!gate && c->running) {
                uint64_t d;
                c->frozen_d = chan_d(c, t, &d) ? (int64_t)d : -1;
                c->running = false;
                if (c->pending) {
                    c->n = c->pending_n;
                    c->pending = false;
                }
            } else if (gate && !c->running) {
                c->ctr_pre = chan_counter(c, t);
                c->out_pre = true;
                c->load = t + 1; /* reloaded by the rising edge */
                c->running = true;
            }
        }
        break;
    }
    c->gate = gate;
}

/* ---- the timer ------------------------------------------------------------ */

/* Brings IRQ0 up to date with counter 0 at clock t. */
static void pit_sync(struct i8254 *pit, uint64_t t)
{
    struct pit_chan *c0 = &pit->ch[0];
    bool rose = t > pit->last && chan_next_rise(c0, pit->last) <= t;
    bool level = chan_out(c0, t);

    if (rose) {
        if (pit->irq_level)
            irq_set(&pit->irq0, false);
        irq_set(&pit->irq0, true);
        pit->irq_level = true;
    }
    if (level != pit->irq_level) {
        irq_set(&pit->irq0, level);
        pit->irq_level = level;
    }
    if (t > pit->last)
        pit->last = t;
}

void i8254_reset(struct i8254 *pit)
{
    for (int i = 0; i < 3; i++) {
        struct pit_chan *c = &pit->ch[i];
        memset(c, 0, sizeof *c);
        c->gate = i != 2;
        chan_control(c, (uint8_t)((i << 6) | (RW_BOTH << 4)));
    }
    pit->port61 = 0;
    pit->last = pit_clock(pit, vclock_now(pit->clk));
    pit->irq_level = false;
    irq_set(&pit->irq0, false);
}

struct i8254 *i8254_create(const struct vclock *clk, struct irq_line irq0,
                           struct log *log)
{
    struct i8254 *pit = calloc(1, sizeof *pit);
    if (!pit)
        return NULL;
    pit->clk = clk;
    pit->irq0 = irq0;
    pit->log = log;
    i8254_reset(pit);
    return pit;
}

void i8254_destroy(struct i8254 *pit)
{
    free(pit);
}

uint64_t i8254_cycles_to_event(struct i8254 *pit, uint64_t now)
{
    uint64_t e = chan_next_rise(&pit->ch[0], pit->last);
    if (e == UINT64_MAX)
        return UINT64_MAX;
    uint64_t at = vclock_to_cycles(e, pit->clk->hz, I8254_FREQ);
    return at <= now ? 0 : at - now;
}

void i8254_update(struct i8254 *pit, uint64_t now)
{
    pit_sync(pit, pit_clock(pit, now));
}

bool i8254_out(struct i8254 *pit, unsigned counter)
{
    if (counter > 2)
        return false;
    return chan_out(&pit->ch[counter], pit_clock(pit, vclock_now(pit->clk)));
}

/* ---- register accesses --------------------------------------------------- */

static void pit_write_control(struct i8254 *pit, uint64_t t, uint8_t v)
{
    if (CW_SC(v) == 3) { /* read-back command */
        for (unsigned i = 0; i < 3; i++) {
            if (!(v & (2u << i)))
                continue;
            if (!(v & RB_NOSTATUS))
                chan_latch_status(&pit->ch[i], t);
            if (!(v & RB_NOCOUNT))
                chan_latch_count(&pit->ch[i], t);
        }
        return;
    }
    struct pit_chan *c = &pit->ch[CW_SC(v)];
    if (CW_RW(v) == RW_LATCH) {
        chan_latch_count(c, t);
        return;
    }
    chan_control(c, v);
    log_printf(pit->log, LOG_DEV, "i8254: counter %u mode %u%s%s\n",
               CW_SC(v), c->mode, c->rw == RW_BOTH ? ", LSB then MSB" :
               c->rw == RW_LSB ? ", LSB only" : ", MSB only",
               c->bcd ? ", BCD" : "");
}

static uint8_t pit_read_byte(struct i8254 *pit, uint64_t t, unsigned port)
{
    if (port < 3)
        return chan_read_data(&pit->ch[port], t);
    if (port == 3) {
        log_printf(pit->log, LOG_GUEST_ERROR,
                   "i8254: read of the write-only control word register\n");
        return 0xff;
    }
    return 0xff;
}

static void pit_write_byte(struct i8254 *pit, uint64_t t, unsigned port,
                           uint8_t v)
{
    if (port < 3)
        chan_write_data(&pit->ch[port], t, v);
    else if (port == 3)
        pit_write_control(pit, t, v);
}

static uint32_t pit_mmio_read(void *opaque, uint32_t offset, unsigned size)
{
    struct i8254 *pit = opaque;
    uint64_t t = pit_clock(pit, vclock_now(pit->clk));
    uint32_t v = 0;

    pit_sync(pit, t);
    for (unsigned i = 0; i < size; i++)
        v |= (uint32_t)pit_read_byte(pit, t, offset + i) << (8 * i);
    return v;
}

static void pit_mmio_write(void *opaque, uint32_t offset, uint32_t value,
                           unsigned size)
{
    struct i8254 *pit = opaque;
    uint64_t t = pit_clock(pit, vclock_now(pit->clk));

    pit_sync(pit, t); /* deliver what happened under the old programming */
    for (unsigned i = 0; i < size; i++)
        pit_write_byte(pit, t, offset + i, (uint8_t)(value >> (8 * i)));
    pit_sync(pit, t);
}

static uint32_t port61_read(void *opaque, uint32_t offset, unsigned size)
{
    struct i8254 *pit = opaque;
    uint64_t t = pit_clock(pit, vclock_now(pit->clk));
    (void)size;

    if (offset != 0)
        return 0xff;
    pit_sync(pit, t);
    uint8_t v = pit->port61;
    if ((t / REFRESH_CLOCKS) & 1)
        v |= PORT61_REFRESH;
    if (chan_out(&pit->ch[2], t))
        v |= PORT61_OUT2;
    return v;
}

static void port61_write(void *opaque, uint32_t offset, uint32_t value,
                         unsigned size)
{
    struct i8254 *pit = opaque;
    uint64_t t = pit_clock(pit, vclock_now(pit->clk));
    (void)size;

    if (offset != 0)
        return;
    pit_sync(pit, t);
    pit->port61 = (uint8_t)(value & 0x0f);
    chan_set_gate(&pit->ch[2], t, (value & PORT61_GATE2) != 0);
    pit_sync(pit, t);
}

const struct mmio_ops i8254_mmio_ops = {
    .read = pit_mmio_read,
    .write = pit_mmio_write,
};

const struct mmio_ops i8254_port61_mmio_ops = {
    .read = port61_read,
    .write = port61_write,
};
