/*
 * uart16550.h - a National Semiconductor PC16550D ("16550A") UART as
 * Linux's 8250 driver and bare-metal code use it: the Malta's ISA COM
 * ports (at I/O 0x3F8/0x2F8) and the FPGA's CBUS UART.
 *
 * The register constants below are plain #defines so the boot ROM's
 * assembly can include this header too.
 */
#ifndef DISCO_UART16550_H
#define DISCO_UART16550_H

/* Register numbers (byte offsets with the default register spacing of 1). */
#define UART_RBR 0 /* R,  DLAB=0: receiver buffer */
#define UART_THR 0 /* W,  DLAB=0: transmitter holding */
#define UART_DLL 0 /* RW, DLAB=1: divisor latch, low byte */
#define UART_IER 1 /* RW, DLAB=0: interrupt enable */
#define UART_DLM 1 /* RW, DLAB=1: divisor latch, high byte */
#define UART_IIR 2 /* R:  interrupt identification */
#define UART_FCR 2 /* W:  FIFO control */
#define UART_LCR 3 /* RW: line control */
#define UART_MCR 4 /* RW: modem control */
#define UART_LSR 5 /* R:  line status */
#define UART_MSR 6 /* R:  modem status */
#define UART_SCR 7 /* RW: scratch */

#define UART_IER_ERBFI 0x01 /* received data available (and timeout) */
#define UART_IER_ETBEI 0x02 /* transmitter holding register empty */
#define UART_IER_ELSI  0x04 /* receiver line status */
#define UART_IER_EDSSI 0x08 /* modem status */

#define UART_IIR_NO_INT 0x01 /* no interrupt pending */
#define UART_IIR_ID     0x0e /* source mask: */
#define UART_IIR_MSI    0x00 /*   modem status (lowest priority) */
#define UART_IIR_THRI   0x02 /*   THR empty */
#define UART_IIR_RDI    0x04 /*   received data available */
#define UART_IIR_RLSI   0x06 /*   receiver line status (highest) */
#define UART_IIR_CTI    0x0c /*   character timeout */
#define UART_IIR_FIFO   0xc0 /* FIFOs enabled */

#define UART_FCR_ENABLE 0x01
#define UART_FCR_CLR_RX 0x02
#define UART_FCR_CLR_TX 0x04
#define UART_FCR_DMA    0x08
#define UART_FCR_TRIG   0xc0 /* RX trigger: 00=1, 01=4, 10=8, 11=14 bytes */

#define UART_LCR_DLAB 0x80

#define UART_MCR_DTR  0x01
#define UART_MCR_RTS  0x02
#define UART_MCR_OUT1 0x04
#define UART_MCR_OUT2 0x08
#define UART_MCR_LOOP 0x10

#define UART_LSR_DR   0x01 /* data ready */
#define UART_LSR_OE   0x02 /* overrun error */
#define UART_LSR_PE   0x04 /* parity error */
#define UART_LSR_FE   0x08 /* framing error */
#define UART_LSR_BI   0x10 /* break interrupt */
#define UART_LSR_THRE 0x20 /* THR empty */
#define UART_LSR_TEMT 0x40 /* transmitter empty */
#define UART_LSR_RXFE 0x80 /* error in RX FIFO */

#define UART_MSR_DCTS 0x01
#define UART_MSR_DDSR 0x02
#define UART_MSR_TERI 0x04
#define UART_MSR_DDCD 0x08
#define UART_MSR_CTS  0x10
#define UART_MSR_DSR  0x20
#define UART_MSR_RI   0x40
#define UART_MSR_DCD  0x80

#define UART_FIFO_SIZE 16

#ifndef __ASSEMBLER__

#include "dev/dev.h"
#include "mmu/bus.h"

struct log;
struct uart16550;

/* cd may be NULL (a port with nothing attached); the UART does not own
 * it.  Returns NULL only when out of memory.  The new UART is reset. */
struct uart16550 *uart16550_create(struct chardev *cd, struct irq_line irq,
                                   struct log *log);
void uart16550_destroy(struct uart16550 *uart);
/* Hardware reset (MR pin): registers to their datasheet values, FIFOs
 * emptied, interrupt output low. */
void uart16550_reset(struct uart16550 *uart);

/* Registers are 2^shift bytes apart (0, the default, for the ISA ports;
 * 3 for the Malta CBUS UART, whose registers sit every 8 bytes). */
void uart16550_set_regshift(struct uart16550 *uart, unsigned shift);

/* Pulls waiting host input into the receive FIFO and updates interrupts,
 * including the FIFO character timeout.  The machine calls it
 * periodically; the timeout fires when the FIFO holds data below the
 * trigger level and nothing was received or read for a whole period. */
void uart16550_poll(struct uart16550 *uart);

/* Registers at offsets 0..7 (times the register spacing).  Every access
 * is a byte access: a wider one reads or writes the low byte. */
extern const struct mmio_ops uart16550_mmio_ops;

#endif /* __ASSEMBLER__ */

#endif
