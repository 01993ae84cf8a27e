/*
 * gt64120.h - the Galileo (Marvell) GT-64120 system controller of the
 * Malta's CoreLV card as Linux uses it (GT-64120 datasheet rev 1.4:
 * "CPU Address Decode", "Internal Space Decode", "PCI Internal" and
 * "Interrupts" register chapters; Linux arch/mips/mti-malta/malta-init.c,
 * arch/mips/pci/pci-malta.c, arch/mips/pci/ops-gt64xxx_pci0.c and
 * malta-int.c), little-endian board.
 *
 * The 4 KB of internal registers sit at the Internal Space Decode (ISD)
 * address: 0x14000000 after reset, 0x1be00000 once the boot firmware has
 * moved them (Linux only ever uses 0x1be00000).  Through them the CPU
 * reaches PCI bus 0: configuration cycles via PCI_0 Configuration Address
 * (0xcf8) and Data (0xcfc), the PCI I/O and memory windows (whose decode
 * registers say where ISA I/O appears in the CPU's physical space: Linux
 * reads PCI0IOLD to find its I/O port base), and the PCI interrupt-
 * acknowledge cycle (0xc34), which Linux's Malta interrupt dispatch reads
 * to learn the IRQ number from the i8259s.
 *
 * The GT-64120 itself is PCI device 0 on bus 0 (host bridge 11ab:4620).
 *
 * The board maps the register block and the windows; the GT tells it
 * through a hook whenever guest writes move one (see struct
 * gt64120_hooks).
 */
#ifndef DISCO_GT64120_H
#define DISCO_GT64120_H

#include <stdbool.h>
#include <stdint.h>

#include "dev/dev.h"
#include "mmu/bus.h"

#define GT64120_RESET_BASE 0x14000000u /* ISD after reset */
#define GT64120_MALTA_BASE 0x1be00000u /* ISD as the boot firmware leaves it */
#define GT64120_SIZE       0x1000u

/* Register offsets (datasheet names). */
#define GT_CPU_OFS          0x000 /* CPU interface configuration */
#define GT_PCI0IOLD_OFS     0x048 /* PCI_0 I/O low decode (addr 35..21) */
#define GT_PCI0IOHD_OFS     0x050 /* PCI_0 I/O high decode (addr 27..21) */
#define GT_PCI0M0LD_OFS     0x058
#define GT_PCI0M0HD_OFS     0x060
#define GT_ISD_OFS          0x068 /* internal space decode (addr 35..21) */
#define GT_PCI0M1LD_OFS     0x080
#define GT_PCI0M1HD_OFS     0x088
#define GT_PCI0IOREMAP_OFS  0x0f0 /* PCI address bits 31..21 */
#define GT_PCI0M0REMAP_OFS  0x0f8
#define GT_PCI0M1REMAP_OFS  0x100
#define GT_PCI0_CMD_OFS     0xc00
#define GT_INTRCAUSE_OFS    0xc18
#define GT_INTRMASK_OFS     0xc1c
#define GT_PCI0_ICMASK_OFS  0xc24
#define GT_PCI0_IACK_OFS    0xc34 /* read: PCI interrupt acknowledge */
#define GT_PCI0_CFGADDR_OFS 0xcf8
#define GT_PCI0_CFGDATA_OFS 0xcfc

#define GT_CPU_LITTLE_ENDIAN      0x00001000 /* "Endianess" strap */
#define GT_PCI0_CMD_MBYTESWAP     0x00000001
#define GT_PCI0_CMD_SBYTESWAP     0x00010000
#define GT_INTRCAUSE_MASABORT0    0x00040000 /* bit 18 */
#define GT_INTRCAUSE_TARABORT0    0x00080000 /* bit 19 */
#define GT_PCI0_CFGADDR_CONFIGEN  0x80000000

struct log;
struct pci_bus;
struct i8259;
struct gt64120;

/* An address window the GT decodes on the CPU side. */
enum gt64120_window {
    GT64120_WIN_ISD,       /* the internal registers, 4 KB */
    GT64120_WIN_PCI0_IO,   /* CPU -> PCI I/O space (ISA ports) */
    GT64120_WIN_PCI0_MEM0, /* CPU -> PCI memory space */
    GT64120_WIN_PCI0_MEM1,
    GT64120_NWINDOWS
};

struct gt64120_window_info {
    bool enabled;      /* low decode <= high decode */
    uint64_t base;     /* CPU physical address (36 bits on the chip) */
    uint64_t size;
    uint32_t pci_base; /* the PCI address base maps to (remap registers);
                        * 0 for the ISD */
};

struct gt64120_hooks {
    /* A guest write (or gt64120_reset, gt64120_yamon_setup) changed
     * window w from *old to *now.  Called from inside the GT's MMIO write
     * handler: a board that cannot change its address map there must note
     * the change and apply it after the access returns.  May be NULL. */
    void (*window_changed)(void *opaque, enum gt64120_window w,
                           const struct gt64120_window_info *old,
                           const struct gt64120_window_info *now);
    void *opaque;
};

/* Creates the controller and attaches its host-bridge function to pci at
 * device 0 (pci must have that slot free).  pic answers the interrupt-
 * acknowledge register (NULL: it reads 0).  Returns NULL when out of
 * memory or the slot is taken.  The new controller is reset; its windows
 * are then as gt64120_get_window reports (no hook call). */
struct gt64120 *gt64120_create(struct pci_bus *pci, struct i8259 *pic,
                               struct gt64120_hooks hooks, struct log *log);
/* Detaches the host-bridge function and frees the controller. */
void gt64120_destroy(struct gt64120 *gt);
/* Registers to their reset values (ISD back at 0x14000000, PCI_0 I/O at
 * 0x10000000, ...); the hook hears of every window that moves. */
void gt64120_reset(struct gt64120 *gt);
/* Does what the Malta boot firmware (YAMON; QEMU's pseudo-bootloader
 * likewise) does before starting a kernel: ISD to 0x1be00000, PCI_0 I/O
 * window 0x18000000-0x181fffff, memory windows 0x10000000-0x17ffffff and
 * 0x18200000-0x1bdfffff, and PIIX4 (bus 0 device 10) PIRQA..D routed to
 * IRQ 10, 10, 11, 11 by a configuration write.  The hook hears of every
 * window that moves.  A board whose boot ROM does not program the GT
 * calls this after reset instead. */
void gt64120_yamon_setup(struct gt64120 *gt);

void gt64120_get_window(const struct gt64120 *gt, enum gt64120_window w,
                        struct gt64120_window_info *out);

/* The 4 KB register block, offsets from the ISD base.  Accesses of 1, 2
 * or 4 bytes; registers are 32-bit little-endian words (byte lanes are
 * swapped if the guest clears the CPU configuration Endianess bit). */
extern const struct mmio_ops gt64120_mmio_ops;

#endif
