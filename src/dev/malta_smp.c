/*
 * malta_smp.c - the CPU control block: start mailboxes and inter-processor
 * interrupts (registers in malta-smp.h, manual in docs/smp.md).
 */
#include "dev/malta_smp.h"

#include <string.h>

#include "log.h"

void malta_smp_init(struct malta_smp *s, unsigned ncpus, struct smp_cpu_lines lines,
                    struct log *log)
{
    memset(s, 0, sizeof *s);
    s->ncpus = ncpus > SMP_MAX_CPUS ? SMP_MAX_CPUS : ncpus;
    s->lines = lines;
    s->log = log;
}

static void smp_set_ipi(struct malta_smp *s, unsigned cpu, bool level)
{
    if (cpu >= s->ncpus)
        return;
    if (level)
        s->ipi_pending |= 1u << cpu;
    else
        s->ipi_pending &= ~(1u << cpu);
    if (s->lines.set_ipi)
        s->lines.set_ipi(s->lines.opaque, cpu, level);
}

void malta_smp_reset(struct malta_smp *s)
{
    memset(s->mailbox, 0, sizeof s->mailbox);
    for (unsigned i = 0; i < s->ncpus; i++)
        smp_set_ipi(s, i, false);
}

static uint32_t smp_read(void *opaque, uint32_t off, unsigned size)
{
    struct malta_smp *s = opaque;
    (void)size;
    if (off == SMP_CPU_COUNT)
        return s->ncpus;
    if (off == SMP_IPI_PENDING)
        return s->ipi_pending;
    if (off >= SMP_MAILBOX(0) && off < SMP_MAILBOX(SMP_MAX_CPUS) && (off & 0xf) < 0xc)
        return s->mailbox[(off - SMP_MAILBOX(0)) / 0x10][(off & 0xf) / 4];
    log_printf(s->log, LOG_UNIMP, "smp: read of register 0x%03x\n", off);
    return 0;
}

static void smp_write(void *opaque, uint32_t off, uint32_t value, unsigned size)
{
    struct malta_smp *s = opaque;
    (void)size;
    if (off == SMP_IPI_SEND || off == SMP_IPI_CLEAR) {
        if (value >= s->ncpus)
            log_printf(s->log, LOG_GUEST_ERROR, "smp: IPI for CPU %u, which does not exist\n", value);
        smp_set_ipi(s, value, off == SMP_IPI_SEND);
        return;
    }
    if (off >= SMP_MAILBOX(0) && off < SMP_MAILBOX(SMP_MAX_CPUS) && (off & 0xf) < 0xc) {
        s->mailbox[(off - SMP_MAILBOX(0)) / 0x10][(off & 0xf) / 4] = value;
        return;
    }
    log_printf(s->log, LOG_UNIMP, "smp: write of 0x%x to register 0x%03x\n", value, off);
}

const struct mmio_ops malta_smp_mmio_ops = { .read = smp_read, .write = smp_write };
