/*
 * terminal.c - raw mode for the console terminal and its restoration
 * (see terminal.h).  Raw as QEMU's stdio console makes it: no echo, no
 * line editing, no signals from keys, no CR/NL translation on input;
 * output post-processing is kept, so a lone "\n" still starts a line.
 */
#include "dev/terminal.h"

#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

static struct termios saved;
static int saved_fd = -1;
static volatile sig_atomic_t raw_active;

void terminal_restore(void)
{
    if (raw_active) {
        tcsetattr(saved_fd, TCSANOW, &saved);
        raw_active = 0;
    }
}

/* A crash or a fatal signal: give the terminal back, then die as asked. */
static void terminal_on_fatal(int sig)
{
    terminal_restore();
    signal(sig, SIG_DFL);
    raise(sig);
}

bool terminal_enter_raw(int fd)
{
    struct termios t;
    if (raw_active || !isatty(fd) || tcgetattr(fd, &saved) != 0)
        return false;
    saved_fd = fd;
    t = saved;
    t.c_iflag &= ~(tcflag_t)(IGNBRK | BRKINT | PARMRK | ISTRIP | INLCR | IGNCR | ICRNL | IXON);
    t.c_oflag |= OPOST;
    t.c_lflag &= ~(tcflag_t)(ECHO | ECHONL | ICANON | IEXTEN | ISIG);
    t.c_cflag &= ~(tcflag_t)(CSIZE | PARENB);
    t.c_cflag |= CS8;
    t.c_cc[VMIN] = 1;
    t.c_cc[VTIME] = 0;
    if (tcsetattr(fd, TCSANOW, &t) != 0)
        return false;
    raw_active = 1;
    atexit(terminal_restore);
    static const int fatal[] = { SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT, SIGQUIT };
    for (size_t i = 0; i < sizeof fatal / sizeof fatal[0]; i++) {
        struct sigaction sa;
        memset(&sa, 0, sizeof sa);
        sa.sa_handler = terminal_on_fatal;
        sigemptyset(&sa.sa_mask);
        sigaction(fatal[i], &sa, NULL);
    }
    return true;
}
