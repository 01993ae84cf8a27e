/*
 * bus.h - the machine address map: which physical (machine) addresses are
 * RAM or ROM (host memory the fast path may point into) and which are
 * memory-mapped devices (read/write callbacks of 1, 2 or 4 bytes).
 *
 * One bus per address space: the machine's, and later one per VM for its
 * virtual devices.  Regions never overlap; lookups are a short linear scan
 * done only on fast-path misses.
 */
#ifndef DISCO_BUS_H
#define DISCO_BUS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define BUS_MAX_REGIONS 32
#define BUS_SHADOW_RATIO 4 /* see cpu/decode.h */

struct log;

/* Device callbacks.  offset is relative to the region base; size is 1, 2
 * or 4 and offset is aligned to it.  A device that does not implement a
 * register logs it under LOG_UNIMP and reads as 0. */
struct mmio_ops {
    uint32_t (*read)(void *opaque, uint32_t offset, unsigned size);
    void (*write)(void *opaque, uint32_t offset, uint32_t value,
                  unsigned size);
};

struct bus_region {
    const char *name;
    uint32_t base;
    uint32_t size;
    uint8_t *host;       /* RAM or ROM: host memory; NULL for MMIO */
    uint8_t *shadow;     /* RAM or ROM: BUS_SHADOW_RATIO bytes per byte for
                          * the interpreter's decoded instructions */
    bool readonly;       /* ROM: stores are ignored (and logged) */
    const struct mmio_ops *ops;
    void *opaque;
};

struct bus {
    unsigned nregions;
    struct bus_region region[BUS_MAX_REGIONS];
    struct log *log;
};

void bus_init(struct bus *bus, struct log *log);
/* Frees what the bus allocated (the shadows), not the regions' memory. */
void bus_destroy(struct bus *bus);
/* Both return false when the region overlaps another or the table is full. */
bool bus_add_memory(struct bus *bus, const char *name, uint32_t base,
                    uint32_t size, uint8_t *host, bool readonly);
bool bus_add_mmio(struct bus *bus, const char *name, uint32_t base,
                  uint32_t size, const struct mmio_ops *ops, void *opaque);
/* Moves the device region registered with opaque to new_base (as a
 * system controller's decoders can); false if it would overlap. */
bool bus_move_mmio(struct bus *bus, void *opaque, uint32_t new_base);
/* The region holding pa, or NULL. */
const struct bus_region *bus_find(const struct bus *bus, uint32_t pa);
/* Host pointer to pa when it lies in RAM/ROM with len bytes inside the
 * same region, else NULL. */
uint8_t *bus_host_ptr(const struct bus *bus, uint32_t pa, uint32_t len);

/* Copies len bytes between RAM/ROM at pa and buf (to_bus: into the bus),
 * page by page, stopping at the first byte that is not memory (a device
 * register is never touched).  Returns the bytes copied. */
size_t bus_copy(const struct bus *bus, uint32_t pa, void *buf, size_t len, bool to_bus);

/* Accesses by physical address, for devices, loaders and debuggers.
 * Return false on a bus error (no region there). */
bool bus_read(struct bus *bus, uint32_t pa, unsigned size, uint32_t *value);
bool bus_write(struct bus *bus, uint32_t pa, unsigned size, uint32_t value);

#endif
