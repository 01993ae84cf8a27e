/*
 * terminal.h - the host terminal disco's console runs on: raw mode while
 * the guest owns it (every key goes to the guest, Ctrl-C included), and
 * the user's settings restored however disco ends - normal exit, a
 * signal, or a crash.
 *
 * The terminal is a resource of the whole process, so its saved state is
 * the one piece of process-wide state in disco.
 */
#ifndef DISCO_TERMINAL_H
#define DISCO_TERMINAL_H

#include <stdbool.h>

/* Puts fd (a terminal) in raw mode, saving its settings; true if it did. */
bool terminal_enter_raw(int fd);
/* Puts the saved settings back (safe to call more than once, and from a
 * signal handler). */
void terminal_restore(void);

#endif
