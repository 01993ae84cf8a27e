/*
 * chardev.c - host back ends for serial ports (struct chardev, dev.h),
 * selected with QEMU's -serial spellings:
 *
 *   stdio      output to stdout, flushed after every byte so it
 *              interleaves sanely with the log on stderr; input from stdin,
 *              read ahead without blocking into a small buffer.  When
 *              stdin is a terminal it goes raw (terminal.c) and Ctrl-A
 *              starts QEMU's escapes: C-a x quits, C-a h lists them, C-a c
 *              asks for the debugger shell, C-a 0..9 asks for keyboard
 *              input to go to that VM (CHARDEV_EV_FOCUS, for a console
 *              multiplexer: chardev_mux.h), C-a C-a sends a C-a.  From a
 *              pipe or a file the bytes go to the guest untouched.
 *   null, none output discarded, never any input.
 *   file:PATH  output to PATH (created or truncated), flushed at every
 *              newline; never any input.
 *
 * Each back end is an object whose first member is the struct chardev the
 * devices see; nothing is global, so several ports may each hold their own.
 */
#include "dev/dev.h"
#include "dev/terminal.h"

#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* ---- stdio ------------------------------------------------------------- */

#define STDIO_RING 4096
#define CTRL_A 0x01

struct chardev_stdio {
    struct chardev cd;    /* first: the devices' view */
    int in_fd;            /* stdin */
    FILE *out;            /* stdout */
    bool eof;             /* input ended (or failed): never readable again */
    bool tty;             /* stdin is a terminal: raw mode and Ctrl-A escapes */
    bool escape;          /* the previous key was Ctrl-A */
    unsigned head, count; /* input read ahead, waiting for the guest */
    uint8_t ring[STDIO_RING];
};

static void stdio_push(struct chardev_stdio *s, uint8_t byte)
{
    if (s->count < STDIO_RING) {
        s->ring[(s->head + s->count) % STDIO_RING] = byte;
        s->count++;
    }
}

static void stdio_help(void)
{
    fputs("\r\n"
          "C-a h    print this help\r\n"
          "C-a x    exit disco\r\n"
          "C-a c    enter the debugger shell\r\n"
          "C-a 0..9 send keyboard input to that VM (when several VMs share the terminal)\r\n"
          "C-a C-a  send C-a to the guest\r\n", stderr);
}

/* A key typed on the terminal: Ctrl-A starts an escape, as in QEMU. */
static void stdio_key(struct chardev_stdio *s, uint8_t key)
{
    if (!s->escape) {
        if (key == CTRL_A)
            s->escape = true;
        else
            stdio_push(s, key);
        return;
    }
    s->escape = false;
    switch (key) {
    case 'x': case 'X':
        fputs("\r\ndisco: terminated (C-a x)\r\n", stderr);
        s->cd.events |= CHARDEV_EV_QUIT;
        break;
    case 'h': case 'H': case '?':
        stdio_help();
        break;
    case 'c': case 'C':
        s->cd.events |= CHARDEV_EV_DEBUG;
        break;
    case '0': case '1': case '2': case '3': case '4':
    case '5': case '6': case '7': case '8': case '9':
        s->cd.focus_request = key - '0';
        s->cd.events |= CHARDEV_EV_FOCUS;
        break;
    case CTRL_A: case 'a':
        stdio_push(s, CTRL_A);
        break;
    default:
        break; /* unknown escapes are dropped, as in QEMU */
    }
}

/* Reads whatever input is waiting, without blocking. */
static void stdio_poll(struct chardev *cd)
{
    struct chardev_stdio *s = (struct chardev_stdio *)cd;
    while (!s->eof && s->count < STDIO_RING) {
        struct pollfd pfd = { .fd = s->in_fd, .events = POLLIN };
        if (poll(&pfd, 1, 0) <= 0)
            return;
        if (pfd.revents & POLLNVAL) {
            s->eof = true;
            s->cd.wait_fd = -1;
            return;
        }
        if (!(pfd.revents & (POLLIN | POLLHUP | POLLERR)))
            return;
        uint8_t buf[256];
        size_t room = STDIO_RING - s->count;
        ssize_t n = read(s->in_fd, buf, room < sizeof buf ? room : sizeof buf);
        if (n < 0 && (errno == EINTR || errno == EAGAIN || errno == EWOULDBLOCK))
            return;
        if (n <= 0) {
            s->eof = true; /* end of input, or an error that would only repeat */
            s->cd.wait_fd = -1;
            return;
        }
        for (ssize_t i = 0; i < n; i++) {
            if (s->tty)
                stdio_key(s, buf[i]);
            else
                stdio_push(s, buf[i]);
        }
    }
}

static void stdio_unread(struct chardev *cd, const uint8_t *bytes, unsigned n)
{
    struct chardev_stdio *s = (struct chardev_stdio *)cd;
    while (n > 0 && s->count < STDIO_RING) {
        s->head = (s->head + STDIO_RING - 1) % STDIO_RING;
        s->ring[s->head] = bytes[--n];
        s->count++;
    }
}

static bool stdio_can_read(struct chardev *cd)
{
    struct chardev_stdio *s = (struct chardev_stdio *)cd;
    if (s->count == 0)
        stdio_poll(cd);
    return s->count > 0;
}

static int stdio_read(struct chardev *cd)
{
    struct chardev_stdio *s = (struct chardev_stdio *)cd;
    if (!stdio_can_read(cd))
        return -1;
    uint8_t b = s->ring[s->head];
    s->head = (s->head + 1) % STDIO_RING;
    s->count--;
    return b;
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
    if (s->tty)
        terminal_restore();
    free(s); /* stdin and stdout stay open: they are not ours */
}

static struct chardev *chardev_stdio_open(void)
{
    struct chardev_stdio *s = calloc(1, sizeof *s);
    if (!s)
        return NULL;
    s->cd.poll = stdio_poll;
    s->cd.can_read = stdio_can_read;
    s->cd.read = stdio_read;
    s->cd.write = stdio_write;
    s->cd.unread = stdio_unread;
    s->cd.destroy = stdio_destroy;
    s->in_fd = STDIN_FILENO;
    s->out = stdout;
    /* A terminal goes raw, so keys reach the guest as typed. */
    s->tty = terminal_enter_raw(s->in_fd);
    s->cd.wait_fd = s->in_fd;
    s->cd.interactive = s->tty;
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
    s->cd.wait_fd = -1;
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
    s->cd.wait_fd = -1;
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
