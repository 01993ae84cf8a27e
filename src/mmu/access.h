/*
 * access.h - the slow path of guest memory accesses: alignment, the
 * privileged layer's translation, RAM/ROM or device, and refilling the
 * fast path.  The interpreter calls these only on a fast-path miss.
 * Each returns false after raising the exception the access caused.
 */
#ifndef DISCO_ACCESS_H
#define DISCO_ACCESS_H

#include <stdbool.h>
#include <stdint.h>

struct cpu;

bool mmu_load_slow(struct cpu *cpu, uint32_t va, unsigned size, uint32_t *value);
bool mmu_store_slow(struct cpu *cpu, uint32_t va, unsigned size, uint32_t value);
bool mmu_fetch_slow(struct cpu *cpu, uint32_t va, uint32_t *insn);
/* LL: a word load that also sets LLbit and LLAddr. */
bool mmu_load_linked(struct cpu *cpu, uint32_t va, uint32_t *value);

#endif
