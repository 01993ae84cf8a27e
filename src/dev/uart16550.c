/*
 * uart16550.c - a PC16550D UART (National Semiconductor datasheet, "PC16550D
 * Universal Asynchronous Receiver/Transmitter with FIFOs": 8.0 Registers,
 * Table II "Interrupt Control Functions", 8.4 FIFO Polled Mode, 8.10
 * loopback), as far as software can see it:
 *
 * - Transmission is instantaneous: a byte written to THR goes straight to
 *   the host chardev (or, in loopback, into the receiver), so THRE and TEMT
 *   always read as set.  The THR-empty interrupt still behaves as on the
 *   chip: writing THR drops it and the byte leaving at once raises it
 *   again (an edge an edge-triggered i8259 input sees), and reading IIR
 *   while it is the reported source clears it.
 * - Reception has a 16-byte FIFO (1 byte with FIFOs disabled).  Host input
 *   is pulled only while the FIFO has room - the host keeps the rest - so
 *   a slow guest never loses what the user typed.  Overrun (LSR.OE)
 *   happens in loopback, where the guest itself sends faster than it
 *   reads: with FIFOs the new byte is lost, without them it replaces the
 *   unread one, as on the chip.
 * - Line settings (divisor, word length, parity) are stored and read back
 *   but have no effect; parity, framing and break errors never occur.
 * - Outside loopback the modem inputs are DCD, DSR and CTS asserted, RI
 *   not; in loopback they follow MCR (RTS->CTS, DTR->DSR, OUT1->RI,
 *   OUT2->DCD), which is what Linux's 8250 probe checks.
 */
#include "dev/uart16550.h"

#include <stdlib.h>

#include "log.h"

#define UART_MSR_LINES   0xf0 /* current modem inputs */
#define UART_MSR_DELTAS  0x0f /* change bits, cleared by reading MSR */
#define UART_LSR_ERRORS  (UART_LSR_OE | UART_LSR_PE | UART_LSR_FE | UART_LSR_BI)
#define UART_RESET_DIVISOR 12 /* 9600 baud from 1.8432 MHz */

struct uart16550 {
    struct chardev *cd;
    struct irq_line irq;
    struct log *log;
    unsigned regshift;

    uint8_t rx[UART_FIFO_SIZE]; /* receive FIFO, a ring */
    bool rx_from_host[UART_FIFO_SIZE]; /* came from the chardev (not loopback) */
    unsigned rx_head;           /* index of the oldest byte */
    unsigned rx_count;
    uint8_t rbr;                /* last byte read, what an empty RBR returns */

    uint8_t ier;
    uint8_t fcr;                /* ENABLE, DMA and TRIG bits as programmed */
    uint8_t lcr;
    uint8_t mcr;
    uint8_t lsr_errors;         /* OE/PE/FE/BI until LSR is read */
    uint8_t msr;
    uint8_t scr;
    uint8_t dll, dlm;

    bool thre_pending;          /* THR-empty interrupt latched */
    bool timeout_pending;       /* character timeout (FIFO mode only) */
    bool rx_activity;           /* byte received or read since last poll */
    bool rx_hold;               /* host input waits (see uart_rx_clear) */
    bool irq_level;             /* what the interrupt output last drove */
};

static bool uart_fifo_enabled(const struct uart16550 *u)
{
    return (u->fcr & UART_FCR_ENABLE) != 0;
}

static bool uart_loopback(const struct uart16550 *u)
{
    return (u->mcr & UART_MCR_LOOP) != 0;
}

static unsigned uart_rx_capacity(const struct uart16550 *u)
{
    return uart_fifo_enabled(u) ? UART_FIFO_SIZE : 1;
}

static unsigned uart_rx_trigger(const struct uart16550 *u)
{
    static const unsigned levels[4] = { 1, 4, 8, 14 };
    return uart_fifo_enabled(u) ? levels[(u->fcr & UART_FCR_TRIG) >> 6] : 1;
}

/* The highest-priority pending and enabled interrupt (datasheet Table II). */
static uint8_t uart_iir_source(const struct uart16550 *u)
{
    if ((u->ier & UART_IER_ELSI) && (u->lsr_errors & UART_LSR_ERRORS))
        return UART_IIR_RLSI;
    if ((u->ier & UART_IER_ERBFI) && u->rx_count >= uart_rx_trigger(u))
        return UART_IIR_RDI;
    if ((u->ier & UART_IER_ERBFI) && u->timeout_pending)
        return UART_IIR_CTI;
    if ((u->ier & UART_IER_ETBEI) && u->thre_pending)
        return UART_IIR_THRI;
    if ((u->ier & UART_IER_EDSSI) && (u->msr & UART_MSR_DELTAS))
        return UART_IIR_MSI;
    return UART_IIR_NO_INT;
}

static void uart_update_irq(struct uart16550 *u)
{
    bool level = uart_iir_source(u) != UART_IIR_NO_INT;
    if (level != u->irq_level) {
        u->irq_level = level;
        irq_set(&u->irq, level);
    }
}

/*
 * Emptying the receive FIFO (FCR, a mode change, reset).  Bytes that came
 * from the host and that the guest never read go back to the chardev
 * rather than being lost: the UART only borrowed them.  So a script piped
 * into disco is not eaten by the driver's FIFO reset when a port opens -
 * each byte reaches the guest when it actually reads.
 */
static void uart_rx_clear(struct uart16550 *u)
{
    uint8_t back[UART_FIFO_SIZE];
    unsigned n = 0;
    for (unsigned i = 0; i < u->rx_count; i++) {
        unsigned at = (u->rx_head + i) % UART_FIFO_SIZE;
        if (u->rx_from_host[at])
            back[n++] = u->rx[at];
    }
    if (n && u->cd && u->cd->unread)
        u->cd->unread(u->cd, back, n);
    u->rx_head = 0;
    u->rx_count = 0;
    u->timeout_pending = false;
}

/* A byte arrives from the line (the host, or THR in loopback). */
static void uart_rx_push(struct uart16550 *u, uint8_t byte, bool from_host)
{
    unsigned cap = uart_rx_capacity(u);

    if (u->rx_count < cap) {
        unsigned at = (u->rx_head + u->rx_count) % UART_FIFO_SIZE;
        u->rx[at] = byte;
        u->rx_from_host[at] = from_host;
        u->rx_count++;
    } else {
        u->lsr_errors |= UART_LSR_OE;
        if (!uart_fifo_enabled(u))
            u->rx[u->rx_head] = byte; /* RBR overwritten */
        /* With FIFOs the byte in the shift register is lost. */
        log_printf(u->log, LOG_GUEST_ERROR,
                   "uart: receiver overrun, byte 0x%02x %s\n", byte,
                   uart_fifo_enabled(u) ? "lost" : "replaces unread byte");
    }
    u->rx_activity = true;
    u->timeout_pending = false;
}

/* Moves waiting host input into the FIFO while it has room. */
static void uart_pull(struct uart16550 *u)
{
    struct chardev *cd = u->cd;

    if (!cd || uart_loopback(u) || u->rx_hold)
        return;
    while (u->rx_count < uart_rx_capacity(u) && cd->can_read(cd)) {
        int c = cd->read(cd);
        if (c < 0)
            break;
        uart_rx_push(u, (uint8_t)c, true);
    }
}

/* The modem inputs as the chip sees them (datasheet 8.10 for loopback). */
static uint8_t uart_modem_lines(const struct uart16550 *u)
{
    if (!uart_loopback(u))
        return UART_MSR_DCD | UART_MSR_DSR | UART_MSR_CTS;
    uint8_t m = u->mcr;
    return (uint8_t)(((m & UART_MCR_RTS) ? UART_MSR_CTS : 0) |
                     ((m & UART_MCR_DTR) ? UART_MSR_DSR : 0) |
                     ((m & UART_MCR_OUT1) ? UART_MSR_RI : 0) |
                     ((m & UART_MCR_OUT2) ? UART_MSR_DCD : 0));
}

static void uart_update_msr(struct uart16550 *u)
{
    uint8_t old = u->msr & UART_MSR_LINES;
    uint8_t now = uart_modem_lines(u);
    uint8_t changed = old ^ now;
    uint8_t deltas = u->msr & UART_MSR_DELTAS;

    if (changed & UART_MSR_CTS)
        deltas |= UART_MSR_DCTS;
    if (changed & UART_MSR_DSR)
        deltas |= UART_MSR_DDSR;
    if ((old & UART_MSR_RI) && !(now & UART_MSR_RI))
        deltas |= UART_MSR_TERI; /* trailing edge only */
    if (changed & UART_MSR_DCD)
        deltas |= UART_MSR_DDCD;
    u->msr = now | deltas;
}

void uart16550_reset(struct uart16550 *u)
{
    uart_rx_clear(u);
    u->rbr = 0;
    u->ier = 0;
    u->fcr = 0;
    u->lcr = 0;
    u->mcr = 0;
    u->lsr_errors = 0;
    u->msr = uart_modem_lines(u); /* no deltas after reset */
    u->scr = 0;
    u->dll = UART_RESET_DIVISOR & 0xff;
    u->dlm = UART_RESET_DIVISOR >> 8;
    u->thre_pending = false;
    u->rx_activity = false;
    u->irq_level = false;
    irq_set(&u->irq, false);
}

struct uart16550 *uart16550_create(struct chardev *cd, struct irq_line irq,
                                   struct log *log)
{
    struct uart16550 *u = calloc(1, sizeof *u);
    if (!u)
        return NULL;
    u->cd = cd;
    u->irq = irq;
    u->log = log;
    uart16550_reset(u);
    return u;
}

void uart16550_destroy(struct uart16550 *u)
{
    free(u);
}

void uart16550_set_regshift(struct uart16550 *u, unsigned shift)
{
    u->regshift = shift < 8 ? shift : 8;
}

void uart16550_poll(struct uart16550 *u)
{
    u->rx_hold = false;
    uart_pull(u);
    /* A whole poll period with data waiting below the trigger level and
     * no byte in or out stands in for the chip's four character times. */
    if (uart_fifo_enabled(u) && !u->rx_activity && u->rx_count > 0 &&
        u->rx_count < uart_rx_trigger(u))
        u->timeout_pending = true;
    u->rx_activity = false;
    uart_update_irq(u);
}

/* ---- register accesses --------------------------------------------------- */

static uint8_t uart_read_rbr(struct uart16550 *u)
{
    uart_pull(u);
    if (u->rx_count > 0) {
        u->rbr = u->rx[u->rx_head];
        u->rx_head = (u->rx_head + 1) % UART_FIFO_SIZE;
        u->rx_count--;
    }
    u->rx_activity = true;
    u->timeout_pending = false;
    return u->rbr;
}

static uint8_t uart_read_iir(struct uart16550 *u)
{
    uint8_t src = uart_iir_source(u);
    if (src == UART_IIR_THRI)
        u->thre_pending = false; /* reading IIR acknowledges THRE */
    return (uint8_t)(src | (uart_fifo_enabled(u) ? UART_IIR_FIFO : 0));
}

static uint8_t uart_read_lsr(struct uart16550 *u)
{
    uart_pull(u);
    uint8_t v = u->lsr_errors | UART_LSR_THRE | UART_LSR_TEMT;
    if (u->rx_count > 0)
        v |= UART_LSR_DR;
    u->lsr_errors = 0; /* error bits clear on read */
    return v;
}

static uint8_t uart_read_msr(struct uart16550 *u)
{
    uint8_t v = u->msr;
    u->msr &= UART_MSR_LINES;
    return v;
}

static uint32_t uart_mmio_read(void *opaque, uint32_t offset, unsigned size)
{
    struct uart16550 *u = opaque;
    uint32_t lane = offset & ((1u << u->regshift) - 1);
    uint32_t reg = offset >> u->regshift;
    uint8_t v = 0;

    if (lane != 0 || reg > UART_SCR) {
        log_printf(u->log, LOG_UNIMP,
                   "uart: read of %u bytes at unimplemented offset 0x%x\n",
                   size, offset);
        return 0;
    }
    bool dlab = (u->lcr & UART_LCR_DLAB) != 0;
    switch (reg) {
    case UART_RBR:
        v = dlab ? u->dll : uart_read_rbr(u);
        break;
    case UART_IER:
        v = dlab ? u->dlm : u->ier;
        break;
    case UART_IIR:
        v = uart_read_iir(u);
        break;
    case UART_LCR:
        v = u->lcr;
        break;
    case UART_MCR:
        v = u->mcr;
        break;
    case UART_LSR:
        v = uart_read_lsr(u);
        break;
    case UART_MSR:
        v = uart_read_msr(u);
        break;
    case UART_SCR:
        v = u->scr;
        break;
    }
    uart_update_irq(u);
    return v;
}

static void uart_write_thr(struct uart16550 *u, uint8_t byte)
{
    /* Writing THR drops the THR-empty interrupt... */
    u->thre_pending = false;
    uart_update_irq(u);
    if (uart_loopback(u))
        uart_rx_push(u, byte, false);
    else if (u->cd)
        u->cd->write(u->cd, byte);
    /* ...and the byte leaving at once empties THR again. */
    u->thre_pending = true;
}

static void uart_write_ier(struct uart16550 *u, uint8_t v)
{
    uint8_t old = u->ier;
    u->ier = v & 0x0f;
    if (u->ier & UART_IER_ERBFI)
        u->rx_hold = false;
    /* Enabling ETBEI while THR is empty (always) raises THRE at once. */
    if (!(old & UART_IER_ETBEI) && (u->ier & UART_IER_ETBEI))
        u->thre_pending = true;
}

static void uart_write_fcr(struct uart16550 *u, uint8_t v)
{
    bool enable = (v & UART_FCR_ENABLE) != 0;

    if (enable != uart_fifo_enabled(u))
        uart_rx_clear(u); /* changing FIFO mode resets both FIFOs */
    if (!enable) {
        /* The other bits are only programmed with FIFO enable set. */
        u->fcr &= (uint8_t)~UART_FCR_ENABLE;
        return;
    }
    if (v & UART_FCR_CLR_RX) {
        uart_rx_clear(u);
        /* A driver that resets the FIFO and then reads RBR to drop stale
         * state (Linux's 8250 startup does) would eat a byte pulled in
         * between: host input waits until it arms the receive interrupt
         * or the next periodic poll. */
        u->rx_hold = true;
    }
    /* CLR_TX: the transmit FIFO is always empty. */
    u->fcr = v & (UART_FCR_ENABLE | UART_FCR_DMA | UART_FCR_TRIG);
}

static void uart_mmio_write(void *opaque, uint32_t offset, uint32_t value,
                            unsigned size)
{
    struct uart16550 *u = opaque;
    uint32_t lane = offset & ((1u << u->regshift) - 1);
    uint32_t reg = offset >> u->regshift;
    uint8_t v = (uint8_t)value;

    if (lane != 0 || reg > UART_SCR) {
        log_printf(u->log, LOG_UNIMP,
                   "uart: write of %u bytes (0x%x) at unimplemented offset "
                   "0x%x ignored\n", size, value, offset);
        return;
    }
    bool dlab = (u->lcr & UART_LCR_DLAB) != 0;
    switch (reg) {
    case UART_THR:
        if (dlab)
            u->dll = v;
        else
            uart_write_thr(u, v);
        break;
    case UART_IER:
        if (dlab)
            u->dlm = v;
        else
            uart_write_ier(u, v);
        break;
    case UART_FCR:
        uart_write_fcr(u, v);
        break;
    case UART_LCR:
        u->lcr = v;
        break;
    case UART_MCR:
        u->mcr = v & 0x1f;
        uart_update_msr(u);
        break;
    case UART_LSR:
    case UART_MSR:
        log_printf(u->log, LOG_UNIMP,
                   "uart: write 0x%02x to read-only %s ignored\n", v,
                   reg == UART_LSR ? "LSR" : "MSR");
        break;
    case UART_SCR:
        u->scr = v;
        break;
    }
    uart_update_irq(u);
}

const struct mmio_ops uart16550_mmio_ops = {
    .read = uart_mmio_read,
    .write = uart_mmio_write,
};
