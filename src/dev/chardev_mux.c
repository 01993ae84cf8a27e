/*
 * chardev_mux.c - several VMs' consoles on one host terminal (see
 * chardev_mux.h): per-port line buffering and "[name] " prefixes on the
 * way out, input and host events routed to the port with the focus on
 * the way in, and Ctrl-A 0..9 to move the focus.
 *
 * The mux remembers what the terminal's current line holds - nothing, or
 * a partial line of one port (`owner`) - so that another port's output
 * first ends that line with "\r\n" and the owner's next byte starts a
 * fresh, prefixed one.
 */
#include "dev/chardev_mux.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MUX_LINE_MAX 512 /* an unfocused port's line goes out at this size */
#define MUX_NAME_MAX 32

struct mux_port {
    struct chardev cd;        /* first: the VM's view */
    struct chardev_mux *mux;  /* NULL once the mux is destroyed */
    unsigned index;           /* creation order: what Ctrl-A N selects */
    char name[MUX_NAME_MAX];
    unsigned len;             /* bytes of a line held back (unfocused) */
    uint8_t line[MUX_LINE_MAX];
};

struct chardev_mux {
    struct chardev *backend;
    struct mux_port **ports;  /* by index; NULL where a port was closed */
    unsigned nports;          /* ports ever created */
    unsigned open;            /* ports not yet closed */
    unsigned focus;           /* index of the port with the input focus */
    /* The terminal's current line: mid_line when it holds a partial line
     * of port `owner`; after_cr when that port's last byte was '\r' (the
     * cursor is back at the start, so the prefix is due again). */
    bool mid_line, after_cr;
    unsigned owner;
};

/* ---- output ---------------------------------------------------------------- */

static void mux_raw(struct chardev_mux *mux, const char *s)
{
    while (*s)
        mux->backend->write(mux->backend, (uint8_t)*s++);
}

static struct mux_port *mux_focused(const struct chardev_mux *mux)
{
    return mux->focus < mux->nports ? mux->ports[mux->focus] : NULL;
}

/* One byte of port p's output onto the terminal, keeping lines apart. */
static void mux_emit(struct chardev_mux *mux, struct mux_port *p, uint8_t byte)
{
    if (mux->mid_line && mux->owner != p->index) {
        mux_raw(mux, "\r\n");
        mux->mid_line = false;
    }
    bool line_start = !mux->mid_line ||
                      (mux->after_cr && byte != '\n' && byte != '\r');
    if (line_start && mux->open >= 2) {
        mux_raw(mux, "[");
        mux_raw(mux, p->name);
        mux_raw(mux, "] ");
    }
    mux->backend->write(mux->backend, byte);
    mux->mid_line = byte != '\n';
    mux->after_cr = byte == '\r';
    mux->owner = p->index;
}

/* Sends out what port p holds back (a whole line, or part of one). */
static void mux_flush_port(struct mux_port *p)
{
    for (unsigned i = 0; i < p->len; i++)
        mux_emit(p->mux, p, p->line[i]);
    p->len = 0;
}

/* A note from disco itself, on a line of its own. */
static void mux_note(struct chardev_mux *mux, const char *text)
{
    char buf[MUX_NAME_MAX + 48];
    snprintf(buf, sizeof buf, "\r\n[disco: %s]\r\n", text);
    mux_raw(mux, buf);
    mux->mid_line = false;
    mux->after_cr = false;
}

/* ---- focus and host input ------------------------------------------------ */

/* wait_fd and interactive follow the back end on every port: a port
 * without the focus may get input as soon as the focus moves to it, so a
 * VM waiting for its console is not hung (only can_read/read follow the
 * focus). */
static void mux_sync(struct chardev_mux *mux)
{
    for (unsigned i = 0; i < mux->nports; i++) {
        struct mux_port *p = mux->ports[i];
        if (!p)
            continue;
        p->cd.wait_fd = mux->backend->wait_fd;
        p->cd.interactive = mux->backend->interactive;
    }
}

/* Moves the focus to an open port, announced; its held-back partial line
 * (a prompt, typically) goes out so that typing continues after it. */
static void mux_focus_to(struct chardev_mux *mux, struct mux_port *p)
{
    char text[MUX_NAME_MAX + 24];
    mux->focus = p->index;
    snprintf(text, sizeof text, "input goes to %s", p->name);
    mux_note(mux, text);
    mux_flush_port(p);
    mux_sync(mux);
}

bool chardev_mux_set_focus(struct chardev_mux *mux, unsigned port)
{
    if (port >= mux->nports || !mux->ports[port]) {
        char text[32];
        snprintf(text, sizeof text, "no vm%u", port);
        mux_note(mux, text);
        return false;
    }
    mux_focus_to(mux, mux->ports[port]);
    return true;
}

unsigned chardev_mux_focus(const struct chardev_mux *mux)
{
    return mux->focus;
}

/* Acts on what the back end raised: Ctrl-A N here, the rest (quit, the
 * debugger) passed on to the focused port for its machine to handle. */
static void mux_take_events(struct chardev_mux *mux)
{
    struct chardev *be = mux->backend;
    if (be->events & CHARDEV_EV_FOCUS) {
        be->events &= ~(unsigned)CHARDEV_EV_FOCUS;
        if (be->focus_request >= 0)
            chardev_mux_set_focus(mux, (unsigned)be->focus_request);
    }
    struct mux_port *f = mux_focused(mux);
    if (f && be->events) {
        f->cd.events |= be->events;
        be->events = 0;
    }
    mux_sync(mux); /* the back end may have seen its input end */
}

/* The focused port's mux, after acting on any pending events; NULL for
 * any other port, which gets no input. */
static struct chardev_mux *port_input(struct chardev *cd)
{
    struct mux_port *p = (struct mux_port *)cd;
    if (!p->mux)
        return NULL;
    mux_take_events(p->mux);
    return p->mux->focus == p->index ? p->mux : NULL;
}

/* ---- the ports' chardev operations ---------------------------------------- */

static void port_poll(struct chardev *cd)
{
    struct mux_port *p = (struct mux_port *)cd;
    if (!p->mux)
        return;
    if (p->mux->backend->poll)
        p->mux->backend->poll(p->mux->backend);
    mux_take_events(p->mux);
}

static bool port_can_read(struct chardev *cd)
{
    struct chardev_mux *mux = port_input(cd);
    if (!mux)
        return false;
    bool ready = mux->backend->can_read(mux->backend);
    /* reading may have polled: a Ctrl-A N just typed takes effect now */
    return port_input(cd) ? ready : false;
}

static int port_read(struct chardev *cd)
{
    struct mux_port *p = (struct mux_port *)cd;
    if (!port_can_read(cd))
        return -1;
    return p->mux->backend->read(p->mux->backend);
}

static void port_unread(struct chardev *cd, const uint8_t *bytes, unsigned n)
{
    struct mux_port *p = (struct mux_port *)cd;
    struct chardev_mux *mux = p->mux;
    if (mux && mux->focus == p->index && mux->backend->unread)
        mux->backend->unread(mux->backend, bytes, n);
}

static void port_write(struct chardev *cd, uint8_t byte)
{
    struct mux_port *p = (struct mux_port *)cd;
    if (!p->mux)
        return;
    if (p->mux->focus == p->index) {
        mux_emit(p->mux, p, byte); /* at once: typed keys echo */
        return;
    }
    p->line[p->len++] = byte;
    if (byte == '\n' || p->len == MUX_LINE_MAX)
        mux_flush_port(p);
}

/* Closing a port: its last partial line goes out; if it had the focus,
 * the next open port gets it. */
static void port_destroy(struct chardev *cd)
{
    struct mux_port *p = (struct mux_port *)cd;
    struct chardev_mux *mux = p->mux;
    if (mux) {
        mux_flush_port(p);
        mux->ports[p->index] = NULL;
        mux->open--;
        if (mux->focus == p->index) {
            for (unsigned k = 1; k < mux->nports; k++) {
                struct mux_port *next = mux->ports[(p->index + k) % mux->nports];
                if (next) {
                    mux_focus_to(mux, next);
                    break;
                }
            }
        }
    }
    free(p);
}

/* ---- the mux ---------------------------------------------------------------- */

struct chardev_mux *chardev_mux_create(struct chardev *backend)
{
    if (!backend)
        return NULL;
    struct chardev_mux *mux = calloc(1, sizeof *mux);
    if (!mux) {
        chardev_close(backend);
        return NULL;
    }
    mux->backend = backend;
    return mux;
}

struct chardev *chardev_mux_port(struct chardev_mux *mux, const char *name)
{
    struct mux_port *p = calloc(1, sizeof *p);
    struct mux_port **ports = realloc(mux->ports, (mux->nports + 1) * sizeof *ports);
    if (!p || !ports) {
        free(p);
        if (ports)
            mux->ports = ports;
        return NULL;
    }
    mux->ports = ports;
    p->mux = mux;
    p->index = mux->nports;
    if (name)
        snprintf(p->name, sizeof p->name, "%s", name);
    else
        snprintf(p->name, sizeof p->name, "vm%u", p->index);
    p->cd.poll = port_poll;
    p->cd.can_read = port_can_read;
    p->cd.read = port_read;
    p->cd.write = port_write;
    p->cd.unread = port_unread;
    p->cd.destroy = port_destroy;
    p->cd.wait_fd = -1;
    mux->ports[mux->nports++] = p;
    if (!mux_focused(mux))
        mux->focus = p->index; /* the first open port has the focus */
    mux->open++;
    mux_sync(mux);
    return &p->cd;
}

struct chardev *chardev_mux_backend(struct chardev_mux *mux)
{
    return mux->backend;
}

void chardev_mux_destroy(struct chardev_mux *mux)
{
    if (!mux)
        return;
    for (unsigned i = 0; i < mux->nports; i++) {
        struct mux_port *p = mux->ports[i];
        if (p)
            mux_flush_port(p);
    }
    for (unsigned i = 0; i < mux->nports; i++) {
        struct mux_port *p = mux->ports[i];
        if (p) {
            p->mux = NULL; /* closed later by its owner */
            p->cd.wait_fd = -1;
            p->cd.interactive = false;
        }
    }
    chardev_close(mux->backend);
    free(mux->ports);
    free(mux);
}
