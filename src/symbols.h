/*
 * symbols.h - the symbol table of a 32-bit ELF file (a test program, or a
 * Linux vmlinux) or of a System.map, for the debugger: a name's address, the symbol an
 * address falls in ("main+0x10"), and the names starting with a prefix
 * (tab completion).  System V ABI, "Symbol Table"; both byte orders.
 *
 * A table is read once and is then read-only.  A stripped file gives an
 * empty table, not an error; a corrupt one gives a one-line error.
 */
#ifndef DISCO_SYMBOLS_H
#define DISCO_SYMBOLS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum symbol_type { SYM_NOTYPE, SYM_OBJECT, SYM_FUNC };

struct symbol {
    const char *name;
    uint32_t addr;
    uint32_t size;          /* 0 when the file does not say */
    enum symbol_type type;
    bool global;            /* STB_GLOBAL or STB_WEAK */
    bool absolute;          /* SHN_ABS: a constant, never an address's name */
};

struct symtab;

/* Reads the symbols of an ELF32 file, or of a System.map ("ADDRESS TYPE
 * NAME" lines, as nm prints them).  NULL (and a message in err) when the
 * file cannot be read or is neither. */
struct symtab *symtab_load(const char *path, char *err, size_t errlen);
void symtab_free(struct symtab *st);

size_t symtab_count(const struct symtab *st);
const char *symtab_path(const struct symtab *st);

/* The symbol with this exact name (a global one if there are several),
 * or NULL. */
const struct symbol *symtab_by_name(const struct symtab *st, const char *name);

/* The symbol addr lies in, with *offset = addr - symbol->addr, or NULL.
 * A symbol with a size covers exactly that; one without covers up to the
 * next symbol (at most 64 KB).  Absolute symbols are never returned. */
const struct symbol *symtab_by_addr(const struct symtab *st, uint32_t addr,
                                    uint32_t *offset);

/* "main" or "main+0x10" for addr into buf; "" (and 0) when no symbol
 * covers it.  st may be NULL. */
size_t symtab_format(const struct symtab *st, uint32_t addr, char *buf, size_t len);

/* Names starting with prefix, in order: index i of the n matches
 * (symtab_prefix returns n and sets *first; symtab_name_at(first + i)). */
size_t symtab_prefix(const struct symtab *st, const char *prefix, size_t *first);
const char *symtab_name_at(const struct symtab *st, size_t i);

#endif
