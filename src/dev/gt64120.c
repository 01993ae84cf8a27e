/*
 * gt64120.c - the GT-64120 system controller's internal registers as the
 * Malta needs them (GT-64120 datasheet rev 1.4: 3 "CPU Interface"
 * including the address decode and remap registers, 5.2 "Internal Space
 * Decode", 8 "PCI Interface" with the configuration mechanism, byte
 * swapping (Table 16, 32-bit PCI transaction endianness) and the
 * interrupt-acknowledge register, 17.16 "PCI Configuration" for the host
 * bridge's own configuration header, 10 "Interrupts").
 *
 * Modelled: every register of the datasheet map reads back with its reset
 * value or what was written (masked to its implemented bits); the CPU
 * address decode of the ISD, PCI_0 I/O and two PCI_0 memory windows, with
 * the chip's rule that writing a low decode register also loads the
 * matching remap register; configuration cycles on PCI bus 0 through
 * 0xcf8/0xcfc, a cycle nobody claims setting MasAbort0 in the interrupt
 * cause register (Linux's config accessor checks exactly that bit); the
 * interrupt-acknowledge read performing an i8259 INTA cycle; the
 * interrupt cause register's write-0-to-clear bits and its summary bits.
 *
 * Byte swapping, little-endian board: with the PCI_0 Command MByteSwap bit
 * set (reset value on a little-endian Malta, and what Linux writes) the
 * configuration data passes unchanged; with it clear the data of cycles to
 * other devices is byte-swapped, while the GT's own configuration space is
 * never swapped (hence the special case for device 0 in Linux's
 * ops-gt64xxx_pci0.c).  Clearing the CPU interface Endianess bit makes
 * the other registers read and write byte-swapped, as QEMU models it.
 *
 * Not modelled: the SDRAM and device decode (storage only), DMA engines,
 * timer/counters (storage only, logged as unimplemented), PCI_1, error
 * reporting other than master abort, and the GT's interrupt output.
 */
#include "dev/gt64120.h"

#include <stdlib.h>
#include <string.h>

#include "dev/i8259.h"
#include "dev/pci.h"
#include "log.h"

#define GT_NREGS (GT64120_SIZE / 4)

/* How a register behaves. */
enum gt_kind {
    GT_UNKNOWN = 0, /* not in the register map */
    GT_RW,          /* plain storage with a write mask */
    GT_RO,          /* read-only */
    GT_UNIMP,       /* storage; what it controls is not modelled */
    GT_SPECIAL,     /* handled in gt_reg_write / gt_reg_read */
};

struct gt_reg_def {
    uint16_t ofs;
    uint8_t kind;
    uint32_t reset;
    uint32_t wmask;
};

#define LD 0x00007fffu /* low decode: address bits 35..21 */
#define HD 0x0000007fu /* high decode: address bits 27..21 */
#define RM 0x000007ffu /* remap: PCI address bits 31..21 */
#define ALL 0xffffffffu

/* The register map with reset values (datasheet; the same as QEMU's
 * gt64120_reset for a little-endian board). */
static const struct gt_reg_def gt_regs[] = {
    /* CPU interface */
    { 0x000, GT_RW, GT_CPU_LITTLE_ENDIAN, ALL },
    { 0x120, GT_RO, 0x00000003, 0 },           /* multi-GT */
    /* CPU address decode */
    { 0x008, GT_RW, 0x000, LD }, { 0x010, GT_RW, 0x07, HD }, /* SCS[1:0] */
    { 0x018, GT_RW, 0x008, LD }, { 0x020, GT_RW, 0x0f, HD }, /* SCS[3:2] */
    { 0x028, GT_RW, 0x0e0, LD }, { 0x030, GT_RW, 0x70, HD }, /* CS[2:0] */
    { 0x038, GT_RW, 0x0f8, LD }, { 0x040, GT_RW, 0x7f, HD }, /* CS3/Boot */
    { GT_PCI0IOLD_OFS, GT_SPECIAL, 0x080, LD },
    { GT_PCI0IOHD_OFS, GT_SPECIAL, 0x0f, HD },
    { GT_PCI0M0LD_OFS, GT_SPECIAL, 0x090, LD },
    { GT_PCI0M0HD_OFS, GT_SPECIAL, 0x1f, HD },
    { GT_ISD_OFS, GT_SPECIAL, 0x0a0, LD },
    { GT_PCI0M1LD_OFS, GT_SPECIAL, 0x790, LD },
    { GT_PCI0M1HD_OFS, GT_SPECIAL, 0x1f, HD },
    { 0x090, GT_SPECIAL, 0x100, LD }, { 0x098, GT_RW, 0x0f, HD }, /* PCI_1 */
    { 0x0a0, GT_SPECIAL, 0x110, LD }, { 0x0a8, GT_RW, 0x1f, HD },
    { 0x0b0, GT_SPECIAL, 0x120, LD }, { 0x0b8, GT_RW, 0x2f, HD },
    { 0x0d0, GT_RW, 0x000, RM }, { 0x0d8, GT_RW, 0x008, RM }, /* addr remap */
    { 0x0e0, GT_RW, 0x0e0, RM }, { 0x0e8, GT_RW, 0x0f8, RM },
    { GT_PCI0IOREMAP_OFS, GT_SPECIAL, 0x080, RM },
    { GT_PCI0M0REMAP_OFS, GT_SPECIAL, 0x090, RM },
    { GT_PCI0M1REMAP_OFS, GT_SPECIAL, 0x790, RM },
    { 0x108, GT_RW, 0x100, RM }, { 0x110, GT_RW, 0x110, RM },
    { 0x118, GT_RW, 0x120, RM },
    /* CPU error report, sync barriers */
    { 0x070, GT_RO, 0, 0 }, { 0x078, GT_RO, 0, 0 },
    { 0x128, GT_RO, 0xffffffff, 0 }, { 0x130, GT_RO, 0xffffffff, 0 },
    { 0x138, GT_RO, 0x000000ff, 0 },
    { 0x0c0, GT_RO, 0, 0 }, { 0x0c8, GT_RO, 0, 0 },
    /* SDRAM and device address decode */
    { 0x400, GT_RW, 0x00, LD }, { 0x404, GT_RW, 0x07, HD },
    { 0x408, GT_RW, 0x08, LD }, { 0x40c, GT_RW, 0x0f, HD },
    { 0x410, GT_RW, 0x10, LD }, { 0x414, GT_RW, 0x17, HD },
    { 0x418, GT_RW, 0x18, LD }, { 0x41c, GT_RW, 0x1f, HD },
    { 0x420, GT_RW, 0xc0, LD }, { 0x424, GT_RW, 0xc7, HD },
    { 0x428, GT_RW, 0xc8, LD }, { 0x42c, GT_RW, 0xcf, HD },
    { 0x430, GT_RW, 0xd0, LD }, { 0x434, GT_RW, 0xdf, HD },
    { 0x438, GT_RW, 0xf0, LD }, { 0x43c, GT_RW, 0xfb, HD },
    { 0x440, GT_RW, 0xfc, LD }, { 0x444, GT_RW, 0xff, HD },
    { 0x470, GT_RW, 0xffffffff, ALL },                  /* address error */
    /* SDRAM configuration and parameters */
    { 0x448, GT_RW, 0x200, ALL }, { 0x474, GT_RW, 0, ALL },
    { 0x478, GT_RW, 0x7, ALL }, { 0x47c, GT_RW, 0x2, ALL },
    { 0x44c, GT_RW, 5, ALL }, { 0x450, GT_RW, 5, ALL },
    { 0x454, GT_RW, 5, ALL }, { 0x458, GT_RW, 5, ALL },
    /* device parameters */
    { 0x45c, GT_UNIMP, 0x386fffff, ALL }, { 0x460, GT_UNIMP, 0x386fffff, ALL },
    { 0x464, GT_UNIMP, 0x386fffff, ALL }, { 0x468, GT_UNIMP, 0x386fffff, ALL },
    { 0x46c, GT_UNIMP, 0x146fffff, ALL },
    /* ECC */
    { 0x480, GT_RO, 0, 0 }, { 0x484, GT_RO, 0, 0 }, { 0x488, GT_RO, 0, 0 },
    { 0x48c, GT_RO, 0, 0 }, { 0x490, GT_RO, 0, 0 },
    /* DMA records, control, arbiter */
    { 0x800, GT_UNIMP, 0, ALL }, { 0x804, GT_UNIMP, 0, ALL },
    { 0x808, GT_UNIMP, 0, ALL }, { 0x80c, GT_UNIMP, 0, ALL },
    { 0x810, GT_UNIMP, 0, ALL }, { 0x814, GT_UNIMP, 0, ALL },
    { 0x818, GT_UNIMP, 0, ALL }, { 0x81c, GT_UNIMP, 0, ALL },
    { 0x820, GT_UNIMP, 0, ALL }, { 0x824, GT_UNIMP, 0, ALL },
    { 0x828, GT_UNIMP, 0, ALL }, { 0x82c, GT_UNIMP, 0, ALL },
    { 0x830, GT_UNIMP, 0, ALL }, { 0x834, GT_UNIMP, 0, ALL },
    { 0x838, GT_UNIMP, 0, ALL }, { 0x83c, GT_UNIMP, 0, ALL },
    { 0x840, GT_UNIMP, 0, ALL }, { 0x844, GT_UNIMP, 0, ALL },
    { 0x848, GT_UNIMP, 0, ALL }, { 0x84c, GT_UNIMP, 0, ALL },
    { 0x860, GT_UNIMP, 0, ALL },
    { 0x870, GT_UNIMP, 0, ALL }, { 0x874, GT_UNIMP, 0, ALL },
    { 0x878, GT_UNIMP, 0, ALL }, { 0x87c, GT_UNIMP, 0, ALL },
    /* timer/counters */
    { 0x850, GT_UNIMP, 0xffffffff, ALL }, { 0x854, GT_UNIMP, 0x00ffffff, ALL },
    { 0x858, GT_UNIMP, 0x00ffffff, ALL }, { 0x85c, GT_UNIMP, 0x00ffffff, ALL },
    { 0x864, GT_UNIMP, 0, ALL },
    /* PCI_0 internal */
    { GT_PCI0_CMD_OFS, GT_RW, GT_PCI0_CMD_MBYTESWAP | GT_PCI0_CMD_SBYTESWAP,
      0x0401fc0f },
    { 0xc04, GT_RW, 0x0000070f, ALL },           /* timeout and retry */
    { 0xc08, GT_RW, 0x00fff000, 0x0ffff000 },    /* bank size SCS[1:0] */
    { 0xc0c, GT_RW, 0x00fff000, 0x0ffff000 },
    { 0xc10, GT_RW, 0x01fff000, 0x0ffff000 },
    { 0xc14, GT_RW, 0x00fff000, 0x0ffff000 },
    { 0xc30, GT_RO, 0, 0 },                      /* PCI_1 interrupt ack */
    { GT_PCI0_IACK_OFS, GT_SPECIAL, 0, 0 },
    { 0xc3c, GT_RW, 0x0000000f, 0x1ff },         /* BAR enable */
    { 0xc40, GT_RW, 0x00000040, ALL },           /* prefetch/max burst */
    { 0xc48, GT_RW, 0x00000000, ALL }, { 0xc4c, GT_RW, 0x01000000, ALL },
    { 0xc50, GT_RW, 0x1c000000, ALL }, { 0xc54, GT_RW, 0x1f000000, ALL },
    { 0xc58, GT_RW, 0x00000000, ALL }, { 0xc5c, GT_RW, 0x01000000, ALL },
    { 0xc64, GT_RW, 0x1f000000, ALL },
    { GT_PCI0_CFGADDR_OFS, GT_SPECIAL, 0, 0x80fffffc },
    { GT_PCI0_CFGDATA_OFS, GT_SPECIAL, 0, 0 },
    /* PCI_1 internal (the Malta has no PCI_1) */
    { 0xc80, GT_UNIMP, GT_PCI0_CMD_MBYTESWAP | GT_PCI0_CMD_SBYTESWAP,
      0x0401fc0f },
    { 0xc84, GT_UNIMP, 0x0000070f, ALL },
    { 0xc88, GT_UNIMP, 0x00fff000, ALL }, { 0xc8c, GT_UNIMP, 0x00fff000, ALL },
    { 0xc90, GT_UNIMP, 0x01fff000, ALL }, { 0xc94, GT_UNIMP, 0x00fff000, ALL },
    { 0xcbc, GT_UNIMP, 0x0000000f, ALL }, { 0xcc0, GT_UNIMP, 0x00000040, ALL },
    { 0xcc8, GT_UNIMP, 0x00000000, ALL }, { 0xccc, GT_UNIMP, 0x01000000, ALL },
    { 0xcd0, GT_UNIMP, 0x1c000000, ALL }, { 0xcd4, GT_UNIMP, 0x1f000000, ALL },
    { 0xcd8, GT_UNIMP, 0x00000000, ALL }, { 0xcdc, GT_UNIMP, 0x01000000, ALL },
    { 0xce4, GT_UNIMP, 0x1f000000, ALL },
    { 0xcf0, GT_UNIMP, 0, ALL }, { 0xcf4, GT_UNIMP, 0, ALL },
    /* interrupts */
    { GT_INTRCAUSE_OFS, GT_SPECIAL, 0, 0 },
    { GT_INTRMASK_OFS, GT_RW, 0, 0x3c3ffffe },
    { GT_PCI0_ICMASK_OFS, GT_RW, 0, 0x03fffffe },
    { 0xc28, GT_RW, 0, 0x0000003f },             /* SERR0 mask */
    { 0xc70, GT_RW, 0, ALL }, { 0xc74, GT_RW, 0, ALL },
    { 0xc98, GT_RW, 0, ALL }, { 0xc9c, GT_RW, 0, ALL },
    { 0xca4, GT_RW, 0, ALL }, { 0xca8, GT_RW, 0, ALL },
};

#define GT_NDEFS (sizeof gt_regs / sizeof gt_regs[0])

struct gt64120 {
    uint32_t regs[GT_NREGS];
    uint8_t kind[GT_NREGS];
    uint32_t wmask[GT_NREGS];
    uint32_t reset[GT_NREGS];
    struct pci_func host;        /* device 0: the host bridge */
    struct pci_bus *pci;
    struct i8259 *pic;
    struct gt64120_hooks hooks;
    struct gt64120_window_info win[GT64120_NWINDOWS]; /* as last reported */
    bool batching;               /* report window moves only at the end */
    struct log *log;
};

static uint32_t *reg(struct gt64120 *gt, unsigned ofs)
{
    return &gt->regs[ofs >> 2];
}

static uint32_t regv(const struct gt64120 *gt, unsigned ofs)
{
    return gt->regs[ofs >> 2];
}

static uint32_t bswap_size(uint32_t v, unsigned size)
{
    switch (size) {
    case 2:
        return (uint32_t)(((v & 0xff) << 8) | ((v >> 8) & 0xff));
    case 4:
        return (v >> 24) | ((v >> 8) & 0xff00) | ((v << 8) & 0xff0000) |
               (v << 24);
    default:
        return v & 0xff;
    }
}

/* ---- address windows ------------------------------------------------------ */

static void gt_decode_window(const struct gt64120 *gt, unsigned ld_ofs,
                             unsigned hd_ofs, unsigned remap_ofs,
                             struct gt64120_window_info *w)
{
    uint32_t ld = regv(gt, ld_ofs) & LD, hd = regv(gt, hd_ofs) & HD;
    uint32_t remap = regv(gt, remap_ofs) & RM;
    uint32_t low = ld, high = (ld & ~HD) | hd;

    memset(w, 0, sizeof *w);
    if ((ld & HD) > hd)
        return; /* low above high: the window is off */
    w->enabled = true;
    w->base = (uint64_t)low << 21;
    w->size = (uint64_t)(high - low + 1) << 21;
    /* The remap replaces the address bits that are the same all over
     * the window (how Linux's pci-malta.c reads it too). */
    uint32_t fixed = ~(low ^ high) & RM;
    w->pci_base = (((low & ~fixed) | (remap & fixed)) & RM) << 21;
}

void gt64120_get_window(const struct gt64120 *gt, enum gt64120_window which,
                        struct gt64120_window_info *out)
{
    switch (which) {
    case GT64120_WIN_ISD:
        memset(out, 0, sizeof *out);
        out->enabled = true;
        out->base = (uint64_t)(regv(gt, GT_ISD_OFS) & LD) << 21;
        out->size = GT64120_SIZE;
        break;
    case GT64120_WIN_PCI0_IO:
        gt_decode_window(gt, GT_PCI0IOLD_OFS, GT_PCI0IOHD_OFS,
                         GT_PCI0IOREMAP_OFS, out);
        break;
    case GT64120_WIN_PCI0_MEM0:
        gt_decode_window(gt, GT_PCI0M0LD_OFS, GT_PCI0M0HD_OFS,
                         GT_PCI0M0REMAP_OFS, out);
        break;
    case GT64120_WIN_PCI0_MEM1:
        gt_decode_window(gt, GT_PCI0M1LD_OFS, GT_PCI0M1HD_OFS,
                         GT_PCI0M1REMAP_OFS, out);
        break;
    default:
        memset(out, 0, sizeof *out);
        break;
    }
}

static const char *const gt_window_name[GT64120_NWINDOWS] = {
    "internal registers", "PCI_0 I/O", "PCI_0 memory 0", "PCI_0 memory 1",
};

/* Tells the board about every window that differs from what it knows. */
static void gt_windows_changed(struct gt64120 *gt)
{
    for (unsigned w = 0; w < GT64120_NWINDOWS; w++) {
        struct gt64120_window_info now;
        gt64120_get_window(gt, (enum gt64120_window)w, &now);
        struct gt64120_window_info old = gt->win[w];
        if (now.enabled == old.enabled && now.base == old.base &&
            now.size == old.size && now.pci_base == old.pci_base)
            continue;
        gt->win[w] = now;
        if (now.enabled)
            log_printf(gt->log, LOG_DEV, "gt64120: %s at 0x%09llx, %llu KB, "
                       "PCI 0x%08x\n", gt_window_name[w],
                       (unsigned long long)now.base,
                       (unsigned long long)(now.size >> 10), now.pci_base);
        else
            log_printf(gt->log, LOG_DEV, "gt64120: %s disabled\n",
                       gt_window_name[w]);
        if (gt->hooks.window_changed)
            gt->hooks.window_changed(gt->hooks.opaque, (enum gt64120_window)w,
                                     &old, &now);
    }
}

/* ---- interrupt cause ------------------------------------------------------ */

#define GT_INTR_SUM      0x00000001u
#define GT_INTR_CPU_SUM  0x40000000u
#define GT_INTR_PCI_SUM  0x80000000u
#define GT_INTR_CAUSES   0x3ffffffeu

static void gt_intr_summary(struct gt64120 *gt)
{
    uint32_t *c = reg(gt, GT_INTRCAUSE_OFS);
    uint32_t causes = *c & GT_INTR_CAUSES;
    *c = causes;
    if (causes)
        *c |= GT_INTR_SUM;
    if (causes & regv(gt, GT_INTRMASK_OFS))
        *c |= GT_INTR_CPU_SUM;
    if (causes & regv(gt, GT_PCI0_ICMASK_OFS))
        *c |= GT_INTR_PCI_SUM;
}

static void gt_master_abort(struct gt64120 *gt)
{
    *reg(gt, GT_INTRCAUSE_OFS) |= GT_INTRCAUSE_MASABORT0;
    gt_intr_summary(gt);
}

/* ---- configuration cycles ------------------------------------------------- */

/* The PCI configuration address the CFGADDR register selects; false when
 * ConfigEn is clear. */
static bool gt_cfg_target(struct gt64120 *gt, uint32_t *addr, bool *swap)
{
    uint32_t a = regv(gt, GT_PCI0_CFGADDR_OFS);
    if (!(a & GT_PCI0_CFGADDR_CONFIGEN)) {
        log_printf(gt->log, LOG_GUEST_ERROR,
                   "gt64120: configuration data access with ConfigEn clear\n");
        return false;
    }
    *addr = a & 0x00fffffc;
    /* MByteSwap clear swaps the data of cycles that reach the bus; the
     * GT's own header (bus 0, device 0) is answered inside the chip. */
    *swap = !(regv(gt, GT_PCI0_CMD_OFS) & GT_PCI0_CMD_MBYTESWAP) &&
            (a & 0x00fff800) != 0;
    return true;
}

static uint32_t gt_cfgdata_read(struct gt64120 *gt, unsigned lane,
                                unsigned size)
{
    uint32_t addr, v;
    bool swap;

    if (!gt_cfg_target(gt, &addr, &swap))
        return size == 4 ? 0xffffffffu : (1u << (8 * size)) - 1;
    if (swap)
        lane = 4 - lane - size;
    if (!pci_config_read(gt->pci, addr | lane, size, &v))
        gt_master_abort(gt);
    return swap ? bswap_size(v, size) : v;
}

static void gt_cfgdata_write(struct gt64120 *gt, unsigned lane, unsigned size,
                             uint32_t v)
{
    uint32_t addr;
    bool swap;

    if (!gt_cfg_target(gt, &addr, &swap))
        return;
    if (swap) {
        lane = 4 - lane - size;
        v = bswap_size(v, size);
    }
    if (!pci_config_write(gt->pci, addr | lane, size, v))
        gt_master_abort(gt);
}

/* ---- registers ------------------------------------------------------------ */

static void gt_reg_write(struct gt64120 *gt, unsigned ofs, uint32_t v)
{
    unsigned i = ofs >> 2;

    switch (gt->kind[i]) {
    case GT_RW:
        gt->regs[i] = v & gt->wmask[i];
        if (ofs == GT_INTRMASK_OFS || ofs == GT_PCI0_ICMASK_OFS)
            gt_intr_summary(gt);
        return;
    case GT_UNIMP:
        gt->regs[i] = v & gt->wmask[i];
        log_printf(gt->log, LOG_UNIMP, "gt64120: write 0x%08x to register "
                   "0x%03x, whose function is not implemented\n", v, ofs);
        return;
    case GT_RO:
        log_printf(gt->log, LOG_GUEST_ERROR, "gt64120: write 0x%08x to "
                   "read-only register 0x%03x ignored\n", v, ofs);
        return;
    case GT_UNKNOWN:
        log_printf(gt->log, LOG_UNIMP, "gt64120: write 0x%08x to unknown "
                   "register 0x%03x ignored\n", v, ofs);
        return;
    }
    switch (ofs) {
    case GT_PCI0IOLD_OFS:
    case GT_PCI0M0LD_OFS:
    case GT_PCI0M1LD_OFS:
    case 0x090: /* PCI_1 I/O, memory 0, memory 1 */
    case 0x0a0:
    case 0x0b0: {
        /* Writing a low decode register also loads its remap register. */
        static const unsigned remap_of[] = {
            [GT_PCI0IOLD_OFS >> 3] = GT_PCI0IOREMAP_OFS,
            [GT_PCI0M0LD_OFS >> 3] = GT_PCI0M0REMAP_OFS,
            [GT_PCI0M1LD_OFS >> 3] = GT_PCI0M1REMAP_OFS,
            [0x090 >> 3] = 0x108, [0x0a0 >> 3] = 0x110, [0x0b0 >> 3] = 0x118,
        };
        gt->regs[i] = v & LD;
        *reg(gt, remap_of[ofs >> 3]) = v & RM;
        break;
    }
    case GT_PCI0IOHD_OFS:
    case GT_PCI0M0HD_OFS:
    case GT_PCI0M1HD_OFS:
        gt->regs[i] = v & HD;
        break;
    case GT_ISD_OFS:
        gt->regs[i] = v & LD;
        break;
    case GT_PCI0IOREMAP_OFS:
    case GT_PCI0M0REMAP_OFS:
    case GT_PCI0M1REMAP_OFS:
        gt->regs[i] = v & RM;
        break;
    case GT_INTRCAUSE_OFS:
        /* Cause bits are cleared by writing 0; 1 leaves them. */
        gt->regs[i] &= v;
        gt_intr_summary(gt);
        return;
    case GT_PCI0_IACK_OFS:
        log_printf(gt->log, LOG_GUEST_ERROR, "gt64120: write 0x%08x to the "
                   "interrupt acknowledge register ignored\n", v);
        return;
    case GT_PCI0_CFGADDR_OFS:
        gt->regs[i] = v & gt->wmask[i];
        return;
    case GT_PCI0_CFGDATA_OFS:
        gt_cfgdata_write(gt, 0, 4, v);
        return;
    }
    if (!gt->batching)
        gt_windows_changed(gt);
}

/* The register's value for a read (IACK and CFGDATA have their cycles
 * performed by the caller). */
static uint32_t gt_reg_read(struct gt64120 *gt, unsigned ofs, unsigned size)
{
    unsigned i = ofs >> 2;

    switch (gt->kind[i]) {
    case GT_UNKNOWN:
        log_printf(gt->log, LOG_UNIMP, "gt64120: read of %u bytes at unknown "
                   "register 0x%03x\n", size, ofs);
        return 0;
    case GT_SPECIAL:
        if (ofs == GT_PCI0_IACK_OFS) {
            if (!gt->pic) {
                log_printf(gt->log, LOG_UNIMP, "gt64120: interrupt "
                           "acknowledge with no interrupt controller\n");
                return 0;
            }
            return i8259_acknowledge(gt->pic);
        }
        return gt->regs[i];
    default:
        return gt->regs[i];
    }
}

/* ---- MMIO ----------------------------------------------------------------- */

static uint32_t size_mask(unsigned size)
{
    return size == 4 ? 0xffffffffu : (1u << (8 * size)) - 1;
}

static uint32_t gt_mmio_read(void *opaque, uint32_t offset, unsigned size)
{
    struct gt64120 *gt = opaque;
    unsigned ofs = offset & ~3u & (GT64120_SIZE - 1), lane = offset & 3;

    if (ofs == GT_PCI0_CFGDATA_OFS)
        return gt_cfgdata_read(gt, lane, size);
    bool swap = !(regv(gt, GT_CPU_OFS) & GT_CPU_LITTLE_ENDIAN);
    if (swap)
        lane = 4 - lane - size;
    uint32_t v = (gt_reg_read(gt, ofs, size) >> (8 * lane)) & size_mask(size);
    return swap ? bswap_size(v, size) : v;
}

static void gt_mmio_write(void *opaque, uint32_t offset, uint32_t value,
                          unsigned size)
{
    struct gt64120 *gt = opaque;
    unsigned ofs = offset & ~3u & (GT64120_SIZE - 1), lane = offset & 3;

    if (ofs == GT_PCI0_CFGDATA_OFS) {
        gt_cfgdata_write(gt, lane, size, value & size_mask(size));
        return;
    }
    bool swap = !(regv(gt, GT_CPU_OFS) & GT_CPU_LITTLE_ENDIAN);
    if (swap) {
        lane = 4 - lane - size;
        value = bswap_size(value, size);
    }
    uint32_t mask = size_mask(size) << (8 * lane);
    /* A narrower write merges into the register; for the cause register
     * the untouched bytes write ones, which clear nothing. */
    uint32_t rest = ofs == GT_INTRCAUSE_OFS ? 0xffffffffu : regv(gt, ofs);
    uint32_t v = (rest & ~mask) | ((value << (8 * lane)) & mask);
    gt_reg_write(gt, ofs, v);
}

const struct mmio_ops gt64120_mmio_ops = {
    .read = gt_mmio_read,
    .write = gt_mmio_write,
};

/* ---- the host bridge's configuration header ------------------------------- */

static uint32_t gt_bank_size(const struct gt64120 *gt, unsigned ofs)
{
    return (regv(gt, ofs) | 0xfff) + 1;
}

/* Datasheet 17.16: the bridge's BARs map SDRAM banks, device chip selects
 * and the internal space for PCI masters; their sizes come from the bank
 * size registers.  Linux does not assign a host bridge's BARs; it writes
 * BAR4 (pci-malta.c) to point the internal space at 0x1be00000. */
static void gt_host_reset(struct gt64120 *gt)
{
    struct pci_func *f = &gt->host;

    pci_func_init(f, "gt64120", 0x11ab, 0x4620, 0x10, 0x060000, 0);
    pci_set_word(f, PCI_STATUS, PCI_STATUS_FAST_BACK |
                                PCI_STATUS_DEVSEL_MEDIUM);
    pci_func_set_bar(f, 0, gt_bank_size(gt, 0xc08), PCI_BAR_PREFETCH,
                     0x00000000);
    pci_func_set_bar(f, 1, gt_bank_size(gt, 0xc0c), PCI_BAR_PREFETCH,
                     0x01000000);
    pci_func_set_bar(f, 2, gt_bank_size(gt, 0xc10), 0, 0x1c000000);
    pci_func_set_bar(f, 3, gt_bank_size(gt, 0xc14), 0, 0x1f000000);
    pci_func_set_bar(f, 4, GT64120_SIZE, 0, GT64120_RESET_BASE);
    pci_func_set_bar(f, 5, GT64120_SIZE, PCI_BAR_IO, GT64120_RESET_BASE);
    f->config[PCI_INTERRUPT_PIN] = 1;
    f->opaque = gt;
}

/* ---- the object ----------------------------------------------------------- */

static void gt_load_reset_values(struct gt64120 *gt)
{
    memcpy(gt->regs, gt->reset, sizeof gt->regs);
}

void gt64120_reset(struct gt64120 *gt)
{
    gt_load_reset_values(gt);
    gt_host_reset(gt);
    gt_windows_changed(gt);
}

struct gt64120 *gt64120_create(struct pci_bus *pci, struct i8259 *pic,
                               struct gt64120_hooks hooks, struct log *log)
{
    if (pci_bus_function(pci, 0, 0))
        return NULL;
    struct gt64120 *gt = calloc(1, sizeof *gt);
    if (!gt)
        return NULL;
    gt->pci = pci;
    gt->pic = pic;
    gt->hooks = hooks;
    gt->log = log;
    for (unsigned d = 0; d < GT_NDEFS; d++) {
        unsigned i = gt_regs[d].ofs >> 2;
        gt->kind[i] = gt_regs[d].kind;
        gt->reset[i] = gt_regs[d].reset;
        gt->wmask[i] = gt_regs[d].wmask;
    }
    gt_load_reset_values(gt);
    gt_host_reset(gt);
    for (unsigned w = 0; w < GT64120_NWINDOWS; w++)
        gt64120_get_window(gt, (enum gt64120_window)w, &gt->win[w]);
    pci_bus_attach(pci, 0, 0, &gt->host);
    return gt;
}

void gt64120_destroy(struct gt64120 *gt)
{
    if (!gt)
        return;
    if (pci_bus_function(gt->pci, 0, 0) == &gt->host)
        pci_bus_detach(gt->pci, 0, 0);
    free(gt);
}

void gt64120_yamon_setup(struct gt64120 *gt)
{
    gt->batching = true; /* one report per window, not per register */
    gt_reg_write(gt, GT_ISD_OFS, GT64120_MALTA_BASE >> 21);
    gt_reg_write(gt, GT_PCI0IOLD_OFS, 0x18000000u >> 21);
    gt_reg_write(gt, GT_PCI0IOHD_OFS, 0x08000000u >> 21);
    gt_reg_write(gt, GT_PCI0M0LD_OFS, 0x10000000u >> 21);
    gt_reg_write(gt, GT_PCI0M0HD_OFS, 0x07e00000u >> 21);
    gt_reg_write(gt, GT_PCI0M1LD_OFS, 0x18200000u >> 21);
    gt_reg_write(gt, GT_PCI0M1HD_OFS, 0x0bc00000u >> 21);
    gt->batching = false;
    gt_windows_changed(gt);
    /* PIIX4 PIRQA..D -> IRQ 10, 10, 11, 11 */
    pci_config_write(gt->pci, PCI_CONFIG_ADDR(0, PCI_MALTA_PIIX4_DEV, 0,
                                              PIIX4_PIRQRC), 4, 0x0b0b0a0a);
}
