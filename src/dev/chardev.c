/*
 * chardev.c - host back ends for serial ports (struct chardev, dev.h),
 * selected with QEMU's -serial spellings:
 *
 *   stdio      output to stdout, flushed after every byte so it
 *              interleaves sanely with the log on stderr; input from stdin,
 *              one byte at a time, polled without blocking.  The terminal
 *              is left in whatever mode it is in (raw mode is a separate,
 *              later concern).
 *   null, none output discarded, never any input.
 *   file:PATH  output to PATH (created or truncated), flushed at every
 *              newline; never any input.
 *
 * Each back end is an object whose first member is the struct chardev the
 * devices see; nothing is global, so several ports may each hold their own.
 */
#include "dev/dev.h"

#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* ---- stdio ------------------------------------------------------------- */

struct chardev_stdio {
    struct chardev cd;    /* first: the devices' view */
    int in_fd;            /* stdin */
    FILE *out;            /* stdout */
    bool eof;             /* input ended (or failed): never readable again */
    bool have_byte;       /* a byte read ahead by can_read */
    uint8_t byte;
};

/* Reads one byte ahead when one is waiting, so can_read never promises a
 * byte that read cannot deliver (a hang-up shows as readable to poll). */
static bool stdio_can_read(struct chardev *cd)
{
    struct chardev_stdio *s = (struct chardev_stdio *)cd;

    if (s->have_byte)
        return true;
    if (s->eof)
        return false;

    struct pollfd pfd = { .fd = s->in_fd, .events = POLLIN };
    if (poll(&pfd, 1, 0) <= 0)
        return false;
    if (pfd.revents & POLLNVAL) {
        s->eof = true;
        return false;
    }
    if (!(pfd.revents & (POLLIN | POLLHUP | POLLERR)))
        return false;

    uint8_t b;
    ssize_t n = read(s->in_fd, &b, 1);
    if (n == 1) {
        s->byte = b;
        s->have_byte = true;
        return true;
    }
    if (n < 0 && (errno == EINTR || errno == EAGAIN || errno == EWOULDBLOCK))
        return false;
    s->eof = true; /* end of input, or an error that would only repeat */
    return false;
}

static int stdio_read(struct chardev *cd)
{
    struct chardev_stdio *s = (struct chardev_stdio *)cd;

    if (!stdio_can_read(cd))
        return -1;
    s->have_byte = false;
    return s->byte;
}

static void stdio_write(struct chardev *cd, uint8_t byte)
{
    struct chardev_stdio *s = (struct chardev_stdio *)cd;

    putc(byte, s->out);
    fflush(s->out);
}

static void stdio_destroy(struct chardev *cd)
{
    struct chardev_stdio *s = (struct chardev_stdio *)cd;

    fflush(s->out);
    free(s); /* stdin and stdout stay open: they are not ours */
}

static struct chardev *chardev_stdio_open(void)
{
    struct chardev_stdio *s = calloc(1, sizeof *s);
    if (!s)
        return NULL;
    s->cd.can_read = stdio_can_read;
    s->cd.read = stdio_read;
    s->cd.write = stdio_write;
    s->cd.destroy = stdio_destroy;
    s->in_fd = STDIN_FILENO;
    s->out = stdout;
    return &s->cd;
}

/* ---- null ---------------------------------------------------------------- */

struct chardev_null {
    struct chardev cd;
};

static bool null_can_read(struct chardev *cd)
{
    (void)cd;
    return false;
}

static int null_read(struct chardev *cd)
{
    (void)cd;
    return -1;
}

static void null_write(struct chardev *cd, uint8_t byte)
{
    (void)cd;
    (void)byte;
}

static void null_destroy(struct chardev *cd)
{
    free(cd);
}

static struct chardev *chardev_null_open(void)
{
    struct chardev_null *s = calloc(1, sizeof *s);
    if (!s)
        return NULL;
    s->cd.can_read = null_can_read;
    s->cd.read = null_read;
    s->cd.write = null_write;
    s->cd.destroy = null_destroy;
    return &s->cd;
}

/* ---- file:PATH ------------------------------------------------------------ */

struct chardev_file {
    struct chardev cd;
    FILE *out;
};

static void file_write(struct chardev *cd, uint8_t byte)
{
    struct chardev_file *s = (struct chardev_file *)cd;

    putc(byte, s->out);
    if (byte == '\n')
        fflush(s->out);
}

static void file_destroy(struct chardev *cd)
{
    struct chardev_file *s = (struct chardev_file *)cd;

    fclose(s->out);
    free(s);
}

static struct chardev *chardev_file_open(const char *path, const char **err)
{
    if (*path == '\0') {
        *err = "file: needs a path, as in file:serial.log";
        return NULL;
    }
    struct chardev_file *s = calloc(1, sizeof *s);
    if (!s) {
        *err = strerror(ENOMEM);
        return NULL;
    }
    s->out = fopen(path, "w");
    if (!s->out) {
        /* The caller names the spec; the reason is the system's. */
        *err = strerror(errno);
        free(s);
        return NULL;
    }
    s->cd.can_read = null_can_read;
    s->cd.read = null_read;
    s->cd.write = file_write;
    s->cd.destroy = file_destroy;
    return &s->cd;
}

/* ---- selection ------------------------------------------------------------ */

/*
 * On failure *err is a short reason without the spec itself, meant to be
 * printed after it: "-serial file:/no/such/x: No such file or directory".
 * The string is static (or strerror's) and must not be freed.
 */
struct chardev *chardev_open(const char *spec, const char **err)
{
    const char *dummy;
    struct chardev *cd;

    if (!err)
        err = &dummy;
    *err = NULL;
    if (!spec) {
        *err = "no serial back end given";
        return NULL;
    }
    if (strcmp(spec, "stdio") == 0)
        cd = chardev_stdio_open();
    else if (strcmp(spec, "null") == 0 || strcmp(spec, "none") == 0)
        cd = chardev_null_open();
    else if (strncmp(spec, "file:", 5) == 0)
        return chardev_file_open(spec + 5, err);
    else {
        *err = "unknown serial back end (use stdio, null, none or file:PATH)";
        return NULL;
    }
    if (!cd)
        *err = strerror(ENOMEM);
    return cd;
}

void chardev_close(struct chardev *cd)
{
    if (cd && cd->destroy)
        cd->destroy(cd);
}
