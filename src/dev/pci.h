/*
 * pci.h - a minimal conventional PCI bus (PCI Local Bus Specification 2.2,
 * chapter 6 "Configuration Space"): functions with 256-byte configuration
 * spaces, reached by configuration cycles whose address has the type-1
 * layout (bus 23..16, device 15..11, function 10..8, register 7..0), and
 * the four functions of the Intel 82371AB PIIX4 south bridge that sit on
 * the Malta's bus 0 at device 10, with the contents Linux's quirks and
 * QEMU's Malta show (PIIX4 datasheet, "PCI Configuration Registers" of
 * functions 0..3).
 *
 * A function is a struct pci_func owned by its device model, which fills
 * it with pci_func_init, pci_func_set_bar and direct stores into config[],
 * wmask[] and w1cmask[], and attaches it with pci_bus_attach.  BAR sizing
 * works as on hardware through the write masks: writing all ones and
 * reading back gives ~(size - 1) plus the type bits.  Only bus 0 exists;
 * a cycle to an empty slot, a missing function or another bus number is a
 * master abort that reads all ones.
 */
#ifndef DISCO_PCI_H
#define DISCO_PCI_H

#include <stdbool.h>
#include <stdint.h>

#include "dev/dev.h"

/* Type-0 header offsets. */
#define PCI_VENDOR_ID       0x00
#define PCI_DEVICE_ID       0x02
#define PCI_COMMAND         0x04
#define PCI_STATUS          0x06
#define PCI_REVISION_ID     0x08
#define PCI_CLASS_PROG      0x09
#define PCI_CLASS_DEVICE    0x0a /* sub-class, base class */
#define PCI_CACHE_LINE_SIZE 0x0c
#define PCI_LATENCY_TIMER   0x0d
#define PCI_HEADER_TYPE     0x0e
#define PCI_BASE_ADDRESS_0  0x10 /* six BARs, 4 bytes apart */
#define PCI_SUBSYSTEM_VENDOR_ID 0x2c
#define PCI_ROM_ADDRESS     0x30
#define PCI_INTERRUPT_LINE  0x3c
#define PCI_INTERRUPT_PIN   0x3d /* 1 = INTA# .. 4 = INTD# */

#define PCI_COMMAND_IO       0x0001
#define PCI_COMMAND_MEMORY   0x0002
#define PCI_COMMAND_MASTER   0x0004
#define PCI_COMMAND_SPECIAL  0x0008
#define PCI_COMMAND_PARITY   0x0040
#define PCI_COMMAND_SERR     0x0100
#define PCI_STATUS_FAST_BACK 0x0080
#define PCI_STATUS_DEVSEL_MEDIUM 0x0200
#define PCI_HEADER_MULTI     0x80
#define PCI_BAR_IO           0x01 /* I/O space BAR */
#define PCI_BAR_PREFETCH     0x08 /* prefetchable memory BAR */

#define PCI_CONFIG_SIZE 256
#define PCI_MAX_DEVICES 32
#define PCI_MAX_FUNCTIONS 8

/* A configuration cycle's address: bus, device, function, byte offset. */
#define PCI_CONFIG_ADDR(bus, dev, fn, off)                                  \
    ((((uint32_t)(bus) & 0xff) << 16) | (((uint32_t)(dev) & 0x1f) << 11) |  \
     (((uint32_t)(fn) & 7) << 8) | ((uint32_t)(off) & 0xff))

struct log;
struct pci_bus;

struct pci_func {
    const char *name;                /* for logs */
    uint8_t config[PCI_CONFIG_SIZE];
    uint8_t wmask[PCI_CONFIG_SIZE];  /* bits software may write */
    uint8_t w1cmask[PCI_CONFIG_SIZE]; /* bits a written 1 clears */
    /* Called after every configuration write, with the access's offset and
     * size, once config[] holds the new bytes; may be NULL. */
    void (*written)(struct pci_func *f, unsigned offset, unsigned size);
    void *opaque;                    /* for the owner's hooks */
};

/* Clears f and fills the identity and the registers every function has:
 * command (I/O, memory, master, parity, SERR writable), status (error
 * bits write-1-to-clear), cache line size, latency timer and interrupt
 * line writable.  class is base << 16 | sub << 8 | prog-if. */
void pci_func_init(struct pci_func *f, const char *name, uint16_t vendor,
                   uint16_t device, uint8_t revision, uint32_t class,
                   uint8_t header_type);
/* Makes BAR n (0..5) a BAR of size bytes (a power of two, at least 4 for
 * I/O and 16 for memory) with type bits flags (PCI_BAR_IO or memory, with
 * PCI_BAR_PREFETCH), at address addr. */
void pci_func_set_bar(struct pci_func *f, unsigned n, uint32_t size,
                      uint32_t flags, uint32_t addr);

static inline uint16_t pci_get_word(const struct pci_func *f, unsigned off)
{
    return (uint16_t)(f->config[off] | (f->config[off + 1] << 8));
}

static inline uint32_t pci_get_long(const struct pci_func *f, unsigned off)
{
    return (uint32_t)f->config[off] | ((uint32_t)f->config[off + 1] << 8) |
           ((uint32_t)f->config[off + 2] << 16) |
           ((uint32_t)f->config[off + 3] << 24);
}

static inline void pci_set_word(struct pci_func *f, unsigned off, uint16_t v)
{
    f->config[off] = (uint8_t)v;
    f->config[off + 1] = (uint8_t)(v >> 8);
}

static inline void pci_set_long(struct pci_func *f, unsigned off, uint32_t v)
{
    for (unsigned i = 0; i < 4; i++)
        f->config[off + i] = (uint8_t)(v >> (8 * i));
}

/* Returns NULL only when out of memory.  The bus does not own the
 * functions attached to it. */
struct pci_bus *pci_bus_create(struct log *log);
void pci_bus_destroy(struct pci_bus *bus);
/* Puts f at bus 0, device dev, function fn; false if taken or invalid. */
bool pci_bus_attach(struct pci_bus *bus, unsigned dev, unsigned fn,
                    struct pci_func *f);
/* Removes whatever is at device dev, function fn. */
void pci_bus_detach(struct pci_bus *bus, unsigned dev, unsigned fn);
/* The function at bus 0, device dev, function fn, or NULL. */
struct pci_func *pci_bus_function(struct pci_bus *bus, unsigned dev,
                                  unsigned fn);

/* Configuration cycles of size 1, 2 or 4 (the low address bits select
 * the bytes, which must not cross the dword).  Both return false on a
 * master abort, a read then giving all ones. */
bool pci_config_read(struct pci_bus *bus, uint32_t addr, unsigned size,
                     uint32_t *value);
bool pci_config_write(struct pci_bus *bus, uint32_t addr, unsigned size,
                      uint32_t value);

/* ---- the PIIX4 ------------------------------------------------------------ */

#define PCI_MALTA_PIIX4_DEV 10 /* the PIIX4's device number on Malta */

#define PIIX4_PIRQRC     0x60 /* function 0: PIRQA..D routing, 4 bytes */
#define PIIX4_PIRQ_DISABLE 0x80
#define PIIX4_PIRQ_IRQ   0x0f
#define PIIX4_TOM        0x69
#define PIIX4_DLC        0x82
#define PIIX4_GENCFG     0xb0
#define PIIX4_SERIRQC    0x64
#define PIIX4_PMBA       0x40 /* function 3: PM I/O base */
#define PIIX4_PMREGMISC  0x80
#define PIIX4_SMBBA      0x90 /* function 3: SMBus I/O base */
#define PIIX4_SMBHSTCFG  0xd2

struct pci_piix4;

/* Creates the four PIIX4 functions and attaches them to bus at device
 * dev: 0 PCI-to-ISA bridge (8086:7110, multi-function), 1 IDE (8086:7111,
 * legacy mode, bus-master BAR4 of 16 bytes), 2 USB UHCI (8086:7112, BAR4
 * of 32 bytes, INTD#), 3 power management (8086:7113; the ACPI (PMBA) and
 * SMBus (SMBBA) bases read 0, i.e. unassigned, so Linux's quirks claim
 * nothing and no driver touches those registers).  Nothing decodes behind
 * the IDE and USB BARs.  isa_irqs, when not NULL, are the 16 ISA
 * interrupt inputs (the i8259's) that PIRQ routing drives.  Returns NULL
 * when out of memory or when the slot is taken. */
struct pci_piix4 *pci_piix4_create(struct pci_bus *bus, unsigned dev,
                                   const struct irq_line *isa_irqs,
                                   struct log *log);
/* Detaches the functions from the bus and frees them. */
void pci_piix4_destroy(struct pci_piix4 *piix4);
/* Configuration registers back to their reset values (PIRQs disabled). */
void pci_piix4_reset(struct pci_piix4 *piix4);
/* The ISA IRQ PIRQ pirq (0..3 = A..D) is routed to, or -1 when disabled
 * or routed to a reserved IRQ (0, 1, 2, 8, 13). */
int pci_piix4_pirq_route(const struct pci_piix4 *piix4, unsigned pirq);
/* A PCI device drives PIRQ pirq; the routed ISA input is the OR of the
 * PIRQs routed to it.  (Do not route PIRQs to an IRQ an ISA device drives
 * through its own irq_line.) */
void pci_piix4_set_pirq(struct pci_piix4 *piix4, unsigned pirq, bool level);
/* Function fn (0..3) of the PIIX4. */
struct pci_func *pci_piix4_function(struct pci_piix4 *piix4, unsigned fn);

#endif
