/*
 * test_uart.c - the 16550 UART model (src/dev/uart16550.c) register by
 * register against the PC16550D datasheet and the sequences Linux's 8250
 * driver performs, with a scripted chardev and an interrupt line that
 * records every change; plus the chardev back ends it is wired to.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "unit.h"

#include "dev/dev.h"
#include "dev/uart16550.h"
#include "log.h"

/* ---- a scripted chardev ------------------------------------------------- */

struct fake_cd {
    struct chardev cd;
    uint8_t in[64];
    unsigned in_pos, in_len;
    uint8_t out[256];
    unsigned out_len;
    unsigned reads;
};

static bool fake_can_read(struct chardev *cd)
{
    struct fake_cd *f = (struct fake_cd *)cd;
    return f->in_pos < f->in_len;
}

static int fake_read(struct chardev *cd)
{
    struct fake_cd *f = (struct fake_cd *)cd;
    if (f->in_pos >= f->in_len)
        return -1;
    f->reads++;
    return f->in[f->in_pos++];
}

static void fake_write(struct chardev *cd, uint8_t byte)
{
    struct fake_cd *f = (struct fake_cd *)cd;
    if (f->out_len < sizeof f->out)
        f->out[f->out_len++] = byte;
}

static void fake_destroy(struct chardev *cd)
{
    (void)cd;
}

/* Bytes given back go in front of what is still unread. */
static void fake_unread(struct chardev *cd, const uint8_t *bytes, unsigned n)
{
    struct fake_cd *f = (struct fake_cd *)cd;
    ck_assert_uint_le(n, f->in_pos);
    f->in_pos -= n;
    ck_assert(memcmp(f->in + f->in_pos, bytes, n) == 0);
}

static void fake_input(struct fake_cd *f, const char *s)
{
    size_t n = strlen(s);
    ck_assert_uint_le(f->in_len + n, sizeof f->in);
    memcpy(f->in + f->in_len, s, n);
    f->in_len += (unsigned)n;
}

/* ---- an interrupt line that records ------------------------------------ */

struct fake_irq {
    bool level;
    unsigned calls;  /* every irq_set */
    unsigned rises;  /* low -> high */
};

static void fake_irq_set(void *opaque, unsigned line, bool level)
{
    struct fake_irq *i = opaque;
    ck_assert_uint_eq(line, 4);
    if (level && !i->level)
        i->rises++;
    i->level = level;
    i->calls++;
}

/* ---- the rig --------------------------------------------------------------- */

struct rig {
    struct fake_cd cd;
    struct fake_irq irq;
    struct log log;
    struct uart16550 *u;
};

static void rig_init(struct rig *r)
{
    memset(r, 0, sizeof *r);
    r->cd.cd.can_read = fake_can_read;
    r->cd.cd.read = fake_read;
    r->cd.cd.write = fake_write;
    r->cd.cd.destroy = fake_destroy;
    r->cd.cd.unread = fake_unread;
    log_init(&r->log);
    struct irq_line line = { .set = fake_irq_set, .opaque = &r->irq, .line = 4 };
    r->u = uart16550_create(&r->cd.cd, line, &r->log);
    ck_assert_ptr_nonnull(r->u);
}

static void rig_done(struct rig *r)
{
    uart16550_destroy(r->u);
}

static uint8_t rd(struct rig *r, unsigned reg)
{
    return (uint8_t)uart16550_mmio_ops.read(r->u, reg, 1);
}

static void wr(struct rig *r, unsigned reg, uint8_t v)
{
    uart16550_mmio_ops.write(r->u, reg, v, 1);
}

/* ---- tests ---------------------------------------------------------------- */

START_TEST(test_reset_values)
{
    struct rig r;
    rig_init(&r);
    ck_assert_uint_eq(rd(&r, UART_IER), 0);
    ck_assert_uint_eq(rd(&r, UART_IIR), UART_IIR_NO_INT);
    ck_assert_uint_eq(rd(&r, UART_LCR), 0);
    ck_assert_uint_eq(rd(&r, UART_MCR), 0);
    ck_assert_uint_eq(rd(&r, UART_LSR), UART_LSR_THRE | UART_LSR_TEMT);
    ck_assert_uint_eq(rd(&r, UART_MSR),
                      UART_MSR_DCD | UART_MSR_DSR | UART_MSR_CTS);
    ck_assert_uint_eq(rd(&r, UART_SCR), 0);
    ck_assert(!r.irq.level);
    ck_assert_uint_eq(r.irq.rises, 0);
    rig_done(&r);
}
END_TEST

START_TEST(test_scratch)
{
    struct rig r;
    rig_init(&r);
    for (unsigned v = 0; v < 256; v += 51) {
        wr(&r, UART_SCR, (uint8_t)v);
        ck_assert_uint_eq(rd(&r, UART_SCR), v);
    }
    uart16550_reset(r.u);
    ck_assert_uint_eq(rd(&r, UART_SCR), 0);
    rig_done(&r);
}
END_TEST

START_TEST(test_divisor_latch)
{
    struct rig r;
    rig_init(&r);
    wr(&r, UART_IER, 0x05);
    wr(&r, UART_LCR, UART_LCR_DLAB | 0x03);
    ck_assert_uint_eq(rd(&r, UART_DLL), 12); /* 9600 baud after reset */
    ck_assert_uint_eq(rd(&r, UART_DLM), 0);
    wr(&r, UART_DLL, 0x01);                  /* 115200 baud */
    wr(&r, UART_DLM, 0x80);
    ck_assert_uint_eq(rd(&r, UART_DLL), 0x01);
    ck_assert_uint_eq(rd(&r, UART_DLM), 0x80);
    ck_assert_uint_eq(r.cd.out_len, 0);      /* DLL write is not THR */
    ck_assert_uint_eq(rd(&r, UART_LCR), UART_LCR_DLAB | 0x03);
    /* IIR/FCR at offset 2 ignore DLAB. */
    ck_assert_uint_eq(rd(&r, UART_IIR), UART_IIR_NO_INT);
    wr(&r, UART_LCR, 0x03);
    ck_assert_uint_eq(rd(&r, UART_IER), 0x05); /* untouched by DLM writes */
    wr(&r, UART_THR, 'z');
    ck_assert_uint_eq(r.cd.out_len, 1);
    ck_assert_uint_eq(r.cd.out[0], 'z');
    wr(&r, UART_LCR, UART_LCR_DLAB);
    ck_assert_uint_eq(rd(&r, UART_DLL), 0x01);  /* THR write left DLL alone */
    rig_done(&r);
}
END_TEST

START_TEST(test_transmit_and_lsr)
{
    struct rig r;
    rig_init(&r);
    const char *msg = "Hello\n";
    for (const char *p = msg; *p; p++) {
        ck_assert(rd(&r, UART_LSR) & UART_LSR_THRE);
        wr(&r, UART_THR, (uint8_t)*p);
        ck_assert_uint_eq(rd(&r, UART_LSR) & (UART_LSR_THRE | UART_LSR_TEMT),
                          UART_LSR_THRE | UART_LSR_TEMT);
    }
    ck_assert_uint_eq(r.cd.out_len, strlen(msg));
    ck_assert(memcmp(r.cd.out, msg, strlen(msg)) == 0);
    ck_assert(!r.irq.level); /* IER is 0 */
    rig_done(&r);
}
END_TEST

START_TEST(test_receive_pulled_by_lsr_and_rbr)
{
    struct rig r;
    rig_init(&r);
    /* Non-FIFO mode: one byte at a time, pulled as the guest polls. */
    fake_input(&r.cd, "ab");
    ck_assert_uint_eq(rd(&r, UART_LSR), 0x61);
    ck_assert_uint_eq(r.cd.reads, 1);  /* only as much as RBR holds */
    ck_assert_uint_eq(rd(&r, UART_RBR), 'a');
    ck_assert_uint_eq(rd(&r, UART_RBR), 'b'); /* pulled by the RBR read */
    ck_assert_uint_eq(rd(&r, UART_LSR), 0x60);
    ck_assert_uint_eq(rd(&r, UART_RBR), 'b'); /* empty RBR: last byte */
    ck_assert_uint_eq(rd(&r, UART_LSR) & UART_LSR_OE, 0);

    /* FIFO mode: LSR pulls everything waiting, in order. */
    wr(&r, UART_FCR, UART_FCR_ENABLE);
    fake_input(&r.cd, "xyz");
    ck_assert(rd(&r, UART_LSR) & UART_LSR_DR);
    ck_assert_uint_eq(r.cd.in_pos, r.cd.in_len);
    ck_assert_uint_eq(rd(&r, UART_RBR), 'x');
    ck_assert_uint_eq(rd(&r, UART_RBR), 'y');
    ck_assert_uint_eq(rd(&r, UART_RBR), 'z');
    ck_assert(!(rd(&r, UART_LSR) & UART_LSR_DR));
    rig_done(&r);
}
END_TEST

START_TEST(test_fifo_backpressure)
{
    struct rig r;
    rig_init(&r);
    wr(&r, UART_FCR, UART_FCR_ENABLE);
    fake_input(&r.cd, "0123456789ABCDEFGHIJ"); /* 20 bytes */
    uart16550_poll(r.u);
    ck_assert_uint_eq(r.cd.reads, UART_FIFO_SIZE); /* the rest waits */
    ck_assert_uint_eq(rd(&r, UART_LSR) & (UART_LSR_DR | UART_LSR_OE),
                      UART_LSR_DR);
    char got[21] = { 0 };
    for (int i = 0; i < 20; i++) {
        ck_assert(rd(&r, UART_LSR) & UART_LSR_DR);
        got[i] = (char)rd(&r, UART_RBR);
    }
    ck_assert_str_eq(got, "0123456789ABCDEFGHIJ");
    ck_assert_uint_eq(rd(&r, UART_LSR), 0x60); /* nothing lost, no OE */
    rig_done(&r);
}
END_TEST

START_TEST(test_loopback_fifo_order_and_overrun)
{
    struct rig r;
    rig_init(&r);
    wr(&r, UART_FCR, UART_FCR_ENABLE | UART_FCR_CLR_RX | UART_FCR_CLR_TX);
    wr(&r, UART_MCR, UART_MCR_LOOP);
    fake_input(&r.cd, "host");
    for (int i = 0; i < 20; i++)
        wr(&r, UART_THR, (uint8_t)('A' + i));
    ck_assert_uint_eq(r.cd.out_len, 0);      /* nothing leaves in loopback */
    uint8_t lsr = rd(&r, UART_LSR);
    ck_assert_uint_eq(lsr, UART_LSR_DR | UART_LSR_OE | 0x60);
    ck_assert_uint_eq(rd(&r, UART_LSR) & UART_LSR_OE, 0); /* cleared by read */
    for (int i = 0; i < UART_FIFO_SIZE; i++)
        ck_assert_uint_eq(rd(&r, UART_RBR), 'A' + i); /* the 4 late ones lost */
    ck_assert_uint_eq(rd(&r, UART_LSR), 0x60);
    ck_assert_uint_eq(r.cd.reads, 0);         /* host input not connected */

    /* Without FIFOs the new byte replaces the unread one. */
    wr(&r, UART_FCR, 0);
    wr(&r, UART_THR, 'x');
    ck_assert_uint_eq(rd(&r, UART_LSR), 0x61);
    wr(&r, UART_THR, 'y');
    ck_assert_uint_eq(rd(&r, UART_LSR), 0x63);
    ck_assert_uint_eq(rd(&r, UART_RBR), 'y');
    ck_assert_uint_eq(rd(&r, UART_LSR), 0x60);

    /* Leaving loopback reconnects the host - after a FIFO reset, from the
     * next poll (or once the receive interrupt is armed) on. */
    wr(&r, UART_MCR, 0);
    ck_assert_uint_eq(rd(&r, UART_LSR), 0x60);
    uart16550_poll(r.u);
    ck_assert_uint_eq(rd(&r, UART_LSR), 0x61);
    ck_assert_uint_eq(rd(&r, UART_RBR), 'h');
    wr(&r, UART_THR, '!');
    ck_assert_uint_eq(r.cd.out_len, 1);
    rig_done(&r);
}
END_TEST

START_TEST(test_fifo_control)
{
    struct rig r;
    rig_init(&r);
    wr(&r, UART_MCR, UART_MCR_LOOP);
    wr(&r, UART_FCR, UART_FCR_ENABLE);
    wr(&r, UART_THR, '1');
    wr(&r, UART_THR, '2');
    wr(&r, UART_FCR, UART_FCR_ENABLE | UART_FCR_CLR_RX);
    ck_assert_uint_eq(rd(&r, UART_LSR) & UART_LSR_DR, 0);
    wr(&r, UART_THR, '3');
    wr(&r, UART_FCR, 0); /* leaving FIFO mode empties the FIFO */
    ck_assert_uint_eq(rd(&r, UART_LSR) & UART_LSR_DR, 0);
    ck_assert_uint_eq(rd(&r, UART_IIR), UART_IIR_NO_INT);
    /* Bits other than enable are ignored while it is clear. */
    wr(&r, UART_FCR, 0xc0);
    ck_assert_uint_eq(rd(&r, UART_IIR), UART_IIR_NO_INT);
    wr(&r, UART_FCR, UART_FCR_ENABLE);
    ck_assert_uint_eq(rd(&r, UART_IIR), UART_IIR_FIFO | UART_IIR_NO_INT);
    rig_done(&r);
}
END_TEST

START_TEST(test_rx_trigger_levels)
{
    static const struct { uint8_t fcr; unsigned level; } t[] = {
        { 0x01, 1 }, { 0x41, 4 }, { 0x81, 8 }, { 0xc1, 14 },
    };
    for (unsigned k = 0; k < 4; k++) {
        struct rig r;
        rig_init(&r);
        wr(&r, UART_FCR, t[k].fcr);
        wr(&r, UART_MCR, UART_MCR_LOOP);
        wr(&r, UART_IER, UART_IER_ERBFI);
        for (unsigned i = 1; i < t[k].level; i++) {
            wr(&r, UART_THR, (uint8_t)i);
            ck_assert_uint_eq(rd(&r, UART_IIR), 0xc1);
            ck_assert(!r.irq.level);
        }
        wr(&r, UART_THR, 0xff);
        ck_assert_uint_eq(rd(&r, UART_IIR), 0xc4);
        ck_assert(r.irq.level);
        rd(&r, UART_RBR); /* one below the level again */
        ck_assert_uint_eq(rd(&r, UART_IIR), 0xc1);
        ck_assert(!r.irq.level);
        rig_done(&r);
    }
}
END_TEST

START_TEST(test_rx_non_fifo_interrupt)
{
    struct rig r;
    rig_init(&r);
    wr(&r, UART_IER, UART_IER_ERBFI);
    ck_assert(!r.irq.level);
    fake_input(&r.cd, "k");
    uart16550_poll(r.u);
    ck_assert(r.irq.level);
    ck_assert_uint_eq(rd(&r, UART_IIR), UART_IIR_RDI); /* no FIFO bits */
    ck_assert_uint_eq(rd(&r, UART_RBR), 'k');
    ck_assert(!r.irq.level);
    ck_assert_uint_eq(rd(&r, UART_IIR), UART_IIR_NO_INT);
    rig_done(&r);
}
END_TEST

START_TEST(test_character_timeout)
{
    struct rig r;
    rig_init(&r);
    wr(&r, UART_FCR, 0x81);              /* trigger at 8 bytes */
    wr(&r, UART_IER, UART_IER_ERBFI);
    fake_input(&r.cd, "abc");
    uart16550_poll(r.u);                 /* bytes arrive: no timeout yet */
    ck_assert(!r.irq.level);
    ck_assert_uint_eq(rd(&r, UART_IIR), 0xc1);
    uart16550_poll(r.u);                 /* a quiet period: timeout */
    ck_assert(r.irq.level);
    ck_assert_uint_eq(rd(&r, UART_IIR), 0xcc);
    ck_assert_uint_eq(rd(&r, UART_IIR), 0xcc); /* IIR read does not clear it */
    ck_assert_uint_eq(rd(&r, UART_RBR), 'a');  /* reading RBR does */
    ck_assert(!r.irq.level);
    uart16550_poll(r.u);                 /* the read counts as activity */
    ck_assert(!r.irq.level);
    uart16550_poll(r.u);
    ck_assert(r.irq.level);
    ck_assert_uint_eq(rd(&r, UART_RBR), 'b');
    ck_assert_uint_eq(rd(&r, UART_RBR), 'c');
    uart16550_poll(r.u);
    uart16550_poll(r.u);
    ck_assert(!r.irq.level);             /* empty FIFO: no timeout */
    ck_assert_uint_eq(rd(&r, UART_IIR), 0xc1);
    rig_done(&r);
}
END_TEST

START_TEST(test_thre_interrupt)
{
    struct rig r;
    rig_init(&r);
    /* Enabling ETBEI with THR empty interrupts at once. */
    wr(&r, UART_IER, UART_IER_ETBEI);
    ck_assert(r.irq.level);
    ck_assert_uint_eq(r.irq.rises, 1);
    ck_assert_uint_eq(rd(&r, UART_IIR), UART_IIR_THRI);
    ck_assert(!r.irq.level);                          /* IIR read clears */
    ck_assert_uint_eq(rd(&r, UART_IIR), UART_IIR_NO_INT);
    /* A THR write drops the line and the byte leaving raises it again:
     * a fresh edge for an edge-triggered controller. */
    wr(&r, UART_THR, 'q');
    ck_assert(r.irq.level);
    ck_assert_uint_eq(r.irq.rises, 2);
    unsigned calls = r.irq.calls;
    wr(&r, UART_THR, 'r');   /* line was high: low, then high again */
    ck_assert_uint_eq(r.irq.calls, calls + 2);
    ck_assert_uint_eq(r.irq.rises, 3);
    /* Rewriting ETBEI while set does not re-raise after an IIR read. */
    ck_assert_uint_eq(rd(&r, UART_IIR), UART_IIR_THRI);
    wr(&r, UART_IER, UART_IER_ETBEI);
    ck_assert(!r.irq.level);
    /* Disabling masks it. */
    wr(&r, UART_THR, 's');
    ck_assert(r.irq.level);
    wr(&r, UART_IER, 0);
    ck_assert(!r.irq.level);
    ck_assert_uint_eq(rd(&r, UART_IIR), UART_IIR_NO_INT);
    rig_done(&r);
}
END_TEST

/* serial8250_do_startup's check for UARTs that do not re-assert THRE. */
START_TEST(test_linux_thre_test)
{
    struct rig r;
    rig_init(&r);
    wr(&r, UART_FCR, UART_FCR_ENABLE | UART_FCR_CLR_RX | UART_FCR_CLR_TX);
    wr(&r, UART_IER, UART_IER_ETBEI);
    uint8_t iir1 = rd(&r, UART_IIR);
    wr(&r, UART_IER, 0);
    wr(&r, UART_IER, UART_IER_ETBEI);
    uint8_t iir = rd(&r, UART_IIR);
    wr(&r, UART_IER, 0);
    ck_assert_uint_eq(iir1 & UART_IIR_NO_INT, 0);
    ck_assert_uint_eq(iir & UART_IIR_NO_INT, 0);
    ck_assert_uint_eq(iir & UART_IIR_ID, UART_IIR_THRI);
    rig_done(&r);
}
END_TEST

/* The probe of Linux's 8250 autoconfig(), in order. */
START_TEST(test_linux_autoconfig_probe)
{
    struct rig r;
    rig_init(&r);
    /* IER test */
    uint8_t save = rd(&r, UART_IER);
    wr(&r, UART_IER, 0);
    ck_assert_uint_eq(rd(&r, UART_IER) & 0x0f, 0);
    wr(&r, UART_IER, 0x0f);
    ck_assert_uint_eq(rd(&r, UART_IER) & 0x0f, 0x0f);
    wr(&r, UART_IER, save);
    /* loopback test: MCR = LOOP | OUT2 | RTS gives MSR = DCD | CTS */
    uint8_t save_mcr = rd(&r, UART_MCR);
    wr(&r, UART_MCR, UART_MCR_LOOP | 0x0a);
    ck_assert_uint_eq(rd(&r, UART_MSR) & 0xf0, 0x90);
    wr(&r, UART_MCR, save_mcr);
    /* FIFO type: IIR bits 7:6 = 3 means a 16550A */
    wr(&r, UART_LCR, 0xbf);
    wr(&r, UART_FCR, 0); /* the EFR write of 16650 probing */
    wr(&r, UART_LCR, 0);
    wr(&r, UART_FCR, UART_FCR_ENABLE);
    ck_assert_uint_eq(rd(&r, UART_IIR) >> 6, 3);
    /* autoconfig_16550a: no EFR (IIR reads non-zero with DLAB set) */
    wr(&r, UART_LCR, 0x80);
    ck_assert_uint_ne(rd(&r, 2), 0);
    wr(&r, UART_LCR, 0xbf);
    ck_assert_uint_ne(rd(&r, 2), 0);
    /* not a NatSemi SuperIO: offset 2 never mirrors MCR's LOOP bit */
    wr(&r, UART_LCR, 0);
    uint8_t status1 = rd(&r, UART_MCR);
    wr(&r, UART_LCR, 0xe0);
    uint8_t status2 = rd(&r, 2);
    ck_assert_uint_eq((status1 ^ status2) & UART_MCR_LOOP, 0);
    wr(&r, UART_LCR, 0);
    wr(&r, UART_MCR, status1 ^ UART_MCR_LOOP);
    wr(&r, UART_LCR, 0xe0);
    status2 = rd(&r, 2);
    wr(&r, UART_LCR, 0);
    wr(&r, UART_MCR, status1);
    ck_assert_uint_eq((status1 ^ status2) & UART_MCR_LOOP, 0);
    /* not a TI16750: IIR bit 5 stays clear */
    wr(&r, UART_FCR, UART_FCR_ENABLE | 0x20);
    ck_assert_uint_eq(rd(&r, UART_IIR) & 0xe0, 0xc0);
    wr(&r, UART_LCR, 0x80);
    wr(&r, UART_FCR, UART_FCR_ENABLE | 0x20);
    ck_assert_uint_eq(rd(&r, UART_IIR) & 0xe0, 0xc0);
    wr(&r, UART_FCR, 0);
    wr(&r, UART_LCR, 0);
    /* not an XScale: IER bit 6 does not stick */
    wr(&r, UART_IER, 0x40);
    ck_assert_uint_eq(rd(&r, UART_IER), 0);
    /* the startup check that the port exists */
    ck_assert_uint_ne(rd(&r, UART_LSR), 0xff);
    rig_done(&r);
}
END_TEST

START_TEST(test_loopback_modem_status)
{
    struct rig r;
    rig_init(&r);
    wr(&r, UART_MCR, UART_MCR_LOOP);
    /* All four lines fell: CTS, DSR, DCD change bits; RI was not set. */
    ck_assert_uint_eq(rd(&r, UART_MSR),
                      UART_MSR_DCTS | UART_MSR_DDSR | UART_MSR_DDCD);
    ck_assert_uint_eq(rd(&r, UART_MSR), 0); /* deltas clear on read */
    wr(&r, UART_MCR, UART_MCR_LOOP | UART_MCR_DTR);
    ck_assert_uint_eq(rd(&r, UART_MSR), UART_MSR_DSR | UART_MSR_DDSR);
    wr(&r, UART_MCR, UART_MCR_LOOP | UART_MCR_RTS);
    ck_assert_uint_eq(rd(&r, UART_MSR),
                      UART_MSR_CTS | UART_MSR_DCTS | UART_MSR_DDSR);
    wr(&r, UART_MCR, UART_MCR_LOOP | UART_MCR_OUT1);
    ck_assert_uint_eq(rd(&r, UART_MSR), UART_MSR_RI | UART_MSR_DCTS);
    wr(&r, UART_MCR, UART_MCR_LOOP | UART_MCR_OUT2);
    /* RI fell: trailing edge */
    ck_assert_uint_eq(rd(&r, UART_MSR),
                      UART_MSR_DCD | UART_MSR_TERI | UART_MSR_DDCD);
    wr(&r, UART_MCR, 0x1f);
    ck_assert_uint_eq(rd(&r, UART_MSR) & 0xf0, 0xf0);
    ck_assert_uint_eq(rd(&r, UART_MCR), 0x1f);
    wr(&r, UART_MCR, 0xff);
    ck_assert_uint_eq(rd(&r, UART_MCR), 0x1f); /* bits 7:5 read 0 */
    rig_done(&r);
}
END_TEST

START_TEST(test_iir_priorities)
{
    struct rig r;
    rig_init(&r);
    wr(&r, UART_FCR, UART_FCR_ENABLE);            /* trigger 1 */
    wr(&r, UART_IER, 0x0f);
    ck_assert(r.irq.level);
    ck_assert_uint_eq(rd(&r, UART_IIR), 0xc2);    /* THRE */
    ck_assert(!r.irq.level);
    ck_assert_uint_eq(rd(&r, UART_IIR), 0xc1);

    wr(&r, UART_MCR, UART_MCR_LOOP | UART_MCR_RTS); /* DSR, DCD fall */
    ck_assert(r.irq.level);
    ck_assert_uint_eq(rd(&r, UART_IIR), 0xc0);    /* modem status */

    wr(&r, UART_THR, 'a');                        /* data + THRE */
    ck_assert_uint_eq(rd(&r, UART_IIR), 0xc4);    /* data beats THRE */
    for (int i = 0; i < UART_FIFO_SIZE; i++)
        wr(&r, UART_THR, 'b');                    /* overrun */
    ck_assert_uint_eq(rd(&r, UART_IIR), 0xc6);    /* line status first */
    ck_assert(r.irq.level);
    ck_assert(rd(&r, UART_LSR) & UART_LSR_OE);    /* reading LSR clears it */
    ck_assert_uint_eq(rd(&r, UART_IIR), 0xc4);
    for (int i = 0; i < UART_FIFO_SIZE; i++)
        rd(&r, UART_RBR);
    ck_assert(r.irq.level);
    ck_assert_uint_eq(rd(&r, UART_IIR), 0xc2);    /* THRE, now cleared */
    ck_assert_uint_eq(rd(&r, UART_IIR), 0xc0);    /* modem status left */
    ck_assert(r.irq.level);
    rd(&r, UART_MSR);
    ck_assert_uint_eq(rd(&r, UART_IIR), 0xc1);
    ck_assert(!r.irq.level);

    /* Masked sources do not interrupt but still show in LSR/MSR. */
    wr(&r, UART_IER, 0);
    wr(&r, UART_THR, 'c');
    wr(&r, UART_MCR, UART_MCR_LOOP);
    ck_assert(!r.irq.level);
    ck_assert_uint_eq(rd(&r, UART_IIR), 0xc1);
    ck_assert(rd(&r, UART_LSR) & UART_LSR_DR);
    ck_assert(rd(&r, UART_MSR) & UART_MSR_DCTS);
    rig_done(&r);
}
END_TEST

START_TEST(test_irq_driven_only_on_change)
{
    struct rig r;
    rig_init(&r);
    unsigned calls = r.irq.calls;
    for (int i = 0; i < 10; i++) {
        rd(&r, UART_LSR);
        rd(&r, UART_IIR);
        wr(&r, UART_SCR, (uint8_t)i);
        uart16550_poll(r.u);
    }
    ck_assert_uint_eq(r.irq.calls, calls);
    /* Reset drives the line low even if it was high. */
    wr(&r, UART_IER, UART_IER_ETBEI);
    ck_assert(r.irq.level);
    uart16550_reset(r.u);
    ck_assert(!r.irq.level);
    ck_assert_uint_eq(rd(&r, UART_IER), 0);
    rig_done(&r);
}
END_TEST

START_TEST(test_access_widths_and_odd_offsets)
{
    struct rig r;
    rig_init(&r);
    /* A 4-byte access is a byte access to the same register. */
    ck_assert_uint_eq(uart16550_mmio_ops.read(r.u, UART_LSR, 4), 0x60);
    uart16550_mmio_ops.write(r.u, UART_SCR, 0x12345678, 4);
    ck_assert_uint_eq(rd(&r, UART_SCR), 0x78);
    /* Offsets past the registers read 0 and are ignored (and logged). */
    FILE *mem = tmpfile();
    ck_assert_ptr_nonnull(mem);
    r.log.out = mem;
    r.log.mask = LOG_UNIMP;
    ck_assert_uint_eq(uart16550_mmio_ops.read(r.u, 8, 1), 0);
    uart16550_mmio_ops.write(r.u, 9, 0xaa, 1);
    wr(&r, UART_LSR, 0);
    ck_assert_int_gt(ftell(mem), 0);
    fclose(mem);
    r.log.out = stderr;
    r.log.mask = 0;
    /* Registers 8 bytes apart, as the Malta CBUS UART. */
    uart16550_set_regshift(r.u, 3);
    uart16550_mmio_ops.write(r.u, UART_SCR << 3, 0x5a, 1);
    ck_assert_uint_eq(uart16550_mmio_ops.read(r.u, UART_SCR << 3, 4), 0x5a);
    ck_assert_uint_eq(uart16550_mmio_ops.read(r.u, UART_LSR << 3, 1), 0x60);
    ck_assert_uint_eq(uart16550_mmio_ops.read(r.u, (UART_SCR << 3) + 1, 1), 0);
    rig_done(&r);
}
END_TEST

START_TEST(test_no_chardev)
{
    struct irq_line none = { 0 };
    struct uart16550 *u = uart16550_create(NULL, none, NULL);
    ck_assert_ptr_nonnull(u);
    uart16550_mmio_ops.write(u, UART_IER, 0x0f, 1);
    uart16550_mmio_ops.write(u, UART_THR, 'x', 1);
    uart16550_poll(u);
    ck_assert_uint_eq(uart16550_mmio_ops.read(u, UART_LSR, 1), 0x60);
    ck_assert_uint_eq(uart16550_mmio_ops.read(u, UART_IIR, 1), UART_IIR_THRI);
    uart16550_destroy(u);
}
END_TEST

START_TEST(test_two_instances_independent)
{
    struct rig a, b;
    rig_init(&a);
    rig_init(&b);
    wr(&a, UART_SCR, 1);
    wr(&b, UART_SCR, 2);
    wr(&a, UART_THR, 'A');
    fake_input(&b.cd, "B");
    ck_assert_uint_eq(rd(&a, UART_SCR), 1);
    ck_assert_uint_eq(rd(&b, UART_SCR), 2);
    ck_assert_uint_eq(a.cd.out_len, 1);
    ck_assert_uint_eq(b.cd.out_len, 0);
    ck_assert_uint_eq(rd(&a, UART_LSR) & UART_LSR_DR, 0);
    ck_assert_uint_eq(rd(&b, UART_RBR), 'B');
    rig_done(&a);
    rig_done(&b);
}
END_TEST

/* ---- the chardev back ends ------------------------------------------------- */

START_TEST(test_chardev_specs)
{
    const char *err = NULL;
    struct chardev *cd = chardev_open("null", &err);
    ck_assert_ptr_nonnull(cd);
    ck_assert(!cd->can_read(cd));
    ck_assert_int_eq(cd->read(cd), -1);
    cd->write(cd, 'x');
    chardev_close(cd);

    cd = chardev_open("none", &err);
    ck_assert_ptr_nonnull(cd);
    chardev_close(cd);

    cd = chardev_open("stdio", &err);
    ck_assert_ptr_nonnull(cd);
    chardev_close(cd);

    err = NULL;
    ck_assert_ptr_null(chardev_open("tcp:1234", &err));
    ck_assert_ptr_nonnull(err);
    ck_assert_ptr_nonnull(strstr(err, "stdio"));
    err = NULL;
    ck_assert_ptr_null(chardev_open("file:", &err));
    ck_assert_ptr_nonnull(err);
    err = NULL;
    ck_assert_ptr_null(chardev_open("file:/nonexistent-dir/x/serial.log", &err));
    ck_assert_ptr_nonnull(err);
    ck_assert_ptr_nonnull(strstr(err, "No such file"));
    chardev_close(NULL);
}
END_TEST

START_TEST(test_chardev_file)
{
    char path[] = "/tmp/disco-serial-XXXXXX";
    int fd = mkstemp(path);
    ck_assert_int_ge(fd, 0);
    close(fd);
    char spec[64];
    snprintf(spec, sizeof spec, "file:%s", path);

    const char *err = NULL;
    struct chardev *cd = chardev_open(spec, &err);
    ck_assert_ptr_nonnull(cd);
    ck_assert(!cd->can_read(cd));
    ck_assert_int_eq(cd->read(cd), -1);
    const char *msg = "boot\nok";
    for (const char *p = msg; *p; p++)
        cd->write(cd, (uint8_t)*p);

    /* Flushed at the newline already... */
    FILE *f = fopen(path, "r");
    ck_assert_ptr_nonnull(f);
    char buf[32] = { 0 };
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    ck_assert_uint_ge(n, 5);
    ck_assert(memcmp(buf, "boot\n", 5) == 0);
    fclose(f);

    /* ...and all of it at close. */
    chardev_close(cd);
    f = fopen(path, "r");
    ck_assert_ptr_nonnull(f);
    memset(buf, 0, sizeof buf);
    n = fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    ck_assert_str_eq(buf, msg);
    unlink(path);
}
END_TEST

/* stdio input through a pipe: bytes in order, then EOF for good. */
START_TEST(test_chardev_stdio_input)
{
    int p[2];
    ck_assert_int_eq(pipe(p), 0);
    int saved = dup(STDIN_FILENO);
    ck_assert_int_ge(saved, 0);
    ck_assert_int_ge(dup2(p[0], STDIN_FILENO), 0);
    close(p[0]);

    const char *err = NULL;
    struct chardev *cd = chardev_open("stdio", &err);
    ck_assert_ptr_nonnull(cd);
    ck_assert(!cd->can_read(cd));          /* nothing yet, and no blocking */
    ck_assert_int_eq(cd->read(cd), -1);
    ck_assert_int_eq(write(p[1], "hi", 2), 2);
    ck_assert(cd->can_read(cd));
    ck_assert(cd->can_read(cd));           /* asking twice loses nothing */
    ck_assert_int_eq(cd->read(cd), 'h');
    ck_assert_int_eq(cd->read(cd), 'i');
    ck_assert(!cd->can_read(cd));
    close(p[1]);                            /* EOF */
    ck_assert(!cd->can_read(cd));
    ck_assert_int_eq(cd->read(cd), -1);
    chardev_close(cd);

    ck_assert_int_ge(dup2(saved, STDIN_FILENO), 0);
    close(saved);
}
END_TEST

/* A FIFO reset gives unread host bytes back; they come again after the
 * receiver is armed, so a driver's reset at port open loses no input. */
START_TEST(test_fifo_reset_gives_host_bytes_back)
{
    struct rig r;
    rig_init(&r);
    wr(&r, UART_FCR, UART_FCR_ENABLE);
    fake_input(&r.cd, "abc");
    uart16550_poll(r.u);
    ck_assert_uint_eq(rd(&r, UART_LSR) & UART_LSR_DR, UART_LSR_DR);
    wr(&r, UART_FCR, UART_FCR_ENABLE | UART_FCR_CLR_RX);
    ck_assert_uint_eq(rd(&r, UART_LSR) & UART_LSR_DR, 0); /* held back */
    rd(&r, UART_RBR);                                      /* stale-state read */
    wr(&r, UART_IER, UART_IER_ERBFI);                      /* receiver armed */
    ck_assert_uint_eq(rd(&r, UART_RBR), 'a');
    ck_assert_uint_eq(rd(&r, UART_RBR), 'b');
    ck_assert_uint_eq(rd(&r, UART_RBR), 'c');
    rig_done(&r);
}
END_TEST

static Suite *uart_suite(void)
{
    Suite *s = suite_create("uart16550");
    TCase *tc = tcase_create("registers");
    tcase_add_test(tc, test_reset_values);
    tcase_add_test(tc, test_scratch);
    tcase_add_test(tc, test_divisor_latch);
    tcase_add_test(tc, test_transmit_and_lsr);
    tcase_add_test(tc, test_receive_pulled_by_lsr_and_rbr);
    tcase_add_test(tc, test_fifo_backpressure);
    tcase_add_test(tc, test_loopback_fifo_order_and_overrun);
    tcase_add_test(tc, test_fifo_reset_gives_host_bytes_back);
    tcase_add_test(tc, test_fifo_control);
    tcase_add_test(tc, test_loopback_modem_status);
    tcase_add_test(tc, test_access_widths_and_odd_offsets);
    tcase_add_test(tc, test_no_chardev);
    tcase_add_test(tc, test_two_instances_independent);
    suite_add_tcase(s, tc);

    tc = tcase_create("interrupts");
    tcase_add_test(tc, test_rx_trigger_levels);
    tcase_add_test(tc, test_rx_non_fifo_interrupt);
    tcase_add_test(tc, test_character_timeout);
    tcase_add_test(tc, test_thre_interrupt);
    tcase_add_test(tc, test_iir_priorities);
    tcase_add_test(tc, test_irq_driven_only_on_change);
    suite_add_tcase(s, tc);

    tc = tcase_create("linux-8250");
    tcase_add_test(tc, test_linux_autoconfig_probe);
    tcase_add_test(tc, test_linux_thre_test);
    suite_add_tcase(s, tc);

    tc = tcase_create("chardev");
    tcase_add_test(tc, test_chardev_specs);
    tcase_add_test(tc, test_chardev_file);
    tcase_add_test(tc, test_chardev_stdio_input);
    suite_add_tcase(s, tc);
    return s;
}

UNIT_SUITE(uart_suite)
