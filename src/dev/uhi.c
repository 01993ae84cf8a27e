/*
 * uhi.c - MIPS UHI semihosting operations (see uhi.h).
 *
 * Implemented: exit, read (fd 0: the console input), write (fd 1: the
 * console, fd 2: disco's stderr), argc/argnlen/argn (argv[0] is the
 * -kernel path and argv[1] the -append string, as QEMU passes them),
 * plog and assert.  Host file operations (open, close, lseek, unlink,
 * fstat, pread, pwrite, link) are refused with ENOSYS: a guest never
 * reaches the host's files.
 */
#include "dev/uhi.h"

#include <stdio.h>
#include <string.h>

#include "cpu/cpu.h"
#include "dev/dev.h"

enum {
    UHI_EXIT = 1, UHI_OPEN = 2, UHI_CLOSE = 3, UHI_READ = 4, UHI_WRITE = 5,
    UHI_LSEEK = 6, UHI_UNLINK = 7, UHI_FSTAT = 8, UHI_ARGC = 9,
    UHI_ARGNLEN = 10, UHI_ARGN = 11, UHI_PLOG = 13, UHI_ASSERT = 14,
};

/* newlib's errno values, which UHI uses. */
#define UHI_EBADF 9
#define UHI_EFAULT 14
#define UHI_EINVAL 22
#define UHI_ENOSYS 88

#define R_V0 2
#define R_V1 3
#define R_A0 4
#define R_A1 5
#define R_A2 6
#define R_A3 7
#define R_T9 25

static void uhi_return(struct cpu *cpu, int32_t value, int32_t err)
{
    cpu->gpr[R_V0] = (uint32_t)value;
    cpu->gpr[R_V1] = (uint32_t)err;
}

/* Copies a NUL-terminated guest string (truncated to len-1). */
static bool uhi_string(struct cpu *cpu, uint32_t va, char *buf, size_t len)
{
    for (size_t i = 0; i + 1 < len; i++) {
        if (cpu_read_virt(cpu, va + (uint32_t)i, &buf[i], 1) != 1)
            return false;
        if (buf[i] == '\0')
            return true;
    }
    buf[len - 1] = '\0';
    return true;
}

static void uhi_write(struct uhi_host *h, struct cpu *cpu)
{
    uint32_t fd = cpu->gpr[R_A0], va = cpu->gpr[R_A1], len = cpu->gpr[R_A2];
    if (fd != 1 && fd != 2) {
        uhi_return(cpu, -1, UHI_EBADF);
        return;
    }
    uint32_t done = 0;
    uint8_t buf[256];
    while (done < len) {
        uint32_t chunk = len - done < sizeof buf ? len - done : sizeof buf;
        size_t got = cpu_read_virt(cpu, va + done, buf, chunk);
        for (size_t i = 0; i < got; i++) {
            if (fd == 1 && h->console)
                h->console->write(h->console, buf[i]);
            else
                fputc(buf[i], stderr);
        }
        done += (uint32_t)got;
        if (got < chunk)
            break;
    }
    if (done < len && done == 0)
        uhi_return(cpu, -1, UHI_EFAULT);
    else
        uhi_return(cpu, (int32_t)done, 0);
}

static void uhi_read(struct uhi_host *h, struct cpu *cpu)
{
    uint32_t fd = cpu->gpr[R_A0], va = cpu->gpr[R_A1], len = cpu->gpr[R_A2];
    if (fd != 0 || !h->console) {
        uhi_return(cpu, -1, UHI_EBADF);
        return;
    }
    uint32_t done = 0;
    /* Like read(2) on a terminal: return what is there, at least one byte
     * unless the input has ended. */
    while (done < len) {
        int c = h->console->read(h->console);
        if (c < 0)
            break;
        uint8_t b = (uint8_t)c;
        if (cpu_write_virt(cpu, va + done, &b, 1) != 1) {
            uhi_return(cpu, -1, UHI_EFAULT);
            return;
        }
        done++;
        if (b == '\n' || !h->console->can_read(h->console))
            break;
    }
    uhi_return(cpu, (int32_t)done, 0);
}

static void uhi_argn(struct uhi_host *h, struct cpu *cpu, bool copy)
{
    uint32_t n = cpu->gpr[R_A0];
    if (n >= h->argc) {
        uhi_return(cpu, -1, UHI_EINVAL);
        return;
    }
    const char *arg = h->argv[n] ? h->argv[n] : "";
    size_t len = strlen(arg);
    if (!copy) {
        uhi_return(cpu, (int32_t)len, 0);
        return;
    }
    if (cpu_write_virt(cpu, cpu->gpr[R_A1], arg, len + 1) != len + 1)
        uhi_return(cpu, -1, UHI_EFAULT);
    else
        uhi_return(cpu, 0, 0);
}

static void uhi_plog(struct uhi_host *h, struct cpu *cpu)
{
    char text[1024];
    if (!uhi_string(cpu, cpu->gpr[R_A0], text, sizeof text)) {
        uhi_return(cpu, -1, UHI_EFAULT);
        return;
    }
    /* The format may hold one %d, taking a1, as the UHI spec says. */
    char out[1100];
    if (strstr(text, "%d"))
        snprintf(out, sizeof out, "%.*s%d%s", (int)(strstr(text, "%d") - text),
                 text, (int32_t)cpu->gpr[R_A1], strstr(text, "%d") + 2);
    else
        snprintf(out, sizeof out, "%s", text);
    for (const char *p = out; *p; p++)
        if (h->console)
            h->console->write(h->console, (uint8_t)*p);
    uhi_return(cpu, (int32_t)strlen(out), 0);
}

static void uhi_assert(struct uhi_host *h, struct cpu *cpu)
{
    char msg[256], file[256];
    if (!uhi_string(cpu, cpu->gpr[R_A0], msg, sizeof msg))
        strcpy(msg, "?");
    if (!uhi_string(cpu, cpu->gpr[R_A1], file, sizeof file))
        strcpy(file, "?");
    fprintf(stderr, "disco: guest assertion failed: %s at %s:%u\n", msg, file,
            cpu->gpr[R_A2]);
    if (h->exit)
        h->exit(h->opaque, 1);
}

bool uhi_call(void *uhi_host, struct cpu *cpu, uint32_t code)
{
    struct uhi_host *h = uhi_host;
    if (code != 1)
        return false;
    switch (cpu->gpr[R_T9]) {
    case UHI_EXIT:
        if (h->exit)
            h->exit(h->opaque, (int)(cpu->gpr[R_A0] & 0xff));
        cpu->exit_request = true;
        break;
    case UHI_READ: uhi_read(h, cpu); break;
    case UHI_WRITE: uhi_write(h, cpu); break;
    case UHI_ARGC: uhi_return(cpu, (int32_t)h->argc, 0); break;
    case UHI_ARGNLEN: uhi_argn(h, cpu, false); break;
    case UHI_ARGN: uhi_argn(h, cpu, true); break;
    case UHI_PLOG: uhi_plog(h, cpu); break;
    case UHI_ASSERT: uhi_assert(h, cpu); cpu->exit_request = true; break;
    default: uhi_return(cpu, -1, UHI_ENOSYS); break;
    }
    return true;
}
