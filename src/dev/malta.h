/*
 * malta.h - the MIPS Malta board (Malta User's Manual; QEMU's
 * hw/mips/malta.c for what Linux and bare-metal programs rely on):
 *   - RAM at physical 0;
 *   - the 4 MB boot flash at 0x1e000000, with its reset alias at
 *     0x1fc00000;
 *   - the FPGA registers at 0x1f000000;
 *   - the GT-64120 system controller with its PCI bus (the PIIX4's four
 *     functions), which opens the ISA I/O ports at 0x18000000.  Behind
 *     them: the two i8259 PICs, the i8254 PIT, the MC146818 RTC, the
 *     16550 UART (COM1, IRQ 4) and the PIIX4 power-management registers.
 *   - disco's CPU control block at 0x1f100000 (malta-smp.h): starting
 *     secondary CPUs and inter-processor interrupts.
 * The master PIC drives CPU 0's hardware interrupt 0 (IP2).
 *
 * A board is an object on a bus; a process may build several (the monitor
 * gives every VM its own).
 */
#ifndef DISCO_MALTA_H
#define DISCO_MALTA_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "dev/dev.h"
#include "dev/isa.h"
#include "dev/malta_smp.h"
#include "dev/piix4_pm.h"
#include "dev/vclock.h"

struct bus;
struct log;
struct chardev;

#define MALTA_RAM_MAX (256u << 20) /* the low RAM window, 0..0x0fffffff */
#define MALTA_UART_IO 0x3f8u
#define MALTA_UART_IRQ 4
#define MALTA_COM2_IO 0x2f8u
#define MALTA_COM2_IRQ 3

struct malta_config {
    uint32_t ram_size;
    uint8_t *ram_host;           /* RAM given by the caller (the monitor's
                                  * machine memory), or NULL: the board
                                  * allocates its own */
    struct chardev *console;
    struct board_hooks hooks;    /* reset and power-off requests */
    struct irq_line cpu_irq;     /* the CPU's hardware interrupt 0 */
    const struct vclock *clock;  /* guest virtual time */
    time_t rtc_start;            /* the RTC's time of day at power-on */
    unsigned ncpus;              /* for the CPU control block (malta-smp.h) */
    struct smp_cpu_lines smp_lines;
};

struct malta_board {
    struct bus *bus;
    struct log *log;
    uint8_t *ram;
    uint32_t ram_size;
    bool owns_ram;
    uint8_t *flash;
    struct chardev *console;
    struct isa_bus isa;
    struct piix4_pm pm;
    struct uart16550 *uart;      /* COM1: the console */
    struct uart16550 *com2;      /* COM2 and the FPGA's CBUS UART: present, */
    struct uart16550 *cbus_uart; /* as on QEMU's Malta, with nothing attached */
    struct chardev *nothing;
    struct malta_fpga *fpga;
    struct i8259 *pic;
    struct i8254 *pit;
    struct mc146818 *rtc;
    struct pci_bus *pci;
    struct gt64120 *gt;
    struct pci_piix4 *piix4;
    struct malta_smp smp;        /* secondary CPU start and IPIs */
};

/* Builds the board on bus.  Returns NULL with a message in err. */
struct malta_board *malta_create(struct bus *bus, struct log *log,
                                 const struct malta_config *cfg, char *err,
                                 size_t errlen);
void malta_destroy(struct malta_board *b);
/* Devices back to their reset state, and the system controller set up as
 * the boot firmware leaves it; RAM and flash keep their contents. */
void malta_reset(struct malta_board *b);
/* Gives the devices a chance to notice host input. */
void malta_poll(struct malta_board *b);
/* Timed devices: cycles until the next one is due (UINT64_MAX: none), and
 * bringing them up to `now`. */
uint64_t malta_cycles_to_event(struct malta_board *b, uint64_t now);
void malta_update(struct malta_board *b, uint64_t now);

/* Places the boot ROM image (at most MALTA_FLASH_SIZE bytes). */
int malta_load_flash(struct malta_board *b, const uint8_t *image, size_t len);
/* Fills the ROM's boot parameters and the YAMON argv/envp in RAM for a
 * kernel entered at entry (src/dev/malta-boot.h). */
void malta_setup_boot(struct malta_board *b, uint32_t entry,
                      const char *kernel_path, const char *cmdline);

#endif
