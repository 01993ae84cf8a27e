/*
 * loader.h - loads a little-endian MIPS32 ELF executable into guest RAM,
 * the way QEMU's Malta machine does for -kernel: every PT_LOAD segment
 * goes to the physical address its kseg0/kseg1 address names, the rest of
 * its memory size is zeroed.  Anything else (not ELF, 64-bit, big-endian,
 * another machine, a segment outside RAM) is refused with one line of
 * explanation.
 */
#ifndef DISCO_LOADER_H
#define DISCO_LOADER_H

#include <stddef.h>
#include <stdint.h>

struct bus;

struct elf_info {
    uint32_t entry;      /* e_entry */
    uint32_t low_pa;     /* lowest physical address loaded */
    uint32_t high_pa;    /* one past the highest */
    unsigned nsegments;  /* PT_LOAD segments loaded */
};

/* Returns 0, or a disco exit status (DISCO_EXIT_NO_INPUT for a file that
 * cannot be read, DISCO_EXIT_BAD_IMAGE for one that cannot be loaded)
 * with a message in err. */
int loader_load_elf(const char *path, struct bus *bus, struct elf_info *info,
                    char *err, size_t errlen);

/* Same, from a buffer already in memory (unit tests use this). */
int loader_load_elf_buffer(const uint8_t *data, size_t len, struct bus *bus,
                           struct elf_info *info, char *err, size_t errlen);

#endif
