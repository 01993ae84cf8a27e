/*
 * malta.c - the Malta board: builds its address map and devices, wires
 * their interrupts, keeps the system controller's decoders and the
 * address map in step, and prepares a boot the way QEMU's Malta machine
 * does for -kernel (see malta.h and malta-boot.h).
 */
#include "dev/malta.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dev/gt64120.h"
#include "dev/i8254.h"
#include "dev/i8259.h"
#include "dev/malta-boot.h"
#include "dev/malta_fpga.h"
#include "dev/mc146818.h"
#include "dev/pci.h"
#include "dev/uart16550.h"
#include "mmu/bus.h"

#define PIIX4_PCI_DEV 10 /* the PIIX4's PCI device number on Malta */
#define PIIX4_PM_FN 3

/* The GT-64120 moved a decoder: move what sits behind it. */
static void malta_window_changed(void *opaque, enum gt64120_window w,
                                 const struct gt64120_window_info *old,
                                 const struct gt64120_window_info *now)
{
    struct malta_board *b = opaque;
    (void)old;
    if (!now->enabled || now->base >= 0x100000000ull)
        return;
    if (w == GT64120_WIN_ISD)
        bus_move_mmio(b->bus, b->gt, (uint32_t)now->base);
    else if (w == GT64120_WIN_PCI0_IO)
        bus_move_mmio(b->bus, &b->isa, (uint32_t)now->base);
}

/* PIIX4 function 3: the PM registers follow PMBA while PMIOSE is set. */
static void malta_pm_config_written(struct pci_func *f, unsigned offset, unsigned size)
{
    struct malta_board *b = f->opaque;
    (void)offset, (void)size;
    uint32_t base = pci_get_long(f, PIIX4_PMBA) & 0xffc0u;
    bool enabled = (f->config[PIIX4_PMREGMISC] & 1) != 0;
    isa_move(&b->isa, &b->pm, base, enabled ? PIIX4_PM_SIZE : 0);
}

static bool malta_add_isa_devices(struct malta_board *b)
{
    struct isa_bus *isa = &b->isa;
    return isa_add(isa, "pic-master", I8259_MASTER_IO, 2, &i8259_master_mmio_ops, b->pic) &&
           isa_add(isa, "pic-slave", I8259_SLAVE_IO, 2, &i8259_slave_mmio_ops, b->pic) &&
           isa_add(isa, "elcr", I8259_ELCR_IO, 2, &i8259_elcr_mmio_ops, b->pic) &&
           isa_add(isa, "pit", I8254_IO, 4, &i8254_mmio_ops, b->pit) &&
           isa_add(isa, "port61", I8254_PORT61_IO, 1, &i8254_port61_mmio_ops, b->pit) &&
           isa_add(isa, "rtc", MC146818_IO, 2, &mc146818_mmio_ops, b->rtc) &&
           isa_add(isa, "com1", MALTA_UART_IO, 8, &uart16550_mmio_ops, b->uart) &&
           isa_add(isa, "com2", MALTA_COM2_IO, 8, &uart16550_mmio_ops, b->com2) &&
           isa_add(isa, "piix4-pm", 0, 0, &piix4_pm_mmio_ops, &b->pm);
}

struct malta_board *malta_create(struct bus *bus, struct log *log,
                                 const struct malta_config *cfg, char *err,
                                 size_t errlen)
{
    struct malta_board *b = calloc(1, sizeof *b);
    if (!b) {
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    b->bus = bus;
    b->log = log;
    b->ram_size = cfg->ram_size;
    b->console = cfg->console;
    b->owns_ram = cfg->ram_host == NULL;
    b->ram = b->owns_ram ? calloc(1, cfg->ram_size) : cfg->ram_host;
    b->flash = malloc(MALTA_FLASH_SIZE);
    if (!b->ram || !b->flash) {
        snprintf(err, errlen, "cannot allocate %u MB of guest RAM", cfg->ram_size >> 20);
        malta_destroy(b);
        return NULL;
    }
    memset(b->flash, 0xff, MALTA_FLASH_SIZE); /* erased flash */
    isa_init(&b->isa, log);
    piix4_pm_init(&b->pm, cfg->clock, cfg->hooks, log);
    malta_smp_init(&b->smp, cfg->ncpus ? cfg->ncpus : 1, cfg->smp_lines, log);

    b->pic = i8259_create(cfg->cpu_irq, log);
    if (b->pic) {
        struct irq_line isa_irqs[16];
        for (unsigned i = 0; i < 16; i++)
            isa_irqs[i] = i8259_input(b->pic, i);
        b->pit = i8254_create(cfg->clock, isa_irqs[0], log);
        b->rtc = mc146818_create(cfg->clock, cfg->rtc_start, isa_irqs[8], log);
        b->uart = uart16550_create(cfg->console, isa_irqs[MALTA_UART_IRQ], log);
        b->nothing = chardev_open("null", NULL);
        b->com2 = uart16550_create(b->nothing, isa_irqs[MALTA_COM2_IRQ], log);
        b->cbus_uart = uart16550_create(b->nothing, (struct irq_line){ 0 }, log);
        if (b->cbus_uart)
            uart16550_set_regshift(b->cbus_uart, 3); /* registers 8 bytes apart */
        b->pci = pci_bus_create(log);
        if (b->pci) {
            struct gt64120_hooks gth = { .window_changed = malta_window_changed, .opaque = b };
            b->gt = gt64120_create(b->pci, b->pic, gth, log);
            b->piix4 = pci_piix4_create(b->pci, PIIX4_PCI_DEV, isa_irqs, log);
        }
    }
    b->fpga = malta_fpga_create(log, cfg->hooks);
    if (!b->pic || !b->pit || !b->rtc || !b->uart || !b->com2 || !b->cbus_uart || !b->pci ||
        !b->gt || !b->piix4 || !b->fpga) {
        snprintf(err, errlen, "cannot create the Malta devices");
        malta_destroy(b);
        return NULL;
    }
    struct gt64120_window_info isd, io;
    gt64120_get_window(b->gt, GT64120_WIN_ISD, &isd);
    gt64120_get_window(b->gt, GT64120_WIN_PCI0_IO, &io);
    if (!malta_add_isa_devices(b) ||
        !bus_add_memory(bus, "ram", 0, cfg->ram_size, b->ram, false) ||
        !bus_add_memory(bus, "flash", MALTA_FLASH_BASE, MALTA_FLASH_SIZE, b->flash, true) ||
        !bus_add_memory(bus, "boot", MALTA_BOOT_BASE, MALTA_FLASH_SIZE, b->flash, true) ||
        /* the FPGA block, with the CBUS UART in a hole in its middle */
        !bus_add_mmio(bus, "fpga", MALTA_FPGA_BASE, MALTA_FPGA_UART_OFFSET, &malta_fpga_mmio_ops, b->fpga) ||
        !bus_add_mmio(bus, "cbus-uart", MALTA_FPGA_BASE + MALTA_FPGA_UART_OFFSET,
                      MALTA_FPGA_HI_OFFSET - MALTA_FPGA_UART_OFFSET, &uart16550_mmio_ops, b->cbus_uart) ||
        !bus_add_mmio(bus, "fpga-hi", MALTA_FPGA_BASE + MALTA_FPGA_HI_OFFSET,
                      MALTA_FPGA_SIZE - MALTA_FPGA_HI_OFFSET, &malta_fpga_hi_mmio_ops, b->fpga) ||
        !bus_add_mmio(bus, "cpu-control", SMP_BASE, SMP_SIZE, &malta_smp_mmio_ops, &b->smp) ||
        !bus_add_mmio(bus, "gt64120", (uint32_t)isd.base, GT64120_SIZE, &gt64120_mmio_ops, b->gt) ||
        !bus_add_mmio(bus, "isa-io", (uint32_t)io.base, ISA_IO_SIZE, &isa_bus_mmio_ops, &b->isa)) {
        snprintf(err, errlen, "cannot build the Malta address map");
        malta_destroy(b);
        return NULL;
    }
    malta_reset(b);
    return b;
}

void malta_destroy(struct malta_board *b)
{
    if (!b)
        return;
    if (b->piix4)
        pci_piix4_destroy(b->piix4);
    if (b->gt)
        gt64120_destroy(b->gt);
    if (b->pci)
        pci_bus_destroy(b->pci);
    if (b->uart)
        uart16550_destroy(b->uart);
    if (b->com2)
        uart16550_destroy(b->com2);
    if (b->cbus_uart)
        uart16550_destroy(b->cbus_uart);
    if (b->nothing)
        chardev_close(b->nothing);
    if (b->rtc)
        mc146818_destroy(b->rtc);
    if (b->pit)
        i8254_destroy(b->pit);
    if (b->pic)
        i8259_destroy(b->pic);
    if (b->fpga)
        malta_fpga_destroy(b->fpga);
    if (b->owns_ram)
        free(b->ram);
    free(b->flash);
    free(b);
}

void malta_reset(struct malta_board *b)
{
    i8259_reset(b->pic);
    i8254_reset(b->pit);
    mc146818_reset(b->rtc);
    uart16550_reset(b->uart);
    uart16550_reset(b->com2);
    uart16550_reset(b->cbus_uart);
    malta_fpga_reset(b->fpga);
    piix4_pm_reset(&b->pm);
    malta_smp_reset(&b->smp);
    gt64120_reset(b->gt);
    pci_piix4_reset(b->piix4);
    /* (the reset re-creates the functions: hook PMBA writes again) */
    struct pci_func *pm = pci_piix4_function(b->piix4, PIIX4_PM_FN);
    pm->written = malta_pm_config_written;
    pm->opaque = b;
    /* What YAMON (and QEMU's boot code) leaves for the kernel: the GT's
     * registers at 0x1be00000 and the ISA ports at 0x18000000. */
    gt64120_yamon_setup(b->gt);
    malta_pm_config_written(pm, 0, 0);
}

void malta_poll(struct malta_board *b)
{
    uart16550_poll(b->uart);
}

uint64_t malta_cycles_to_event(struct malta_board *b, uint64_t now)
{
    uint64_t pit = i8254_cycles_to_event(b->pit, now);
    uint64_t rtc = mc146818_cycles_to_event(b->rtc, now);
    return pit < rtc ? pit : rtc;
}

void malta_update(struct malta_board *b, uint64_t now)
{
    i8254_update(b->pit, now);
    mc146818_update(b->rtc, now);
}

int malta_load_flash(struct malta_board *b, const uint8_t *image, size_t len)
{
    if (len > MALTA_FLASH_SIZE)
        return -1;
    memset(b->flash, 0xff, MALTA_FLASH_SIZE);
    memcpy(b->flash, image, len);
    return 0;
}

static void put32(uint8_t *p, uint32_t v)
{
    memcpy(p, &v, 4); /* guest and host are little-endian */
}

/* Writes string `index` of the YAMON table and returns its address. */
static uint32_t envp_set(uint8_t *area, unsigned index, const char *text)
{
    uint32_t offset = 4 * ENVP_ENTRIES + index * ENVP_ENTRY_SIZE;
    /* Like QEMU, each string gets ENVP_ENTRY_SIZE bytes, truncated. */
    snprintf((char *)area + offset, ENVP_ENTRY_SIZE, "%s", text);
    put32(area + 4 * index, ENVP_VADDR + offset);
    return ENVP_VADDR + offset;
}

void malta_setup_boot(struct malta_board *b, uint32_t entry,
                      const char *kernel_path, const char *cmdline)
{
    uint8_t *area = b->ram + ENVP_PADDR;
    char memsize[16];
    unsigned i = 0;
    memset(area, 0, 4 * ENVP_ENTRIES + ENVP_ENTRIES * ENVP_ENTRY_SIZE);
    envp_set(area, i++, kernel_path);
    envp_set(area, i++, cmdline ? cmdline : "");
    snprintf(memsize, sizeof memsize, "%u", b->ram_size);
    envp_set(area, i++, "memsize");
    envp_set(area, i++, memsize);
    envp_set(area, i++, "ememsize");
    envp_set(area, i++, memsize);
    envp_set(area, i++, "modetty0");
    envp_set(area, i++, "38400n8r");
    put32(area + 4 * i, 0); /* end of the environment */

    uint8_t *bp = b->flash + BOOT_PARAMS_OFFSET;
    put32(bp + BP_MAGIC, BOOT_PARAMS_MAGIC);
    put32(bp + BP_ENTRY, entry);
    put32(bp + BP_A0, 2);
    put32(bp + BP_A1, ENVP_VADDR);
    put32(bp + BP_A2, ENVP_VADDR + 8);
    put32(bp + BP_A3, b->ram_size);
    put32(bp + BP_SP, BOOT_STACK_VADDR);
}
