/*
 * malta.c - the Malta board: builds the address map and its devices, and
 * prepares the boot the way QEMU's Malta machine does for -kernel (see
 * malta.h and malta-boot.h).
 */
#include "dev/malta.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dev/malta-boot.h"
#include "dev/malta_fpga.h"
#include "dev/uart16550.h"
#include "mmu/bus.h"

struct malta_board *malta_create(struct bus *bus, struct log *log,
                                 uint32_t ram_size, struct chardev *console,
                                 struct board_hooks hooks, char *err,
                                 size_t errlen)
{
    struct malta_board *b = calloc(1, sizeof *b);
    if (!b) {
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    b->bus = bus;
    b->log = log;
    b->ram_size = ram_size;
    b->console = console;
    b->ram = calloc(1, ram_size);
    b->flash = malloc(MALTA_FLASH_SIZE);
    if (!b->ram || !b->flash) {
        snprintf(err, errlen, "cannot allocate %u MB of guest RAM", ram_size >> 20);
        malta_destroy(b);
        return NULL;
    }
    memset(b->flash, 0xff, MALTA_FLASH_SIZE); /* erased flash */
    b->uart = uart16550_create(console, (struct irq_line){ 0 }, log);
    b->fpga = malta_fpga_create(log, hooks);
    if (!b->uart || !b->fpga ||
        !bus_add_memory(bus, "ram", 0, ram_size, b->ram, false) ||
        !bus_add_memory(bus, "flash", MALTA_FLASH_BASE, MALTA_FLASH_SIZE, b->flash, true) ||
        !bus_add_memory(bus, "boot", MALTA_BOOT_BASE, MALTA_FLASH_SIZE, b->flash, true) ||
        !bus_add_mmio(bus, "fpga", MALTA_FPGA_BASE, MALTA_FPGA_SIZE, &malta_fpga_mmio_ops, b->fpga) ||
        !bus_add_mmio(bus, "uart", MALTA_ISA_IO_BASE + MALTA_UART_IO, 8, &uart16550_mmio_ops, b->uart)) {
        snprintf(err, errlen, "cannot build the Malta address map");
        malta_destroy(b);
        return NULL;
    }
    return b;
}

void malta_destroy(struct malta_board *b)
{
    if (!b)
        return;
    if (b->uart)
        uart16550_destroy(b->uart);
    if (b->fpga)
        malta_fpga_destroy(b->fpga);
    free(b->ram);
    free(b->flash);
    free(b);
}

void malta_reset(struct malta_board *b)
{
    uart16550_reset(b->uart);
    malta_fpga_reset(b->fpga);
}

void malta_poll(struct malta_board *b)
{
    uart16550_poll(b->uart);
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
