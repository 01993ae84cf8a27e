/*
 * vmlib.h - what the VM isolation test programs (tests/vm/walker.c and
 * checker.c) share: the checker's magic words, UHI semihosting output
 * and exit, and the YAMON environment the boot ROM passes.
 *
 * Both programs print only through UHI_write and end only through
 * UHI_exit (MIPS UHI, MD01069: SDBBP 1, t9 = operation, a0.. the
 * arguments), so their exit status becomes disco's (README, "Exit
 * status") and nothing they print can interleave with UART output.  They
 * never use guest/lib's exit(): that resets the board through SOFTRES,
 * which without -no-reboot starts the program again.
 */
#ifndef VM_VMLIB_H
#define VM_VMLIB_H

#include <stdint.h>

#include "exc.h"

/* The checker fills its RAM with words whose top 20 bits are
 * VM_MAGIC_TOP and whose low 12 bits are a hash of their physical
 * address; the walker counts every word it reads whose top 20 bits are
 * VM_MAGIC_TOP.  No walker pattern (vm_walker_pattern) has those top
 * bits: its top byte is 0xA5. */
#define VM_MAGIC_MASK 0xfffff000u
#define VM_MAGIC_TOP 0xd15c0000u

static inline uint32_t vm_magic_word(uint32_t pa)
{
    return VM_MAGIC_TOP | (((pa >> 2) ^ (pa >> 14) ^ (pa >> 26)) & 0xfffu);
}
static inline int vm_is_magic(uint32_t w)
{
    return (w & VM_MAGIC_MASK) == VM_MAGIC_TOP;
}
/* What the walker writes at physical address pa (any pa). */
static inline uint32_t vm_walker_pattern(uint32_t pa)
{
    return 0xa5000000u | (pa >> 12);
}

/* UHI: write to the console (fd 1), exit with a status. */
void uhi_write(const char *buf, uint32_t len);
void uhi_exit(int status) __attribute__((noreturn));
/* printf through UHI_write: %d %u %x with an optional 0 flag and width,
 * %s, %c, %%; one line of at most 255 bytes per call. */
int uhi_printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* The value of name in the YAMON environment (envp: name, value, ...,
 * NULL), or NULL. */
const char *yamon_getenv(char **envp, const char *name);
/* Decimal or 0x-hexadecimal number at s; *ok = 0 when s is not one. */
uint32_t vm_parse_u32(const char *s, int *ok);
/* The value of "key=N" among the space-separated words of s, or dflt. */
uint32_t vm_arg_u32(const char *s, const char *key, uint32_t dflt);

/* Prints "<who>: unexpected exception ..." and exits with status 2. */
void vm_unexpected(const char *who, const struct exc_frame *f)
    __attribute__((noreturn));

#endif
