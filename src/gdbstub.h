/*
 * gdbstub.h - the GDB remote stub: lets gdb-multiarch drive a machine
 * over TCP with the GDB Remote Serial Protocol ("Debugging with GDB",
 * appendix E, "GDB Remote Serial Protocol", and appendix G, "Target
 * Descriptions", G.5.7 "MIPS Features").
 *
 * gdb sees what the guest sees: virtual addresses through the focused
 * CPU's translation, the guest's general registers and its CP0 Status,
 * BadVAddr and Cause, and each CPU as a thread (thread id = CPU number +
 * 1).  Under the monitor (to come) there will be one stub per VM, each on
 * its own port, whose threads are that VM's VCPUs: gdb then sees a guest
 * exactly as it sees the bare machine today.
 *
 * Options (main.c): `-s` is `-gdb tcp::1234`; `-gdb tcp::PORT`,
 * `-gdb tcp:HOST:PORT`, `-gdb PORT`; `-S` starts the machine stopped,
 * waiting for gdb.  An empty HOST means 127.0.0.1 (never every interface).
 */
#ifndef DISCO_GDBSTUB_H
#define DISCO_GDBSTUB_H

#include <stdbool.h>
#include <stddef.h>

struct machine;

/* The `-s` spelling. */
#define GDBSTUB_DEFAULT_SPEC "tcp::1234"

/*
 * Checks a -gdb SPEC without opening anything, for the command line:
 * returns true, or false with a one-line message in err.
 */
bool gdbstub_check_spec(const char *spec, char *err, size_t errlen);

/*
 * Listens on `spec` and runs the machine under gdb's control until the
 * run ends; returns the exit status (exitcode.h, README "Exit status").
 *
 * With start_stopped (-S) the machine waits, stopped at its reset vector,
 * until gdb connects and resumes it; otherwise it runs at once and a gdb
 * that connects later stops it where it is.  One gdb at a time.
 *
 *   - the guest ends (exit, reset under -no-reboot, --max-insns, hang):
 *     gdb gets W (or X for a host signal) and the status is returned;
 *   - gdb kills it (`kill`, k or vKill): status 0 (DISCO_EXIT_OK), and
 *     m->end is END_USER_QUIT;
 *   - gdb detaches (D): its breakpoints and watchpoints go, the machine
 *     runs on freely, and the stub listens for the next gdb;
 *   - the connection breaks: its breakpoints and watchpoints go, the
 *     machine stays stopped where it is, and the stub listens again;
 *   - a host signal (SIGINT, SIGTERM, SIGHUP through m->signal_flag) ends
 *     the run with 128 + n, even while waiting for gdb.
 *
 * Never reads the process's stdin: end of file there never ends a run
 * that gdb drives.  A SPEC that cannot be listened on gives one line on
 * stderr and DISCO_EXIT_USAGE (bad spelling) or DISCO_EXIT_IO (the port
 * is taken, the host unknown).
 */
int gdbstub_serve(struct machine *m, const char *spec, bool start_stopped);

#endif
