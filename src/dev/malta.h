/*
 * malta.h - the MIPS Malta board (Malta User's Manual; QEMU's
 * hw/mips/malta.c for what Linux and bare-metal programs rely on): RAM at
 * physical 0, the 4 MB boot flash at 0x1e000000 with its reset alias at
 * 0x1fc00000, the FPGA registers at 0x1f000000 and the SuperIO UART
 * (COM1) at ISA I/O 0x3f8, physical 0x180003f8.
 *
 * A board is an object on a bus; a process may build several (the monitor
 * gives every VM its own).
 */
#ifndef DISCO_MALTA_H
#define DISCO_MALTA_H

#include <stddef.h>
#include <stdint.h>

#include "dev/dev.h"

struct bus;
struct log;
struct chardev;

#define MALTA_RAM_MAX (256u << 20) /* the low RAM window, 0..0x0fffffff */
#define MALTA_ISA_IO_BASE 0x18000000u
#define MALTA_UART_IO 0x3f8u

struct malta_board {
    struct bus *bus;
    struct log *log;
    uint8_t *ram;
    uint32_t ram_size;
    uint8_t *flash;
    struct chardev *console;
    struct uart16550 *uart;
    struct malta_fpga *fpga;
};

/* Builds the board on bus.  Returns NULL with a message in err. */
struct malta_board *malta_create(struct bus *bus, struct log *log,
                                 uint32_t ram_size, struct chardev *console,
                                 struct board_hooks hooks, char *err,
                                 size_t errlen);
void malta_destroy(struct malta_board *b);
/* Devices back to their reset state; RAM and flash keep their contents. */
void malta_reset(struct malta_board *b);
/* Gives the devices a chance to notice host input. */
void malta_poll(struct malta_board *b);

/* Places the boot ROM image (at most MALTA_FLASH_SIZE bytes). */
int malta_load_flash(struct malta_board *b, const uint8_t *image, size_t len);
/* Fills the ROM's boot parameters and the YAMON argv/envp in RAM for a
 * kernel entered at entry (src/dev/malta-boot.h). */
void malta_setup_boot(struct malta_board *b, uint32_t entry,
                      const char *kernel_path, const char *cmdline);

#endif
