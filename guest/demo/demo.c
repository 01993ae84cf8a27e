/*
 * demo.c - a guided tour of the machine disco emulates: a MIPS32 24K CPU on
 * a MIPS Malta board.  This is the README's demo guest (`make demo`); it is
 * meant to be read alongside its output.
 *
 * It runs "bare metal": no operating system, just this program, loaded by
 * the boot loader at 0x80100000 (kseg0) and started in kernel mode.  The
 * shared runtime in guest/lib/ provides the startup code, a console on the
 * Malta UART (printf), the exception vectors (exc.h) and the CP0 helpers
 * (malta.h).  In six steps the program
 *
 *   1. decodes who the CPU says it is (PRId, Config, Config1),
 *   2. prints the arguments the boot loader passed (YAMON convention),
 *   3. writes a TLB entry itself with TLBWI and uses it,
 *   4. lets the CPU miss in the TLB and refills it from its own handler,
 *   5. sleeps in WAIT until the Count/Compare timer interrupts, three times,
 *   6. writes the Malta ASCII display and LED bar (see them with -d dev),
 *
 * and ends by resetting the board through the FPGA's SOFTRES register,
 * which with -no-reboot ends the emulator.
 *
 * References: MIPS32 Architecture Vol. III (the privileged resource
 * architecture: CP0, TLB, exceptions), the MIPS32 24K Software User's
 * Manual, and the Malta User's Manual (board addresses).
 */
#include <stdint.h>

#include "console.h"
#include "exc.h"
#include "malta.h"

/* ---- small helpers ---------------------------------------------------- */

/* Bits hi..lo of v. */
static uint32_t field(uint32_t v, unsigned hi, unsigned lo)
{
    return (v >> lo) & ((2u << (hi - lo)) - 1);
}

static int streq(const char *a, const char *b)
{
    while (*a && *a == *b)
        a++, b++;
    return *a == *b;
}

/* Parses a decimal or 0x-prefixed hexadecimal number (QEMU's boot loader
 * writes memsize in decimal, YAMON and gxemul in hex). */
static uint32_t parse_number(const char *s)
{
    uint32_t v = 0;
    if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
        for (s += 2; *s; s++) {
            unsigned d = (*s >= '0' && *s <= '9') ? (unsigned)(*s - '0')
                       : (*s >= 'a' && *s <= 'f') ? (unsigned)(*s - 'a' + 10)
                       : (*s >= 'A' && *s <= 'F') ? (unsigned)(*s - 'A' + 10)
                       : 16;
            if (d == 16)
                break;
            v = v * 16 + d;
        }
    } else {
        for (; *s >= '0' && *s <= '9'; s++)
            v = v * 10 + (uint32_t)(*s - '0');
    }
    return v;
}

/* A pointer the boot loader handed us is only trusted if it points into
 * kseg0/kseg1, where the loader put its argument block. */
static int plausible(const void *p)
{
    uint32_t a = (uint32_t)(uintptr_t)p;
    return a >= KSEG0_BASE && a < KSEG2_BASE;
}

static void heading(int step, const char *title)
{
    printf("\n%d. %s\n", step, title);
}

/* ---- 1. CPU identity -------------------------------------------------- */

static const char *core_name(uint32_t company, uint32_t imp)
{
    if (company != PRID_COMPANY_MIPS)
        return "a core from another vendor";
    switch (imp) {
    case 0x80: return "4Kc";
    case 0x81: return "5Kc";
    case 0x83: return "4KEc (R1)";
    case 0x84: return "4KEmp (R1)";
    case 0x86: return "4KSc";
    case 0x89: return "5KE";
    case 0x90: return "4KEc";
    case 0x91: return "4KEmp";
    case 0x93: return "24K";
    case 0x95: return "34K";
    case 0x96: return "24KE";
    case 0x97: return "74K";
    case 0x99: return "1004K";
    default:   return "a MIPS core this demo does not know";
    }
}

/* Config1 describes each cache as sets per way (IS/DS), line size (IL/DL)
 * and associativity (IA/DA); a line size code of 0 means no cache. */
static void print_cache(const char *name, uint32_t s, uint32_t l, uint32_t a)
{
    if (l == 0) {
        printf("   %s: none\n", name);
        return;
    }
    uint32_t sets = 64u << s, line = 2u << l, ways = a + 1;
    printf("   %s: %u KB (%u sets x %u ways x %u-byte lines)\n", name,
           sets * ways * line / 1024, sets, ways, line);
}

static void show_cpu(void)
{
    heading(1, "Who is the CPU?  (CP0 PRId, Config, Config1)");

    uint32_t prid = mfc0(CP0_PRID, 0);
    uint32_t company = field(prid, 23, 16), imp = field(prid, 15, 8);
    printf("   PRId    = 0x%08x: company %u (%s), processor 0x%02x (%s), "
           "revision %u.%u.%u\n",
           prid, company, company == 1 ? "MIPS Technologies" : "other", imp,
           core_name(company, imp), field(prid, 7, 5), field(prid, 4, 2),
           field(prid, 1, 0));

    static const char *const arch[] = { "MIPS32", "MIPS64 (32-bit segments)",
                                        "MIPS64", "reserved" };
    static const char *const mmu[] = { "none", "standard TLB", "BAT",
                                       "fixed mapping" };
    uint32_t c0 = mfc0(CP0_CONFIG, 0);
    uint32_t mt = field(c0, 9, 7);
    printf("   Config  = 0x%08x: %s-endian, %s release %u, MMU: %s,\n"
           "             kseg0 cache attribute K0 = %u (%s)\n",
           c0, field(c0, 15, 15) ? "big" : "little", arch[field(c0, 14, 13)],
           field(c0, 12, 10) + 1, mt < 4 ? mmu[mt] : "reserved",
           field(c0, 2, 0),
           field(c0, 2, 0) == CACHE_UNCACHED ? "uncached" : "cacheable");

    uint32_t c1 = mfc0(CP0_CONFIG, 1);
    printf("   Config1 = 0x%08x: %u TLB entries (MMUSize + 1), FPU: %s\n", c1,
           field(c1, 30, 25) + 1, (c1 & CONFIG1_FP) ? "yes" : "no");
    print_cache("I-cache", field(c1, 24, 22), field(c1, 21, 19),
                field(c1, 18, 16));
    print_cache("D-cache", field(c1, 15, 13), field(c1, 12, 10),
                field(c1, 9, 7));
}

/* ---- 2. boot arguments ------------------------------------------------ */

static void show_arguments(int argc, char **argv, char **envp)
{
    heading(2, "What did the boot loader pass?  (YAMON: a0 = argc, "
               "a1 = argv, a2 = envp)");

    if (argc < 0 || argc > 64 || !plausible(argv)) {
        printf("   no YAMON arguments (a0 = 0x%08x, a1 = 0x%08x)\n",
               (uint32_t)argc, (uint32_t)(uintptr_t)argv);
        return;
    }
    printf("   argc = %d\n", argc);
    for (int i = 0; i < argc; i++)
        printf("   argv[%d] = \"%s\"\n", i,
               plausible(argv[i]) ? argv[i] : "?");
    if (argc < 2 || (plausible(argv[1]) && argv[1][0] == 0))
        printf("   (boot with -append \"some words\" to see them in argv)\n");

    /* The environment is a NULL-terminated list of name, value, name,
     * value...  The one every bare-metal program wants is memsize. */
    if (!plausible(envp))
        return;
    for (int i = 0; i < 64 && plausible(envp[i]) && plausible(envp[i + 1]);
         i += 2) {
        if (streq(envp[i], "memsize")) {
            uint32_t m = parse_number(envp[i + 1]);
            printf("   env memsize = \"%s\" = %u MB of RAM\n", envp[i + 1],
                   m >> 20);
        }
    }
}

/* ---- 3. a TLB entry written by hand --------------------------------------
 * Addresses in kuseg (0x00000000..0x7fffffff) are always translated by
 * the TLB.  Each TLB entry maps a pair of pages: one even virtual page and
 * the odd one after it (VPN2 in EntryHi), each to its own physical page
 * (EntryLo0, EntryLo1), for the address space id (ASID) in EntryHi.
 * We map the 4 KB page at virtual 0x00400000 onto physical 0x00300000 --
 * memory the program does not otherwise use -- and check that bytes
 * written through the mapping are the ones kseg0 (an untranslated window
 * onto physical memory at 0x80000000) sees at 0x80300000.
 *
 * The entry gets the same cache attribute as kseg0 (Config.K0): on a
 * real 24K, a cached and an uncached view of the same memory would not
 * agree until the data cache were written back. */

#define MAP_VA 0x00400000u
#define MAP_PA 0x00300000u
#define MAP_INDEX 1

/* The EntryLo cache attribute that matches kseg0's. */
static uint32_t kseg0_cache_attr(void)
{
    return ENTRYLO_C(mfc0(CP0_CONFIG, 0) & CONFIG_K0_MASK);
}

static int copy_and_compare(volatile char *dst, const volatile char *check,
                            const char *msg)
{
    int i;
    for (i = 0; msg[i]; i++)
        dst[i] = msg[i];
    dst[i] = 0;
    for (i = 0; msg[i]; i++)
        if (check[i] != msg[i])
            return 0;
    return 1;
}

static void show_tlb_mapping(void)
{
    heading(3, "A TLB entry written by hand  (TLBWI)");

    uint32_t attr = kseg0_cache_attr() | ENTRYLO_D | ENTRYLO_V;
    uint32_t lo0 = ENTRYLO_PFN(MAP_PA) | attr;  /* even page: 0x00400000 */
    uint32_t lo1 = 0;                           /* odd page: not valid */
    tlb_write_indexed(MAP_INDEX, MAP_VA | 0 /* ASID 0 */, PM_4K, lo0, lo1);
    /* Entries below Wired are never chosen by TLBWR (step 4), so this
     * one stays put. */
    mtc0(CP0_WIRED, 0, MAP_INDEX + 1);
    printf("   entry %u: EntryHi 0x%08x  EntryLo0 0x%08x  EntryLo1 0x%08x, "
           "Wired = %u\n", MAP_INDEX, MAP_VA, lo0, lo1, MAP_INDEX + 1);
    printf("   = virtual 0x%08x..0x%08x -> physical 0x%08x (C = %u as "
           "kseg0, dirty, valid)\n", MAP_VA, MAP_VA + 0xfff, MAP_PA,
           attr >> ENTRYLO_C_SHIFT & 7);

    /* Ask the TLB to find the entry again: TLBP looks up EntryHi. */
    mtc0(CP0_ENTRYHI, 0, MAP_VA);
    tlbp();
    printf("   TLBP for 0x%08x finds index %u\n", MAP_VA,
           mfc0(CP0_INDEX, 0));

    const char *msg = "Hello through the TLB!";
    int same = copy_and_compare((volatile char *)MAP_VA,
                                (const volatile char *)KSEG0(MAP_PA), msg);
    printf("   wrote \"%s\" at virtual 0x%08x\n", msg, MAP_VA);
    printf("   read  \"%s\" at kseg0 0x%08x: %s\n",
           (const char *)KSEG0(MAP_PA), KSEG0(MAP_PA),
           same ? "the same bytes" : "DIFFERENT bytes (a bug!)");
}

/* ---- 4. a TLB refill -----------------------------------------------------
 * When no TLB entry matches a kuseg address, the CPU takes a TLB refill
 * exception: it jumps to EBase + 0x000 (not the general vector at +0x180)
 * with BadVAddr = the address, EntryHi.VPN2 = its page pair, Context =
 * PTEBase plus the page pair number.  An operating system's refill
 * handler looks the page up in its page table and writes an entry with
 * TLBWR (at a random index); then ERET re-executes the instruction that
 * missed.  Our "page table" is a rule: virtual 0x00800000 + x lives at
 * physical 0x00380000 + x, for 64 KB. */

#define REFILL_VA 0x00800000u
#define REFILL_PA 0x00380000u
#define REFILL_SIZE 0x10000u

static volatile struct {
    unsigned count;
    uint32_t badvaddr, entryhi, context;
} refill;

static void demo_refill_handler(struct exc_frame *f)
{
    uint32_t va = f->badvaddr;
    if (va - REFILL_VA >= REFILL_SIZE) {
        printf("   unexpected TLB miss at 0x%08x (pc 0x%08x)\n", va, f->epc);
        exit(1);
    }
    /* The hardware already put the missing page pair in EntryHi. */
    uint32_t entryhi = mfc0(CP0_ENTRYHI, 0);
    uint32_t even = (entryhi & ENTRYHI_VPN2_MASK) - REFILL_VA + REFILL_PA;
    uint32_t attr = kseg0_cache_attr() | ENTRYLO_D | ENTRYLO_V;
    mtc0(CP0_PAGEMASK, 0, PM_4K);
    mtc0(CP0_ENTRYLO0, 0, ENTRYLO_PFN(even) | attr);
    mtc0(CP0_ENTRYLO1, 0, ENTRYLO_PFN(even + 0x1000) | attr);
    tlbwr();

    refill.count++;
    refill.badvaddr = va;
    refill.entryhi = entryhi;
    refill.context = mfc0(CP0_CONTEXT, 0);
    /* Returning lets the runtime ERET back to the load or store that
     * missed; this time it hits. */
}

static void show_tlb_refill(void)
{
    heading(4, "A TLB miss, refilled by our own handler  (TLBWR)");

    /* PTEBase = 0, so Context will hold just BadVPN2: bits 31..13 of the
     * missing address, in its bits 22..4 (an index into a page table of
     * 16-byte entries, one per page pair). */
    mtc0(CP0_CONTEXT, 0, 0);
    exc_set_refill_handler(demo_refill_handler);

    volatile uint32_t *p = (volatile uint32_t *)(REFILL_VA + 0x1234);
    *p = 0xd15c0da7u;           /* no entry maps this: refill, then store */
    uint32_t back = *p;         /* hits the entry the handler wrote */

    exc_set_refill_handler(0);
    printf("   store to 0x%08x missed; the refill handler ran %u time(s)\n",
           (uint32_t)(uintptr_t)p, refill.count);
    printf("   BadVAddr 0x%08x  EntryHi 0x%08x  Context 0x%08x\n",
           refill.badvaddr, refill.entryhi, refill.context);

    /* Where did TLBWR put it?  At the index in Random, which counts down
     * through the entries at or above Wired, so it varies from machine to
     * machine; TLBP tells, and the output only says whether it is sane. */
    mtc0(CP0_ENTRYHI, 0, refill.entryhi);
    tlbp();
    uint32_t index = mfc0(CP0_INDEX, 0);
    uint32_t wired = mfc0(CP0_WIRED, 0);
    printf("   TLBP finds the new entry at a random index between Wired = %u "
           "and %u: %s\n", wired, tlb_entries() - 1,
           !(index & INDEX_P) && index >= wired && index < tlb_entries()
               ? "yes" : "NO (a bug!)");
    printf("   load back: 0x%08x, and at kseg0 0x%08x: 0x%08x\n", back,
           KSEG0(REFILL_PA + 0x1234),
           *(volatile uint32_t *)KSEG0(REFILL_PA + 0x1234));
}

/* ---- 5. timer interrupts -------------------------------------------------
 * Count counts up (on the 24K, once every two CPU cycles); when it equals
 * Compare the CPU raises its timer interrupt, on hardware line IP7 of the
 * 24K.  Writing Compare acknowledges it.  WAIT stops the CPU until an
 * interrupt arrives, so the loop below does no work while it waits. */

#define TICK_INTERVAL 100000u   /* Count ticks between interrupts */
#define TICKS 3

static volatile unsigned ticks;

static void demo_interrupt_handler(struct exc_frame *f)
{
    uint32_t cause = f->cause;
    if (CAUSE_EXCCODE(cause) != EXC_INT || !(cause & CAUSE_IP(7))) {
        printf("   unexpected exception %u at 0x%08x\n", CAUSE_EXCCODE(cause),
               f->epc);
        exit(1);
    }
    ticks++;
    printf("   tick %u: timer interrupt (Cause.IP7 = 1, Cause.TI = %u)\n",
           ticks, (cause & CAUSE_TI) ? 1 : 0);
    /* Writing Compare acknowledges the interrupt (clears IP7) and sets
     * the next one.  It is re-armed every time, even after the last tick
     * we want, so that WAIT can never sleep forever. */
    mtc0(CP0_COMPARE, 0, mfc0(CP0_COUNT, 0) + TICK_INTERVAL);
}

static void show_timer(void)
{
    heading(5, "Timer interrupts: Count/Compare, waiting with WAIT");

    /* Release 2 CPUs say in IntCtl.IPTI which line the timer uses;
     * release 1 has no IntCtl, and the timer is on IP7 by convention. */
    if (field(mfc0(CP0_CONFIG, 0), 12, 10) >= 1) {
        uint32_t ipti = mfc0(CP0_STATUS, 1) >> INTCTL_IPTI_SHIFT;
        printf("   IntCtl.IPTI = %u: the timer is wired to interrupt line "
               "IP%u\n", ipti, ipti);
    } else {
        printf("   a release 1 CPU: the timer is on IP7 by convention\n");
    }

    exc_set_handler(demo_interrupt_handler);
    ticks = 0;
    mtc0(CP0_COMPARE, 0, mfc0(CP0_COUNT, 0) + TICK_INTERVAL);
    write_status(read_status() | ST_IM(7) | ST_IE);
    while (ticks < TICKS)
        cpu_wait();
    write_status(read_status() & ~(ST_IM(7) | ST_IE));
    exc_set_handler(0);
    printf("   %u ticks taken, %u Count ticks apart; interrupts off again\n",
           ticks, TICK_INTERVAL);
}

/* ---- 6. the Malta display ------------------------------------------------
 * The Malta board has an 8-character ASCII display and 8 LEDs, written
 * through FPGA registers at physical 0x1F000000 (kseg1: 0xBF000000).  On
 * a terminal you cannot see them; `disco -d dev` logs every write. */

static void show_display(void)
{
    heading(6, "The Malta ASCII display and LED bar  (run with -d dev to "
               "see them)");

    const char *text = "DISCO:)";
    for (int i = 0; i < 8; i++)
        mmio_write32(MALTA_FPGA_BASE + FPGA_ASCIIPOS(i),
                     text[i] ? (uint32_t)text[i] : ' ');
    printf("   ASCII display <- \"%s\"  (8 registers at 0x%08x + 8 * n)\n",
           text, MALTA_FPGA_BASE + FPGA_ASCIIPOS(0));

    for (int i = 0; i < 8; i++)
        mmio_write32(MALTA_FPGA_BASE + FPGA_LEDBAR, 1u << i);
    mmio_write32(MALTA_FPGA_BASE + FPGA_LEDBAR, 0xa5);
    printf("   LED bar <- one LED after another, then 0xa5 (register "
           "0x%08x)\n", MALTA_FPGA_BASE + FPGA_LEDBAR);
}

/* ---- main ------------------------------------------------------------- */

int main(int argc, char **argv, char **envp)
{
    puts("disco demo: a tour of a MIPS Malta board with a MIPS32 24K CPU");
    puts("(source: guest/demo/demo.c)");

    show_cpu();
    show_arguments(argc, argv, envp);
    show_tlb_mapping();
    show_tlb_refill();
    show_timer();
    show_display();

    puts("\nThat's all: writing 0x42 to the FPGA SOFTRES register resets "
         "the board,\nwhich ends the emulator (-no-reboot).  Bye!");
    return 0;
}
