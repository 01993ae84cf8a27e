/*
 * cp0.c - guest test of the Coprocessor 0 registers of a 24Kc (MIPS32
 * Vol. III, "CP0 Registers"; the 24K Software User's Manual's CP0
 * chapter):
 *  - write masks: all-ones then zero written to Status, Cause, EntryHi,
 *    Context, PageMask and EBase, and chosen values to Index, Wired,
 *    IntCtl, HWREna, Config.K0, EPC, ErrorEPC, Compare, BadVAddr; each
 *    read back and compared, over the bits the manuals define;
 *  - read-only facts: PRId company = MIPS (1) (the rest of PRId is not
 *    printed: revisions differ), Config.AR/MT/BE/M, Config1.FP = 0,
 *    IntCtl.IPTI = 7;
 *  - EBase relocates the refill, general and interrupt vectors;
 *  - RDHWR CPUNum, SYNCI_Step (32), CC (a Count value), CCRes (2) in
 *    kernel mode, and in user mode allowed by HWREna bits and RI without
 *    them; UserLocal when Config3.ULRI = 1.
 *
 * Bits not checked, and why: Status.RP, RE, TS, SR, NMI, bits 18..16 and
 * bit 3 (implementation-specific or QEMU contradicts the manual: QEMU
 * lets SR and NMI be written with 1, and bit 3 -- KSU[0], supervisor
 * mode, which the 24K lacks -- be set); Cause.WP (writing 1 would request
 * a watch exception); IntCtl.VS (QEMU's 24Kc says Config3.VInt = 0 yet
 * VS is writable; the 24K implements vectored interrupts).
 */
#include <stdint.h>

#include "check.h"
#include "console.h"
#include "exc.h"

/* cp0-asm.S */
extern char ebase_block[];
uint32_t u_rdhwr0(uint32_t), u_rdhwr1(uint32_t), u_rdhwr2(uint32_t),
    u_rdhwr3(uint32_t), u_rdhwr4(uint32_t), u_rdhwr29(uint32_t);

/* Status bits with a defined value on a 24Kc after a write of all-ones
 * or zero, and what all-ones gives: CU3..1, FR, MX, bit 23 and bits 7..5
 * read 0 (no FPU, no COP2, no DSP, MIPS32); CU0, BEV, IM, UM, ERL, EXL
 * and IE are writable. */
#define STATUS_CHECKED 0xf5c0fff7u
#define STATUS_ONES (ST_CU0 | ST_BEV | ST_IM_ALL | ST_UM | ST_ERL | ST_EXL | ST_IE)
/* Cause: IV, DC, IP1, IP0 writable. */
#define CAUSE_WRITABLE (CAUSE_IV | CAUSE_DC | CAUSE_IP(1) | CAUSE_IP(0))

static void status_cause(void)
{
    uint32_t st = read_status(), v;

    write_status(0xffffffff);
    v = read_status();
    write_status(0);
    uint32_t z = read_status();
    write_status(st);
    check_eq("Status after writing all-ones (defined bits)", STATUS_ONES,
             v & STATUS_CHECKED);
    check_eq("Status after writing zero (defined bits)", 0,
             z & STATUS_CHECKED);

    uint32_t before = read_cause();
    write_cause(0xffffffff & ~CAUSE_WP);
    v = read_cause();
    write_cause(0);
    z = read_cause();
    check_eq("Cause after writing all-ones: IV, DC, IP1, IP0 set",
             CAUSE_WRITABLE, v & CAUSE_WRITABLE);
    check_eq("Cause after writing all-ones: ExcCode, CE, BD unchanged",
             before & (CAUSE_EXC | CAUSE_CE | CAUSE_BD),
             v & (CAUSE_EXC | CAUSE_CE | CAUSE_BD));
    check_eq("Cause after writing zero: IV, DC, IP1, IP0 clear", 0,
             z & CAUSE_WRITABLE);
}

static void mmu_registers(void)
{
    uint32_t v, z, before;
    unsigned n = tlb_entries();

    mtc0(CP0_ENTRYHI, 0, 0xffffffff);
    v = mfc0(CP0_ENTRYHI, 0);
    mtc0(CP0_ENTRYHI, 0, 0);
    z = mfc0(CP0_ENTRYHI, 0);
    check_eq("EntryHi after writing all-ones (VPN2, ASID)", 0xffffe0ff, v);
    check_eq("EntryHi after writing zero", 0, z);

    before = mfc0(CP0_CONTEXT, 0);
    mtc0(CP0_CONTEXT, 0, 0xffffffff);
    v = mfc0(CP0_CONTEXT, 0);
    mtc0(CP0_CONTEXT, 0, 0);
    z = mfc0(CP0_CONTEXT, 0);
    check_eq("Context after writing all-ones: PTEBase set, bits 3..0 zero",
             CONTEXT_PTEBASE_MASK, v & (CONTEXT_PTEBASE_MASK | 0xf));
    check_eq("Context: BadVPN2 ignores writes", before & CONTEXT_BADVPN2_MASK,
             v & CONTEXT_BADVPN2_MASK);
    check_eq("Context after writing zero: PTEBase clear", 0,
             z & CONTEXT_PTEBASE_MASK);

    mtc0(CP0_PAGEMASK, 0, 0xffffffff);
    v = mfc0(CP0_PAGEMASK, 0);
    mtc0(CP0_PAGEMASK, 0, 0);
    z = mfc0(CP0_PAGEMASK, 0);
    check_eq("PageMask after writing all-ones (4 KB..256 MB)", PM_256M, v);
    check_eq("PageMask after writing zero", 0, z);

    mtc0(CP0_WIRED, 0, n - 1);
    v = mfc0(CP0_WIRED, 0);
    mtc0(CP0_WIRED, 0, 0);
    z = mfc0(CP0_WIRED, 0);
    check_eq("Wired = N-1 reads back", n - 1, v);
    check_eq("Wired = 0 reads back", 0, z);

    /* Index: a TLBP hit clears P; writes set the index (reserved bits
     * "must be written as zero"). */
    tlb_write_indexed(n - 1, 0x7fffe000, PM_4K, 0, 0);
    tlbp();
    check_eq("Index after a tlbp hit", n - 1, mfc0(CP0_INDEX, 0));
    mtc0(CP0_INDEX, 0, 2);
    check_eq("Index = 2 reads back", 2, mfc0(CP0_INDEX, 0));
    tlb_invalidate_all(0);

    mtc0(CP0_ENTRYLO0, 0, 0x03ffffff);
    mtc0(CP0_ENTRYLO1, 0, 0x03ffffff);
    check_eq("EntryLo0 keeps PFN, C, D, V, G", 0x03ffffff,
             mfc0(CP0_ENTRYLO0, 0));
    check_eq("EntryLo1 keeps PFN, C, D, V, G", 0x03ffffff,
             mfc0(CP0_ENTRYLO1, 0));
    mtc0(CP0_ENTRYLO0, 0, 0);
    mtc0(CP0_ENTRYLO1, 0, 0);
}

static void other_registers(void)
{
    uint32_t v, z;

    uint32_t ebase = mfc0(CP0_PRID, 1);
    mtc0(CP0_PRID, 1, 0xffffffff);
    v = mfc0(CP0_PRID, 1);
    mtc0(CP0_PRID, 1, 0);
    z = mfc0(CP0_PRID, 1);
    mtc0(CP0_PRID, 1, ebase);
    check_eq("EBase at reset", 0x80000000, ebase & ~EBASE_CPUNUM_MASK);
    check_eq("EBase after writing all-ones", 0xbffff000,
             v & ~EBASE_CPUNUM_MASK);
    check_eq("EBase after writing zero (bits 31..30 stay 10)", 0x80000000,
             z & ~EBASE_CPUNUM_MASK);
    check_eq("EBase.CPUNum ignores writes", ebase & EBASE_CPUNUM_MASK,
             v & EBASE_CPUNUM_MASK);

    uint32_t intctl = mfc0(CP0_STATUS, 1);
    mtc0(CP0_STATUS, 1, intctl | 0xfc000000);
    check_eq("IntCtl.IPTI = 7 and read-only", 7,
             mfc0(CP0_STATUS, 1) >> INTCTL_IPTI_SHIFT);
    mtc0(CP0_STATUS, 1, intctl);

    uint32_t config3 = mfc0(CP0_CONFIG, 3);
    uint32_t hwr_ones = 0xf | ((config3 & CONFIG3_ULRI) ? 1u << HWR_ULR : 0);
    mtc0(CP0_HWRENA, 0, 0xffffffff);
    v = mfc0(CP0_HWRENA, 0);
    mtc0(CP0_HWRENA, 0, 0);
    z = mfc0(CP0_HWRENA, 0);
    check_eq("HWREna after writing all-ones (bits 3..0, and 29 with ULRI)",
             hwr_ones, v & 0x3fffffff);
    check_eq("HWREna after writing zero", 0, z & 0x3fffffff);

    uint32_t config = mfc0(CP0_CONFIG, 0);
    mtc0(CP0_CONFIG, 0, (config & ~CONFIG_K0_MASK) | CACHE_UNCACHED);
    v = mfc0(CP0_CONFIG, 0);
    mtc0(CP0_CONFIG, 0, (config & ~CONFIG_K0_MASK) | CACHE_CACHABLE);
    z = mfc0(CP0_CONFIG, 0);
    mtc0(CP0_CONFIG, 0, config);
    check_eq("Config.K0 = 2 (uncached) reads back", CACHE_UNCACHED,
             v & CONFIG_K0_MASK);
    check_eq("Config.K0 = 3 (cacheable) reads back", CACHE_CACHABLE,
             z & CONFIG_K0_MASK);
    check_eq("Config.M (Config1 present)", CONFIG_M, config & CONFIG_M);
    check_eq("Config.BE = 0 (little-endian)", 0, config & (1u << 15));
    check_eq("Config.AR = 1 (Release 2)", 1,
             (config & CONFIG_AR_MASK) >> CONFIG_AR_SHIFT);
    check_eq("Config.MT = 1 (standard TLB)", 1,
             (config & CONFIG_MT_MASK) >> CONFIG_MT_SHIFT);
    check_eq("Config1.FP = 0 (24Kc: no FPU)", 0,
             mfc0(CP0_CONFIG, 1) & CONFIG1_FP);
    unsigned n = tlb_entries();
    check_true("Config1.MMUSize: 16 to 64 TLB entries", n >= 16 && n <= 64);

    check_eq("PRId company = MIPS Technologies", PRID_COMPANY_MIPS,
             (mfc0(CP0_PRID, 0) & PRID_COMPANY_MASK) >> PRID_COMPANY_SHIFT);

    uint32_t epc = mfc0(CP0_EPC, 0);
    mtc0(CP0_EPC, 0, 0x12345678);
    check_eq("EPC reads back", 0x12345678, mfc0(CP0_EPC, 0));
    mtc0(CP0_EPC, 0, epc);
    mtc0(CP0_ERROREPC, 0, 0x87654321);
    check_eq("ErrorEPC reads back", 0x87654321, mfc0(CP0_ERROREPC, 0));
    mtc0(CP0_COMPARE, 0, 0xabcd0000);
    check_eq("Compare reads back", 0xabcd0000, mfc0(CP0_COMPARE, 0));
    uint32_t bad = mfc0(CP0_BADVADDR, 0);
    mtc0(CP0_BADVADDR, 0, ~bad);
    check_eq("BadVAddr ignores writes", bad, mfc0(CP0_BADVADDR, 0));

    if (config3 & CONFIG3_ULRI) {
        mtc0(CP0_CONTEXT, 2, 0x5eed1234);
        check_eq("UserLocal via MTC0/RDHWR $29 (checked when Config3.ULRI)",
                 0x5eed1234, rdhwr(HWR_ULR));
    } else {
        check_eq("UserLocal via MTC0/RDHWR $29 (checked when Config3.ULRI)",
                 0, 0);
    }
}

static void ebase_relocation(void)
{
    uint32_t block = (uint32_t)(uintptr_t)ebase_block;

    exc_set_handler(exc_record_skip);
    exc_set_refill_handler(exc_record_skip);
    mtc0(CP0_PRID, 1, block);
    check_eq("EBase set to the second vector block", block,
             mfc0(CP0_PRID, 1) & ~EBASE_CPUNUM_MASK);

    exc_record_reset();
    __asm__ volatile("syscall");
    check_eq("relocated EBase: general vector at EBase + 0x180",
             VEC_GENERAL | EXC_VEC_EBASE, exc_last.vector);

    exc_record_reset();
    (void)*(volatile uint32_t *)0x00400000;   /* no TLB entry */
    check_eq("relocated EBase: TLB refill vector at EBase + 0x000",
             VEC_REFILL | EXC_VEC_EBASE, exc_last.vector);

    mtc0(CP0_PRID, 1, KSEG0_BASE);
    exc_record_reset();
    __asm__ volatile("syscall");
    check_eq("EBase back at 0x80000000: general vector",
             VEC_GENERAL, exc_last.vector);
    exc_set_handler(0);
    exc_set_refill_handler(0);
}

/* Interrupt through the relocated block with Cause.IV = 1. */
static volatile uint32_t int_vector;
static void int_handler(struct exc_frame *f)
{
    int_vector = f->vector;
    write_cause(read_cause() & ~CAUSE_IP(0));
}

static void ebase_interrupt(void)
{
    uint32_t st = read_status();

    exc_set_handler(int_handler);
    mtc0(CP0_PRID, 1, (uint32_t)(uintptr_t)ebase_block);
    write_cause(CAUSE_IV);
    write_status(ST_CU0 | ST_IM(0) | ST_IE);
    write_cause(CAUSE_IV | CAUSE_IP(0));
    for (int i = 0; i < 1000 && !int_vector; i++)
        ;
    write_status(st);
    write_cause(0);
    mtc0(CP0_PRID, 1, KSEG0_BASE);
    exc_set_handler(0);
    check_eq("relocated EBase, Cause.IV = 1: interrupt at EBase + 0x200",
             VEC_INTERRUPT | EXC_VEC_EBASE, int_vector);
}

static void hardware_registers(void)
{
    uint32_t a, cc, b;

    check_eq("rdhwr CPUNum = EBase.CPUNum",
             mfc0(CP0_PRID, 1) & EBASE_CPUNUM_MASK, rdhwr(HWR_CPUNUM));
    check_eq("rdhwr SYNCI_Step = 32", 32, rdhwr(HWR_SYNCI_STEP));
    check_eq("rdhwr CCRes = 2", 2, rdhwr(HWR_CCRES));
    a = read_count();
    cc = rdhwr(HWR_CC);
    b = read_count();
    check_true("rdhwr CC lies between two Count reads", cc - a <= b - a);
    for (volatile int i = 0; i < 1000; i++)
        ;
    check_true("rdhwr CC advances", rdhwr(HWR_CC) != cc);

    exc_set_handler(exc_record_skip);
    exc_record_reset();
    (void)rdhwr(4);
    check_eq("rdhwr $4 (not defined) in kernel mode: RI", EXC_RI,
             exc_last.count == 1 ? CAUSE_EXCCODE(exc_last.cause) : 99);

    /* User mode, CU0 = 0: HWREna decides. */
    static uint32_t (*const fns[4])(uint32_t) = {u_rdhwr0, u_rdhwr1,
                                                 u_rdhwr2, u_rdhwr3};
    uint32_t st = read_status();
    user_map_program();
    write_status(st & ~ST_CU0);
    mtc0(CP0_HWRENA, 0, 0);
    for (unsigned r = 0; r < 4; r++) {
        exc_record_reset();
        uint32_t v = user_run(fns[r], 0);
        check_eqf(EXC_RI,
                  exc_last.count == 1 ? CAUSE_EXCCODE(exc_last.cause) : 99,
                  "user rdhwr $%u with HWREna[%u] = 0: RI", r, r);
        check_eqf(0xdeadbeef, v, "user rdhwr $%u with HWREna[%u] = 0: rt unchanged",
                  r, r);
    }
    exc_record_reset();
    user_run(u_rdhwr29, 0);
    check_eq("user rdhwr $29 with HWREna[29] = 0: RI", EXC_RI,
             exc_last.count == 1 ? CAUSE_EXCCODE(exc_last.cause) : 99);

    mtc0(CP0_HWRENA, 0, 0xf);
    exc_record_reset();
    uint32_t cpunum = user_run(u_rdhwr0, 0);
    uint32_t step = user_run(u_rdhwr1, 0);
    a = read_count();
    cc = user_run(u_rdhwr2, 0);
    b = read_count();
    uint32_t res = user_run(u_rdhwr3, 0);
    check_eq("user rdhwr with HWREna = 0xf: no exception", 0, exc_last.count);
    check_eq("user rdhwr $0 = CPUNum", mfc0(CP0_PRID, 1) & EBASE_CPUNUM_MASK,
             cpunum);
    check_eq("user rdhwr $1 = SYNCI_Step", 32, step);
    check_true("user rdhwr $2 = a Count value", cc - a <= b - a);
    check_eq("user rdhwr $3 = CCRes", 2, res);
    exc_record_reset();
    user_run(u_rdhwr4, 0);
    check_eq("user rdhwr $4 (not defined): RI", EXC_RI,
             exc_last.count == 1 ? CAUSE_EXCCODE(exc_last.cause) : 99);

    mtc0(CP0_HWRENA, 0, 0);
    write_status(st);
    exc_set_handler(0);
}

int main(void)
{
    check_start("cp0");
    status_cause();
    mmu_registers();
    other_registers();
    ebase_relocation();
    ebase_interrupt();
    hardware_registers();
    return check_done();
}
