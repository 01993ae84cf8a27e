/*
 * cpu.c - a CPU's life outside the hot loop: reset (MIPS32 Vol. III,
 * 6.2.2 "Reset Exception"), the traced run used by -d exec, raising
 * exceptions, regime accounting, and reading guest memory as the CPU
 * sees it for the debugger, semihosting and traces.
 */
#include "cpu/cpu.h"

#include <inttypes.h>
#include <string.h>

#include "cpu/disas.h"
#include "log.h"
#include "mmu/bus.h"
#include "symbols.h"

const char *const cpu_gpr_names[32] = {
    "zero", "at", "v0", "v1", "a0", "a1", "a2", "a3",
    "t0", "t1", "t2", "t3", "t4", "t5", "t6", "t7",
    "s0", "s1", "s2", "s3", "s4", "s5", "s6", "s7",
    "t8", "t9", "k0", "k1", "gp", "sp", "s8", "ra",
};

#define RESET_VECTOR 0xbfc00000u

void cpu_init(struct cpu *cpu, unsigned id, unsigned tlb_entries,
              struct bus *bus, struct log *log)
{
    memset(cpu, 0, sizeof *cpu);
    cpu->id = id;
    cpu->bus = bus;
    cpu->log = log;
    tlb_init(&cpu->tlb, tlb_entries);
    cpu_reset(cpu);
}

void cpu_reset(struct cpu *cpu)
{
    memset(cpu->gpr, 0, sizeof cpu->gpr);
    cpu->hi = cpu->lo = 0;
    cpu->llbit = false;
    cpu->halted = false;
    cp0_reset(&cpu->cp0, cpu->id, cpu->tlb.nentries);
    tlb_init(&cpu->tlb, cpu->tlb.nentries);
    softmmu_init(&cpu->mmu);
    cpu->regime = cp0_regime(&cpu->cp0);
    cpu->regime_since = cpu->icount;
    softmmu_select(&cpu->mmu, cpu->regime);
    cpu_jump(cpu, RESET_VECTOR);
}

void cpu_set_regime(struct cpu *cpu, unsigned regime)
{
    if (regime == cpu->regime)
        return;
    cpu->stats.regime_insns[cpu->regime] += cpu->icount - cpu->regime_since;
    cpu->regime_since = cpu->icount;
    cpu->regime = regime;
    softmmu_select(&cpu->mmu, regime);
}

void cpu_raise(struct cpu *cpu, unsigned code)
{
    struct cpu_exception exc = { .code = (uint8_t)code };
    cpu->priv->raise(cpu, &exc);
}

/* One instruction with its disassembly and the registers it changed. */
static uint64_t cpu_step_traced(struct cpu *cpu)
{
    uint32_t before[32], hi = cpu->hi, lo = cpu->lo, insn = 0;
    uint32_t pc = cpu->pc;
    char text[96];
    memcpy(before, cpu->gpr, sizeof before);
    if (cpu_read_virt(cpu, pc, &insn, 4) == 4)
        cpu_disas(pc, insn, text, sizeof text);
    else
        strcpy(text, "<not readable>");
    char sym[112] = "";
    if (cpu->log->symbols) {
        char name[96];
        if (symtab_format(cpu->log->symbols, pc, name, sizeof name))
            snprintf(sym, sizeof sym, " <%s>", name);
    }
    log_printf(cpu->log, LOG_EXEC, "cpu%u %10" PRIu64 "  %08x%s: %08x  %s%s\n",
               cpu->id, cpu->icount, pc, sym, insn, text,
               cpu->delay_slot ? "  [delay slot]" : "");
    uint64_t n = cpu->debug_mode ? cpu_run_core_debug(cpu, 1) : cpu_run_core(cpu, 1);
    for (int r = 1; r < 32; r++)
        if (cpu->gpr[r] != before[r])
            log_printf(cpu->log, LOG_EXEC, "%31s%s = 0x%08x\n", "",
                       cpu_gpr_names[r], cpu->gpr[r]);
    if (cpu->hi != hi)
        log_printf(cpu->log, LOG_EXEC, "%31shi = 0x%08x\n", "", cpu->hi);
    if (cpu->lo != lo)
        log_printf(cpu->log, LOG_EXEC, "%31slo = 0x%08x\n", "", cpu->lo);
    return n;
}

uint64_t cpu_run(struct cpu *cpu, uint64_t max_insns)
{
    cpu->exit_request = false;
    if (!log_enabled(cpu->log, LOG_EXEC))
        return cpu->debug_mode ? cpu_run_core_debug(cpu, max_insns) : cpu_run_core(cpu, max_insns);
    uint64_t n = 0;
    while (n < max_insns && !cpu->exit_request && !cpu->halted) {
        uint64_t done = cpu_step_traced(cpu);
        if (done == 0)
            break; /* stopped by the debugger before the instruction */
        n += done;
    }
    return n;
}

/* Copies between guest memory and buf; to_guest picks the direction. */
static size_t cpu_copy_virt(struct cpu *cpu, uint32_t va, void *buf,
                            size_t len, bool to_guest)
{
    uint8_t *p = buf;
    size_t done = 0;
    while (done < len) {
        struct xlate x;
        uint32_t a = va + (uint32_t)done;
        enum softmmu_kind kind = to_guest ? SOFTMMU_STORE : SOFTMMU_LOAD;
        if (!cpu->priv->translate(cpu, a, kind, XLATE_NOFAULT, &x))
            break;
        uint32_t chunk = SOFTMMU_PAGE_SIZE - (a & ~SOFTMMU_PAGE_MASK);
        if (chunk > len - done)
            chunk = (uint32_t)(len - done);
        /* Only memory: reading a device register could change it.  The
         * fast path points at this memory and decoded instructions are
         * checked against it at every fetch: nothing to invalidate. */
        size_t copied = bus_copy(x.bus, x.addr, p + done, chunk, to_guest);
        done += copied;
        if (copied < chunk)
            break;
    }
    return done;
}

size_t cpu_read_virt(struct cpu *cpu, uint32_t va, void *buf, size_t len)
{
    return cpu_copy_virt(cpu, va, buf, len, false);
}

size_t cpu_write_virt(struct cpu *cpu, uint32_t va, const void *buf, size_t len)
{
    return cpu_copy_virt(cpu, va, (void *)buf, len, true);
}
