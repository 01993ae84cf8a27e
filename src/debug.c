/*
 * debug.c - breakpoints, watchpoints and guest memory access for the
 * debuggers (see debug.h).  machine_resume, which runs the machine until
 * one of these stops it, is in machine.c beside the run loop it shares.
 *
 * The CPU calls back here (struct cpu_hooks) only while a debugger has
 * something planted: breakpoints switch the CPUs to the checking build of
 * the interpreter, watchpoints keep their pages out of the fast path so
 * every access to them reaches the slow path and dbg_on_access.
 */
#include "debug.h"

#include <string.h>
#include <unistd.h>

#include "machine.h"
#include "monitor/vmm.h"
#include "mmu/bus.h"

_Static_assert(DBG_MAX_CPUS == MACHINE_MAX_CPUS, "one resume slot per CPU");

struct cpu *dbg_cpu(struct machine *m)
{
    unsigned i = m->debug.focus < m->ncpus ? m->debug.focus : 0;
    return &m->cpu[i];
}

/* The physical address of pc for the CPU, without faulting. */
static bool dbg_pc_phys(struct cpu *cpu, uint32_t va, uint32_t *pa)
{
    struct xlate x;
    if (!cpu->priv->translate(cpu, va, SOFTMMU_FETCH, XLATE_NOFAULT, &x))
        return false;
    *pa = x.addr;
    return true;
}

static bool dbg_on_breakpoint(void *opaque, struct cpu *cpu, uint32_t pc)
{
    struct machine *m = opaque;
    struct debug *d = &m->debug;
    if (d->resume_skip_valid[cpu->id] && d->resume_pc_skip[cpu->id] == pc) {
        d->resume_skip_valid[cpu->id] = false; /* resuming from here: run it */
        return false;
    }
    uint32_t pa = 0;
    bool have_pa = false;
    for (unsigned i = 0; i < DBG_MAX_BREAKPOINTS; i++) {
        struct dbg_breakpoint *b = &d->bp[i];
        if (!b->id)
            continue;
        bool hit;
        if (b->space == DBG_VIRTUAL) {
            hit = b->addr == pc;
        } else {
            if (!have_pa && !(have_pa = dbg_pc_phys(cpu, pc, &pa)))
                continue;
            hit = b->addr == pa;
        }
        if (!hit)
            continue;
        b->hits++;
        d->stop = (struct dbg_stop_info){
            .reason = DBG_STOP_BREAKPOINT, .cpu = cpu->id, .id = b->id, .addr = pc,
        };
        if (b->temporary)
            dbg_delete(m, b->id);
        cpu->exit_request = true;
        return true;
    }
    return false;
}

static bool dbg_overlaps(uint32_t a, uint32_t alen, uint32_t b, uint32_t blen)
{
    return (uint64_t)a < (uint64_t)b + blen && (uint64_t)b < (uint64_t)a + alen;
}

static bool dbg_on_access(void *opaque, struct cpu *cpu, uint32_t va, uint32_t pa,
                          unsigned size, bool store, uint32_t value)
{
    struct machine *m = opaque;
    struct debug *d = &m->debug;
    if (d->stop.reason != DBG_STOP_NONE)
        return false; /* one stop at a time */
    for (unsigned i = 0; i < DBG_MAX_WATCHPOINTS; i++) {
        struct dbg_watchpoint *w = &d->wp[i];
        if (!w->id || !(w->kind & (store ? DBG_WATCH_WRITE : DBG_WATCH_READ)))
            continue;
        uint32_t addr = w->space == DBG_VIRTUAL ? va : pa;
        if (!dbg_overlaps(addr, size, w->addr, w->len))
            continue;
        w->hits++;
        d->stop = (struct dbg_stop_info){
            .reason = DBG_STOP_WATCHPOINT, .cpu = cpu->id, .id = w->id,
            .addr = va, .size = size, .store = store, .value = value,
        };
        return true;
    }
    return false;
}

static bool dbg_page_cacheable(void *opaque, uint32_t va_page, uint32_t pa_page)
{
    struct machine *m = opaque;
    for (unsigned i = 0; i < DBG_MAX_WATCHPOINTS; i++) {
        const struct dbg_watchpoint *w = &m->debug.wp[i];
        if (!w->id)
            continue;
        uint32_t page = w->space == DBG_VIRTUAL ? va_page : pa_page;
        if (dbg_overlaps(page, SOFTMMU_PAGE_SIZE, w->addr, w->len))
            return false;
    }
    return true;
}

/* Recomputes what the CPUs need to know after a change. */
static void dbg_update_cpus(struct machine *m, bool watch_changed)
{
    struct debug *d = &m->debug;
    memset(d->bp_bitmap, 0, sizeof d->bp_bitmap);
    d->nbp = d->nwp = d->nphys_bp = 0;
    for (unsigned i = 0; i < DBG_MAX_BREAKPOINTS; i++) {
        const struct dbg_breakpoint *b = &d->bp[i];
        if (!b->id)
            continue;
        d->nbp++;
        if (b->space != DBG_VIRTUAL) {
            d->nphys_bp++;
            continue;
        }
        unsigned bit = (b->addr >> 2) % DBG_BP_BITMAP_BITS;
        d->bp_bitmap[bit / 64] |= 1ull << (bit % 64);
    }
    for (unsigned i = 0; i < DBG_MAX_WATCHPOINTS; i++)
        if (d->wp[i].id)
            d->nwp++;
    for (unsigned i = 0; i < m->ncpus; i++) {
        struct cpu *c = &m->cpu[i];
        c->bp_bitmap = d->bp_bitmap;
        c->bp_all = d->nphys_bp > 0;
        c->debug_mode = d->nbp > 0;
        c->hooks.dbg_opaque = m;
        c->hooks.breakpoint = dbg_on_breakpoint;
        c->hooks.watch = d->nwp ? dbg_on_access : NULL;
        c->hooks.watch_page = d->nwp ? dbg_page_cacheable : NULL;
        c->exit_request = true; /* pick the right loop at once */
        if (watch_changed)
            softmmu_flush_all(&c->mmu); /* watched pages leave the fast path */
    }
}

int dbg_break_add(struct machine *m, enum dbg_space space, uint32_t addr, bool temporary)
{
    struct debug *d = &m->debug;
    for (unsigned i = 0; i < DBG_MAX_BREAKPOINTS; i++) {
        struct dbg_breakpoint *b = &d->bp[i];
        if (b->id)
            continue;
        *b = (struct dbg_breakpoint){ .id = ++d->next_id, .space = space, .addr = addr,
                                      .temporary = temporary };
        dbg_update_cpus(m, false);
        return b->id;
    }
    return -1;
}

int dbg_watch_add(struct machine *m, enum dbg_space space, uint32_t addr,
                  uint32_t len, enum dbg_watch_kind kind)
{
    struct debug *d = &m->debug;
    if (len == 0)
        len = 1;
    for (unsigned i = 0; i < DBG_MAX_WATCHPOINTS; i++) {
        struct dbg_watchpoint *w = &d->wp[i];
        if (w->id)
            continue;
        *w = (struct dbg_watchpoint){ .id = ++d->next_id, .space = space, .addr = addr,
                                      .len = len, .kind = kind };
        dbg_update_cpus(m, true);
        return w->id;
    }
    return -1;
}

bool dbg_delete(struct machine *m, int id)
{
    struct debug *d = &m->debug;
    for (unsigned i = 0; i < DBG_MAX_BREAKPOINTS; i++)
        if (d->bp[i].id == id && id > 0) {
            d->bp[i].id = 0;
            dbg_update_cpus(m, false);
            return true;
        }
    for (unsigned i = 0; i < DBG_MAX_WATCHPOINTS; i++)
        if (d->wp[i].id == id && id > 0) {
            d->wp[i].id = 0;
            dbg_update_cpus(m, true);
            return true;
        }
    return false;
}

void dbg_delete_all(struct machine *m)
{
    struct debug *d = &m->debug;
    memset(d->bp, 0, sizeof d->bp);
    memset(d->wp, 0, sizeof d->wp);
    dbg_update_cpus(m, true);
}

void dbg_interrupt(struct machine *m)
{
    m->debug.interrupt_requested = 1;
    for (unsigned i = 0; i < m->ncpus; i++)
        m->cpu[i].exit_request = true;
    /* ends an idle wait for console input (machine_idle) */
    if (m->debug.wake_fd[1] >= 0) {
        uint8_t byte = 1;
        ssize_t n = write(m->debug.wake_fd[1], &byte, 1);
        (void)n; /* full: a wake-up is pending anyway */
    }
}

/* Called by machine_resume before it runs: hooks in place, and a CPU
 * sitting on a breakpoint runs that instruction instead of stopping
 * again at once. */
void dbg_prepare_resume(struct machine *m)
{
    struct debug *d = &m->debug;
    d->stop = (struct dbg_stop_info){ .reason = DBG_STOP_NONE };
    for (unsigned i = 0; i < m->ncpus; i++) {
        struct cpu *c = &m->cpu[i];
        d->resume_skip_valid[i] = d->nbp > 0;
        d->resume_pc_skip[i] = c->pc;
        c->hooks.dbg_opaque = m;
    }
}

/* Physical (machine) memory only: a device register is never touched. */
static size_t dbg_copy_phys(struct machine *m, enum dbg_space space, uint32_t addr, void *buf,
                            size_t len, bool to_guest)
{
    /* under the monitor, machine addresses are the monitor's machine memory;
     * guest-physical RAM is the VM's slice of it, on the VM's own bus */
    const struct bus *bus = space == DBG_MACHINE && m->vm ? &machine_vmm(m)->bus : &m->bus;
    return bus_copy(bus, addr, buf, len, to_guest);
}

size_t dbg_read_memory(struct machine *m, enum dbg_space space, uint32_t addr,
                       void *buf, size_t len)
{
    if (space == DBG_VIRTUAL)
        return cpu_read_virt(dbg_cpu(m), addr, buf, len);
    return dbg_copy_phys(m, space, addr, buf, len, false);
}

size_t dbg_write_memory(struct machine *m, enum dbg_space space, uint32_t addr,
                        const void *buf, size_t len)
{
    if (space == DBG_VIRTUAL)
        return cpu_write_virt(dbg_cpu(m), addr, buf, len);
    return dbg_copy_phys(m, space, addr, (void *)buf, len, true);
}

bool dbg_translate(struct machine *m, uint32_t va, uint32_t *pa, uint32_t *ma)
{
    struct xlate x;
    struct cpu *c = dbg_cpu(m);
    if (!c->priv->translate(c, va, SOFTMMU_LOAD, XLATE_NOFAULT, &x))
        return false;
    *pa = x.pa;   /* guest-physical */
    *ma = x.addr; /* the same natively; the machine address under the monitor */
    return true;
}
