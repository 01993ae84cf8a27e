/*
 * malta-smp.h - disco's CPU control block for a multiprocessor Malta
 * (docs/smp.md is its manual): how secondary CPUs are started and how
 * CPUs interrupt each other.  Shared by the board model (malta_smp.c),
 * the boot ROM and guest software, so only #defines.
 *
 * The real Malta has no such block (its multiprocessor CPU cards use
 * vendor-specific logic); this one is deliberately small and documented.
 *
 * At reset every CPU starts in the boot ROM.  CPU 0 boots the program;
 * every other CPU waits there (WAIT, interrupts masked but for the IPI
 * line) until software writes its START_PC mailbox and sends it an IPI.
 * It then jumps to START_PC in kernel mode with a0 = START_ARG, sp =
 * START_SP, and its own number in EBase.CPUNum.
 */
#ifndef DISCO_MALTA_SMP_H
#define DISCO_MALTA_SMP_H

#define SMP_BASE 0x1f100000          /* physical; 0xbf100000 through kseg1 */
#define SMP_SIZE 0x1000
#define SMP_MAX_CPUS 8

/* Registers (32-bit), offsets from SMP_BASE. */
#define SMP_CPU_COUNT 0x000          /* R: how many CPUs the machine has */
#define SMP_IPI_SEND 0x010           /* W: CPU number: raise that CPU's IPI */
#define SMP_IPI_CLEAR 0x014          /* W: CPU number: lower that CPU's IPI */
#define SMP_IPI_PENDING 0x018        /* R: bit n set while CPU n's IPI is raised */
#define SMP_MAILBOX(n) (0x100 + 0x10 * (n)) /* per CPU, n < SMP_MAX_CPUS: */
#define SMP_START_PC 0x0             /*   RW: where the CPU starts (0: wait) */
#define SMP_START_SP 0x4             /*   RW: its stack pointer */
#define SMP_START_ARG 0x8            /*   RW: its a0 */

/* The IPI is hardware interrupt line 3: Cause.IP5, Status.IM5. */
#define SMP_IPI_HW_LINE 3
#define SMP_IPI_CAUSE_BIT (1 << (8 + 2 + SMP_IPI_HW_LINE))

#endif
