/*
 * uhi.h - calls to the host through MIPS UHI semihosting (the MIPS "Unified
 * Hosting Interface": SDBBP 1 with the operation in $25 and the arguments
 * in $4..$6; the result comes back in $2).  disco implements it (src/dev/
 * uhi.c), and so does QEMU with -semihosting.
 */
#ifndef GUEST_UHI_H
#define GUEST_UHI_H

#include <stdint.h>

#define UHI_EXIT 1
#define UHI_WRITE 5

static inline uint32_t uhi_call(uint32_t op, uint32_t a0, uint32_t a1, uint32_t a2)
{
    register uint32_t t9 __asm__("$25") = op;
    register uint32_t r4 __asm__("$4") = a0;
    register uint32_t r5 __asm__("$5") = a1;
    register uint32_t r6 __asm__("$6") = a2;
    register uint32_t v0 __asm__("$2");
    register uint32_t v1 __asm__("$3");

    __asm__ volatile("sdbbp 1"
                     : "=r"(v0), "=r"(v1), "+r"(r4), "+r"(r5), "+r"(r6)
                     : "r"(t9)
                     : "memory");
    (void)v1;
    return v0;
}

#endif
