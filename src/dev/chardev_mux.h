/*
 * chardev_mux.h - one host console shared by several VMs.  The mux wraps
 * a back end (typically "stdio") and hands out ports, each a struct
 * chardev for one VM's UART.
 *
 * Output: with two or more ports open every line starts with "[name] ".
 * The port with the input focus writes through at once (so typed keys
 * echo immediately); the others are line-buffered and a line goes out
 * whole at '\n', when 512 bytes have gathered, or when the mux is
 * destroyed.  Lines never mix: if one port's line is cut short by
 * another's, "\r\n" ends it first and its prefix is repeated when it goes
 * on.
 *
 * Input: only the focused port reads host input (can_read/read/unread)
 * and gets the back end's events (CHARDEV_EV_QUIT, _DEBUG) and its
 * wait_fd/interactive; the others read nothing, with wait_fd -1.  Ctrl-A
 * 0..9 on the terminal (CHARDEV_EV_FOCUS) moves the focus to that port;
 * every port's poll polls the back end and acts on it.
 *
 * Ports are numbered 0, 1, ... in creation order; a closed port keeps its
 * number unused.  Closing a port (chardev_close) flushes and detaches it;
 * destroying the mux first is also safe: its ports then discard output
 * and read nothing until they are closed.
 */
#ifndef DISCO_CHARDEV_MUX_H
#define DISCO_CHARDEV_MUX_H

#include <stdbool.h>

#include "dev/dev.h"

struct chardev_mux;

/* Wraps backend, which it owns from then on (closed by
 * chardev_mux_destroy, also when this fails).  NULL when out of memory
 * or backend is NULL. */
struct chardev_mux *chardev_mux_create(struct chardev *backend);

/* A new port named name ("vmN" when NULL; at most 31 characters are
 * kept).  The first port gets the focus.  NULL when out of memory. */
struct chardev *chardev_mux_port(struct chardev_mux *mux, const char *name);

/* Gives port (its number) the input focus and says so on the terminal,
 * "[disco: input goes to NAME]"; for a port that does not exist (or is
 * closed) prints "[disco: no vmN]" instead and returns false. */
bool chardev_mux_set_focus(struct chardev_mux *mux, unsigned port);
unsigned chardev_mux_focus(const struct chardev_mux *mux);

struct chardev *chardev_mux_backend(struct chardev_mux *mux);

/* Flushes the ports' partial lines, detaches the ports, closes the back
 * end.  NULL is ignored. */
void chardev_mux_destroy(struct chardev_mux *mux);

#endif
