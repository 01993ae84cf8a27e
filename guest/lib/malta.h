/*
 * malta.h - addresses of the MIPS Malta board and Coprocessor 0 helpers
 * for bare-metal guest programs (the runtime in guest/lib and the
 * self-checking tests in tests/guest).
 *
 * Board addresses follow the Malta User's Manual (MD00048) and QEMU's
 * hw/mips/malta.c: the console is the PIIX4 16550 UART at ISA port
 * 0x3F8, the FPGA registers sit at physical 0x1F000000.  CP0 register
 * numbers and field names are those of MIPS32 Vol. III (PRA), "CP0
 * Registers", and of the 24K Software User's Manual (MD00343); they
 * match src/cpu/cp0.h on the emulator side.
 *
 * The helpers are static inline functions or macros for C (except
 * tlb_invalidate_all, in runtime.c); the #defines of numbers also work
 * in assembly files.
 */
#ifndef GUEST_MALTA_H
#define GUEST_MALTA_H

/* U(x): an unsigned constant in C, a plain number in assembly. */
#ifdef __ASSEMBLER__
#define U(x) x
#else
#define U(x) x##u
#endif

/* ---- segments ------------------------------------------------------- */
#define KUSEG_BASE U(0x00000000)
#define KSEG0_BASE U(0x80000000)
#define KSEG1_BASE U(0xa0000000)
#define KSEG2_BASE U(0xc0000000)
#define KSEG3_BASE U(0xe0000000)
#define KSEG0(pa) ((pa) | KSEG0_BASE)
#define KSEG1(pa) ((pa) | KSEG1_BASE)

/* ---- UART: 16550 at ISA I/O 0x3F8 (physical 0x180003F8) -------------- */
#define MALTA_UART_BASE U(0xb80003f8)
#define UART_THR 0          /* transmit holding register (write) */
#define UART_LSR 5          /* line status register */
#define UART_LSR_THRE 0x20  /* transmit holding register empty */

/* ---- Malta FPGA (physical 0x1F000000) ------------------------------- */
#define MALTA_FPGA_BASE U(0xbf000000)
#define FPGA_LEDBAR 0x408
#define FPGA_ASCIIWORD 0x410
#define FPGA_ASCIIPOS(n) (0x418 + 8 * (n))  /* n = 0..7 */
#define FPGA_SOFTRES 0x500
#define FPGA_SOFTRES_RESET 0x42             /* value that resets the board */

/* ---- CP0 register numbers (reg; sel given at each use) --------------- */
#define CP0_INDEX 0
#define CP0_RANDOM 1
#define CP0_ENTRYLO0 2
#define CP0_ENTRYLO1 3
#define CP0_CONTEXT 4       /* sel 2: UserLocal */
#define CP0_PAGEMASK 5
#define CP0_WIRED 6
#define CP0_HWRENA 7
#define CP0_BADVADDR 8
#define CP0_COUNT 9
#define CP0_ENTRYHI 10
#define CP0_COMPARE 11
#define CP0_STATUS 12       /* sel 1: IntCtl */
#define CP0_CAUSE 13
#define CP0_EPC 14
#define CP0_PRID 15         /* sel 1: EBase */
#define CP0_CONFIG 16       /* sel 0..3 */
#define CP0_LLADDR 17
#define CP0_ERROREPC 30

/* Status */
#define ST_IE U(0x00000001)
#define ST_EXL U(0x00000002)
#define ST_ERL U(0x00000004)
#define ST_UM U(0x00000010)   /* KSU = 10: user mode */
#define ST_IM_SHIFT 8
#define ST_IM(n) (1u << (8 + (n)))  /* IM0..IM7 */
#define ST_IM_ALL U(0x0000ff00)
#define ST_NMI U(0x00080000)
#define ST_SR U(0x00100000)
#define ST_TS U(0x00200000)
#define ST_BEV U(0x00400000)
#define ST_MX U(0x01000000)
#define ST_RE U(0x02000000)
#define ST_FR U(0x04000000)
#define ST_RP U(0x08000000)
#define ST_CU0 U(0x10000000)
#define ST_CU1 U(0x20000000)
#define ST_CU2 U(0x40000000)
#define ST_CU3 U(0x80000000)

/* Cause */
#define CAUSE_EXC_SHIFT 2
#define CAUSE_EXC U(0x0000007c)
#define CAUSE_IP_SHIFT 8
#define CAUSE_IP(n) (1u << (8 + (n)))  /* IP0..IP7 */
#define CAUSE_IP_ALL U(0x0000ff00)
#define CAUSE_WP U(0x00400000)
#define CAUSE_IV U(0x00800000)
#define CAUSE_DC U(0x08000000)
#define CAUSE_CE_SHIFT 28
#define CAUSE_CE U(0x30000000)
#define CAUSE_TI U(0x40000000)
#define CAUSE_BD U(0x80000000)
#define CAUSE_EXCCODE(c) (((c) & CAUSE_EXC) >> CAUSE_EXC_SHIFT)
#define CAUSE_CEVAL(c) (((c) & CAUSE_CE) >> CAUSE_CE_SHIFT)

/* Exception codes (Cause.ExcCode) */
#define EXC_INT 0
#define EXC_MOD 1
#define EXC_TLBL 2
#define EXC_TLBS 3
#define EXC_ADEL 4
#define EXC_ADES 5
#define EXC_IBE 6
#define EXC_DBE 7
#define EXC_SYS 8
#define EXC_BP 9
#define EXC_RI 10
#define EXC_CPU 11
#define EXC_OV 12
#define EXC_TR 13

/* Index, EntryHi, EntryLo, PageMask, Context */
#define INDEX_P U(0x80000000)
#define ENTRYHI_VPN2_MASK U(0xffffe000)
#define ENTRYHI_ASID_MASK U(0x000000ff)
#define ENTRYLO_G U(0x00000001)
#define ENTRYLO_V U(0x00000002)
#define ENTRYLO_D U(0x00000004)
#define ENTRYLO_C_SHIFT 3
#define ENTRYLO_C(c) ((c) << 3)
#define ENTRYLO_PFN_SHIFT 6
#define ENTRYLO_PFN(pa) (((pa) >> 12) << 6)   /* PFN field from an address */
#define CACHE_UNCACHED 2
#define CACHE_CACHABLE 3   /* cacheable, noncoherent, write-back */
#define PM_4K U(0x00000000)
#define PM_16K U(0x00006000)
#define PM_64K U(0x0001e000)
#define PM_256K U(0x0007e000)
#define PM_1M U(0x001fe000)
#define PM_4M U(0x007fe000)
#define PM_16M U(0x01ffe000)
#define PM_64M U(0x07ffe000)
#define PM_256M U(0x1fffe000)
#define CONTEXT_PTEBASE_MASK U(0xff800000)
#define CONTEXT_BADVPN2_MASK U(0x007ffff0)
#define CONTEXT_BADVPN2(va) (((va) >> 9) & CONTEXT_BADVPN2_MASK)

/* Config / Config1 / Config3, IntCtl, EBase, HWREna, PRId */
#define CONFIG_K0_MASK U(0x00000007)
#define CONFIG_M U(0x80000000)
#define CONFIG_MT_SHIFT 7
#define CONFIG_MT_MASK U(0x00000380)
#define CONFIG_AR_SHIFT 10
#define CONFIG_AR_MASK U(0x00001c00)
#define CONFIG1_MMU_SHIFT 25
#define CONFIG1_MMU_MASK U(0x7e000000)
#define CONFIG1_FP U(0x00000001)
#define CONFIG3_VINT U(0x00000020)
#define CONFIG3_ULRI U(0x00002000)
#define INTCTL_IPTI_SHIFT 29
#define INTCTL_VS_SHIFT 5
#define INTCTL_VS_MASK U(0x000003e0)
#define EBASE_BASE_MASK U(0x3ffff000)   /* writable bits 29..12 */
#define EBASE_CPUNUM_MASK U(0x000003ff)
#define PRID_COMPANY_SHIFT 16
#define PRID_COMPANY_MASK U(0x00ff0000)
#define PRID_COMPANY_MIPS 1
#define HWR_CPUNUM 0
#define HWR_SYNCI_STEP 1
#define HWR_CC 2
#define HWR_CCRES 3
#define HWR_ULR 29

/* Exception vector offsets from EBase (BEV = 0). */
#define VEC_REFILL 0x000
#define VEC_GENERAL 0x180
#define VEC_INTERRUPT 0x200

#ifndef __ASSEMBLER__
#include <stdint.h>

/* ---- MMIO ----------------------------------------------------------- */
static inline void mmio_write8(uint32_t addr, uint8_t v)
{
    *(volatile uint8_t *)addr = v;
}
static inline uint8_t mmio_read8(uint32_t addr)
{
    return *(volatile uint8_t *)addr;
}
static inline void mmio_write32(uint32_t addr, uint32_t v)
{
    *(volatile uint32_t *)addr = v;
}
static inline uint32_t mmio_read32(uint32_t addr)
{
    return *(volatile uint32_t *)addr;
}

/* ---- CP0 access ----------------------------------------------------- */
/* mfc0(reg, sel) / mtc0(reg, sel, value): reg and sel are integer
 * constants (the CP0_* names above work).  mtc0 is followed by EHB so
 * the new value is in effect for the next instruction (PRA 2.7 hazards). */
#define MALTA_STR_(x) #x
#define MALTA_STR(x) MALTA_STR_(x)
#define mfc0(reg, sel)                                                    \
    ({                                                                    \
        uint32_t mfc0_v_;                                                 \
        __asm__ volatile("mfc0 %0, $" MALTA_STR(reg) ", " MALTA_STR(sel) \
                         : "=r"(mfc0_v_));                                \
        mfc0_v_;                                                          \
    })
#define mtc0(reg, sel, value)                                             \
    __asm__ volatile("mtc0 %z0, $" MALTA_STR(reg) ", " MALTA_STR(sel)    \
                     "\n\tehb"                                            \
                     :                                                    \
                     : "Jr"((uint32_t)(value))                            \
                     : "memory")

/* RDHWR $rd (kernel mode always allowed, user mode per HWREna). */
#define rdhwr(rd)                                                         \
    ({                                                                    \
        uint32_t rdhwr_v_;                                                \
        __asm__ volatile(".set push\n\t.set mips32r2\n\t"                 \
                         "rdhwr %0, $" MALTA_STR(rd) "\n\t.set pop"      \
                         : "=r"(rdhwr_v_));                               \
        rdhwr_v_;                                                         \
    })

static inline void ehb(void)
{
    __asm__ volatile("ehb" ::: "memory");
}
static inline void tlbwi(void)
{
    __asm__ volatile("tlbwi\n\tehb" ::: "memory");
}
static inline void tlbwr(void)
{
    __asm__ volatile("tlbwr\n\tehb" ::: "memory");
}
static inline void tlbp(void)
{
    __asm__ volatile("tlbp\n\tehb" ::: "memory");
}
static inline void tlbr(void)
{
    __asm__ volatile("tlbr\n\tehb" ::: "memory");
}
static inline void cpu_wait(void)
{
    __asm__ volatile("wait" ::: "memory");
}

static inline uint32_t read_status(void) { return mfc0(CP0_STATUS, 0); }
static inline void write_status(uint32_t v) { mtc0(CP0_STATUS, 0, v); }
static inline uint32_t read_cause(void) { return mfc0(CP0_CAUSE, 0); }
static inline void write_cause(uint32_t v) { mtc0(CP0_CAUSE, 0, v); }
static inline uint32_t read_count(void) { return mfc0(CP0_COUNT, 0); }

/* Number of TLB entries, from Config1.MMUSize. */
static inline unsigned tlb_entries(void)
{
    return ((mfc0(CP0_CONFIG, 1) & CONFIG1_MMU_MASK) >> CONFIG1_MMU_SHIFT) + 1;
}

/* Writes one TLB entry with TLBWI (index given) after loading EntryHi,
 * PageMask and EntryLo0/1.  EntryHi is left holding `entryhi`. */
static inline void tlb_write_indexed(unsigned index, uint32_t entryhi,
                                     uint32_t pagemask, uint32_t lo0,
                                     uint32_t lo1)
{
    mtc0(CP0_INDEX, 0, index);
    mtc0(CP0_ENTRYHI, 0, entryhi);
    mtc0(CP0_PAGEMASK, 0, pagemask);
    mtc0(CP0_ENTRYLO0, 0, lo0);
    mtc0(CP0_ENTRYLO1, 0, lo1);
    tlbwi();
}

/* Makes every TLB entry match nothing that a test uses: each gets a
 * distinct VPN2 in kseg0 (never translated through the TLB), V = 0.
 * Leaves the first `keep` entries alone. */
void tlb_invalidate_all(unsigned keep);
#endif /* !__ASSEMBLER__ */

#endif
