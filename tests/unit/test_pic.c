/*
 * test_pic.c - the PIIX4's cascaded 8259A pair (src/dev/i8259.c): Linux's
 * init_8259A sequence and mask/ack/EOI dance (arch/mips/kernel/i8259.c),
 * the INTA cycle the GT-64120 performs for malta-int.c, priorities and
 * nesting, the cascade, spurious IRQ 7/15, edge and level inputs through
 * the ELCRs, poll mode, auto-EOI, rotation and special mask mode, all
 * through the I/O ports as a guest drives them.
 */
#include <stdlib.h>
#include <string.h>

#include "unit.h"

#include "dev/i8259.h"
#include "log.h"

struct rig {
    struct log log;
    struct i8259 *pic;
    bool intr;          /* the CPU's view of INT */
    unsigned rises;     /* low-to-high transitions of INT */
    unsigned changes;
};

static void record_int(void *opaque, unsigned line, bool level)
{
    struct rig *r = opaque;
    (void)line;
    if (level && !r->intr)
        r->rises++;
    r->changes++;
    r->intr = level;
}

static void rig_init(struct rig *r)
{
    memset(r, 0, sizeof *r);
    log_init(&r->log);
    r->log.out = fopen("/dev/null", "w");
    struct irq_line intr = { .set = record_int, .opaque = r, .line = 0 };
    r->pic = i8259_create(intr, &r->log);
    ck_assert_ptr_nonnull(r->pic);
}

static void rig_done(struct rig *r)
{
    i8259_destroy(r->pic);
    fclose(r->log.out);
}

static void outb(struct rig *r, unsigned port, uint8_t v)
{
    if (port == 0x20 || port == 0x21)
        i8259_master_mmio_ops.write(r->pic, port - 0x20, v, 1);
    else if (port == 0xa0 || port == 0xa1)
        i8259_slave_mmio_ops.write(r->pic, port - 0xa0, v, 1);
    else
        i8259_elcr_mmio_ops.write(r->pic, port - 0x4d0, v, 1);
}

static uint8_t inb(struct rig *r, unsigned port)
{
    if (port == 0x20 || port == 0x21)
        return (uint8_t)i8259_master_mmio_ops.read(r->pic, port - 0x20, 1);
    if (port == 0xa0 || port == 0xa1)
        return (uint8_t)i8259_slave_mmio_ops.read(r->pic, port - 0xa0, 1);
    return (uint8_t)i8259_elcr_mmio_ops.read(r->pic, port - 0x4d0, 1);
}

/* init_8259A(auto_eoi) as in arch/mips/kernel/i8259.c, leaving the
 * masks given. */
static void linux_init(struct rig *r, bool auto_eoi, uint8_t mmask,
                       uint8_t smask)
{
    outb(r, 0x21, 0xff);
    outb(r, 0xa1, 0xff);
    outb(r, 0x20, 0x11);               /* ICW1 */
    outb(r, 0x21, 0x00);               /* ICW2: IRQ base 0 */
    outb(r, 0x21, 1u << 2);            /* ICW3: slave on IR2 */
    outb(r, 0x21, auto_eoi ? 0x03 : 0x01);
    outb(r, 0xa0, 0x11);
    outb(r, 0xa1, 0x08);               /* base 8 */
    outb(r, 0xa1, 2);                  /* slave ID 2 */
    outb(r, 0xa1, 0x01);
    outb(r, 0x21, mmask);
    outb(r, 0xa1, smask);
}

/* mask_and_ack_8259A: mask, then specific EOI (slave first). */
static void linux_mask_ack(struct rig *r, unsigned irq, uint16_t *cached)
{
    *cached |= (uint16_t)(1u << irq);
    if (irq & 8) {
        inb(r, 0xa1);
        outb(r, 0xa1, (uint8_t)(*cached >> 8));
        outb(r, 0xa0, (uint8_t)(0x60 + (irq & 7)));
        outb(r, 0x20, 0x60 + 2);
    } else {
        inb(r, 0x21);
        outb(r, 0x21, (uint8_t)*cached);
        outb(r, 0x20, (uint8_t)(0x60 + irq));
    }
}

static void linux_unmask(struct rig *r, unsigned irq, uint16_t *cached)
{
    *cached &= (uint16_t)~(1u << irq);
    if (irq & 8)
        outb(r, 0xa1, (uint8_t)(*cached >> 8));
    else
        outb(r, 0x21, (uint8_t)*cached);
}

START_TEST(test_reset_state)
{
    struct rig r;
    rig_init(&r);
    struct i8259_state st;
    i8259_get_state(r.pic, &st);
    ck_assert_uint_eq(st.imr[0], 0xff);
    ck_assert_uint_eq(st.imr[1], 0xff);
    ck_assert_uint_eq(st.isr[0] | st.isr[1] | st.irr[0] | st.irr[1], 0);
    i8259_set_irq(r.pic, 4, true);
    ck_assert(!r.intr); /* masked until programmed */
    ck_assert_uint_eq(inb(&r, 0x4d0), 0);
    ck_assert_uint_eq(inb(&r, 0x4d1), 0);
    rig_done(&r);
}
END_TEST

START_TEST(test_linux_init)
{
    struct rig r;
    rig_init(&r);
    linux_init(&r, false, 0xfb, 0xff);
    struct i8259_state st;
    i8259_get_state(r.pic, &st);
    ck_assert_uint_eq(st.base[0], 0x00);
    ck_assert_uint_eq(st.base[1], 0x08);
    ck_assert_uint_eq(inb(&r, 0x21), 0xfb);
    ck_assert_uint_eq(inb(&r, 0xa1), 0xff);
    ck_assert(!r.intr);
    rig_done(&r);
}
END_TEST

/* A device interrupt as Linux handles it on Malta: INT to the CPU, INTA
 * through the GT (i8259_acknowledge), mask+EOI, handler, unmask. */
START_TEST(test_edge_irq_linux_flow)
{
    struct rig r;
    rig_init(&r);
    uint16_t cached = 0xfffb;
    linux_init(&r, false, 0xfb, 0xff);
    linux_unmask(&r, 4, &cached);

    i8259_set_irq(r.pic, 4, true);
    ck_assert(r.intr);
    ck_assert_uint_eq(i8259_acknowledge(r.pic), 4);
    ck_assert(!r.intr);
    struct i8259_state st;
    i8259_get_state(r.pic, &st);
    ck_assert_uint_eq(st.isr[0], 0x10);
    ck_assert_uint_eq(st.irr[0] & 0x10, 0); /* edge: IRR bit moved to ISR */
    linux_mask_ack(&r, 4, &cached);
    i8259_get_state(r.pic, &st);
    ck_assert_uint_eq(st.isr[0], 0);
    i8259_set_irq(r.pic, 4, false); /* the handler quiets the device */
    linux_unmask(&r, 4, &cached);
    ck_assert(!r.intr);

    /* The next edge interrupts again. */
    i8259_set_irq(r.pic, 4, true);
    ck_assert(r.intr);
    ck_assert_uint_eq(r.rises, 2);
    rig_done(&r);
}
END_TEST

START_TEST(test_edge_needs_new_edge)
{
    struct rig r;
    rig_init(&r);
    linux_init(&r, false, 0x00, 0x00);
    i8259_set_irq(r.pic, 3, true);
    ck_assert_uint_eq(i8259_acknowledge(r.pic), 3);
    outb(&r, 0x20, 0x63);
    /* Still high, but no new edge: nothing pending. */
    ck_assert(!r.intr);
    ck_assert_uint_eq(inb(&r, 0x20) & 0x08, 0);
    /* A pulse latches a request even if the line is low again by INTA. */
    i8259_set_irq(r.pic, 3, false);
    i8259_set_irq(r.pic, 3, true);
    i8259_set_irq(r.pic, 3, false);
    ck_assert(r.intr);
    ck_assert_uint_eq(i8259_acknowledge(r.pic), 3);
    rig_done(&r);
}
END_TEST

START_TEST(test_masking)
{
    struct rig r;
    rig_init(&r);
    linux_init(&r, false, 0xff, 0xff);
    i8259_set_irq(r.pic, 5, true);
    ck_assert(!r.intr);
    ck_assert_uint_eq(inb(&r, 0x20), 0x20); /* requested, but masked */
    outb(&r, 0x21, 0xdf);
    ck_assert(r.intr);
    outb(&r, 0x21, 0xff);
    ck_assert(!r.intr);
    rig_done(&r);
}
END_TEST

START_TEST(test_priority_and_nesting)
{
    struct rig r;
    rig_init(&r);
    linux_init(&r, false, 0x00, 0xff);
    i8259_set_irq(r.pic, 5, true);
    i8259_set_irq(r.pic, 3, true);
    ck_assert_uint_eq(i8259_acknowledge(r.pic), 3);
    /* 5 is lower priority than 3 in service: held back. */
    ck_assert(!r.intr);
    /* 1 outranks 3: nests. */
    i8259_set_irq(r.pic, 1, true);
    ck_assert(r.intr);
    ck_assert_uint_eq(i8259_acknowledge(r.pic), 1);
    ck_assert(!r.intr);
    outb(&r, 0x20, 0x20); /* non-specific EOI: ends 1, the highest */
    struct i8259_state st;
    i8259_get_state(r.pic, &st);
    ck_assert_uint_eq(st.isr[0], 0x08);
    ck_assert(!r.intr);
    outb(&r, 0x20, 0x20); /* ends 3 */
    ck_assert(r.intr);
    ck_assert_uint_eq(i8259_acknowledge(r.pic), 5);
    rig_done(&r);
}
END_TEST

START_TEST(test_cascade_slave_irq)
{
    struct rig r;
    rig_init(&r);
    uint16_t cached = 0xfffb;
    linux_init(&r, false, 0xfb, 0xff);
    linux_unmask(&r, 8, &cached);
    i8259_set_irq(r.pic, 8, true); /* the RTC */
    ck_assert(r.intr);
    ck_assert_uint_eq(i8259_acknowledge(r.pic), 8);
    struct i8259_state st;
    i8259_get_state(r.pic, &st);
    ck_assert_uint_eq(st.isr[0], 0x04);
    ck_assert_uint_eq(st.isr[1], 0x01);
    ck_assert(!r.intr);
    linux_mask_ack(&r, 8, &cached);
    i8259_get_state(r.pic, &st);
    ck_assert_uint_eq(st.isr[0] | st.isr[1], 0);
    /* The line is still high, but an edge input needs a new edge. */
    ck_assert(!r.intr);
    i8259_set_irq(r.pic, 8, false);
    linux_unmask(&r, 8, &cached);
    ck_assert(!r.intr);
    i8259_set_irq(r.pic, 8, true);
    ck_assert(r.intr);
    ck_assert_uint_eq(i8259_acknowledge(r.pic), 8);
    rig_done(&r);
}
END_TEST

START_TEST(test_slave_second_request_after_eoi)
{
    struct rig r;
    rig_init(&r);
    linux_init(&r, false, 0x00, 0x00);
    i8259_set_irq(r.pic, 12, true);
    i8259_set_irq(r.pic, 9, true);
    ck_assert_uint_eq(i8259_acknowledge(r.pic), 9);
    ck_assert(!r.intr);
    outb(&r, 0xa0, 0x61);
    ck_assert(!r.intr); /* master IR2 still in service */
    outb(&r, 0x20, 0x62);
    ck_assert(r.intr);
    ck_assert_uint_eq(i8259_acknowledge(r.pic), 12);
    rig_done(&r);
}
END_TEST

START_TEST(test_spurious_master)
{
    struct rig r;
    rig_init(&r);
    linux_init(&r, false, 0x00, 0x00);
    ck_assert_uint_eq(i8259_acknowledge(r.pic), 7);
    struct i8259_state st;
    i8259_get_state(r.pic, &st);
    ck_assert_uint_eq(st.isr[0], 0); /* IR7's ISR bit not set */
    /* Linux's spurious check: OCW3 read ISR, bit 7 clear. */
    outb(&r, 0x20, 0x0b);
    ck_assert_uint_eq(inb(&r, 0x20) & 0x80, 0);
    outb(&r, 0x20, 0x0a);
    rig_done(&r);
}
END_TEST

START_TEST(test_spurious_slave)
{
    struct rig r;
    rig_init(&r);
    linux_init(&r, false, 0x00, 0x00);
    outb(&r, 0x4d1, 0x04); /* IRQ10 level-triggered */
    i8259_set_irq(r.pic, 10, true);
    ck_assert(r.intr);
    i8259_set_irq(r.pic, 10, false); /* gone before INTA */
    /* The master latched the slave's INT edge on IR2. */
    ck_assert(r.intr);
    ck_assert_uint_eq(i8259_acknowledge(r.pic), 15);
    struct i8259_state st;
    i8259_get_state(r.pic, &st);
    ck_assert_uint_eq(st.isr[0], 0x04);
    ck_assert_uint_eq(st.isr[1], 0x00);
    outb(&r, 0xa0, 0x67);
    outb(&r, 0x20, 0x62);
    i8259_get_state(r.pic, &st);
    ck_assert_uint_eq(st.isr[0], 0);
    rig_done(&r);
}
END_TEST

START_TEST(test_level_triggered)
{
    struct rig r;
    rig_init(&r);
    linux_init(&r, false, 0x00, 0x00);
    outb(&r, 0x4d1, 0x0c); /* IRQ10, IRQ11 level */
    ck_assert_uint_eq(inb(&r, 0x4d1), 0x0c);
    i8259_set_irq(r.pic, 11, true);
    ck_assert_uint_eq(i8259_acknowledge(r.pic), 11);
    outb(&r, 0xa1, 0x08); /* mask 11 while handling */
    outb(&r, 0xa0, 0x63);
    outb(&r, 0x20, 0x62);
    ck_assert(!r.intr);
    outb(&r, 0xa1, 0x00); /* still high: requested again */
    ck_assert(r.intr);
    outb(&r, 0xa0, 0x0a);
    ck_assert_uint_eq(inb(&r, 0xa0), 0x08);
    i8259_set_irq(r.pic, 11, false);
    ck_assert_uint_eq(inb(&r, 0xa0), 0x00); /* IRR follows the line */
    /* The master latched the edge on IR2: the late INTA is spurious. */
    ck_assert(r.intr);
    ck_assert_uint_eq(i8259_acknowledge(r.pic), 15);
    outb(&r, 0x20, 0x62);
    ck_assert(!r.intr);
    rig_done(&r);
}
END_TEST

START_TEST(test_elcr_reserved_bits)
{
    struct rig r;
    rig_init(&r);
    outb(&r, 0x4d0, 0xff);
    outb(&r, 0x4d1, 0xff);
    ck_assert_uint_eq(inb(&r, 0x4d0), 0xf8);
    ck_assert_uint_eq(inb(&r, 0x4d1), 0xde);
    /* A 16-bit access reaches both. */
    i8259_elcr_mmio_ops.write(r.pic, 0, 0x0800, 2);
    ck_assert_uint_eq(i8259_elcr_mmio_ops.read(r.pic, 0, 2), 0x0800);
    rig_done(&r);
}
END_TEST

START_TEST(test_ocw3_read_registers)
{
    struct rig r;
    rig_init(&r);
    linux_init(&r, false, 0x00, 0x00);
    i8259_set_irq(r.pic, 6, true);
    i8259_set_irq(r.pic, 1, true);
    ck_assert_uint_eq(inb(&r, 0x20), 0x42); /* IRR by default */
    ck_assert_uint_eq(i8259_acknowledge(r.pic), 1);
    outb(&r, 0x20, 0x0b);
    ck_assert_uint_eq(inb(&r, 0x20), 0x02);
    ck_assert_uint_eq(inb(&r, 0x20), 0x02); /* stays selected */
    outb(&r, 0x20, 0x0a);
    ck_assert_uint_eq(inb(&r, 0x20), 0x40);
    ck_assert_uint_eq(inb(&r, 0x21), 0x00); /* data port: IMR */
    rig_done(&r);
}
END_TEST

/* Linux's own i8259_irq(): poll the master, and the slave for IR2. */
START_TEST(test_poll_mode)
{
    struct rig r;
    rig_init(&r);
    linux_init(&r, false, 0x00, 0x00);
    outb(&r, 0x20, 0x0c);
    ck_assert_uint_eq(inb(&r, 0x20), 0x00); /* nothing pending */
    i8259_set_irq(r.pic, 14, true);
    outb(&r, 0x20, 0x0c);
    ck_assert_uint_eq(inb(&r, 0x20), 0x82);
    outb(&r, 0xa0, 0x0c);
    ck_assert_uint_eq(inb(&r, 0xa0), 0x86);
    struct i8259_state st;
    i8259_get_state(r.pic, &st);
    ck_assert_uint_eq(st.isr[0], 0x04);
    ck_assert_uint_eq(st.isr[1], 0x40);
    /* The poll is one read only. */
    outb(&r, 0x20, 0x0a);
    ck_assert_uint_eq(inb(&r, 0x20) & 0x04, 0);
    rig_done(&r);
}
END_TEST

START_TEST(test_auto_eoi)
{
    struct rig r;
    rig_init(&r);
    linux_init(&r, true, 0x00, 0xff);
    i8259_set_irq(r.pic, 3, true);
    ck_assert_uint_eq(i8259_acknowledge(r.pic), 3);
    struct i8259_state st;
    i8259_get_state(r.pic, &st);
    ck_assert_uint_eq(st.isr[0], 0);
    /* Nothing in service: a lower-priority request goes at once. */
    i8259_set_irq(r.pic, 5, true);
    ck_assert(r.intr);
    ck_assert_uint_eq(i8259_acknowledge(r.pic), 5);
    rig_done(&r);
}
END_TEST

START_TEST(test_rotation)
{
    struct rig r;
    rig_init(&r);
    linux_init(&r, false, 0x00, 0xff);
    i8259_set_irq(r.pic, 3, true);
    ck_assert_uint_eq(i8259_acknowledge(r.pic), 3);
    outb(&r, 0x20, 0xa0); /* rotate on non-specific EOI: 3 now lowest */
    i8259_set_irq(r.pic, 3, false);
    i8259_set_irq(r.pic, 3, true);
    i8259_set_irq(r.pic, 5, true);
    ck_assert_uint_eq(i8259_acknowledge(r.pic), 5);
    outb(&r, 0x20, 0xe5); /* rotate on specific EOI 5 */
    ck_assert_uint_eq(i8259_acknowledge(r.pic), 3);
    outb(&r, 0x20, 0x63);
    /* Set priority: 7 lowest, 0 highest again. */
    outb(&r, 0x20, 0xc7);
    i8259_set_irq(r.pic, 6, true);
    i8259_set_irq(r.pic, 0, true);
    ck_assert_uint_eq(i8259_acknowledge(r.pic), 0);
    rig_done(&r);
}
END_TEST

START_TEST(test_special_mask_mode)
{
    struct rig r;
    rig_init(&r);
    linux_init(&r, false, 0x00, 0xff);
    i8259_set_irq(r.pic, 3, true);
    ck_assert_uint_eq(i8259_acknowledge(r.pic), 3);
    i8259_set_irq(r.pic, 5, true);
    ck_assert(!r.intr); /* blocked by 3 in service */
    outb(&r, 0x21, 0x08); /* mask 3 */
    outb(&r, 0x20, 0x68); /* set special mask mode */
    ck_assert(r.intr);
    ck_assert_uint_eq(i8259_acknowledge(r.pic), 5);
    outb(&r, 0x20, 0x48); /* reset special mask mode */
    outb(&r, 0x20, 0x65);
    outb(&r, 0x20, 0x63);
    struct i8259_state st;
    i8259_get_state(r.pic, &st);
    ck_assert_uint_eq(st.isr[0], 0);
    rig_done(&r);
}
END_TEST

START_TEST(test_icw1_resets)
{
    struct rig r;
    rig_init(&r);
    linux_init(&r, false, 0x00, 0x00);
    i8259_set_irq(r.pic, 4, true);
    ck_assert_uint_eq(i8259_acknowledge(r.pic), 4);
    i8259_set_irq(r.pic, 6, true);
    outb(&r, 0x20, 0x11);
    struct i8259_state st;
    i8259_get_state(r.pic, &st);
    ck_assert_uint_eq(st.isr[0], 0);
    ck_assert_uint_eq(st.irr[0], 0); /* edge sense reset */
    ck_assert_uint_eq(st.imr[0], 0);
    outb(&r, 0x21, 0x20);
    outb(&r, 0x21, 0x04);
    outb(&r, 0x21, 0x01);
    i8259_get_state(r.pic, &st);
    ck_assert_uint_eq(st.base[0], 0x20);
    i8259_set_irq(r.pic, 6, false);
    i8259_set_irq(r.pic, 6, true);
    ck_assert_uint_eq(i8259_acknowledge(r.pic), 0x26);
    rig_done(&r);
}
END_TEST

START_TEST(test_irq_line_helper)
{
    struct rig r;
    rig_init(&r);
    linux_init(&r, false, 0x00, 0x00);
    struct irq_line l = i8259_input(r.pic, 13);
    irq_set(&l, true);
    ck_assert(r.intr);
    ck_assert_uint_eq(i8259_acknowledge(r.pic), 13);
    /* The cascade input cannot be driven from outside. */
    i8259_set_irq(r.pic, 2, true);
    i8259_set_irq(r.pic, 99, true);
    outb(&r, 0xa0, 0x20);
    outb(&r, 0x20, 0x20);
    ck_assert(!r.intr);
    ck_assert(!i8259_output(r.pic));
    rig_done(&r);
}
END_TEST

START_TEST(test_reset_keeps_lines)
{
    struct rig r;
    rig_init(&r);
    linux_init(&r, false, 0x00, 0x00);
    outb(&r, 0x4d0, 0x20);
    i8259_set_irq(r.pic, 5, true);
    i8259_reset(r.pic);
    ck_assert(!r.intr);
    ck_assert_uint_eq(inb(&r, 0x4d0), 0);
    linux_init(&r, false, 0x00, 0x00);
    outb(&r, 0x4d0, 0x20); /* level: the held line requests */
    ck_assert(r.intr);
    rig_done(&r);
}
END_TEST

static Suite *pic_suite(void)
{
    Suite *s = suite_create("i8259");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, test_reset_state);
    tcase_add_test(tc, test_linux_init);
    tcase_add_test(tc, test_edge_irq_linux_flow);
    tcase_add_test(tc, test_edge_needs_new_edge);
    tcase_add_test(tc, test_masking);
    tcase_add_test(tc, test_priority_and_nesting);
    tcase_add_test(tc, test_cascade_slave_irq);
    tcase_add_test(tc, test_slave_second_request_after_eoi);
    tcase_add_test(tc, test_spurious_master);
    tcase_add_test(tc, test_spurious_slave);
    tcase_add_test(tc, test_level_triggered);
    tcase_add_test(tc, test_elcr_reserved_bits);
    tcase_add_test(tc, test_ocw3_read_registers);
    tcase_add_test(tc, test_poll_mode);
    tcase_add_test(tc, test_auto_eoi);
    tcase_add_test(tc, test_rotation);
    tcase_add_test(tc, test_special_mask_mode);
    tcase_add_test(tc, test_icw1_resets);
    tcase_add_test(tc, test_irq_line_helper);
    tcase_add_test(tc, test_reset_keeps_lines);
    suite_add_tcase(s, tc);
    return s;
}

UNIT_SUITE(pic_suite)
