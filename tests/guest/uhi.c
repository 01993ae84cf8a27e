/*
 * uhi.c - guest test of MIPS UHI semihosting (Unified Hosting Interface,
 * MD01069): SDBBP with code 1 asks the host for a service; t9 ($25)
 * holds the operation, a0.. the arguments, v0 the result (v1 errno).
 * UHI_write (5) to fd 1 writes to the host's standard output and returns
 * the byte count; UHI_exit (1) ends the run with a0 as the exit status.
 *
 * All output of this program goes through UHI_write (never the UART, so
 * the two streams cannot interleave), and it ends with UHI_exit(0)
 * instead of the board reset.  Run it on QEMU with -semihosting.
 * (A zero-length UHI_write is not tested: QEMU 7.2 returns -1 for it.)
 */
#include <stdint.h>

#include "uhi.h"


static uint32_t length(const char *s)
{
    uint32_t n = 0;
    while (s[n])
        n++;
    return n;
}

static uint32_t out(const char *s)
{
    return uhi_call(UHI_WRITE, 1, (uint32_t)(uintptr_t)s, length(s));
}

static unsigned failures;

static void check(const char *what, int ok)
{
    out(ok ? "ok " : "FAIL ");
    out(what);
    out(ok ? "\n" : ": expected 0x1 got 0x0\n");
    if (!ok)
        failures++;
}

int main(void)
{
    static const char probe[] = "uhi: UHI_write to fd 1\n";
    uint32_t n;

    n = out(probe);
    check("UHI_write returns the byte count", n == sizeof probe - 1);
    n = uhi_call(UHI_WRITE, 1, (uint32_t)(uintptr_t)probe + 5, 9);
    out("\n");
    check("UHI_write of part of a buffer", n == 9);

    if (failures)
        out("FAIL uhi (failures)\n");
    else
        out("PASS uhi\n");
    uhi_call(UHI_EXIT, 0, 0, 0);
    for (;;)
        ;
}
