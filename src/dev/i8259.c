/*
 * i8259.c - the PIIX4's cascaded pair of 8259A interrupt controllers
 * (Intel 8259A datasheet: "Interrupt Sequence", "Initialization Command
 * Words", "Operation Command Words", "Special Mask Mode", "Poll Command",
 * "Cascading"; PIIX4 datasheet for ELCR1/ELCR2 and the reserved bits).
 *
 * Implemented: the ICW1..ICW4 sequence (single or cascaded, ICW4 optional;
 * 8086 mode only, an 8080-mode ICW4 is logged and treated as 8086), OCW1
 * masking, OCW2 non-specific/specific EOI with or without rotation, set
 * priority and rotate-in-auto-EOI, OCW3 IRR/ISR read select, poll and
 * special mask mode, auto-EOI, special fully nested mode on the master,
 * edge or level triggering per input through the ELCRs, and the INTA
 * cycle with the chips' spurious IR7 behaviour.
 *
 * Edge-triggered requests are latched on the rising edge and kept until
 * acknowledged, as QEMU models them; the real chip drops a request whose
 * line falls before INTA (and then answers IR7).  Level requests follow
 * the line.  ICW1 sets LTIM on a discrete 8259A; the PIIX4 ignores it in
 * favour of the ELCR, and so do we (it is logged).
 */
#include "dev/i8259.h"

#include <stdlib.h>
#include <string.h>

#include "log.h"

/* Bits of the command words. */
#define ICW1_IC4   0x01 /* ICW4 follows */
#define ICW1_SNGL  0x02 /* single chip, no ICW3 */
#define ICW1_LTIM  0x08 /* level triggered (ignored by the PIIX4) */
#define ICW1_INIT  0x10 /* on the command port: this is ICW1 */
#define ICW4_UPM   0x01 /* 8086/8088 mode */
#define ICW4_AEOI  0x02
#define ICW4_SFNM  0x10
#define OCW3_SEL   0x08 /* on the command port with bit 4 clear: OCW3 */
#define OCW3_RIS   0x01
#define OCW3_RR    0x02
#define OCW3_P     0x04
#define OCW3_SMM   0x20
#define OCW3_ESMM  0x40

/* ELCR bits that the PIIX4 hardwires to edge: IRQ0, 1, 2 and IRQ8, 13. */
#define ELCR1_MASK 0xf8
#define ELCR2_MASK 0xde

enum init_step { INIT_DONE, INIT_ICW2, INIT_ICW3, INIT_ICW4 };

struct pic_chip {
    uint8_t lines;        /* input levels */
    uint8_t edge_irr;     /* requests latched from rising edges */
    uint8_t isr;
    uint8_t imr;
    uint8_t elcr;         /* 1 = level-triggered input */
    uint8_t elcr_mask;
    uint8_t base;         /* ICW2: vector bits 7..3 */
    uint8_t icw3;
    uint8_t priority_add; /* the highest-priority level */
    enum init_step init;
    bool icw4_expected;
    bool single;
    bool aeoi;
    bool rotate_aeoi;
    bool sfnm;
    bool special_mask;
    bool poll;
    bool read_isr;
};

struct i8259 {
    struct pic_chip chip[2]; /* 0 = master, 1 = slave */
    struct irq_line intr;
    bool out;
    struct log *log;
};

static const char *const chip_name[2] = { "master", "slave" };

/* ---- one chip ------------------------------------------------------------ */

static uint8_t chip_irr(const struct pic_chip *c)
{
    return (uint8_t)((c->edge_irr & ~c->elcr) | (c->lines & c->elcr));
}

/* Priority rank (0 = highest) of the highest-priority bit set in mask, or
 * 8 when mask is empty. */
static unsigned chip_priority(const struct pic_chip *c, uint8_t mask)
{
    if (!mask)
        return 8;
    unsigned p = 0;
    while (!(mask & (1u << ((p + c->priority_add) & 7))))
        p++;
    return p;
}

/* The level the chip would deliver now, or -1 (datasheet "Interrupt
 * Sequence": the highest-priority unmasked request that outranks
 * everything in service). */
static int chip_pending(const struct pic_chip *c, bool master)
{
    uint8_t req = chip_irr(c) & (uint8_t)~c->imr;
    unsigned prio = chip_priority(c, req);
    if (prio == 8)
        return -1;
    uint8_t in_service = c->isr;
    if (c->special_mask)
        in_service &= (uint8_t)~c->imr;
    if (master && c->sfnm)
        in_service &= (uint8_t)~(1u << I8259_CASCADE_IRQ);
    if (prio < chip_priority(c, in_service))
        return (int)((prio + c->priority_add) & 7);
    return -1;
}

static void chip_set_input(struct pic_chip *c, unsigned n, bool level)
{
    uint8_t mask = (uint8_t)(1u << n);
    if (level) {
        if (!(c->lines & mask))
            c->edge_irr |= mask;
        c->lines |= mask;
    } else {
        c->lines &= (uint8_t)~mask;
    }
}

/* What INTA (or a poll) does to the chip for level n. */
static void chip_ack(struct pic_chip *c, unsigned n)
{
    uint8_t mask = (uint8_t)(1u << n);
    if (c->aeoi) {
        if (c->rotate_aeoi)
            c->priority_add = (uint8_t)((n + 1) & 7);
    } else {
        c->isr |= mask;
    }
    c->edge_irr &= (uint8_t)~mask;
}

/* ICW1 (datasheet "Initialization Command Words"): the edge sense
 * circuit, IMR and ISR are cleared, IR7 gets the lowest priority, special
 * mask mode is cleared, status read selects IRR, and the ICW4 functions
 * are zeroed until ICW4 arrives. */
static void chip_icw1(struct i8259 *pic, struct pic_chip *c, uint8_t v)
{
    unsigned idx = (unsigned)(c - pic->chip);

    c->edge_irr = 0;
    c->isr = 0;
    c->imr = 0;
    c->priority_add = 0;
    c->special_mask = false;
    c->poll = false;
    c->read_isr = false;
    c->aeoi = false;
    c->rotate_aeoi = false;
    c->sfnm = false;
    c->icw4_expected = (v & ICW1_IC4) != 0;
    c->single = (v & ICW1_SNGL) != 0;
    c->init = INIT_ICW2;
    if (v & ICW1_LTIM)
        log_printf(pic->log, LOG_UNIMP,
                   "i8259: %s ICW1 LTIM ignored (the PIIX4 uses the ELCR)\n",
                   chip_name[idx]);
    if (!c->icw4_expected)
        log_printf(pic->log, LOG_GUEST_ERROR,
                   "i8259: %s initialised without ICW4 (8080 mode), "
                   "treated as 8086 mode\n", chip_name[idx]);
}

static void chip_ocw2(struct pic_chip *c, uint8_t v)
{
    unsigned level = v & 7;

    switch ((v >> 5) & 7) {
    case 0: /* clear rotate in auto-EOI mode */
        c->rotate_aeoi = false;
        break;
    case 4: /* set rotate in auto-EOI mode */
        c->rotate_aeoi = true;
        break;
    case 1:   /* non-specific EOI */
    case 5: { /* rotate on non-specific EOI */
        unsigned prio = chip_priority(c, c->isr);
        if (prio == 8)
            break;
        unsigned n = (prio + c->priority_add) & 7;
        c->isr &= (uint8_t)~(1u << n);
        if (((v >> 5) & 7) == 5)
            c->priority_add = (uint8_t)((n + 1) & 7);
        break;
    }
    case 3: /* specific EOI */
        c->isr &= (uint8_t)~(1u << level);
        break;
    case 7: /* rotate on specific EOI */
        c->isr &= (uint8_t)~(1u << level);
        c->priority_add = (uint8_t)((level + 1) & 7);
        break;
    case 6: /* set priority: level becomes the lowest */
        c->priority_add = (uint8_t)((level + 1) & 7);
        break;
    case 2: /* no operation */
        break;
    }
}

static void chip_ocw3(struct pic_chip *c, uint8_t v)
{
    if (v & OCW3_P)
        c->poll = true;
    if (v & OCW3_RR)
        c->read_isr = (v & OCW3_RIS) != 0;
    if (v & OCW3_ESMM)
        c->special_mask = (v & OCW3_SMM) != 0;
}

/* ---- the pair ------------------------------------------------------------ */

/* Propagates the slave's INT to the master's IR2 and the master's INT to
 * the CPU. */
static void pic_update(struct i8259 *pic)
{
    bool slave_int = chip_pending(&pic->chip[1], false) >= 0;
    chip_set_input(&pic->chip[0], I8259_CASCADE_IRQ, slave_int);
    bool out = chip_pending(&pic->chip[0], true) >= 0;
    if (out != pic->out) {
        pic->out = out;
        irq_set(&pic->intr, out);
    }
}

static void chip_reset(struct pic_chip *c, uint8_t elcr_mask)
{
    uint8_t lines = c->lines;
    memset(c, 0, sizeof *c);
    c->lines = lines;
    c->imr = 0xff;
    c->elcr_mask = elcr_mask;
}

void i8259_reset(struct i8259 *pic)
{
    chip_reset(&pic->chip[0], ELCR1_MASK);
    chip_reset(&pic->chip[1], ELCR2_MASK);
    pic->chip[1].base = 0x08;
    pic->out = false;
    irq_set(&pic->intr, false);
    pic_update(pic);
}

struct i8259 *i8259_create(struct irq_line intr, struct log *log)
{
    struct i8259 *pic = calloc(1, sizeof *pic);
    if (!pic)
        return NULL;
    pic->intr = intr;
    pic->log = log;
    i8259_reset(pic);
    return pic;
}

void i8259_destroy(struct i8259 *pic)
{
    free(pic);
}

void i8259_set_irq(struct i8259 *pic, unsigned irq, bool level)
{
    if (irq >= I8259_NUM_IRQS || irq == I8259_CASCADE_IRQ)
        return;
    chip_set_input(&pic->chip[irq >> 3], irq & 7, level);
    pic_update(pic);
}

static void pic_irq_set(void *opaque, unsigned line, bool level)
{
    i8259_set_irq(opaque, line, level);
}

struct irq_line i8259_input(struct i8259 *pic, unsigned irq)
{
    return (struct irq_line){ .set = pic_irq_set, .opaque = pic, .line = irq };
}

uint8_t i8259_acknowledge(struct i8259 *pic)
{
    struct pic_chip *m = &pic->chip[0], *s = &pic->chip[1];
    uint8_t vector;
    int n = chip_pending(m, true);

    if (n < 0) {
        vector = (uint8_t)(m->base | 7);
        log_printf(pic->log, LOG_INT, "i8259: INTA with nothing pending, "
                   "spurious IRQ7\n");
    } else if (n == (int)I8259_CASCADE_IRQ && !m->single) {
        chip_ack(m, I8259_CASCADE_IRQ);
        int sn = chip_pending(s, false);
        if (sn < 0) {
            vector = (uint8_t)(s->base | 7);
            log_printf(pic->log, LOG_INT, "i8259: INTA through IR2 with "
                       "nothing pending on the slave, spurious IRQ15\n");
        } else {
            chip_ack(s, (unsigned)sn);
            vector = (uint8_t)(s->base | (unsigned)sn);
        }
        /* The slave's INT drops during INTA; if it still has a request
         * the master sees a new rising edge on IR2. */
        chip_set_input(m, I8259_CASCADE_IRQ, false);
    } else {
        chip_ack(m, (unsigned)n);
        vector = (uint8_t)(m->base | (unsigned)n);
    }
    pic_update(pic);
    return vector;
}

bool i8259_output(const struct i8259 *pic)
{
    return pic->out;
}

void i8259_get_state(const struct i8259 *pic, struct i8259_state *st)
{
    for (int i = 0; i < 2; i++) {
        const struct pic_chip *c = &pic->chip[i];
        st->irr[i] = chip_irr(c);
        st->isr[i] = c->isr;
        st->imr[i] = c->imr;
        st->elcr[i] = c->elcr;
        st->base[i] = c->base;
    }
}

/* ---- register accesses --------------------------------------------------- */

static uint8_t chip_read(struct i8259 *pic, unsigned idx, unsigned port)
{
    struct pic_chip *c = &pic->chip[idx];
    uint8_t v;

    if (port == 1)
        return c->imr;
    if (c->poll) {
        /* Poll command: the next read is the poll word and acts as INTA
         * for this chip alone. */
        c->poll = false;
        int n = chip_pending(c, idx == 0);
        if (n >= 0) {
            chip_ack(c, (unsigned)n);
            v = (uint8_t)(0x80 | (unsigned)n);
        } else {
            v = 0;
        }
        if (idx == 1) /* as for INTA: the slave's INT drops meanwhile */
            chip_set_input(&pic->chip[0], I8259_CASCADE_IRQ, false);
        pic_update(pic);
        return v;
    }
    return c->read_isr ? c->isr : chip_irr(c);
}

static void chip_write(struct i8259 *pic, unsigned idx, unsigned port,
                       uint8_t v)
{
    struct pic_chip *c = &pic->chip[idx];

    if (port == 0) {
        if (v & ICW1_INIT)
            chip_icw1(pic, c, v);
        else if (v & OCW3_SEL)
            chip_ocw3(c, v);
        else
            chip_ocw2(c, v);
    } else {
        switch (c->init) {
        case INIT_ICW2:
            c->base = v & 0xf8;
            c->init = c->single ? (c->icw4_expected ? INIT_ICW4 : INIT_DONE)
                                : INIT_ICW3;
            break;
        case INIT_ICW3:
            c->icw3 = v;
            c->init = c->icw4_expected ? INIT_ICW4 : INIT_DONE;
            break;
        case INIT_ICW4:
            if (!(v & ICW4_UPM))
                log_printf(pic->log, LOG_GUEST_ERROR,
                           "i8259: %s ICW4 selects 8080 mode, treated as "
                           "8086 mode\n", chip_name[idx]);
            c->aeoi = (v & ICW4_AEOI) != 0;
            c->sfnm = (v & ICW4_SFNM) != 0;
            c->init = INIT_DONE;
            log_printf(pic->log, LOG_DEV, "i8259: %s initialised, base "
                       "0x%02x%s%s\n", chip_name[idx], c->base,
                       c->aeoi ? ", auto-EOI" : "",
                       c->sfnm ? ", special fully nested" : "");
            break;
        case INIT_DONE:
            c->imr = v; /* OCW1 */
            break;
        }
    }
    pic_update(pic);
}

static uint32_t pic_read_bytes(struct i8259 *pic, unsigned idx,
                               uint32_t offset, unsigned size)
{
    uint32_t v = 0;
    for (unsigned i = 0; i < size; i++) {
        unsigned port = offset + i;
        uint8_t b = port < I8259_IO_SIZE ? chip_read(pic, idx, port) : 0xff;
        v |= (uint32_t)b << (8 * i);
    }
    return v;
}

static void pic_write_bytes(struct i8259 *pic, unsigned idx, uint32_t offset,
                            uint32_t value, unsigned size)
{
    for (unsigned i = 0; i < size; i++) {
        unsigned port = offset + i;
        if (port < I8259_IO_SIZE)
            chip_write(pic, idx, port, (uint8_t)(value >> (8 * i)));
    }
}

static uint32_t master_read(void *opaque, uint32_t offset, unsigned size)
{
    return pic_read_bytes(opaque, 0, offset, size);
}

static void master_write(void *opaque, uint32_t offset, uint32_t value,
                         unsigned size)
{
    pic_write_bytes(opaque, 0, offset, value, size);
}

static uint32_t slave_read(void *opaque, uint32_t offset, unsigned size)
{
    return pic_read_bytes(opaque, 1, offset, size);
}

static void slave_write(void *opaque, uint32_t offset, uint32_t value,
                        unsigned size)
{
    pic_write_bytes(opaque, 1, offset, value, size);
}

static uint32_t elcr_read(void *opaque, uint32_t offset, unsigned size)
{
    struct i8259 *pic = opaque;
    uint32_t v = 0;
    for (unsigned i = 0; i < size; i++) {
        unsigned port = offset + i;
        uint8_t b = port < I8259_ELCR_SIZE ? pic->chip[port].elcr : 0xff;
        v |= (uint32_t)b << (8 * i);
    }
    return v;
}

static void elcr_write(void *opaque, uint32_t offset, uint32_t value,
                       unsigned size)
{
    struct i8259 *pic = opaque;
    for (unsigned i = 0; i < size; i++) {
        unsigned port = offset + i;
        if (port >= I8259_ELCR_SIZE)
            continue;
        struct pic_chip *c = &pic->chip[port];
        uint8_t v = (uint8_t)(value >> (8 * i));
        if (v & ~c->elcr_mask)
            log_printf(pic->log, LOG_GUEST_ERROR,
                       "i8259: ELCR%u bits 0x%02x are reserved (edge only)\n",
                       port + 1, v & (uint8_t)~c->elcr_mask);
        c->elcr = v & c->elcr_mask;
    }
    pic_update(pic);
}

const struct mmio_ops i8259_master_mmio_ops = {
    .read = master_read,
    .write = master_write,
};

const struct mmio_ops i8259_slave_mmio_ops = {
    .read = slave_read,
    .write = slave_write,
};

const struct mmio_ops i8259_elcr_mmio_ops = {
    .read = elcr_read,
    .write = elcr_write,
};
