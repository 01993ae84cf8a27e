/*
 * segment.h - the fixed segments of the MIPS32 virtual address space
 * (MIPS32 Vol. III, 4.3 "Virtual Memory"): kuseg, kseg0, kseg1, kseg2,
 * kseg3; which are mapped through the TLB and which mode may use them.
 */
#ifndef DISCO_SEGMENT_H
#define DISCO_SEGMENT_H

#include <stdbool.h>
#include <stdint.h>

#define KSEG0_BASE 0x80000000u
#define KSEG1_BASE 0xa0000000u
#define KSEG2_BASE 0xc0000000u
#define KSEG3_BASE 0xe0000000u
#define KSEG_PHYS_MASK 0x1fffffffu

enum segment_kind {
    SEG_MAPPED,           /* through the TLB */
    SEG_UNMAPPED_CACHED,  /* kseg0: PA = VA - 0x80000000 */
    SEG_UNMAPPED_UNCACHED,/* kseg1, and kuseg while ERL = 1 */
    SEG_ADDRESS_ERROR,    /* not accessible in this mode */
};

/* kernel: kernel mode (or EXL/ERL); erl: Status.ERL. */
static inline enum segment_kind mmu_segment(uint32_t va, bool kernel, bool erl)
{
    if (va < KSEG0_BASE)
        return erl ? SEG_UNMAPPED_UNCACHED : SEG_MAPPED;
    if (!kernel)
        return SEG_ADDRESS_ERROR;
    if (va < KSEG1_BASE)
        return SEG_UNMAPPED_CACHED;
    if (va < KSEG2_BASE)
        return SEG_UNMAPPED_UNCACHED;
    return SEG_MAPPED;
}

/* The physical address of an unmapped-segment address. */
static inline uint32_t mmu_unmapped_pa(uint32_t va)
{
    return va < KSEG0_BASE ? va : (va & KSEG_PHYS_MASK);
}

#endif
