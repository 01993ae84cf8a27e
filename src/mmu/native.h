/*
 * native.h - the privileged layer for native mode (see native.c).
 */
#ifndef DISCO_NATIVE_H
#define DISCO_NATIVE_H

#include <stdbool.h>
#include <stdint.h>

#include "cpu/priv.h"

struct cpu;

extern const struct priv_ops native_priv_ops;

/*
 * The pieces the monitor reuses on a VCPU's virtual CP0 and TLB (the
 * struct cpu of a VCPU holds them), so native and virtual behaviour
 * cannot drift apart:
 *   native_take: takes exception code (refill: TLB refill vector offset);
 *   native_watch: the WatchLo/WatchHi check of an access;
 *   native_tlbw_index: the TLB index TLBWI or TLBWR writes now;
 *   native_tlb_replace: writes that index from EntryHi/PageMask/EntryLo.
 */
void native_take(struct cpu *cpu, unsigned code, unsigned ce, bool refill);
bool native_watch(struct cpu *cpu, uint32_t va, enum softmmu_kind kind, struct xlate *out);
unsigned native_tlbw_index(const struct cpu *cpu, enum tlb_op op);
void native_tlb_replace(struct cpu *cpu, unsigned index);

/* "TLBL", "Sys"... for an ExcCode. */
const char *native_exception_name(unsigned code);

#endif
