/*
 * malta_fpga.h - the Malta board's FPGA register block at physical
 * 0x1F000000: switches, status, LED bar, 8-character ASCII display, soft
 * reset, general-purpose I/O and the bit-banged I2C port, as QEMU's
 * hw/mips/malta.c models them.
 *
 * The CBUS UART sits inside this block at +0x900..+0x9FF.  A board that
 * maps that UART registers the FPGA as two regions around it: the low one
 * (MALTA_FPGA_BASE, MALTA_FPGA_UART_OFFSET bytes) with malta_fpga_mmio_ops
 * and the high one (MALTA_FPGA_BASE + MALTA_FPGA_HI_OFFSET, MALTA_FPGA_SIZE -
 * MALTA_FPGA_HI_OFFSET bytes) with malta_fpga_hi_mmio_ops, whose offsets
 * count from +0xA00.  A board without it may map the whole block with
 * malta_fpga_mmio_ops; accesses to the UART window then log as
 * unimplemented.
 */
#ifndef DISCO_MALTA_FPGA_H
#define DISCO_MALTA_FPGA_H

#define MALTA_FPGA_BASE        0x1f000000u
#define MALTA_FPGA_SIZE        0x00100000u
#define MALTA_FPGA_UART_OFFSET 0x900u  /* CBUS UART, registers 8 bytes apart */
#define MALTA_FPGA_HI_OFFSET   0xa00u

/* Register offsets from MALTA_FPGA_BASE (Malta User's Manual, "FPGA
 * registers"). */
#define MALTA_SWITCH    0x200 /* R:  DIP switch S2 */
#define MALTA_STATUS    0x208 /* R:  board status (bit 1: big-endian) */
#define MALTA_JMPRS     0x210 /* R:  jumpers */
#define MALTA_LEDBAR    0x408 /* RW: 8 discrete LEDs */
#define MALTA_ASCIIWORD 0x410 /* W:  display a 32-bit word in hex */
#define MALTA_ASCIIPOS0 0x418 /* W:  display character 0 (leftmost) ... */
#define MALTA_ASCIIPOS7 0x450 /*     ... character 7, every 8 bytes */
#define MALTA_SOFTRES   0x500 /* W:  MALTA_SOFTRES_RESET resets the board */
#define MALTA_BRKRES    0x508 /* RW: what the NMI button does */
#define MALTA_GPOUT     0xa00 /* RW: general-purpose outputs */
#define MALTA_GPINP     0xa08 /* R:  general-purpose inputs */
#define MALTA_I2CINP    0xb00 /* R:  I2C SCL/SDA inputs */
#define MALTA_I2COE     0xb08 /* RW: I2C output enables */
#define MALTA_I2COUT    0xb10 /* RW: I2C SCL/SDA outputs */
#define MALTA_I2CSEL    0xb18 /* RW: I2C controller select */

#define MALTA_SOFTRES_RESET 0x42

#ifndef __ASSEMBLER__

#include <stdint.h>

#include "dev/dev.h"
#include "mmu/bus.h"

struct log;
struct malta_fpga;

/* Returns NULL only when out of memory.  The new block is reset. */
struct malta_fpga *malta_fpga_create(struct log *log, struct board_hooks hooks);
void malta_fpga_destroy(struct malta_fpga *fpga);
/* Registers to their power-on values, display blank, LEDs off. */
void malta_fpga_reset(struct malta_fpga *fpga);

/* The 8 characters of the ASCII display (non-printable ones shown as
 * '.'), NUL-terminated; valid until the next write to the display. */
const char *malta_fpga_display(const struct malta_fpga *fpga);
/* The LED bar, bit 0 = LED 0. */
uint8_t malta_fpga_leds(const struct malta_fpga *fpga);

/* Offsets from MALTA_FPGA_BASE. */
extern const struct mmio_ops malta_fpga_mmio_ops;
/* Offsets from MALTA_FPGA_BASE + MALTA_FPGA_HI_OFFSET. */
extern const struct mmio_ops malta_fpga_hi_mmio_ops;

#endif /* __ASSEMBLER__ */

#endif
