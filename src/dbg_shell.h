/*
 * dbg_shell.h - the interactive debugger shell: gdb's command names
 * (break, step, x, info registers...) over the debugger control API of
 * debug.h, with line editing, history and tab completion on a terminal
 * (libedit, or GNU readline with `make READLINE=1`), and scripts for labs
 * and tests (-x FILE, `source FILE`).
 *
 * Where commands come from:
 *  - the -x script first (if any), then, when stdin is a terminal, the
 *    terminal, with a "(disco) " prompt, colours and line editing;
 *  - when stdin is not a terminal: plain lines from stdin (no prompt, no
 *    colours) when there is no script; after a script, nothing (as
 *    `gdb -batch -x FILE`): the shell ends there.
 *
 * The shell returns the process's exit status:
 *  - when the guest ends (a `continue` that runs to UHI exit, a reset
 *    under -no-reboot, --max-insns...): the guest's status, machine->exit_status;
 *  - on `quit [N]`: N, else 0 (the guest's status if it has ended);
 *  - at the end of input (Ctrl-D on the terminal, the end of a script or
 *    of piped commands): 0.
 */
#ifndef DISCO_DBG_SHELL_H
#define DISCO_DBG_SHELL_H

#include <stdbool.h>

struct machine;

struct dbg_shell_config {
    const char *script;       /* -x FILE: run first; NULL for none */
    /* true: the machine is stopped (-S, -x, or a stop during a free run
     * that main reports by calling here): show where, then read commands.
     * false: run the machine first, until something stops it. */
    bool start_stopped;
    bool interactive;         /* stdin is a terminal: prompts, colours, editing */
    const char *history_file; /* NULL: ~/.disco_history; "": no history */
};

int dbg_shell_run(struct machine *m, const struct dbg_shell_config *cfg);

#endif
