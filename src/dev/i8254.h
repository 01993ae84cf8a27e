/*
 * i8254.h - the Intel 8254 programmable interval timer of the PIIX4 south
 * bridge (Intel 8254 datasheet; PIIX4 datasheet, "Counter/Timer
 * Registers" and "NMI Status and Control Register"), counting at
 * 1.193182 MHz in guest virtual time.
 *
 * Counters 0..2 and the control word register answer at ISA I/O
 * 0x40..0x43.  Counter 0's OUT drives IRQ0 of the i8259 (an irq_line);
 * counters 0 and 1 have their gates tied high; counter 2's gate is bit 0
 * of the NMI status and control register at I/O 0x61, whose bit 5 reads
 * back OUT2 (and bit 4 the ~15 us refresh toggle), as PC software uses it
 * for calibration.
 *
 * Timing follows struct vclock (dev/vclock.h): nothing runs between
 * accesses; the machine asks i8254_cycles_to_event when IRQ0 next rises
 * and calls i8254_update to deliver it.
 */
#ifndef DISCO_I8254_H
#define DISCO_I8254_H

#include <stdbool.h>
#include <stdint.h>

#include "dev/dev.h"
#include "dev/vclock.h"
#include "mmu/bus.h"

#define I8254_IO        0x40u /* counter 0, 1, 2, control word */
#define I8254_IO_SIZE   4u
#define I8254_PORT61_IO 0x61u /* NMI status and control */
#define I8254_FREQ      1193182u

#define PORT61_GATE2    0x01 /* RW: counter 2 gate */
#define PORT61_SPKR     0x02 /* RW: speaker data enable */
#define PORT61_SERR_DIS 0x04 /* RW: PCI SERR# NMI disable */
#define PORT61_IOCHK_DIS 0x08 /* RW: IOCHK# NMI disable */
#define PORT61_REFRESH  0x10 /* R:  refresh cycle toggle */
#define PORT61_OUT2     0x20 /* R:  counter 2 OUT */
#define PORT61_IOCHK    0x40 /* R:  IOCHK# NMI source (always 0) */
#define PORT61_SERR     0x80 /* R:  SERR# NMI source (always 0) */

struct log;
struct i8254;

/* clk must outlive the timer.  irq0 is counter 0's OUT.  Returns NULL only
 * when out of memory.  The new timer is reset. */
struct i8254 *i8254_create(const struct vclock *clk, struct irq_line irq0,
                           struct log *log);
void i8254_destroy(struct i8254 *pit);
/* Power-on state: every counter unprogrammed (mode 0 selected, no count,
 * OUT low), gate 2 low, port 0x61 cleared, IRQ0 low. */
void i8254_reset(struct i8254 *pit);

/* Cycles from now until counter 0's OUT next rises (IRQ0 is edge-
 * triggered, so only rising edges are events; a falling edge is applied
 * at the next access or update), 0 if overdue, UINT64_MAX if never. */
uint64_t i8254_cycles_to_event(struct i8254 *pit, uint64_t now);
/* Drives IRQ0 for everything up to now: a rising edge that happened since
 * the last update is delivered as a low-high transition even when OUT is
 * high both times (mode 2 pulses low for one 838 ns clock). */
void i8254_update(struct i8254 *pit, uint64_t now);

/* A counter's OUT (0..2) at the clock's current time. */
bool i8254_out(struct i8254 *pit, unsigned counter);

/* Offsets 0..3 from I8254_IO; byte registers, a wider access is split
 * into byte accesses at consecutive ports. */
extern const struct mmio_ops i8254_mmio_ops;
/* The single byte at I8254_PORT61_IO. */
extern const struct mmio_ops i8254_port61_mmio_ops;

#endif
