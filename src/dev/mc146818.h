/*
 * mc146818.h - the Motorola MC146818A real-time clock and CMOS RAM of the
 * PIIX4 south bridge (MC146818A datasheet; PIIX4 datasheet, "Real Time
 * Clock Registers"), index port at ISA I/O 0x70 (bit 7 of a write is the
 * PIIX4's NMI mask) and data port at 0x71.
 *
 * The time of day starts from a time_t given at creation - the machine
 * passes the host's time by default, or a fixed one for reproducible runs
 * - and from then on advances with guest virtual time only (dev/vclock.h).
 * The time_t is read as the clock's own calendar time, without any time
 * zone (Linux keeps the Malta RTC in UTC).  The divider chain runs off a
 * 32.768 kHz time base derived from the virtual clock: the update-in-
 * progress bit (UIP, register A bit 7) is set for 244 us (8 ticks) before
 * each second's update, and the time registers change as it falls, which
 * is what Linux's Malta CPU frequency estimate counts on.
 *
 * IRQ output: IRQ8 (slave i8259 input 0), asserted while register C's IRQF
 * is set (periodic, alarm and update-ended interrupts); reading register C
 * clears it.
 */
#ifndef DISCO_MC146818_H
#define DISCO_MC146818_H

#include <stdbool.h>
#include <stdint.h>
#include <time.h>

#include "dev/dev.h"
#include "dev/vclock.h"
#include "mmu/bus.h"

#define MC146818_IO      0x70u /* index (write), data at +1 */
#define MC146818_IO_SIZE 2u
#define MC146818_FREQ    32768u

/* Register indices. */
#define RTC_SECONDS       0x00
#define RTC_SECONDS_ALARM 0x01
#define RTC_MINUTES       0x02
#define RTC_MINUTES_ALARM 0x03
#define RTC_HOURS         0x04
#define RTC_HOURS_ALARM   0x05
#define RTC_DAY_OF_WEEK   0x06 /* 1 = Sunday */
#define RTC_DAY_OF_MONTH  0x07
#define RTC_MONTH         0x08
#define RTC_YEAR          0x09 /* two digits */
#define RTC_REG_A         0x0a
#define RTC_REG_B         0x0b
#define RTC_REG_C         0x0c
#define RTC_REG_D         0x0d
#define RTC_RAM_FIRST     0x0e /* 114 bytes of CMOS RAM follow */
#define RTC_CENTURY       0x32 /* the PC's century byte, kept up to date */
#define RTC_NREGS         0x80

#define RTC_A_UIP    0x80 /* R: update in progress (within 244 us) */
#define RTC_A_DV     0x70 /* divider: 0x20 = 32.768 kHz, 0x60/0x70 = reset */
#define RTC_A_DV_32K 0x20
#define RTC_A_RS     0x0f /* periodic rate: 0 off, else 65536 >> RS Hz */
#define RTC_B_SET    0x80 /* updates inhibited, time may be set */
#define RTC_B_PIE    0x40
#define RTC_B_AIE    0x20
#define RTC_B_UIE    0x10
#define RTC_B_SQWE   0x08
#define RTC_B_DM     0x04 /* 1 = binary, 0 = BCD */
#define RTC_B_24H    0x02
#define RTC_B_DSE    0x01
#define RTC_C_IRQF   0x80
#define RTC_C_PF     0x40
#define RTC_C_AF     0x20
#define RTC_C_UF     0x10
#define RTC_D_VRT    0x80

struct log;
struct mc146818;

/* clk must outlive the RTC.  irq is the IRQ output (IRQ8).  start is the
 * time of day at the clock's current cycle; the first update (second
 * tick) comes exactly one guest second later.  Registers start as QEMU's
 * do: A = 0x26 (32.768 kHz, 1024 Hz periodic rate), B = 0x02 (24-hour,
 * BCD), C = 0, D = 0x80; the CMOS RAM is zero but for the century byte.
 * Returns NULL only when out of memory. */
struct mc146818 *mc146818_create(const struct vclock *clk, time_t start,
                                 struct irq_line irq, struct log *log);
void mc146818_destroy(struct mc146818 *rtc);
/* The RESET pin (datasheet "RESET"): clears PIE, AIE, UIE and SQWE and
 * every flag in register C, releasing IRQ; time, RAM and the rest of the
 * registers are kept. */
void mc146818_reset(struct mc146818 *rtc);

/* Cycles until the IRQ output next needs to rise (the next periodic tick
 * with PIE set, the next second's update with UIE or AIE set), 0 if
 * overdue, UINT64_MAX if never - also while IRQ is already asserted, as
 * it stays so until the guest reads register C. */
uint64_t mc146818_cycles_to_event(struct mc146818 *rtc, uint64_t now);
/* Sets the flags that came due by now and drives IRQ. */
void mc146818_update(struct mc146818 *rtc, uint64_t now);

/* The time the clock shows at the clock's current cycle. */
time_t mc146818_time(struct mc146818 *rtc);
/* Bit 7 of the last index write (PIIX4: 1 = NMI disabled). */
bool mc146818_nmi_masked(const struct mc146818 *rtc);

/* Offset 0: index (reads 0xff, as the PIIX4's write-only port), offset 1:
 * data.  A wider access is split into byte accesses. */
extern const struct mmio_ops mc146818_mmio_ops;

#endif
