/*
 * bus.c - the machine address map (see bus.h): region table, lookup, and
 * physical accesses for devices, loaders and debuggers.
 */
#include "mmu/bus.h"

#include <stdlib.h>
#include <string.h>

#include "log.h"

void bus_init(struct bus *bus, struct log *log)
{
    memset(bus, 0, sizeof *bus);
    bus->log = log;
}

void bus_destroy(struct bus *bus)
{
    for (unsigned i = 0; i < bus->nregions; i++) {
        free(bus->region[i].shadow);
        bus->region[i].shadow = NULL;
    }
    bus->nregions = 0;
}

static bool bus_overlaps_except(const struct bus *bus, uint32_t base,
                                uint32_t size, const struct bus_region *skip)
{
    uint64_t end = (uint64_t)base + size;
    for (unsigned i = 0; i < bus->nregions; i++) {
        const struct bus_region *r = &bus->region[i];
        if (r == skip)
            continue;
        uint64_t rend = (uint64_t)r->base + r->size;
        if (base < rend && r->base < end)
            return true;
    }
    return false;
}

static bool bus_overlaps(const struct bus *bus, uint32_t base, uint32_t size)
{
    return bus_overlaps_except(bus, base, size, NULL);
}

bool bus_move_mmio(struct bus *bus, void *opaque, uint32_t new_base)
{
    for (unsigned i = 0; i < bus->nregions; i++) {
        struct bus_region *r = &bus->region[i];
        if (r->host || r->opaque != opaque)
            continue;
        if ((uint64_t)new_base + r->size > 0x100000000ull ||
            bus_overlaps_except(bus, new_base, r->size, r))
            return false;
        r->base = new_base;
        return true;
    }
    return false;
}

static struct bus_region *bus_new_region(struct bus *bus, const char *name,
                                         uint32_t base, uint32_t size)
{
    if (size == 0 || bus->nregions == BUS_MAX_REGIONS ||
        (uint64_t)base + size > 0x100000000ull || bus_overlaps(bus, base, size))
        return NULL;
    struct bus_region *r = &bus->region[bus->nregions++];
    memset(r, 0, sizeof *r);
    r->name = name;
    r->base = base;
    r->size = size;
    return r;
}

bool bus_add_memory(struct bus *bus, const char *name, uint32_t base,
                    uint32_t size, uint8_t *host, bool readonly)
{
    struct bus_region *r = bus_new_region(bus, name, base, size);
    if (!r)
        return false;
    /* Zero-filled and touched only where code runs: costs address space,
     * not memory. */
    r->shadow = calloc(size, BUS_SHADOW_RATIO);
    if (!r->shadow) {
        bus->nregions--;
        return false;
    }
    r->host = host;
    r->readonly = readonly;
    return true;
}

bool bus_add_mmio(struct bus *bus, const char *name, uint32_t base,
                  uint32_t size, const struct mmio_ops *ops, void *opaque)
{
    struct bus_region *r = bus_new_region(bus, name, base, size);
    if (!r)
        return false;
    r->ops = ops;
    r->opaque = opaque;
    return true;
}

const struct bus_region *bus_find(const struct bus *bus, uint32_t pa)
{
    for (unsigned i = 0; i < bus->nregions; i++) {
        const struct bus_region *r = &bus->region[i];
        if (pa - r->base < r->size)
            return r;
    }
    return NULL;
}

uint8_t *bus_host_ptr(const struct bus *bus, uint32_t pa, uint32_t len)
{
    const struct bus_region *r = bus_find(bus, pa);
    if (!r || !r->host || (uint64_t)(pa - r->base) + len > r->size)
        return NULL;
    return r->host + (pa - r->base);
}

size_t bus_copy(const struct bus *bus, uint32_t pa, void *buf, size_t len, bool to_bus)
{
    uint8_t *p = buf;
    size_t done = 0;
    while (done < len) {
        uint32_t a = pa + (uint32_t)done;
        uint32_t chunk = 4096 - (a & 4095);
        if (chunk > len - done)
            chunk = (uint32_t)(len - done);
        uint8_t *host = bus_host_ptr(bus, a, chunk);
        if (!host)
            break;
        if (to_bus)
            memcpy(host, p + done, chunk);
        else
            memcpy(p + done, host, chunk);
        done += chunk;
    }
    return done;
}

bool bus_read(struct bus *bus, uint32_t pa, unsigned size, uint32_t *value)
{
    const struct bus_region *r = bus_find(bus, pa);
    if (!r) {
        log_printf(bus->log, LOG_GUEST_ERROR,
                   "bus error: read of %u bytes at physical 0x%08x\n", size, pa);
        return false;
    }
    uint32_t off = pa - r->base;
    if (r->host) {
        uint32_t v = 0;
        if (off + size <= r->size)
            memcpy(&v, r->host + off, size); /* little-endian host */
        *value = v;
        return true;
    }
    *value = r->ops->read(r->opaque, off, size);
    return true;
}

bool bus_write(struct bus *bus, uint32_t pa, unsigned size, uint32_t value)
{
    const struct bus_region *r = bus_find(bus, pa);
    if (!r) {
        log_printf(bus->log, LOG_GUEST_ERROR,
                   "bus error: write of %u bytes at physical 0x%08x\n", size, pa);
        return false;
    }
    uint32_t off = pa - r->base;
    if (r->host) {
        if (r->readonly) {
            log_printf(bus->log, LOG_GUEST_ERROR,
                       "write to ROM %s at 0x%08x ignored\n", r->name, pa);
        } else if (off + size <= r->size) {
            memcpy(r->host + off, &value, size);
        }
        return true;
    }
    r->ops->write(r->opaque, off, value, size);
    return true;
}
