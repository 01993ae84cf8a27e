/*
 * dev.h - what every device model shares: interrupt lines, the host side
 * of character devices, and the hooks a device uses to ask the machine
 * for a reset or power-off.
 *
 * Devices are plain objects created with <dev>_create(...) and freed with
 * <dev>_destroy(...); nothing is global, so a board may hold several
 * instances (the monitor gives every VM its own board).
 */
#ifndef DISCO_DEV_H
#define DISCO_DEV_H

#include <stdbool.h>
#include <stdint.h>

/* One interrupt output wired to an input of a CPU or an interrupt
 * controller.  Level-triggered: the device calls irq_set on every change. */
struct irq_line {
    void (*set)(void *opaque, unsigned line, bool level);
    void *opaque;
    unsigned line;
};

static inline void irq_set(const struct irq_line *irq, bool level)
{
    if (irq && irq->set)
        irq->set(irq->opaque, irq->line, level);
}

/* What a device may ask of the machine it sits in. */
enum board_request {
    BOARD_REQ_RESET,    /* a software reset (Malta SOFTRES) */
    BOARD_REQ_POWEROFF, /* a power-off request (PIIX4 PM, later) */
};

struct board_hooks {
    void (*request)(void *opaque, enum board_request req);
    void *opaque;
};

/* Host-side requests a character device may raise (chardev.events). */
enum {
    CHARDEV_EV_QUIT = 1u << 0,  /* Ctrl-A x on the terminal */
    CHARDEV_EV_DEBUG = 1u << 1, /* Ctrl-A c: the debugger shell */
    /* Ctrl-A 0..9: send keyboard input to that VM; the digit is in
     * chardev.focus_request.  A console multiplexer (chardev_mux.h) acts
     * on it and clears it; other users may ignore it. */
    CHARDEV_EV_FOCUS = 1u << 2,
};

/* The host side of a serial port: stdin/stdout, a file, or nothing. */
struct chardev {
    /* Pulls waiting host input into the back end's buffer, acting on
     * escape sequences (NULL: nothing to poll).  The machine calls it
     * regularly, so Ctrl-A x works even when the guest reads nothing. */
    void (*poll)(struct chardev *cd);
    unsigned events;     /* CHARDEV_EV_*: set by the back end, cleared by the machine */
    int focus_request;   /* with CHARDEV_EV_FOCUS: the digit typed after Ctrl-A (0..9) */
    /* Where input may still come from, for a machine with nothing else to
     * do: an fd to poll, or -1 once input has ended (or there is none). */
    int wait_fd;
    bool interactive;    /* a person types here: idle time may pass in real time */
    /* true when a byte is waiting to be read */
    bool (*can_read)(struct chardev *cd);
    /* the next byte, or -1 when none is waiting */
    int (*read)(struct chardev *cd);
    void (*write)(struct chardev *cd, uint8_t byte);
    /* Gives back bytes read but never delivered, to be read again first
     * (NULL: the back end cannot). */
    void (*unread)(struct chardev *cd, const uint8_t *bytes, unsigned n);
    void (*destroy)(struct chardev *cd);
};

/* Backends (src/dev/chardev.c).  spec is QEMU's -serial syntax: "stdio",
 * "null", "file:PATH".  Returns NULL (with *err set) on a bad spec. */
struct chardev *chardev_open(const char *spec, const char **err);
void chardev_close(struct chardev *cd);

#endif
