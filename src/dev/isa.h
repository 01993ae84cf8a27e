/*
 * isa.h - the ISA I/O port space behind the PIIX4 (reached on Malta
 * through the GT-64120's PCI I/O window at physical 0x18000000): a table
 * of port ranges, each handled by a device, and what a PC bus does for
 * the rest - reads float high (all ones), writes go nowhere.  Linux
 * probes ports no device answers (COM2, the DMA controller), so an
 * unclaimed port must never be a bus error.
 */
#ifndef DISCO_ISA_H
#define DISCO_ISA_H

#include <stdbool.h>
#include <stdint.h>

#include "mmu/bus.h"

#define ISA_MAX_RANGES 32
#define ISA_IO_SIZE 0x200000u /* the 2 MB PCI I/O window */

struct isa_range {
    const char *name;
    uint32_t base, len;  /* len 0: disabled */
    const struct mmio_ops *ops;
    void *opaque;        /* offsets passed to ops are relative to base */
};

struct isa_bus {
    unsigned n;
    struct isa_range range[ISA_MAX_RANGES];
    struct log *log;
};

void isa_init(struct isa_bus *isa, struct log *log);
/* false when the table is full */
bool isa_add(struct isa_bus *isa, const char *name, uint32_t base,
             uint32_t len, const struct mmio_ops *ops, void *opaque);
/* Moves (or, with len 0, disables) the range registered with opaque. */
void isa_move(struct isa_bus *isa, void *opaque, uint32_t base, uint32_t len);

/* The whole port space as one MMIO region: offset = port. */
extern const struct mmio_ops isa_bus_mmio_ops;

#endif
