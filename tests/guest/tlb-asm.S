/*
 * tlb-asm.S - accesses with a known instruction address for
 * tests/guest/tlb.c, a load run with Status.EXL = 1, and a page of code
 * to be fetched through a TLB mapping.
 */
#include "asm.h"
#include "malta.h"

    .set noreorder
    .set noat
    .text

/* uint32_t tlb_load(uint32_t va): the LW is at tlb_load_insn; returns
 * 0xdeaddead if the handler skipped it. */
LEAF(tlb_load)
    li      v0, 0xdeaddead
    .globl tlb_load_insn
tlb_load_insn:
    lw      v0, 0(a0)
    jr      ra
    nop
END(tlb_load)

/* void tlb_store(uint32_t va, uint32_t value): the SW is at
 * tlb_store_insn. */
LEAF(tlb_store)
    .globl tlb_store_insn
tlb_store_insn:
    sw      a1, 0(a0)
    jr      ra
    nop
END(tlb_store)

/* uint32_t load_with_exl(uint32_t va, uint32_t epc_marker): writes
 * epc_marker to EPC, sets Status.EXL, loads from va, restores Status.
 * An exception taken at the load (with EXL = 1) must resume at
 * exl_resume (the handler sets that); v0 is then 0xdead0000. */
LEAF(load_with_exl)
    mfc0    t0, $12
    ori     t1, t0, ST_EXL
    lui     v0, 0xdead
    mtc0    a1, $14
    mtc0    t1, $12
    ehb
    .globl exl_load_insn
exl_load_insn:
    lw      v0, 0(a0)
    .globl exl_resume
exl_resume:
    mtc0    t0, $12
    ehb
    jr      ra
    nop
END(load_with_exl)

/* A page of its own, fetched through a TLB mapping: returns 0x600d. */
    .balign 4096
LEAF(tlb_fetch_page)
    jr      ra
    li      v0, 0x600d
END(tlb_fetch_page)
    .balign 4096
