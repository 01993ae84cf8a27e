/*
 * pci.c - configuration space for a single conventional PCI bus (PCI Local
 * Bus Specification 2.2, 6.1 "Configuration Space Organization", 6.2.5
 * "Base Addresses" for BAR sizing, 3.2.2.3.5 master abort on an
 * unclaimed configuration cycle), and the configuration functions of the
 * Intel 82371AB PIIX4 (PIIX4 datasheet, 82371AB, sections "PCI to ISA
 * Bridge Configuration Registers (Function 0)", "IDE", "USB", "Power
 * Management" for their reset values and which bits are writable).
 *
 * The PIIX4 register values follow what Linux reads and writes on Malta
 * (arch/mips/pci/fixup-malta.c: PIRQ routing, TOM, GENCFG, SERIRQC, the
 * PCI command special-cycle bit, DLC; drivers/pci/quirks.c
 * quirk_piix4_acpi: PMBA, SMBBA and the device resource registers) and
 * what QEMU's PIIX4 models show; registers Linux does not use are plain
 * read/write storage with the datasheet's reset value.
 */
#include "dev/pci.h"

#include <stdlib.h>
#include <string.h>

#include "log.h"

struct pci_bus {
    struct pci_func *fn[PCI_MAX_DEVICES][PCI_MAX_FUNCTIONS];
    struct log *log;
};

/* ---- functions ------------------------------------------------------------ */

void pci_func_init(struct pci_func *f, const char *name, uint16_t vendor,
                   uint16_t device, uint8_t revision, uint32_t class,
                   uint8_t header_type)
{
    memset(f, 0, sizeof *f);
    f->name = name;
    pci_set_word(f, PCI_VENDOR_ID, vendor);
    pci_set_word(f, PCI_DEVICE_ID, device);
    f->config[PCI_REVISION_ID] = revision;
    f->config[PCI_CLASS_PROG] = (uint8_t)class;
    f->config[PCI_CLASS_DEVICE] = (uint8_t)(class >> 8);
    f->config[PCI_CLASS_DEVICE + 1] = (uint8_t)(class >> 16);
    f->config[PCI_HEADER_TYPE] = header_type;
    uint16_t cmd = PCI_COMMAND_IO | PCI_COMMAND_MEMORY | PCI_COMMAND_MASTER |
                   PCI_COMMAND_PARITY | PCI_COMMAND_SERR;
    f->wmask[PCI_COMMAND] = (uint8_t)cmd;
    f->wmask[PCI_COMMAND + 1] = (uint8_t)(cmd >> 8);
    /* Status: master/target abort, parity and SERR bits are R/WC. */
    f->w1cmask[PCI_STATUS + 1] = 0xf9;
    f->wmask[PCI_CACHE_LINE_SIZE] = 0xff;
    f->wmask[PCI_LATENCY_TIMER] = 0xff;
    f->wmask[PCI_INTERRUPT_LINE] = 0xff;
}

void pci_func_set_bar(struct pci_func *f, unsigned n, uint32_t size,
                      uint32_t flags, uint32_t addr)
{
    if (n > 5)
        return;
    unsigned off = PCI_BASE_ADDRESS_0 + 4 * n;
    uint32_t type_bits = (flags & PCI_BAR_IO) ? 0x3u : 0xfu;
    uint32_t mask = ~(size - 1) & ~type_bits;
    pci_set_long(f, off, (addr & mask) | (flags & type_bits));
    for (unsigned i = 0; i < 4; i++)
        f->wmask[off + i] = (uint8_t)(mask >> (8 * i));
}

/* ---- the bus -------------------------------------------------------------- */

struct pci_bus *pci_bus_create(struct log *log)
{
    struct pci_bus *bus = calloc(1, sizeof *bus);
    if (!bus)
        return NULL;
    bus->log = log;
    return bus;
}

void pci_bus_destroy(struct pci_bus *bus)
{
    free(bus);
}

bool pci_bus_attach(struct pci_bus *bus, unsigned dev, unsigned fn,
                    struct pci_func *f)
{
    if (dev >= PCI_MAX_DEVICES || fn >= PCI_MAX_FUNCTIONS || bus->fn[dev][fn])
        return false;
    bus->fn[dev][fn] = f;
    return true;
}

void pci_bus_detach(struct pci_bus *bus, unsigned dev, unsigned fn)
{
    if (dev < PCI_MAX_DEVICES && fn < PCI_MAX_FUNCTIONS)
        bus->fn[dev][fn] = NULL;
}

struct pci_func *pci_bus_function(struct pci_bus *bus, unsigned dev,
                                  unsigned fn)
{
    if (dev >= PCI_MAX_DEVICES || fn >= PCI_MAX_FUNCTIONS)
        return NULL;
    return bus->fn[dev][fn];
}

/* The function a configuration address selects, or NULL (master abort). */
static struct pci_func *pci_target(struct pci_bus *bus, uint32_t addr)
{
    if ((addr >> 16) & 0xff)
        return NULL; /* no bridges: nothing answers a type-1 cycle */
    return bus->fn[(addr >> 11) & 0x1f][(addr >> 8) & 7];
}

static bool pci_access_ok(struct pci_bus *bus, uint32_t addr, unsigned size)
{
    if ((size == 1 || size == 2 || size == 4) && (addr & 3) + size <= 4)
        return true;
    log_printf(bus->log, LOG_GUEST_ERROR,
               "pci: configuration access of %u bytes at 0x%02x crosses a "
               "dword\n", size, addr & 0xff);
    return false;
}

bool pci_config_read(struct pci_bus *bus, uint32_t addr, unsigned size,
                     uint32_t *value)
{
    struct pci_func *f = pci_target(bus, addr);
    if (!f || !pci_access_ok(bus, addr, size)) {
        *value = size == 4 ? 0xffffffffu : (1u << (8 * size)) - 1;
        return false;
    }
    unsigned off = addr & 0xff;
    uint32_t v = 0;
    for (unsigned i = 0; i < size; i++)
        v |= (uint32_t)f->config[off + i] << (8 * i);
    *value = v;
    return true;
}

bool pci_config_write(struct pci_bus *bus, uint32_t addr, unsigned size,
                      uint32_t value)
{
    struct pci_func *f = pci_target(bus, addr);
    if (!f || !pci_access_ok(bus, addr, size))
        return false;
    unsigned off = addr & 0xff;
    for (unsigned i = 0; i < size; i++) {
        uint8_t b = (uint8_t)(value >> (8 * i));
        uint8_t wm = f->wmask[off + i], w1c = f->w1cmask[off + i];
        uint8_t old = f->config[off + i];
        f->config[off + i] = (uint8_t)(((old & ~wm) | (b & wm)) & ~(b & w1c));
    }
    if (f->written)
        f->written(f, off, size);
    return true;
}

/* ---- the PIIX4 ------------------------------------------------------------ */

#define INTEL_VENDOR 0x8086

struct pci_piix4 {
    struct pci_func fn[4];
    struct pci_bus *bus;
    unsigned dev;
    struct irq_line isa[16];
    bool have_isa;
    uint8_t pirq_level;  /* PIRQA..D inputs */
    uint16_t isa_driven; /* ISA inputs as last driven by PIRQs */
    struct log *log;
};

/* Which ISA IRQs a PIRQ may be routed to (datasheet PIRQRC: 0-2, 8 and
 * 13 are reserved). */
static bool piix4_irq_routable(unsigned irq)
{
    return irq >= 3 && irq <= 15 && irq != 8 && irq != 13;
}

int pci_piix4_pirq_route(const struct pci_piix4 *p, unsigned pirq)
{
    if (pirq > 3)
        return -1;
    uint8_t r = p->fn[0].config[PIIX4_PIRQRC + pirq];
    if (r & PIIX4_PIRQ_DISABLE)
        return -1;
    unsigned irq = r & PIIX4_PIRQ_IRQ;
    return piix4_irq_routable(irq) ? (int)irq : -1;
}

static void piix4_update_isa(struct pci_piix4 *p)
{
    uint16_t want = 0;
    for (unsigned i = 0; i < 4; i++) {
        int irq = pci_piix4_pirq_route(p, i);
        if (irq >= 0 && (p->pirq_level & (1u << i)))
            want |= (uint16_t)(1u << irq);
    }
    uint16_t changed = want ^ p->isa_driven;
    p->isa_driven = want;
    if (!p->have_isa)
        return;
    for (unsigned irq = 0; irq < 16; irq++)
        if (changed & (1u << irq))
            irq_set(&p->isa[irq], (want >> irq) & 1);
}

void pci_piix4_set_pirq(struct pci_piix4 *p, unsigned pirq, bool level)
{
    if (pirq > 3)
        return;
    if (level)
        p->pirq_level |= (uint8_t)(1u << pirq);
    else
        p->pirq_level &= (uint8_t)~(1u << pirq);
    piix4_update_isa(p);
}

static void piix4_isa_written(struct pci_func *f, unsigned offset,
                              unsigned size)
{
    struct pci_piix4 *p = f->opaque;
    if (offset < PIIX4_PIRQRC + 4 && offset + size > PIIX4_PIRQRC) {
        for (unsigned i = 0; i < 4; i++) {
            int irq = pci_piix4_pirq_route(p, i);
            log_printf(p->log, LOG_DEV, "piix4: PIRQ%c -> %s%d\n", 'A' + i,
                       irq < 0 ? "disabled " : "IRQ", irq < 0 ? 0 : irq);
        }
        piix4_update_isa(p);
    }
}

/* Function 0: the PCI-to-ISA bridge. */
static void piix4_reset_isa(struct pci_func *f)
{
    pci_func_init(f, "piix4-isa", INTEL_VENDOR, 0x7110, 0x00, 0x060100,
                  PCI_HEADER_MULTI);
    /* I/O, memory and master are hardwired on; special cycles, parity
     * and SERR may be enabled (Linux sets special cycles). */
    pci_set_word(f, PCI_COMMAND, PCI_COMMAND_IO | PCI_COMMAND_MEMORY |
                                 PCI_COMMAND_MASTER);
    f->wmask[PCI_COMMAND] = PCI_COMMAND_SPECIAL | PCI_COMMAND_PARITY;
    f->wmask[PCI_COMMAND + 1] = PCI_COMMAND_SERR >> 8;
    pci_set_word(f, PCI_STATUS, PCI_STATUS_DEVSEL_MEDIUM);
    /* The device-specific registers are read/write storage. */
    memset(f->wmask + 0x40, 0xff, PCI_CONFIG_SIZE - 0x40);
    f->config[0x4c] = 0x4d;               /* IORT */
    pci_set_word(f, 0x4e, 0x0003);        /* XBCS */
    for (unsigned i = 0; i < 4; i++) {    /* PIRQRC[A:D]: disabled */
        f->config[PIIX4_PIRQRC + i] = PIIX4_PIRQ_DISABLE;
        f->wmask[PIIX4_PIRQRC + i] = PIIX4_PIRQ_DISABLE | PIIX4_PIRQ_IRQ;
    }
    f->config[PIIX4_SERIRQC] = 0x10;
    f->config[PIIX4_TOM] = 0x02;
    f->config[0x70] = 0x80;               /* MBIRQ0 */
    f->config[0x71] = 0x80;               /* MBIRQ1 */
    f->config[0x76] = 0x0c;               /* MBDMA0 */
    f->config[0x77] = 0x0c;               /* MBDMA1 */
    pci_set_word(f, 0x78, 0x0002);        /* PCSC */
    f->config[0xa0] = 0x08;               /* SMICNTL */
    f->config[0xa8] = 0x0f;               /* FTMR */
}

/* Function 1: IDE, in legacy (compatibility) mode on both channels. */
static void piix4_reset_ide(struct pci_func *f)
{
    pci_func_init(f, "piix4-ide", INTEL_VENDOR, 0x7111, 0x00, 0x010180, 0);
    f->wmask[PCI_COMMAND] = PCI_COMMAND_IO | PCI_COMMAND_MASTER;
    f->wmask[PCI_COMMAND + 1] = 0;
    pci_set_word(f, PCI_STATUS, PCI_STATUS_DEVSEL_MEDIUM |
                                PCI_STATUS_FAST_BACK);
    pci_func_set_bar(f, 4, 16, PCI_BAR_IO, 0); /* BMIBA */
    memset(f->wmask + 0x40, 0xff, 0x0c);       /* IDETIM, SIDETIM, UDMA */
}

/* Function 2: the USB UHCI controller. */
static void piix4_reset_usb(struct pci_func *f)
{
    pci_func_init(f, "piix4-usb", INTEL_VENDOR, 0x7112, 0x01, 0x0c0300, 0);
    f->wmask[PCI_COMMAND] = PCI_COMMAND_IO | PCI_COMMAND_MASTER;
    f->wmask[PCI_COMMAND + 1] = 0;
    pci_set_word(f, PCI_STATUS, PCI_STATUS_DEVSEL_MEDIUM |
                                PCI_STATUS_FAST_BACK);
    pci_func_set_bar(f, 4, 32, PCI_BAR_IO, 0); /* USBBA */
    f->config[PCI_INTERRUPT_PIN] = 4;          /* INTD# */
    f->config[0x60] = 0x10;                    /* SBRN: USB 1.0 */
    pci_set_word(f, 0xc0, 0x2000);             /* LEGSUP: PIRQD enabled */
    f->wmask[0xc0] = 0xff;
    f->wmask[0xc1] = 0x20;
    f->w1cmask[0xc1] = 0x8f;                   /* the trap status bits */
}

/* Function 3: power management (ACPI, SMBus).  Bases stay unassigned. */
static void piix4_reset_pm(struct pci_func *f)
{
    pci_func_init(f, "piix4-pm", INTEL_VENDOR, 0x7113, 0x03, 0x068000, 0);
    f->wmask[PCI_COMMAND] = PCI_COMMAND_IO;
    f->wmask[PCI_COMMAND + 1] = 0;
    pci_set_word(f, PCI_STATUS, PCI_STATUS_DEVSEL_MEDIUM |
                                PCI_STATUS_FAST_BACK);
    f->config[PCI_INTERRUPT_PIN] = 1;          /* INTA# */
    memset(f->wmask + 0x40, 0xff, PCI_CONFIG_SIZE - 0x40);
    pci_set_long(f, PIIX4_PMBA, 0x00000001);   /* I/O space indicator */
    f->wmask[PIIX4_PMBA] = 0xc0;               /* bits 15..6 */
    f->wmask[PIIX4_PMBA + 1] = 0xff;
    f->wmask[PIIX4_PMBA + 2] = 0;
    f->wmask[PIIX4_PMBA + 3] = 0;
    pci_set_long(f, PIIX4_SMBBA, 0x00000001);
    f->wmask[PIIX4_SMBBA] = 0xf0;              /* bits 15..4 */
    f->wmask[PIIX4_SMBBA + 1] = 0xff;
    f->wmask[PIIX4_SMBBA + 2] = 0;
    f->wmask[PIIX4_SMBBA + 3] = 0;
}

void pci_piix4_reset(struct pci_piix4 *p)
{
    piix4_reset_isa(&p->fn[0]);
    piix4_reset_ide(&p->fn[1]);
    piix4_reset_usb(&p->fn[2]);
    piix4_reset_pm(&p->fn[3]);
    p->fn[0].written = piix4_isa_written;
    for (unsigned i = 0; i < 4; i++)
        p->fn[i].opaque = p;
    piix4_update_isa(p);
}

struct pci_piix4 *pci_piix4_create(struct pci_bus *bus, unsigned dev,
                                   const struct irq_line *isa_irqs,
                                   struct log *log)
{
    if (dev >= PCI_MAX_DEVICES)
        return NULL;
    for (unsigned i = 0; i < 4; i++)
        if (pci_bus_function(bus, dev, i))
            return NULL;
    struct pci_piix4 *p = calloc(1, sizeof *p);
    if (!p)
        return NULL;
    p->bus = bus;
    p->dev = dev;
    p->log = log;
    if (isa_irqs) {
        memcpy(p->isa, isa_irqs, sizeof p->isa);
        p->have_isa = true;
    }
    pci_piix4_reset(p);
    for (unsigned i = 0; i < 4; i++)
        pci_bus_attach(bus, dev, i, &p->fn[i]);
    return p;
}

void pci_piix4_destroy(struct pci_piix4 *p)
{
    if (!p)
        return;
    for (unsigned i = 0; i < 4; i++)
        if (pci_bus_function(p->bus, p->dev, i) == &p->fn[i])
            pci_bus_detach(p->bus, p->dev, i);
    free(p);
}

struct pci_func *pci_piix4_function(struct pci_piix4 *p, unsigned fn)
{
    return fn < 4 ? &p->fn[fn] : NULL;
}
