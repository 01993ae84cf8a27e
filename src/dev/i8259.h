/*
 * i8259.h - the two cascaded Intel 8259A programmable interrupt
 * controllers of the PIIX4 south bridge (Intel 8259A datasheet; Intel
 * 82371AB PIIX4 datasheet, "Interrupt Controller Registers" and ELCR), as
 * Linux's arch/mips/kernel/i8259.c programs them on the Malta board.
 *
 * The master answers at ISA I/O 0x20/0x21, the slave at 0xa0/0xa1 and is
 * cascaded on the master's IR2; the edge/level control registers (ELCR1,
 * ELCR2) sit at 0x4d0/0x4d1.  Inputs 0..15 are driven by devices through
 * irq_set (i8259_input gives the irq_line for one of them); the master's
 * INT output goes to one irq_line (on Malta: CPU hardware interrupt 0, i.e.
 * Cause.IP2).  i8259_acknowledge performs the INTA cycle that the
 * GT-64120's PCI interrupt-acknowledge register triggers.
 */
#ifndef DISCO_I8259_H
#define DISCO_I8259_H

#include <stdbool.h>
#include <stdint.h>

#include "dev/dev.h"
#include "mmu/bus.h"

#define I8259_MASTER_IO 0x20u  /* command (ICW1/OCW2/OCW3), data (ICW2-4/OCW1) */
#define I8259_SLAVE_IO  0xa0u
#define I8259_ELCR_IO   0x4d0u /* ELCR1 (IRQ0-7), ELCR2 (IRQ8-15) */
#define I8259_IO_SIZE   2u
#define I8259_ELCR_SIZE 2u
#define I8259_CASCADE_IRQ 2u
#define I8259_NUM_IRQS 16u

struct log;
struct i8259;

/* Returns NULL only when out of memory.  intr is the master's INT output.
 * The new pair is reset. */
struct i8259 *i8259_create(struct irq_line intr, struct log *log);
void i8259_destroy(struct i8259 *pic);
/* Hardware reset: both chips uninitialised with every input masked (IMR
 * 0xff), nothing requested or in service, ELCR all edge.  The input lines
 * keep their levels (they are wires driven by the devices). */
void i8259_reset(struct i8259 *pic);

/* Drives input irq (0..15; 2 is the cascade and is ignored) to level.
 * Edge-triggered inputs latch a request on a rising edge, which stays
 * requested until acknowledged even if the line falls again; level
 * inputs request exactly while high. */
void i8259_set_irq(struct i8259 *pic, unsigned irq, bool level);
/* The irq_line a device drives input irq through. */
struct irq_line i8259_input(struct i8259 *pic, unsigned irq);

/* The INTA cycle: returns the vector of the highest-priority unmasked
 * request (ICW2 base | level, through the slave for IR2) and moves it
 * from IRR to ISR (not in auto-EOI mode).  With nothing to deliver it
 * returns the spurious vector for IR7 of the master (base | 7) or, when
 * the request through IR2 has gone, of the slave (slave base | 7), without
 * setting that ISR bit, as the chips do.  Linux programs the bases 0 and 8,
 * so the vector is the IRQ number 0..15. */
uint8_t i8259_acknowledge(struct i8259 *pic);

/* The master's INT output as last driven. */
bool i8259_output(const struct i8259 *pic);

/* Register contents, for tests and the debugger: index 0 = master,
 * 1 = slave. */
struct i8259_state {
    uint8_t irr[2], isr[2], imr[2], elcr[2], base[2];
};
void i8259_get_state(const struct i8259 *pic, struct i8259_state *st);

/* Offsets 0 (command) and 1 (data) of the master at I8259_MASTER_IO and
 * the slave at I8259_SLAVE_IO; offsets 0 and 1 of the ELCR pair at
 * I8259_ELCR_IO.  A wider access is split into byte accesses at
 * consecutive ports, as the ISA bus does. */
extern const struct mmio_ops i8259_master_mmio_ops;
extern const struct mmio_ops i8259_slave_mmio_ops;
extern const struct mmio_ops i8259_elcr_mmio_ops;

#endif
