/*
 * malta_smp.h - the CPU control block of a multiprocessor Malta (see
 * malta-smp.h for the registers and docs/smp.md for the manual).
 */
#ifndef DISCO_MALTA_SMP_DEV_H
#define DISCO_MALTA_SMP_DEV_H

#include <stdbool.h>
#include <stdint.h>

#include "dev/malta-smp.h"
#include "mmu/bus.h"

struct log;

/* How the block reaches a CPU's IPI line. */
struct smp_cpu_lines {
    void (*set_ipi)(void *opaque, unsigned cpu, bool level);
    void *opaque;
};

struct malta_smp {
    unsigned ncpus;
    uint32_t mailbox[SMP_MAX_CPUS][3]; /* START_PC, START_SP, START_ARG */
    uint32_t ipi_pending;
    struct smp_cpu_lines lines;
    struct log *log;
};

void malta_smp_init(struct malta_smp *s, unsigned ncpus, struct smp_cpu_lines lines,
                    struct log *log);
void malta_smp_reset(struct malta_smp *s);

extern const struct mmio_ops malta_smp_mmio_ops;

#endif
