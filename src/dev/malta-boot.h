/*
 * malta-boot.h - the contract between disco and its Malta boot ROM
 * (roms/malta-boot.S), shared by both: where the ROM finds what disco
 * loaded, and where the YAMON-style arguments live in RAM.  Included from
 * C and from assembly, so only #defines.
 *
 * As QEMU's Malta loader does for -kernel, disco loads the ELF into RAM,
 * writes argv/envp at physical 0x2000 and fills a parameter block in the
 * ROM; the ROM sets a0..a3 and sp from it and jumps to the entry in
 * kernel mode with Status as reset left it (BEV = ERL = 1).
 */
#ifndef DISCO_MALTA_BOOT_H
#define DISCO_MALTA_BOOT_H

#define MALTA_FLASH_BASE 0x1e000000    /* physical: 4 MB boot flash */
#define MALTA_FLASH_SIZE 0x00400000
#define MALTA_BOOT_BASE 0x1fc00000     /* physical: the reset alias of the flash */
#define MALTA_REVISION 0x00000420      /* Malta with CoreLV, read at 0x1fc00010 */

/* Boot parameter block, at this offset in the ROM. */
#define BOOT_PARAMS_OFFSET 0x0f00
#define BOOT_PARAMS_MAGIC 0x4f435344   /* "DSCO" */
#define BP_MAGIC 0
#define BP_ENTRY 4
#define BP_A0 8
#define BP_A1 12
#define BP_A2 16
#define BP_A3 20
#define BP_SP 24
#define BOOT_PARAMS_SIZE 28

/* YAMON argument area in RAM: a table of 16 string pointers, then the
 * strings, 256 bytes each (argv[0], argv[1] = -append, then name/value
 * pairs of the environment, then NULL), as QEMU lays it out. */
#define ENVP_PADDR 0x00002000
#define ENVP_VADDR 0x80002000
#define ENVP_ENTRIES 16
#define ENVP_ENTRY_SIZE 256
#define BOOT_STACK_VADDR (ENVP_VADDR - 64)

#endif
