/*
 * disas.h - the MIPS32r2 disassembler: one instruction word to the text
 * GNU objdump prints for it (mnemonic, tab, operands with ABI register
 * names), so traces and the debugger read like `objdump -d`.
 */
#ifndef DISCO_DISAS_H
#define DISCO_DISAS_H

#include <stddef.h>
#include <stdint.h>

/* Writes the disassembly of insn at address pc into buf (always NUL
 * terminated).  Branch targets are absolute, as objdump shows them.
 * Returns the length written. */
size_t cpu_disas(uint32_t pc, uint32_t insn, char *buf, size_t len);

#endif
