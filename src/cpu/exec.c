/*
 * exec.c - the interpreter: fetch, decode and execute MIPS32 Release 2
 * integer instructions (MIPS32 Vol. II) with branch delay slots.
 *
 * Three things make it fast; each was measured on the bench loop:
 *  - pre-decoded instructions (decode.h): each fetch compares the word in
 *    memory with the decoded copy in the page's shadow and jumps straight
 *    to the handler; no field extraction, no nested switch;
 *  - a computed-goto handler table (a GCC extension) instead of a switch,
 *    so each handler ends in its own jump back to the fetch;
 *  - writes to $zero go to a sink register (decode.h), so no instruction
 *    has to put $zero back to 0;
 *  - pc, npc, the delay-slot flag and the current code page live in
 *    locals (host registers) and are written back to struct cpu only
 *    when control leaves for the privileged layer or a memory slow path
 *    (SYNC_OUT) and reloaded if that call redirected the CPU (SYNC_IN).
 * Loads and stores use the per-CPU fast path (softmmu.h).
 */
#include <string.h>

#include "cpu/cp0.h"
#include "cpu/cpu.h"
#include "cpu/decode.h"
#include "mmu/access.h"
#include "mmu/bus.h"
#include "debug.h"

#define likely(x) __builtin_expect(!!(x), 1)
#define unlikely(x) __builtin_expect(!!(x), 0)

_Static_assert(sizeof(struct dinsn) == 4 * BUS_SHADOW_RATIO,
               "one decoded instruction per 4-byte word of shadow");

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

static inline uint64_t hilo(const struct cpu *cpu)
{
    return ((uint64_t)cpu->hi << 32) | cpu->lo;
}

static inline void set_hilo(struct cpu *cpu, uint64_t v)
{
    cpu->lo = (uint32_t)v;
    cpu->hi = (uint32_t)(v >> 32);
}

#define DBG_BP_WORDS (DBG_BP_BITMAP_BITS / 64)

/* The loop at full speed, and the same loop with breakpoint checks. */
#define EXEC_CORE_NAME cpu_run_core
#define EXEC_CORE_DEBUG 0
#include "cpu/exec_core.h"
#undef EXEC_CORE_NAME
#undef EXEC_CORE_DEBUG

#define EXEC_CORE_NAME cpu_run_core_debug
#define EXEC_CORE_DEBUG 1
#include "cpu/exec_core.h"
#undef EXEC_CORE_NAME
#undef EXEC_CORE_DEBUG
