/*
 * exec.c - the interpreter: fetch, decode and execute MIPS32 Release 2
 * integer instructions (MIPS32 Vol. II) with branch delay slots.
 *
 * The loop keeps pc, npc and the delay-slot flag in locals, so the
 * compiler holds them in host registers instead of reloading them from
 * struct cpu after every store (measured: about a third faster than
 * keeping them in the struct).  Whenever control leaves the loop body for
 * the privileged layer or a memory slow path, SYNC_OUT() writes them back
 * first; when that call redirected the CPU (an exception, ERET), the loop
 * reloads them with SYNC_IN().
 *
 * The fetch path remembers the host address of the current code page, so
 * straight-line code costs one compare per fetch; loads and stores use
 * the per-CPU fast path (softmmu.h).  Code is always fetched from guest
 * memory, never from a decoded copy, so self-modifying code needs no
 * special care.
 */
#include <string.h>

#include "cpu/cp0.h"
#include "cpu/cpu.h"
#include "mmu/access.h"

#define likely(x) __builtin_expect(!!(x), 1)
#define unlikely(x) __builtin_expect(!!(x), 0)

#define FETCH_PAGE_NONE 1u /* no page is aligned to this: forces a lookup */

static inline uint32_t host_load(const uint8_t *p, unsigned size)
{
    /* Both host (x86-64, ARM64) and guest are little-endian. */
    switch (size) {
    case 1: return *p;
    case 2: { uint16_t v; memcpy(&v, p, 2); return v; }
    default: { uint32_t v; memcpy(&v, p, 4); return v; }
    }
}

static inline void host_store(uint8_t *p, unsigned size, uint32_t v)
{
    switch (size) {
    case 1: *p = (uint8_t)v; break;
    case 2: { uint16_t h = (uint16_t)v; memcpy(p, &h, 2); break; }
    default: memcpy(p, &v, 4); break;
    }
}

static inline uint32_t clz32(uint32_t x)
{
    return x ? (uint32_t)__builtin_clz(x) : 32;
}

uint64_t cpu_run_core(struct cpu *cpu, uint64_t max_insns)
{
    uint32_t *const gpr = cpu->gpr;
    uint32_t pc = cpu->pc, npc = cpu->npc;
    bool ds = cpu->delay_slot;
    uint64_t n = 0, synced = 0;
    uint32_t fetch_page = FETCH_PAGE_NONE;
    uintptr_t fetch_addend = 0;
    bool leave = false;

#define SYNC_OUT()                                                          \
    do {                                                                    \
        cpu->pc = pc;                                                       \
        cpu->npc = npc;                                                     \
        cpu->delay_slot = ds;                                               \
        cpu->icount += n - synced;                                          \
        cpu->cycles += n - synced;                                          \
        synced = n;                                                         \
    } while (0)
#define SYNC_IN()                                                           \
    do {                                                                    \
        pc = cpu->pc;                                                       \
        npc = cpu->npc;                                                     \
        ds = cpu->delay_slot;                                               \
    } while (0)
    /* After any call out: mappings or the mode may have changed. */
#define AFTER_CALL()                                                        \
    do {                                                                    \
        fetch_page = FETCH_PAGE_NONE;                                       \
        leave |= cpu->exit_request;                                         \
    } while (0)
#define RAISE(code)                                                         \
    do {                                                                    \
        SYNC_OUT();                                                         \
        cpu_raise(cpu, (code));                                             \
        goto redirected;                                                    \
    } while (0)
    /* A privileged operation: false means it redirected the CPU. */
#define PRIV(call)                                                          \
    do {                                                                    \
        SYNC_OUT();                                                         \
        if (!(call))                                                        \
            goto redirected;                                                \
        AFTER_CALL();                                                       \
    } while (0)
#define LOAD(size, va, out)                                                 \
    do {                                                                    \
        uint32_t va_ = (va);                                                \
        uint8_t *h_ = softmmu_lookup(&cpu->mmu, SOFTMMU_LOAD, va_, size);   \
        if (likely(h_ != NULL)) {                                           \
            out = host_load(h_, size);                                      \
        } else {                                                            \
            uint32_t v_;                                                    \
            SYNC_OUT();                                                     \
            if (!mmu_load_slow(cpu, va_, size, &v_))                        \
                goto redirected;                                            \
            AFTER_CALL();                                                   \
            out = v_;                                                       \
        }                                                                   \
    } while (0)
#define STORE(size, va, value)                                              \
    do {                                                                    \
        uint32_t va_ = (va);                                                \
        uint8_t *h_ = softmmu_lookup(&cpu->mmu, SOFTMMU_STORE, va_, size);  \
        if (likely(h_ != NULL)) {                                           \
            host_store(h_, size, (value));                                  \
        } else {                                                            \
            SYNC_OUT();                                                     \
            if (!mmu_store_slow(cpu, va_, size, (value)))                   \
                goto redirected;                                            \
            AFTER_CALL();                                                   \
        }                                                                   \
    } while (0)
    /* Branches: the delay slot at npc runs next, then the target. */
#define BRANCH(cond)                                                        \
    do {                                                                    \
        nds = true;                                                         \
        if (cond)                                                           \
            nnpc = pc + 4 + ((uint32_t)simm << 2);                          \
    } while (0)
    /* Branch-likely: when not taken, the delay slot is skipped. */
#define BRANCH_LIKELY(cond)                                                 \
    do {                                                                    \
        if (cond) {                                                         \
            nds = true;                                                     \
            nnpc = pc + 4 + ((uint32_t)simm << 2);                          \
        } else {                                                            \
            npc += 4;                                                       \
            nnpc = npc + 4;                                                 \
        }                                                                   \
    } while (0)

    while (likely(n < max_insns)) {
        uint32_t insn;
        if (likely((pc & SOFTMMU_PAGE_MASK) == fetch_page)) {
            memcpy(&insn, (const uint8_t *)(fetch_addend + pc), 4);
        } else {
            const uint8_t *h = softmmu_lookup(&cpu->mmu, SOFTMMU_FETCH, pc, 4);
            if (likely(h != NULL)) {
                fetch_page = pc & SOFTMMU_PAGE_MASK;
                fetch_addend = (uintptr_t)h - pc;
                memcpy(&insn, h, 4);
            } else {
                n++;
                SYNC_OUT();
                if (!mmu_fetch_slow(cpu, pc, &insn))
                    goto redirected;
                AFTER_CALL();
                n--; /* counted again below */
            }
        }
        n++;

        uint32_t nnpc = npc + 4;
        bool nds = false;
        const unsigned rs = (insn >> 21) & 31;
        const unsigned rt = (insn >> 16) & 31;
        const unsigned rd = (insn >> 11) & 31;
        const unsigned sa = (insn >> 6) & 31;
        const int32_t simm = (int16_t)insn;
        const uint32_t uimm = insn & 0xffff;

        switch (insn >> 26) {
        case 0x00: /* SPECIAL */
            switch (insn & 63) {
            case 0x00: gpr[rd] = gpr[rt] << sa; break; /* SLL, NOP, EHB */
            case 0x01: /* MOVF/MOVT: FPU condition codes */
                SYNC_OUT();
                cpu->priv->cop_unusable(cpu, 1);
                goto redirected;
            case 0x02:
                if (rs == 0)
                    gpr[rd] = gpr[rt] >> sa;
                else if (rs == 1) /* ROTR */
                    gpr[rd] = (gpr[rt] >> sa) | (gpr[rt] << ((32 - sa) & 31));
                else
                    RAISE(EXC_RI);
                break;
            case 0x03: gpr[rd] = (uint32_t)((int32_t)gpr[rt] >> sa); break;
            case 0x04: gpr[rd] = gpr[rt] << (gpr[rs] & 31); break;
            case 0x06: {
                unsigned s = gpr[rs] & 31;
                if (sa == 0)
                    gpr[rd] = gpr[rt] >> s;
                else if (sa == 1) /* ROTRV */
                    gpr[rd] = (gpr[rt] >> s) | (gpr[rt] << ((32 - s) & 31));
                else
                    RAISE(EXC_RI);
                break;
            }
            case 0x07: gpr[rd] = (uint32_t)((int32_t)gpr[rt] >> (gpr[rs] & 31)); break;
            case 0x08: /* JR, JR.HB */
                nds = true;
                nnpc = gpr[rs];
                break;
            case 0x09: { /* JALR, JALR.HB */
                uint32_t target = gpr[rs];
                gpr[rd] = pc + 8;
                nds = true;
                nnpc = target;
                break;
            }
            case 0x0a: if (gpr[rt] == 0) gpr[rd] = gpr[rs]; break; /* MOVZ */
            case 0x0b: if (gpr[rt] != 0) gpr[rd] = gpr[rs]; break; /* MOVN */
            case 0x0c: RAISE(EXC_SYS); break;
            case 0x0d: RAISE(EXC_BP); break;
            case 0x0f: break; /* SYNC: one CPU at a time, always ordered */
            case 0x10: gpr[rd] = cpu->hi; break;
            case 0x11: cpu->hi = gpr[rs]; break;
            case 0x12: gpr[rd] = cpu->lo; break;
            case 0x13: cpu->lo = gpr[rs]; break;
            case 0x18: { /* MULT */
                int64_t p = (int64_t)(int32_t)gpr[rs] * (int32_t)gpr[rt];
                cpu->lo = (uint32_t)p;
                cpu->hi = (uint32_t)((uint64_t)p >> 32);
                break;
            }
            case 0x19: { /* MULTU */
                uint64_t p = (uint64_t)gpr[rs] * gpr[rt];
                cpu->lo = (uint32_t)p;
                cpu->hi = (uint32_t)(p >> 32);
                break;
            }
            case 0x1a: { /* DIV: the manual leaves /0 unpredictable; like
                          * QEMU we divide by 1 then (LO = dividend, HI = 0) */
                int32_t a = (int32_t)gpr[rs], b = (int32_t)gpr[rt];
                if (b == 0 || (a == INT32_MIN && b == -1))
                    b = 1;
                cpu->lo = (uint32_t)(a / b);
                cpu->hi = (uint32_t)(a % b);
                break;
            }
            case 0x1b: { /* DIVU */
                uint32_t a = gpr[rs], b = gpr[rt] ? gpr[rt] : 1;
                cpu->lo = a / b;
                cpu->hi = a % b;
                break;
            }
            case 0x20: { /* ADD */
                int32_t r;
                if (__builtin_add_overflow((int32_t)gpr[rs], (int32_t)gpr[rt], &r))
                    RAISE(EXC_OV);
                gpr[rd] = (uint32_t)r;
                break;
            }
            case 0x21: gpr[rd] = gpr[rs] + gpr[rt]; break;
            case 0x22: { /* SUB */
                int32_t r;
                if (__builtin_sub_overflow((int32_t)gpr[rs], (int32_t)gpr[rt], &r))
                    RAISE(EXC_OV);
                gpr[rd] = (uint32_t)r;
                break;
            }
            case 0x23: gpr[rd] = gpr[rs] - gpr[rt]; break;
            case 0x24: gpr[rd] = gpr[rs] & gpr[rt]; break;
            case 0x25: gpr[rd] = gpr[rs] | gpr[rt]; break;
            case 0x26: gpr[rd] = gpr[rs] ^ gpr[rt]; break;
            case 0x27: gpr[rd] = ~(gpr[rs] | gpr[rt]); break;
            case 0x2a: gpr[rd] = (int32_t)gpr[rs] < (int32_t)gpr[rt]; break;
            case 0x2b: gpr[rd] = gpr[rs] < gpr[rt]; break;
            case 0x30: if ((int32_t)gpr[rs] >= (int32_t)gpr[rt]) RAISE(EXC_TR); break;
            case 0x31: if (gpr[rs] >= gpr[rt]) RAISE(EXC_TR); break;
            case 0x32: if ((int32_t)gpr[rs] < (int32_t)gpr[rt]) RAISE(EXC_TR); break;
            case 0x33: if (gpr[rs] < gpr[rt]) RAISE(EXC_TR); break;
            case 0x34: if (gpr[rs] == gpr[rt]) RAISE(EXC_TR); break;
            case 0x36: if (gpr[rs] != gpr[rt]) RAISE(EXC_TR); break;
            default: RAISE(EXC_RI); break;
            }
            break;

        case 0x01: /* REGIMM */
            switch (rt) {
            case 0x00: BRANCH((int32_t)gpr[rs] < 0); break;
            case 0x01: BRANCH((int32_t)gpr[rs] >= 0); break;
            case 0x02: BRANCH_LIKELY((int32_t)gpr[rs] < 0); break;
            case 0x03: BRANCH_LIKELY((int32_t)gpr[rs] >= 0); break;
            case 0x08: if ((int32_t)gpr[rs] >= simm) RAISE(EXC_TR); break;
            case 0x09: if (gpr[rs] >= (uint32_t)simm) RAISE(EXC_TR); break;
            case 0x0a: if ((int32_t)gpr[rs] < simm) RAISE(EXC_TR); break;
            case 0x0b: if (gpr[rs] < (uint32_t)simm) RAISE(EXC_TR); break;
            case 0x0c: if ((int32_t)gpr[rs] == simm) RAISE(EXC_TR); break;
            case 0x0e: if ((int32_t)gpr[rs] != simm) RAISE(EXC_TR); break;
            case 0x10: { bool c = (int32_t)gpr[rs] < 0; gpr[31] = pc + 8; BRANCH(c); break; }
            case 0x11: { bool c = (int32_t)gpr[rs] >= 0; gpr[31] = pc + 8; BRANCH(c); break; }
            case 0x12: { bool c = (int32_t)gpr[rs] < 0; gpr[31] = pc + 8; BRANCH_LIKELY(c); break; }
            case 0x13: { bool c = (int32_t)gpr[rs] >= 0; gpr[31] = pc + 8; BRANCH_LIKELY(c); break; }
            case 0x1f: break; /* SYNCI: no instruction cache to synchronise */
            default: RAISE(EXC_RI); break;
            }
            break;

        case 0x02: /* J */
            nds = true;
            nnpc = ((pc + 4) & 0xf0000000u) | ((insn & 0x03ffffffu) << 2);
            break;
        case 0x03: /* JAL */
            gpr[31] = pc + 8;
            nds = true;
            nnpc = ((pc + 4) & 0xf0000000u) | ((insn & 0x03ffffffu) << 2);
            break;
        case 0x04: BRANCH(gpr[rs] == gpr[rt]); break;
        case 0x05: BRANCH(gpr[rs] != gpr[rt]); break;
        case 0x06: BRANCH((int32_t)gpr[rs] <= 0); break;
        case 0x07: BRANCH((int32_t)gpr[rs] > 0); break;
        case 0x08: { /* ADDI */
            int32_t r;
            if (__builtin_add_overflow((int32_t)gpr[rs], simm, &r))
                RAISE(EXC_OV);
            gpr[rt] = (uint32_t)r;
            break;
        }
        case 0x09: gpr[rt] = gpr[rs] + (uint32_t)simm; break;
        case 0x0a: gpr[rt] = (int32_t)gpr[rs] < simm; break;
        case 0x0b: gpr[rt] = gpr[rs] < (uint32_t)simm; break;
        case 0x0c: gpr[rt] = gpr[rs] & uimm; break;
        case 0x0d: gpr[rt] = gpr[rs] | uimm; break;
        case 0x0e: gpr[rt] = gpr[rs] ^ uimm; break;
        case 0x0f: gpr[rt] = uimm << 16; break;

        case 0x10: /* COP0 */
            if (rs & 0x10) {
                switch (insn & 63) {
                case 0x01: PRIV(cpu->priv->tlbop(cpu, TLBOP_TLBR)); break;
                case 0x02: PRIV(cpu->priv->tlbop(cpu, TLBOP_TLBWI)); break;
                case 0x06: PRIV(cpu->priv->tlbop(cpu, TLBOP_TLBWR)); break;
                case 0x08: PRIV(cpu->priv->tlbop(cpu, TLBOP_TLBP)); break;
                case 0x18: SYNC_OUT(); cpu->priv->eret(cpu); goto redirected;
                case 0x1f: SYNC_OUT(); cpu->priv->deret(cpu); goto redirected;
                case 0x20: PRIV(cpu->priv->wait(cpu)); break;
                default: RAISE(EXC_RI); break;
                }
                break;
            }
            switch (rs) {
            case 0x00: { /* MFC0 */
                uint32_t v;
                PRIV(cpu->priv->mfc0(cpu, rd, insn & 7, &v));
                gpr[rt] = v;
                break;
            }
            case 0x04: PRIV(cpu->priv->mtc0(cpu, rd, insn & 7, gpr[rt])); break;
            case 0x0a: /* RDPGPR: no shadow register sets, so the current set */
            case 0x0e: /* WRPGPR */
                SYNC_OUT();
                if (!cpu->priv->kernel_mode(cpu))
                    RAISE(EXC_CPU);
                gpr[rd] = gpr[rt];
                break;
            case 0x0b: { /* DI, EI */
                uint32_t old;
                PRIV(cpu->priv->di_ei(cpu, (insn & 0x20) != 0, &old));
                gpr[rt] = old;
                break;
            }
            default: RAISE(EXC_RI); break;
            }
            break;
        case 0x11: /* COP1 */
        case 0x13: /* COP1X */
        case 0x31: /* LWC1 */
        case 0x35: /* LDC1 */
        case 0x39: /* SWC1 */
        case 0x3d: /* SDC1 */
            SYNC_OUT();
            cpu->priv->cop_unusable(cpu, 1);
            goto redirected;
        case 0x12: /* COP2 */
        case 0x32: /* LWC2 */
        case 0x36: /* LDC2 */
        case 0x3a: /* SWC2 */
        case 0x3e: /* SDC2 */
            SYNC_OUT();
            cpu->priv->cop_unusable(cpu, 2);
            goto redirected;

        case 0x14: BRANCH_LIKELY(gpr[rs] == gpr[rt]); break;
        case 0x15: BRANCH_LIKELY(gpr[rs] != gpr[rt]); break;
        case 0x16: BRANCH_LIKELY((int32_t)gpr[rs] <= 0); break;
        case 0x17: BRANCH_LIKELY((int32_t)gpr[rs] > 0); break;

        case 0x1c: /* SPECIAL2 */
            switch (insn & 63) {
            case 0x00: { /* MADD */
                int64_t acc = (int64_t)(((uint64_t)cpu->hi << 32) | cpu->lo);
                acc += (int64_t)(int32_t)gpr[rs] * (int32_t)gpr[rt];
                cpu->lo = (uint32_t)acc;
                cpu->hi = (uint32_t)((uint64_t)acc >> 32);
                break;
            }
            case 0x01: { /* MADDU */
                uint64_t acc = ((uint64_t)cpu->hi << 32) | cpu->lo;
                acc += (uint64_t)gpr[rs] * gpr[rt];
                cpu->lo = (uint32_t)acc;
                cpu->hi = (uint32_t)(acc >> 32);
                break;
            }
            case 0x02: gpr[rd] = (uint32_t)((int32_t)gpr[rs] * (int64_t)(int32_t)gpr[rt]); break;
            case 0x04: { /* MSUB */
                int64_t acc = (int64_t)(((uint64_t)cpu->hi << 32) | cpu->lo);
                acc -= (int64_t)(int32_t)gpr[rs] * (int32_t)gpr[rt];
                cpu->lo = (uint32_t)acc;
                cpu->hi = (uint32_t)((uint64_t)acc >> 32);
                break;
            }
            case 0x05: { /* MSUBU */
                uint64_t acc = ((uint64_t)cpu->hi << 32) | cpu->lo;
                acc -= (uint64_t)gpr[rs] * gpr[rt];
                cpu->lo = (uint32_t)acc;
                cpu->hi = (uint32_t)(acc >> 32);
                break;
            }
            case 0x20: gpr[rd] = clz32(gpr[rs]); break;
            case 0x21: gpr[rd] = clz32(~gpr[rs]); break;
            case 0x3f: /* SDBBP */
                PRIV(cpu->priv->sdbbp(cpu, (insn >> 6) & 0xfffff));
                break;
            default: RAISE(EXC_RI); break;
            }
            break;

        case 0x1f: /* SPECIAL3 */
            switch (insn & 63) {
            case 0x00: { /* EXT: pos = sa, size = msbd + 1 */
                unsigned size = rd + 1;
                uint32_t mask = size >= 32 ? 0xffffffffu : (1u << size) - 1;
                gpr[rt] = (gpr[rs] >> sa) & mask;
                break;
            }
            case 0x04: { /* INS: lsb = sa, msb = rd */
                if (rd < sa)
                    break; /* unpredictable: leave rt alone */
                unsigned size = rd - sa + 1;
                uint32_t mask = (size >= 32 ? 0xffffffffu : (1u << size) - 1) << sa;
                gpr[rt] = (gpr[rt] & ~mask) | ((gpr[rs] << sa) & mask);
                break;
            }
            case 0x20: /* BSHFL */
                switch (sa) {
                case 0x02: /* WSBH */
                    gpr[rd] = ((gpr[rt] & 0x00ff00ffu) << 8) | ((gpr[rt] >> 8) & 0x00ff00ffu);
                    break;
                case 0x10: gpr[rd] = (uint32_t)(int8_t)gpr[rt]; break;  /* SEB */
                case 0x18: gpr[rd] = (uint32_t)(int16_t)gpr[rt]; break; /* SEH */
                default: RAISE(EXC_RI); break;
                }
                break;
            case 0x3b: { /* RDHWR */
                uint32_t v;
                PRIV(cpu->priv->rdhwr(cpu, rd, &v));
                gpr[rt] = v;
                break;
            }
            default: RAISE(EXC_RI); break;
            }
            break;

        case 0x20: { uint32_t v; LOAD(1, gpr[rs] + simm, v); gpr[rt] = (uint32_t)(int8_t)v; break; }
        case 0x21: { uint32_t v; LOAD(2, gpr[rs] + simm, v); gpr[rt] = (uint32_t)(int16_t)v; break; }
        case 0x23: { uint32_t v; LOAD(4, gpr[rs] + simm, v); gpr[rt] = v; break; }
        case 0x24: { uint32_t v; LOAD(1, gpr[rs] + simm, v); gpr[rt] = v; break; }
        case 0x25: { uint32_t v; LOAD(2, gpr[rs] + simm, v); gpr[rt] = v; break; }
        case 0x22: { /* LWL (little-endian): the word's high bytes */
            uint32_t va = gpr[rs] + simm, w;
            unsigned shift = (3 - (va & 3)) * 8;
            LOAD(4, va & ~3u, w);
            uint32_t keep = shift ? (1u << shift) - 1 : 0;
            gpr[rt] = (gpr[rt] & keep) | (w << shift);
            break;
        }
        case 0x26: { /* LWR (little-endian): the word's low bytes */
            uint32_t va = gpr[rs] + simm, w;
            unsigned shift = (va & 3) * 8;
            LOAD(4, va & ~3u, w);
            uint32_t keep = shift ? ~(0xffffffffu >> shift) : 0;
            gpr[rt] = (gpr[rt] & keep) | (w >> shift);
            break;
        }
        case 0x28: STORE(1, gpr[rs] + simm, gpr[rt]); break;
        case 0x29: STORE(2, gpr[rs] + simm, gpr[rt]); break;
        case 0x2b: STORE(4, gpr[rs] + simm, gpr[rt]); break;
        case 0x2a: { /* SWL */
            uint32_t va = gpr[rs] + simm, w;
            unsigned shift = (3 - (va & 3)) * 8;
            LOAD(4, va & ~3u, w);
            uint32_t mask = 0xffffffffu >> shift;
            w = (w & ~mask) | (gpr[rt] >> shift);
            STORE(4, va & ~3u, w);
            break;
        }
        case 0x2e: { /* SWR */
            uint32_t va = gpr[rs] + simm, w;
            unsigned shift = (va & 3) * 8;
            LOAD(4, va & ~3u, w);
            uint32_t mask = 0xffffffffu << shift;
            w = (w & ~mask) | (gpr[rt] << shift);
            STORE(4, va & ~3u, w);
            break;
        }
        case 0x2f: /* CACHE */
            PRIV(cpu->priv->cache(cpu, rt, gpr[rs] + simm));
            break;
        case 0x30: { /* LL */
            uint32_t v;
            SYNC_OUT();
            if (!mmu_load_linked(cpu, gpr[rs] + simm, &v))
                goto redirected;
            AFTER_CALL();
            gpr[rt] = v;
            break;
        }
        case 0x33: break; /* PREF */
        case 0x38: /* SC */
            if (cpu->llbit) {
                STORE(4, gpr[rs] + simm, gpr[rt]);
                cpu->llbit = false;
                gpr[rt] = 1;
            } else {
                gpr[rt] = 0;
            }
            break;
        default: RAISE(EXC_RI); break;
        }

        gpr[0] = 0;
        pc = npc;
        npc = nnpc;
        ds = nds;
        if (unlikely(leave))
            break;
        continue;

    redirected:
        /* The privileged layer moved the CPU (exception, ERET, debug). */
        SYNC_IN();
        gpr[0] = 0;
        fetch_page = FETCH_PAGE_NONE;
        if (cpu->exit_request)
            break;
    }
    SYNC_OUT();
    return n;
}
