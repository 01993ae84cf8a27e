/*
 * piix4_pm.c - PIIX4 power-management registers (see piix4_pm.h).
 * Registers not listed read as 0 and ignore writes (logged as unimp).
 */
#include "dev/piix4_pm.h"

#include "dev/vclock.h"
#include "log.h"

#define PM_PMSTS 0x00
#define PM_PMEN 0x02
#define PM_PMCNTRL 0x04
#define PM_PMTMR 0x08
#define PMCNTRL_SUS_EN 0x2000
#define PMCNTRL_SUS_TYP_SHIFT 10
#define PMCNTRL_SUS_TYP_MASK 0x1c00
#define PMTMR_HZ 3579545u /* the ACPI timer's 3.579545 MHz */

void piix4_pm_init(struct piix4_pm *pm, const struct vclock *clock,
                   struct board_hooks hooks, struct log *log)
{
    pm->clock = clock;
    pm->hooks = hooks;
    pm->log = log;
    piix4_pm_reset(pm);
}

void piix4_pm_reset(struct piix4_pm *pm)
{
    pm->pmsts = 0;
    pm->pmen = 0;
    pm->pmcntrl = 0;
}

static uint32_t pm_read(void *opaque, uint32_t off, unsigned size)
{
    struct piix4_pm *pm = opaque;
    uint32_t v;
    switch (off & ~1u) {
    case PM_PMSTS: v = pm->pmsts; break;
    case PM_PMEN: v = pm->pmen; break;
    case PM_PMCNTRL: v = pm->pmcntrl; break;
    case PM_PMTMR:
    case PM_PMTMR + 2:
        v = (uint32_t)vclock_to_ticks(vclock_now(pm->clock), pm->clock->hz, PMTMR_HZ) & 0xffffff;
        return (v >> (8 * (off - PM_PMTMR))) & (size == 4 ? 0xffffffffu : (1u << (8 * size)) - 1);
    default:
        log_printf(pm->log, LOG_UNIMP, "piix4-pm: read of register 0x%02x\n", off);
        return 0;
    }
    if (off & 1)
        v >>= 8;
    return size == 1 ? (v & 0xff) : v;
}

static void pm_write(void *opaque, uint32_t off, uint32_t value, unsigned size)
{
    struct piix4_pm *pm = opaque;
    (void)size;
    switch (off) {
    case PM_PMSTS:
        pm->pmsts &= (uint16_t)~value; /* write one to clear */
        break;
    case PM_PMEN:
        pm->pmen = (uint16_t)value;
        break;
    case PM_PMCNTRL:
        pm->pmcntrl = (uint16_t)(value & ~PMCNTRL_SUS_EN);
        if ((value & PMCNTRL_SUS_EN) &&
            ((value & PMCNTRL_SUS_TYP_MASK) >> PMCNTRL_SUS_TYP_SHIFT) == 0) {
            log_printf(pm->log, LOG_DEV, "piix4-pm: soft off\n");
            if (pm->hooks.request)
                pm->hooks.request(pm->hooks.opaque, BOARD_REQ_POWEROFF);
        }
        break;
    default:
        log_printf(pm->log, LOG_UNIMP, "piix4-pm: write of 0x%x to register 0x%02x\n",
                   value, off);
        break;
    }
}

const struct mmio_ops piix4_pm_mmio_ops = { .read = pm_read, .write = pm_write };
