/*
 * piix4_pm.h - the power-management I/O registers of the PIIX4 (Intel
 * 82371AB datasheet, "Power Management Registers"): PMSTS, PMEN, PMCNTRL
 * and the 24-bit ACPI power-management timer.  Writing PMCNTRL with SUS_EN
 * and suspend type 0 (soft off) powers the board off, which is how
 * Linux's piix4-poweroff driver ends a Malta.  The registers sit at the
 * port base that PCI function 3's PMBA register names; the board moves
 * them when software writes PMBA.
 */
#ifndef DISCO_PIIX4_PM_H
#define DISCO_PIIX4_PM_H

#include <stdint.h>

#include "dev/dev.h"
#include "mmu/bus.h"

#define PIIX4_PM_SIZE 64
#define PIIX4_PMBA 0x40        /* function 3 config: PM base address (bit 0 = I/O) */
#define PIIX4_PMREGMISC 0x80   /* function 3 config: bit 0 = PM I/O space enabled */

struct vclock;
struct log;

struct piix4_pm {
    const struct vclock *clock;
    struct board_hooks hooks;
    struct log *log;
    uint16_t pmsts, pmen, pmcntrl;
};

void piix4_pm_init(struct piix4_pm *pm, const struct vclock *clock,
                   struct board_hooks hooks, struct log *log);
void piix4_pm_reset(struct piix4_pm *pm);

extern const struct mmio_ops piix4_pm_mmio_ops;

#endif
