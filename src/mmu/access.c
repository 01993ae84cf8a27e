/*
 * access.c - the slow path of a guest memory access (see access.h).
 *
 * Order of checks, as the hardware does them (MIPS32 Vol. III, 4.3 and
 * 6.2): alignment (address error), then translation (segment rules, TLB,
 * via the privileged layer, which raises its own exceptions), then the
 * physical access: RAM/ROM through a host pointer, which is also entered
 * in the fast path; devices through their callbacks; nothing there is a
 * bus error (IBE for fetches, DBE for data).
 */
#include "mmu/access.h"

#include <string.h>

#include "cpu/cpu.h"
#include "mmu/bus.h"

static void raise_address_error(struct cpu *cpu, uint32_t va, bool store)
{
    struct cpu_exception exc = {
        .code = store ? EXC_ADES : EXC_ADEL,
        .has_badvaddr = true,
        .badvaddr = va,
    };
    cpu->priv->raise(cpu, &exc);
}

static void raise_bus_error(struct cpu *cpu, bool fetch)
{
    struct cpu_exception exc = { .code = fetch ? EXC_IBE : EXC_DBE };
    cpu->priv->raise(cpu, &exc);
}

/* Host memory behind the whole 4 KB page holding x->addr, or NULL; its
 * decoded-instruction shadow in *shadow. */
static uint8_t *page_host(const struct xlate *x, bool store, uint8_t **shadow)
{
    const struct bus_region *r = bus_find(x->bus, x->addr);
    if (!r || !r->host || (store && r->readonly))
        return NULL;
    uint32_t page = x->addr & SOFTMMU_PAGE_MASK;
    if (page < r->base || (uint64_t)page + SOFTMMU_PAGE_SIZE > (uint64_t)r->base + r->size)
        return NULL;
    *shadow = r->shadow + (size_t)(page - r->base) * BUS_SHADOW_RATIO;
    return r->host + (page - r->base);
}

/* Alignment, then translation; a page a debugger watches must not enter
 * the fast path.  False after raising the exception. */
static bool access_translate(struct cpu *cpu, uint32_t va, unsigned size,
                             enum softmmu_kind kind, struct xlate *x)
{
    if (va & (size - 1)) {
        raise_address_error(cpu, va, kind == SOFTMMU_STORE);
        return false;
    }
    if (!cpu->priv->translate(cpu, va, kind, 0, x))
        return false;
    if (cpu->hooks.watch_page &&
        !cpu->hooks.watch_page(cpu->hooks.dbg_opaque, va & SOFTMMU_PAGE_MASK, x->pa & SOFTMMU_PAGE_MASK))
        x->cacheable = false;
    return true;
}

/* Translate, then read from memory or a device. */
static bool access_read(struct cpu *cpu, uint32_t va, unsigned size,
                        enum softmmu_kind kind, uint32_t *value,
                        uint32_t *pa_out)
{
    struct xlate x;
    if (!access_translate(cpu, va, size, kind, &x))
        return false;
    if (pa_out)
        *pa_out = x.pa;
    uint8_t *shadow;
    uint8_t *host = page_host(&x, false, &shadow);
    if (host) {
        if (x.cacheable)
            softmmu_fill(&cpu->mmu, kind, va & SOFTMMU_PAGE_MASK, host, shadow);
        uint32_t v = 0;
        memcpy(&v, host + (x.addr & ~SOFTMMU_PAGE_MASK), size);
        *value = v;
    } else if (!bus_read(x.bus, x.addr, size, value)) {
        raise_bus_error(cpu, kind == SOFTMMU_FETCH);
        return false;
    }
    if (cpu->hooks.watch && kind != SOFTMMU_FETCH &&
        cpu->hooks.watch(cpu->hooks.dbg_opaque, cpu, va, x.pa, size, false, *value))
        cpu->exit_request = true;
    return true;
}

bool mmu_load_slow(struct cpu *cpu, uint32_t va, unsigned size, uint32_t *value)
{
    return access_read(cpu, va, size, SOFTMMU_LOAD, value, NULL);
}

bool mmu_fetch_slow(struct cpu *cpu, uint32_t va, uint32_t *insn)
{
    return access_read(cpu, va, 4, SOFTMMU_FETCH, insn, NULL);
}

bool mmu_load_linked(struct cpu *cpu, uint32_t va, uint32_t *value)
{
    uint32_t pa;
    if (!access_read(cpu, va, 4, SOFTMMU_LOAD, value, &pa))
        return false;
    cpu->llbit = true;
    cpu->cp0.lladdr = pa >> 4;
    return true;
}

bool mmu_store_slow(struct cpu *cpu, uint32_t va, unsigned size, uint32_t value)
{
    struct xlate x;
    if (!access_translate(cpu, va, size, SOFTMMU_STORE, &x))
        return false;
    uint8_t *shadow;
    uint8_t *host = page_host(&x, true, &shadow);
    if (host) {
        if (x.cacheable)
            softmmu_fill(&cpu->mmu, SOFTMMU_STORE, va & SOFTMMU_PAGE_MASK, host, NULL);
        memcpy(host + (x.addr & ~SOFTMMU_PAGE_MASK), &value, size);
    } else if (!bus_write(x.bus, x.addr, size, value)) {
        raise_bus_error(cpu, false);
        return false;
    }
    if (cpu->hooks.watch &&
        cpu->hooks.watch(cpu->hooks.dbg_opaque, cpu, va, x.pa, size, true, value))
        cpu->exit_request = true;
    return true;
}
