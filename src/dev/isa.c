/*
 * isa.c - dispatch of ISA I/O port accesses to devices (see isa.h).
 */
#include "dev/isa.h"

#include <string.h>

#include "log.h"

void isa_init(struct isa_bus *isa, struct log *log)
{
    memset(isa, 0, sizeof *isa);
    isa->log = log;
}

bool isa_add(struct isa_bus *isa, const char *name, uint32_t base,
             uint32_t len, const struct mmio_ops *ops, void *opaque)
{
    if (isa->n == ISA_MAX_RANGES)
        return false;
    isa->range[isa->n++] = (struct isa_range){ name, base, len, ops, opaque };
    return true;
}

void isa_move(struct isa_bus *isa, void *opaque, uint32_t base, uint32_t len)
{
    for (unsigned i = 0; i < isa->n; i++)
        if (isa->range[i].opaque == opaque) {
            isa->range[i].base = base;
            isa->range[i].len = len;
        }
}

static const struct isa_range *isa_find(const struct isa_bus *isa, uint32_t port)
{
    for (unsigned i = 0; i < isa->n; i++) {
        const struct isa_range *r = &isa->range[i];
        if (port - r->base < r->len)
            return r;
    }
    return NULL;
}

static uint32_t isa_read(void *opaque, uint32_t port, unsigned size)
{
    struct isa_bus *isa = opaque;
    const struct isa_range *r = isa_find(isa, port);
    if (r)
        return r->ops->read(r->opaque, port - r->base, size);
    log_printf(isa->log, LOG_UNIMP, "isa: read of %u bytes from unclaimed port 0x%x\n",
               size, port);
    return size == 4 ? 0xffffffffu : (1u << (8 * size)) - 1;
}

static void isa_write(void *opaque, uint32_t port, uint32_t value, unsigned size)
{
    struct isa_bus *isa = opaque;
    const struct isa_range *r = isa_find(isa, port);
    if (r) {
        r->ops->write(r->opaque, port - r->base, value, size);
        return;
    }
    log_printf(isa->log, LOG_UNIMP, "isa: write of 0x%x (%u bytes) to unclaimed port 0x%x\n",
               value, size, port);
}

const struct mmio_ops isa_bus_mmio_ops = { .read = isa_read, .write = isa_write };
