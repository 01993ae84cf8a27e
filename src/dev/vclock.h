/*
 * vclock.h - the guest's virtual clock as timed devices see it (DESIGN.md,
 * "Time"): a cycle count the machine advances as it executes, and how many
 * cycles make a guest second.  Devices never read host time for anything
 * the guest can observe; they derive their state from now() when accessed
 * and tell the machine when they next need to change an interrupt line.
 *
 * A timed device <dev> takes a `const struct vclock *` at creation (the
 * clock must outlive it) and exports
 *
 *   uint64_t <dev>_cycles_to_event(struct <dev> *, uint64_t now);
 *       cycles from now until the device next needs to change an
 *       interrupt line, 0 if that is overdue, UINT64_MAX if never;
 *   void <dev>_update(struct <dev> *, uint64_t now);
 *       raise/lower the lines for the events that came due by now.
 *
 * The helpers below convert between cycles and the ticks of a device's own
 * oscillator (the PIT's 1.193182 MHz, the RTC's 32.768 kHz) exactly, with
 * no drift and no 128-bit arithmetic: they are exact while hz and the tick
 * frequency are below 2^40 and 2^22.
 */
#ifndef DISCO_VCLOCK_H
#define DISCO_VCLOCK_H

#include <stdint.h>

struct vclock {
    uint64_t (*now)(void *opaque); /* the machine's current cycle count */
    void *opaque;
    uint64_t hz;                   /* cycles per guest second */
};

static inline uint64_t vclock_now(const struct vclock *clk)
{
    return clk->now(clk->opaque);
}

/* Whole ticks of a freq Hz oscillator in `cycles` cycles:
 * floor(cycles * freq / hz). */
static inline uint64_t vclock_to_ticks(uint64_t cycles, uint64_t hz,
                                       uint64_t freq)
{
    return (cycles / hz) * freq + ((cycles % hz) * freq) / hz;
}

/* The first cycle count (from the same origin) at which `ticks` ticks have
 * elapsed: ceil(ticks * hz / freq), the inverse of vclock_to_ticks. */
static inline uint64_t vclock_to_cycles(uint64_t ticks, uint64_t hz,
                                        uint64_t freq)
{
    return (ticks / freq) * hz + ((ticks % freq) * hz + freq - 1) / freq;
}

#endif
