/*
 * test_gt64120.c - the GT-64120 system controller (src/dev/gt64120.c) and
 * PCI bus 0 with the PIIX4 functions (src/dev/pci.c), driven through the
 * GT's registers exactly as Linux does on Malta: the firmware's set-up,
 * malta-init.c's byte-swap and I/O remap fix-up and port base, pci-malta.c's
 * BAR4 write and window decoding, ops-gt64xxx_pci0.c's configuration
 * accessor (with its master-abort check) scanning bus 0 and sizing BARs,
 * fixup-malta.c's PIIX4 fix-ups, the PIIX4 ACPI quirk, and the interrupt-
 * acknowledge read of malta-int.c delivering i8259 vectors.
 */
#include <stdlib.h>
#include <string.h>

#include "unit.h"

#include "dev/gt64120.h"
#include "dev/i8259.h"
#include "dev/pci.h"
#include "log.h"

#define PCI_DEVFN(slot, fn) ((((slot) & 0x1f) << 3) | ((fn) & 7))

struct move {
    enum gt64120_window w;
    struct gt64120_window_info old, now;
};

struct rig {
    struct log log;
    struct pci_bus *pci;
    struct i8259 *pic;
    struct gt64120 *gt;
    struct pci_piix4 *piix4;
    bool intr;
    struct move moves[16];
    unsigned nmoves;
};

static void record_move(void *opaque, enum gt64120_window w,
                        const struct gt64120_window_info *old,
                        const struct gt64120_window_info *now)
{
    struct rig *r = opaque;
    if (r->nmoves < 16)
        r->moves[r->nmoves++] = (struct move){ w, *old, *now };
}

static void record_int(void *opaque, unsigned line, bool level)
{
    (void)line;
    ((struct rig *)opaque)->intr = level;
}

static void rig_init(struct rig *r)
{
    memset(r, 0, sizeof *r);
    log_init(&r->log);
    r->log.out = fopen("/dev/null", "w");
    r->pci = pci_bus_create(&r->log);
    ck_assert_ptr_nonnull(r->pci);
    struct irq_line intr = { .set = record_int, .opaque = r, .line = 0 };
    r->pic = i8259_create(intr, &r->log);
    struct gt64120_hooks hooks = { .window_changed = record_move, .opaque = r };
    r->gt = gt64120_create(r->pci, r->pic, hooks, &r->log);
    ck_assert_ptr_nonnull(r->gt);
    struct irq_line isa[16];
    for (unsigned i = 0; i < 16; i++)
        isa[i] = i8259_input(r->pic, i);
    r->piix4 = pci_piix4_create(r->pci, PCI_MALTA_PIIX4_DEV, isa, &r->log);
    ck_assert_ptr_nonnull(r->piix4);
}

static void rig_done(struct rig *r)
{
    pci_piix4_destroy(r->piix4);
    gt64120_destroy(r->gt);
    i8259_destroy(r->pic);
    pci_bus_destroy(r->pci);
    fclose(r->log.out);
}

static uint32_t gt_read(struct rig *r, uint32_t ofs)
{
    return gt64120_mmio_ops.read(r->gt, ofs, 4);
}

static void gt_write(struct rig *r, uint32_t ofs, uint32_t v)
{
    gt64120_mmio_ops.write(r->gt, ofs, v, 4);
}

/* ---- Linux's arch/mips/pci/ops-gt64xxx_pci0.c ------------------------------ */

static int cfg_access(struct rig *r, bool write, unsigned bus, unsigned devfn,
                      unsigned where, uint32_t *data)
{
    if (bus == 0 && devfn >= PCI_DEVFN(31, 0))
        return -1;
    gt_write(r, GT_INTRCAUSE_OFS, ~(GT_INTRCAUSE_MASABORT0 |
                                    GT_INTRCAUSE_TARABORT0));
    gt_write(r, GT_PCI0_CFGADDR_OFS, (bus << 16) | (devfn << 8) |
                                     ((where / 4) << 2) |
                                     GT_PCI0_CFGADDR_CONFIGEN);
    if (write)
        gt_write(r, GT_PCI0_CFGDATA_OFS, *data);
    else
        *data = gt_read(r, GT_PCI0_CFGDATA_OFS);
    uint32_t intr = gt_read(r, GT_INTRCAUSE_OFS);
    if (intr & (GT_INTRCAUSE_MASABORT0 | GT_INTRCAUSE_TARABORT0)) {
        gt_write(r, GT_INTRCAUSE_OFS, ~(GT_INTRCAUSE_MASABORT0 |
                                        GT_INTRCAUSE_TARABORT0));
        return -1;
    }
    return 0;
}

static int cfg_read(struct rig *r, unsigned bus, unsigned devfn,
                    unsigned where, unsigned size, uint32_t *val)
{
    uint32_t data = 0;
    if (cfg_access(r, false, bus, devfn, where, &data))
        return -1;
    if (size == 1)
        *val = (data >> ((where & 3) << 3)) & 0xff;
    else if (size == 2)
        *val = (data >> ((where & 3) << 3)) & 0xffff;
    else
        *val = data;
    return 0;
}

static int cfg_write(struct rig *r, unsigned bus, unsigned devfn,
                     unsigned where, unsigned size, uint32_t val)
{
    uint32_t data = 0;
    if (size == 4) {
        data = val;
    } else {
        if (cfg_access(r, false, bus, devfn, where, &data))
            return -1;
        unsigned sh = (where & 3) << 3;
        uint32_t m = size == 1 ? 0xffu : 0xffffu;
        data = (data & ~(m << sh)) | (val << sh);
    }
    return cfg_access(r, true, bus, devfn, where, &data);
}

static uint32_t cfg_read_ok(struct rig *r, unsigned devfn, unsigned where,
                            unsigned size)
{
    uint32_t v = 0;
    ck_assert_int_eq(cfg_read(r, 0, devfn, where, size, &v), 0);
    return v;
}

/* ---- tests ------------------------------------------------------------------ */

START_TEST(test_reset_windows)
{
    struct rig r;
    rig_init(&r);
    struct gt64120_window_info w;
    gt64120_get_window(r.gt, GT64120_WIN_ISD, &w);
    ck_assert(w.enabled);
    ck_assert_uint_eq(w.base, GT64120_RESET_BASE);
    ck_assert_uint_eq(w.size, 0x1000);
    gt64120_get_window(r.gt, GT64120_WIN_PCI0_IO, &w);
    ck_assert_uint_eq(w.base, 0x10000000);
    ck_assert_uint_eq(w.size, 32u << 20);
    gt64120_get_window(r.gt, GT64120_WIN_PCI0_MEM0, &w);
    ck_assert_uint_eq(w.base, 0x12000000);
    ck_assert_uint_eq(w.size, 32u << 20);
    gt64120_get_window(r.gt, GT64120_WIN_PCI0_MEM1, &w);
    ck_assert_uint_eq(w.base, 0xf2000000);
    ck_assert_uint_eq(r.nmoves, 0);
    ck_assert_uint_eq(gt_read(&r, GT_CPU_OFS), GT_CPU_LITTLE_ENDIAN);
    ck_assert_uint_eq(gt_read(&r, GT_PCI0_CMD_OFS),
                      GT_PCI0_CMD_MBYTESWAP | GT_PCI0_CMD_SBYTESWAP);
    ck_assert_uint_eq(gt_read(&r, GT_ISD_OFS), 0xa0);
    rig_done(&r);
}
END_TEST

START_TEST(test_isd_relocation)
{
    struct rig r;
    rig_init(&r);
    /* QEMU's bootloader: write GT_ISD at 0xb4000068. */
    gt_write(&r, GT_ISD_OFS, GT64120_MALTA_BASE >> 21);
    ck_assert_uint_eq(r.nmoves, 1);
    ck_assert_int_eq(r.moves[0].w, GT64120_WIN_ISD);
    ck_assert_uint_eq(r.moves[0].old.base, GT64120_RESET_BASE);
    ck_assert_uint_eq(r.moves[0].now.base, GT64120_MALTA_BASE);
    ck_assert_uint_eq(gt_read(&r, GT_ISD_OFS), 0xdf);
    /* Writing the same value moves nothing. */
    gt_write(&r, GT_ISD_OFS, 0xdf);
    ck_assert_uint_eq(r.nmoves, 1);
    /* Reset moves it back. */
    gt64120_reset(r.gt);
    ck_assert_uint_eq(r.nmoves, 2);
    ck_assert_uint_eq(r.moves[1].now.base, GT64120_RESET_BASE);
    rig_done(&r);
}
END_TEST

/* The firmware's set-up, then arch/mips/mti-malta/malta-init.c and
 * arch/mips/pci/pci-malta.c for a GT-64120, little-endian. */
START_TEST(test_linux_malta_setup)
{
    struct rig r;
    rig_init(&r);
    gt64120_yamon_setup(r.gt);
    ck_assert_uint_eq(r.nmoves, 4);
    struct gt64120_window_info w;
    gt64120_get_window(r.gt, GT64120_WIN_ISD, &w);
    ck_assert_uint_eq(w.base, GT64120_MALTA_BASE);

    /* prom_init: byte swapping, I/O remap fix-up, I/O port base. */
    gt_write(&r, GT_PCI0_CMD_OFS, GT_PCI0_CMD_MBYTESWAP |
                                  GT_PCI0_CMD_SBYTESWAP);
    uint32_t start = gt_read(&r, GT_PCI0IOLD_OFS);
    uint32_t map = gt_read(&r, GT_PCI0IOREMAP_OFS);
    ck_assert_uint_eq(start, 0xc0);
    ck_assert_uint_eq(map, 0xc0); /* loaded by the LD write */
    unsigned before = r.nmoves;
    if (start & map) {
        map &= ~start;
        gt_write(&r, GT_PCI0IOREMAP_OFS, map);
    }
    ck_assert_uint_eq(r.nmoves, before + 1);
    ck_assert_int_eq(r.moves[before].w, GT64120_WIN_PCI0_IO);
    ck_assert_uint_eq(r.moves[before].old.pci_base, 0x18000000);
    ck_assert_uint_eq(r.moves[before].now.pci_base, 0);
    uint32_t port_base = (gt_read(&r, GT_PCI0IOLD_OFS) & 0xffff) << 21;
    ck_assert_uint_eq(port_base, 0x18000000);
    gt64120_get_window(r.gt, GT64120_WIN_PCI0_IO, &w);
    ck_assert_uint_eq(w.base, 0x18000000);
    ck_assert_uint_eq(w.size, 0x200000);
    ck_assert_uint_eq(w.pci_base, 0);

    /* mips_pcibios_init: BAR4 of the GT = its registers. */
    ck_assert_int_eq(cfg_write(&r, 0, 0, 0x20, 4, 0x1be00000), 0);
    ck_assert_uint_eq(cfg_read_ok(&r, 0, 0x20, 4), 0x1be00000);
    /* ... and the memory resource from the wider window. */
    uint32_t s0 = gt_read(&r, GT_PCI0M0LD_OFS);
    uint32_t e0 = (gt_read(&r, GT_PCI0M0HD_OFS) & 0x7f) | (s0 & ~0x7fu);
    uint32_t m0 = gt_read(&r, GT_PCI0M0REMAP_OFS);
    uint32_t s1 = gt_read(&r, GT_PCI0M1LD_OFS);
    uint32_t e1 = (gt_read(&r, GT_PCI0M1HD_OFS) & 0x7f) | (s1 & ~0x7fu);
    ck_assert_uint_gt(e0 - s0, e1 - s1);
    uint32_t mask = ~(s0 ^ e0);
    uint64_t mem_start = (uint64_t)s0 << 21;
    uint64_t mem_end = ((uint64_t)e0 << 21) | 0x1fffff;
    uint64_t mem_offset = (uint64_t)((s0 & mask) - (m0 & mask)) << 21;
    ck_assert_uint_eq(mem_start, 0x10000000);
    ck_assert_uint_eq(mem_end, 0x17ffffff);
    ck_assert_uint_eq(mem_offset, 0);
    gt64120_get_window(r.gt, GT64120_WIN_PCI0_MEM1, &w);
    ck_assert_uint_eq(w.base, 0x18200000);
    ck_assert_uint_eq(w.base + w.size, GT64120_MALTA_BASE);
    /* ... and the I/O resource. */
    uint32_t is = gt_read(&r, GT_PCI0IOLD_OFS);
    uint32_t ie = (gt_read(&r, GT_PCI0IOHD_OFS) & 0x7f) | (is & ~0x7fu);
    uint32_t im = gt_read(&r, GT_PCI0IOREMAP_OFS);
    uint32_t imask = ~(is ^ ie);
    ck_assert_uint_eq((im & imask) << 21, 0);
    ck_assert_uint_eq((((im & imask) | ~imask) << 21) | 0x1fffff, 0x1fffff);
    rig_done(&r);
}
END_TEST

struct found {
    unsigned devfn;
    uint16_t vendor, device;
    uint32_t class_rev;
    uint8_t hdr;
};

/* pci_scan_child_bus: every slot's function 0, the others only when the
 * header type says multi-function. */
static unsigned linux_scan(struct rig *r, struct found *out, unsigned max)
{
    unsigned n = 0;
    for (unsigned slot = 0; slot < 32; slot++) {
        for (unsigned fn = 0; fn < 8; fn++) {
            unsigned devfn = PCI_DEVFN(slot, fn);
            uint32_t id;
            if (cfg_read(r, 0, devfn, PCI_VENDOR_ID, 4, &id) ||
                id == 0xffffffff || id == 0 || id == 0xffff0000 ||
                id == 0x0000ffff) {
                if (fn == 0)
                    break;
                continue;
            }
            uint32_t hdr = cfg_read_ok(r, devfn, PCI_HEADER_TYPE, 1);
            if (n < max)
                out[n++] = (struct found){
                    devfn, (uint16_t)id, (uint16_t)(id >> 16),
                    cfg_read_ok(r, devfn, PCI_REVISION_ID, 4), (uint8_t)hdr };
            if (fn == 0 && !(hdr & PCI_HEADER_MULTI))
                break;
        }
    }
    return n;
}

START_TEST(test_linux_bus_scan)
{
    struct rig r;
    rig_init(&r);
    gt64120_yamon_setup(r.gt);
    struct found f[16];
    unsigned n = linux_scan(&r, f, 16);
    ck_assert_uint_eq(n, 5);
    ck_assert_uint_eq(f[0].devfn, PCI_DEVFN(0, 0));
    ck_assert_uint_eq(f[0].vendor, 0x11ab);
    ck_assert_uint_eq(f[0].device, 0x4620);
    ck_assert_uint_eq(f[0].class_rev, 0x06000010);
    ck_assert_uint_eq(f[0].hdr, 0x00);
    static const uint16_t ids[4] = { 0x7110, 0x7111, 0x7112, 0x7113 };
    static const uint32_t classes[4] = { 0x06010000, 0x01018000,
                                         0x0c030001, 0x06800003 };
    for (unsigned i = 0; i < 4; i++) {
        ck_assert_uint_eq(f[1 + i].devfn, PCI_DEVFN(10, i));
        ck_assert_uint_eq(f[1 + i].vendor, 0x8086);
        ck_assert_uint_eq(f[1 + i].device, ids[i]);
        ck_assert_uint_eq(f[1 + i].class_rev, classes[i]);
    }
    ck_assert_uint_eq(f[1].hdr, 0x80); /* the ISA bridge: multi-function */
    /* An empty slot is a master abort, which the accessor reports. */
    uint32_t v = 0x1234;
    ck_assert_int_eq(cfg_read(&r, 0, PCI_DEVFN(5, 0), 0, 4, &v), -1);
    ck_assert_uint_eq(v, 0x1234); /* the accessor leaves *val alone */
    ck_assert_uint_eq(gt_read(&r, GT_INTRCAUSE_OFS), 0);
    /* So is another bus. */
    ck_assert_int_eq(cfg_read(&r, 1, PCI_DEVFN(0, 0), 0, 4, &v), -1);
    /* USB's interrupt pin is INTD; the PM function's INTA. */
    ck_assert_uint_eq(cfg_read_ok(&r, PCI_DEVFN(10, 2), PCI_INTERRUPT_PIN, 1),
                      4);
    ck_assert_uint_eq(cfg_read_ok(&r, PCI_DEVFN(10, 3), PCI_INTERRUPT_PIN, 1),
                      1);
    rig_done(&r);
}
END_TEST

/* __pci_read_base: save, write ones, read the size, restore. */
static uint32_t bar_size(struct rig *r, unsigned devfn, unsigned bar,
                         uint32_t *flags)
{
    unsigned where = PCI_BASE_ADDRESS_0 + 4 * bar;
    uint32_t l = cfg_read_ok(r, devfn, where, 4);
    ck_assert_int_eq(cfg_write(r, 0, devfn, where, 4, 0xffffffff), 0);
    uint32_t sz = cfg_read_ok(r, devfn, where, 4);
    ck_assert_int_eq(cfg_write(r, 0, devfn, where, 4, l), 0);
    ck_assert_uint_eq(cfg_read_ok(r, devfn, where, 4), l);
    if (!sz || sz == 0xffffffff)
        return 0;
    uint32_t mask = (l & PCI_BAR_IO) ? ~0x3u : ~0xfu;
    *flags = l & ~mask;
    return ~(sz & mask) + 1;
}

START_TEST(test_bar_sizing)
{
    struct rig r;
    rig_init(&r);
    uint32_t flags = 0;
    /* The GT's BARs: SCS10, SCS32 (prefetchable), CS20, CS3/boot,
     * ISD memory and ISD I/O. */
    static const uint32_t gt_sizes[6] = { 16u << 20, 16u << 20, 32u << 20,
                                          16u << 20, 4096, 4096 };
    static const uint32_t gt_flags[6] = { 8, 8, 0, 0, 0, 1 };
    for (unsigned b = 0; b < 6; b++) {
        ck_assert_uint_eq(bar_size(&r, 0, b, &flags), gt_sizes[b]);
        ck_assert_uint_eq(flags, gt_flags[b]);
    }
    for (unsigned fn = 0; fn < 4; fn++) {
        for (unsigned b = 0; b < 6; b++) {
            uint32_t size = bar_size(&r, PCI_DEVFN(10, fn), b, &flags);
            if (fn == 1 && b == 4) {
                ck_assert_uint_eq(size, 16);
                ck_assert_uint_eq(flags, PCI_BAR_IO);
            } else if (fn == 2 && b == 4) {
                ck_assert_uint_eq(size, 32);
                ck_assert_uint_eq(flags, PCI_BAR_IO);
            } else {
                ck_assert_uint_eq(size, 0);
            }
        }
        /* No expansion ROMs. */
        ck_assert_int_eq(cfg_write(&r, 0, PCI_DEVFN(10, fn), PCI_ROM_ADDRESS,
                                   4, 0xfffff800), 0);
        ck_assert_uint_eq(cfg_read_ok(&r, PCI_DEVFN(10, fn), PCI_ROM_ADDRESS,
                                      4), 0);
    }
    /* Assigning an address sticks (aligned). */
    ck_assert_int_eq(cfg_write(&r, 0, PCI_DEVFN(10, 2), 0x20, 4, 0x1043), 0);
    ck_assert_uint_eq(cfg_read_ok(&r, PCI_DEVFN(10, 2), 0x20, 4), 0x1041);
    rig_done(&r);
}
END_TEST

/* arch/mips/pci/fixup-malta.c and the PIIX4 ACPI quirk. */
START_TEST(test_piix4_linux_fixups)
{
    struct rig r;
    rig_init(&r);
    gt64120_yamon_setup(r.gt);
    unsigned isa = PCI_DEVFN(10, 0), ide = PCI_DEVFN(10, 1);
    unsigned pm = PCI_DEVFN(10, 3);
    static const int piixirqmap[16] = { 0, 0, 0, 3, 4, 5, 6, 7,
                                        0, 9, 10, 11, 12, 0, 14, 15 };
    int pci_irq[4];
    for (unsigned i = 0; i < 4; i++) {
        uint32_t v = cfg_read_ok(&r, isa, PIIX4_PIRQRC + i, 1);
        pci_irq[i] = (v & 0x80) ? 0 : piixirqmap[v & 0x0f];
    }
    ck_assert_int_eq(pci_irq[0], 10);
    ck_assert_int_eq(pci_irq[1], 10);
    ck_assert_int_eq(pci_irq[2], 11);
    ck_assert_int_eq(pci_irq[3], 11);
    ck_assert_int_eq(pci_piix4_pirq_route(r.piix4, 3), 11);

    uint32_t v = cfg_read_ok(&r, isa, PIIX4_TOM, 1);
    cfg_write(&r, 0, isa, PIIX4_TOM, 1, v | 0xf0);
    ck_assert_uint_eq(cfg_read_ok(&r, isa, PIIX4_TOM, 1), 0xf2);
    v = cfg_read_ok(&r, isa, PIIX4_GENCFG, 4);
    cfg_write(&r, 0, isa, PIIX4_GENCFG, 4, v | (1u << 16));
    ck_assert_uint_eq(cfg_read_ok(&r, isa, PIIX4_GENCFG, 4), 1u << 16);
    v = cfg_read_ok(&r, isa, PIIX4_SERIRQC, 1);
    cfg_write(&r, 0, isa, PIIX4_SERIRQC, 1, v | 0xc0);
    ck_assert_uint_eq(cfg_read_ok(&r, isa, PIIX4_SERIRQC, 1), 0xd0);
    v = cfg_read_ok(&r, isa, PCI_COMMAND, 2);
    ck_assert_uint_eq(v, 0x0007);
    cfg_write(&r, 0, isa, PCI_COMMAND, 2, v | PCI_COMMAND_SPECIAL);
    ck_assert_uint_eq(cfg_read_ok(&r, isa, PCI_COMMAND, 2), 0x000f);
    v = cfg_read_ok(&r, isa, PIIX4_DLC, 1);
    cfg_write(&r, 0, isa, PIIX4_DLC, 1, v | 0x07);
    ck_assert_uint_eq(cfg_read_ok(&r, isa, PIIX4_DLC, 1), 0x07);
    /* IDE decode enable. */
    v = cfg_read_ok(&r, ide, 0x41, 1);
    cfg_write(&r, 0, ide, 0x41, 1, v | 0x80);
    v = cfg_read_ok(&r, ide, 0x43, 1);
    cfg_write(&r, 0, ide, 0x43, 1, v | 0x80);
    ck_assert_uint_eq(cfg_read_ok(&r, ide, 0x40, 4), 0x80008000);

    /* quirk_piix4_acpi: PMBA and SMBBA give no region, nor do the device
     * resource registers. */
    ck_assert_uint_eq(cfg_read_ok(&r, pm, PIIX4_PMBA, 4) & ~63u, 0);
    ck_assert_uint_eq(cfg_read_ok(&r, pm, PIIX4_SMBBA, 4) & ~15u, 0);
    uint32_t res_a = cfg_read_ok(&r, pm, 0x5c, 4);
    ck_assert_uint_eq(res_a & (3u << 29), 0);
    for (unsigned off = 0x60; off <= 0x7c; off += 4)
        ck_assert_uint_eq(cfg_read_ok(&r, pm, off, 4) & (3u << 21), 0);
    /* Firmware may set them: the writable bits only. */
    cfg_write(&r, 0, pm, PIIX4_PMBA, 4, 0xffffffff);
    ck_assert_uint_eq(cfg_read_ok(&r, pm, PIIX4_PMBA, 4), 0x0000ffc1);
    cfg_write(&r, 0, pm, PIIX4_SMBBA, 4, 0x1100);
    ck_assert_uint_eq(cfg_read_ok(&r, pm, PIIX4_SMBBA, 4), 0x1101);
    /* The status register's error bits clear by writing 1. */
    cfg_write(&r, 0, isa, PCI_STATUS, 2, 0xffff);
    ck_assert_uint_eq(cfg_read_ok(&r, isa, PCI_STATUS, 2), 0x0200);
    rig_done(&r);
}
END_TEST

/* malta-int.c: the IRQ number is a read of GT_PCI0_IACK. */
START_TEST(test_interrupt_acknowledge)
{
    struct rig r;
    rig_init(&r);
    struct i8259_state st;
    /* init_8259A(0), all unmasked. */
    static const uint8_t seq[][2] = {
        { 0x20, 0x11 }, { 0x21, 0x00 }, { 0x21, 0x04 }, { 0x21, 0x01 },
        { 0xa0, 0x11 }, { 0xa1, 0x08 }, { 0xa1, 0x02 }, { 0xa1, 0x01 },
        { 0x21, 0x00 }, { 0xa1, 0x00 },
    };
    for (unsigned i = 0; i < sizeof seq / sizeof seq[0]; i++) {
        const struct mmio_ops *ops = seq[i][0] < 0xa0 ? &i8259_master_mmio_ops
                                                       : &i8259_slave_mmio_ops;
        ops->write(r.pic, seq[i][0] & 1, seq[i][1], 1);
    }
    i8259_set_irq(r.pic, 4, true);
    ck_assert(r.intr);
    ck_assert_uint_eq(gt_read(&r, GT_PCI0_IACK_OFS) & 0xff, 4);
    ck_assert(!r.intr);
    i8259_get_state(r.pic, &st);
    ck_assert_uint_eq(st.isr[0], 0x10);
    /* Nothing else pending: the spurious IRQ 7. */
    ck_assert_uint_eq(gt_read(&r, GT_PCI0_IACK_OFS) & 0xff, 7);

    /* A PCI interrupt: USB's INTD# -> PIRQD -> IRQ 11 after the set-up. */
    gt64120_yamon_setup(r.gt);
    i8259_master_mmio_ops.write(r.pic, 0, 0x64, 1); /* EOI IRQ4 */
    pci_piix4_set_pirq(r.piix4, 3, true);
    ck_assert(r.intr);
    ck_assert_uint_eq(gt64120_mmio_ops.read(r.gt, GT_PCI0_IACK_OFS, 1), 11);
    pci_piix4_set_pirq(r.piix4, 3, false);
    /* Disabling the routing releases the line. */
    pci_piix4_set_pirq(r.piix4, 0, true);
    cfg_write(&r, 0, PCI_DEVFN(10, 0), PIIX4_PIRQRC, 1, 0x80);
    ck_assert_int_eq(pci_piix4_pirq_route(r.piix4, 0), -1);
    rig_done(&r);
}
END_TEST

START_TEST(test_config_byteswap)
{
    struct rig r;
    rig_init(&r);
    /* Without MByteSwap, other devices' data is byte-swapped ... */
    gt_write(&r, GT_PCI0_CMD_OFS, 0);
    gt_write(&r, GT_PCI0_CFGADDR_OFS, GT_PCI0_CFGADDR_CONFIGEN |
                                      (PCI_DEVFN(10, 0) << 8));
    ck_assert_uint_eq(gt_read(&r, GT_PCI0_CFGDATA_OFS), 0x86801071);
    /* ... but the GT's own header is not. */
    gt_write(&r, GT_PCI0_CFGADDR_OFS, GT_PCI0_CFGADDR_CONFIGEN);
    ck_assert_uint_eq(gt_read(&r, GT_PCI0_CFGDATA_OFS), 0x462011ab);
    /* Swapped writes land swapped. */
    gt_write(&r, GT_PCI0_CFGADDR_OFS, GT_PCI0_CFGADDR_CONFIGEN |
                                      (PCI_DEVFN(10, 0) << 8) | PIIX4_PIRQRC);
    gt_write(&r, GT_PCI0_CFGDATA_OFS, 0x0a0b0c0d);
    struct pci_func *isa = pci_piix4_function(r.piix4, 0);
    ck_assert_uint_eq(isa->config[PIIX4_PIRQRC], 0x0a);
    ck_assert_uint_eq(isa->config[PIIX4_PIRQRC + 3], 0x0d);
    /* With MByteSwap (Linux's setting) the data passes as is. */
    gt_write(&r, GT_PCI0_CMD_OFS, GT_PCI0_CMD_MBYTESWAP |
                                  GT_PCI0_CMD_SBYTESWAP);
    gt_write(&r, GT_PCI0_CFGADDR_OFS, GT_PCI0_CFGADDR_CONFIGEN |
                                      (PCI_DEVFN(10, 0) << 8));
    ck_assert_uint_eq(gt_read(&r, GT_PCI0_CFGDATA_OFS), 0x71108086);
    rig_done(&r);
}
END_TEST

START_TEST(test_subword_and_misc_registers)
{
    struct rig r;
    rig_init(&r);
    /* Byte and halfword reads of the register words. */
    ck_assert_uint_eq(gt64120_mmio_ops.read(r.gt, GT_ISD_OFS, 1), 0xa0);
    ck_assert_uint_eq(gt64120_mmio_ops.read(r.gt, GT_ISD_OFS + 1, 1), 0);
    ck_assert_uint_eq(gt64120_mmio_ops.read(r.gt, GT_CPU_OFS, 2), 0x1000);
    /* Byte accesses through CFGDATA reach the selected bytes. */
    gt_write(&r, GT_PCI0_CFGADDR_OFS, GT_PCI0_CFGADDR_CONFIGEN |
                                      (PCI_DEVFN(10, 0) << 8) | 0x0c);
    ck_assert_uint_eq(gt64120_mmio_ops.read(r.gt, GT_PCI0_CFGDATA_OFS + 2, 1),
                      0x80);
    gt_write(&r, GT_PCI0_CFGADDR_OFS, GT_PCI0_CFGADDR_CONFIGEN |
                                      (PCI_DEVFN(10, 0) << 8) | 0x60);
    gt64120_mmio_ops.write(r.gt, GT_PCI0_CFGDATA_OFS + 1, 0x05, 1);
    ck_assert_uint_eq(pci_piix4_function(r.piix4, 0)->config[0x61], 0x05);
    /* CFGADDR keeps only its defined bits. */
    gt_write(&r, GT_PCI0_CFGADDR_OFS, 0xffffffff);
    ck_assert_uint_eq(gt_read(&r, GT_PCI0_CFGADDR_OFS), 0x80fffffc);
    /* ConfigEn clear: no cycle. */
    gt_write(&r, GT_PCI0_CFGADDR_OFS, 0);
    ck_assert_uint_eq(gt_read(&r, GT_PCI0_CFGDATA_OFS), 0xffffffff);
    /* The cause register: set by a master abort, cleared by writing 0,
     * a byte write leaving the other bytes alone. */
    gt_write(&r, GT_PCI0_CFGADDR_OFS, GT_PCI0_CFGADDR_CONFIGEN | (3 << 11));
    gt_read(&r, GT_PCI0_CFGDATA_OFS);
    ck_assert_uint_eq(gt_read(&r, GT_INTRCAUSE_OFS),
                      GT_INTRCAUSE_MASABORT0 | 1);
    gt64120_mmio_ops.write(r.gt, GT_INTRCAUSE_OFS, 0x00, 1);
    ck_assert_uint_eq(gt_read(&r, GT_INTRCAUSE_OFS),
                      GT_INTRCAUSE_MASABORT0 | 1);
    gt64120_mmio_ops.write(r.gt, GT_INTRCAUSE_OFS + 2, 0xfb, 1);
    ck_assert_uint_eq(gt_read(&r, GT_INTRCAUSE_OFS), 0);
    /* Read-only and unknown registers. */
    gt_write(&r, 0x120, 0);
    ck_assert_uint_eq(gt_read(&r, 0x120), 3);
    ck_assert_uint_eq(gt_read(&r, 0x3f0), 0);
    gt_write(&r, 0x3f0, 1);
    /* Window registers keep their implemented bits; low above high turns
     * the window off. */
    gt_write(&r, GT_PCI0M1HD_OFS, 0xffffffff);
    ck_assert_uint_eq(gt_read(&r, GT_PCI0M1HD_OFS), 0x7f);
    unsigned before = r.nmoves;
    gt_write(&r, GT_PCI0M1HD_OFS, 0x00);
    ck_assert_uint_eq(r.nmoves, before + 1);
    ck_assert(!r.moves[before].now.enabled);
    rig_done(&r);
}
END_TEST

START_TEST(test_endianness_bit)
{
    struct rig r;
    rig_init(&r);
    gt_write(&r, GT_CPU_OFS, 0); /* big-endian CPU interface */
    ck_assert_uint_eq(gt_read(&r, GT_ISD_OFS), 0xa0000000);
    ck_assert_uint_eq(gt_read(&r, GT_CPU_OFS), 0);
    gt_write(&r, GT_CPU_OFS, 0x00100000); /* back, as a BE CPU writes it */
    ck_assert_uint_eq(gt_read(&r, GT_CPU_OFS), GT_CPU_LITTLE_ENDIAN);
    ck_assert_uint_eq(gt_read(&r, GT_ISD_OFS), 0xa0);
    rig_done(&r);
}
END_TEST

START_TEST(test_pci_bus_basics)
{
    struct rig r;
    rig_init(&r);
    /* Slots taken: a second GT or PIIX4 cannot attach there. */
    struct gt64120_hooks none = { 0 };
    ck_assert_ptr_null(gt64120_create(r.pci, NULL, none, &r.log));
    ck_assert_ptr_null(pci_piix4_create(r.pci, PCI_MALTA_PIIX4_DEV, NULL,
                                        &r.log));
    /* Accesses crossing a dword are refused. */
    uint32_t v;
    ck_assert(!pci_config_read(r.pci, PCI_CONFIG_ADDR(0, 10, 0, 3), 2, &v));
    ck_assert_uint_eq(v, 0xffff);
    ck_assert(pci_config_read(r.pci, PCI_CONFIG_ADDR(0, 10, 0, 2), 2, &v));
    ck_assert_uint_eq(v, 0x7110);
    /* Reset puts the PIIX4 back. */
    pci_config_write(r.pci, PCI_CONFIG_ADDR(0, 10, 0, PIIX4_PIRQRC), 1, 9);
    ck_assert_int_eq(pci_piix4_pirq_route(r.piix4, 0), 9);
    pci_piix4_reset(r.piix4);
    ck_assert_int_eq(pci_piix4_pirq_route(r.piix4, 0), -1);
    /* Reserved IRQs are not routed. */
    pci_config_write(r.pci, PCI_CONFIG_ADDR(0, 10, 0, PIIX4_PIRQRC), 1, 8);
    ck_assert_int_eq(pci_piix4_pirq_route(r.piix4, 0), -1);
    rig_done(&r);
}
END_TEST

static Suite *gt64120_suite(void)
{
    Suite *s = suite_create("gt64120");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, test_reset_windows);
    tcase_add_test(tc, test_isd_relocation);
    tcase_add_test(tc, test_linux_malta_setup);
    tcase_add_test(tc, test_linux_bus_scan);
    tcase_add_test(tc, test_bar_sizing);
    tcase_add_test(tc, test_piix4_linux_fixups);
    tcase_add_test(tc, test_interrupt_acknowledge);
    tcase_add_test(tc, test_config_byteswap);
    tcase_add_test(tc, test_subword_and_misc_registers);
    tcase_add_test(tc, test_endianness_bit);
    tcase_add_test(tc, test_pci_bus_basics);
    suite_add_tcase(s, tc);
    return s;
}

UNIT_SUITE(gt64120_suite)
