/*
 * uhi.h - MIPS UHI semihosting (Unified Hosting Interface, Imagination
 * Technologies, MD01069): a bare-metal program executes SDBBP 1 with the
 * operation number in t9 and arguments in a0..a3; the host does the work
 * and returns v0 (result) and v1 (errno).
 */
#ifndef DISCO_UHI_H
#define DISCO_UHI_H

#include <stdbool.h>
#include <stdint.h>

struct chardev;
struct cpu;

struct uhi_host {
    struct chardev *console;     /* fd 1 (and fd 0 for input) */
    const char *argv[2];         /* argv[0] = kernel path, argv[1] = -append */
    unsigned argc;
    /* The guest called exit(status). */
    void (*exit)(void *opaque, int status);
    void *opaque;
};

/* The SDBBP hook: true when code 1 carried a UHI operation. */
bool uhi_call(void *uhi_host, struct cpu *cpu, uint32_t code);

#endif
