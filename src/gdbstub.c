/*
 * gdbstub.c - the GDB remote stub: the GDB Remote Serial Protocol over
 * TCP ("Debugging with GDB", appendix E), serving one gdb at a time and
 * driving the machine only through the debugger API of debug.h.
 *
 * What gdb sees (appendix G.5.7, "MIPS Features"): a target description
 * (qXfer:features:read:target.xml) with the three features gdb's MIPS
 * back end insists on - org.gnu.gdb.mips.cpu (r0-r31, lo, hi, pc),
 * org.gnu.gdb.mips.cp0 (status, badvaddr, cause) and org.gnu.gdb.mips.fpu
 * (f0-f31, fcsr, fir; gdb 13's mips_gdbarch_init rejects a description
 * without it, although the 24Kc has no FPU).  The registers carry the
 * classic MIPS remote numbers, so `g` is r0-r31, sr, lo, hi, bad, cause,
 * pc, f0-f31, fsr, fir: 72 32-bit registers, little-endian.  The FPU ones
 * read as unavailable ("xxxxxxxx") and writes to them are ignored.
 *
 * Packets: ? g G p P m M X c s vCont vCont? H T D k vKill Z0-Z4 z0-z4
 * qSupported qXfer:features:read qAttached qC qfThreadInfo qsThreadInfo
 * qThreadExtraInfo qSymbol QStartNoAckMode vMustReplyEmpty; anything else
 * gets the empty "not supported" reply.  Threads are CPUs: id = CPU + 1.
 *
 * Running and stopping: the machine runs in this thread through
 * machine_resume().  While it runs, a helper thread (struct watcher)
 * polls the socket: a Ctrl-C byte from gdb, a dropped connection, or
 * (with no gdb attached) a new connection makes it call dbg_interrupt(),
 * which is async-signal-safe.  The helper touches nothing else: the
 * bytes it reads and what it saw stay in its own struct, which this
 * thread reads only after joining it.  It blocks every signal, so the
 * host's SIGINT/SIGTERM still reach the main thread and machine.c.
 */
#include "gdbstub.h"

#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "cpu/cp0.h"
#include "cpu/cpu.h"
#include "debug.h"
#include "exitcode.h"
#include "machine.h"

#define GDB_PACKET_SIZE 0x4000   /* what qSupported announces */
#define GDB_NREGS 72             /* r0-r31 sr lo hi bad cause pc f0-f31 fsr fir */
#define GDB_REG_SR 32
#define GDB_REG_LO 33
#define GDB_REG_HI 34
#define GDB_REG_BAD 35
#define GDB_REG_CAUSE 36
#define GDB_REG_PC 37
#define GDB_REG_F0 38
#define GDB_REG_FSR 70
#define GDB_REG_FIR 71
#define GDB_MAX_POINTS (DBG_MAX_BREAKPOINTS + DBG_MAX_WATCHPOINTS)
#define GDB_SIGINT 2
#define GDB_SIGTRAP 5

/* A breakpoint or watchpoint gdb planted (Z packets). */
struct gdb_point {
    char type;          /* '0' sw break, '1' hw break, '2' write, '3' read, '4' access */
    uint32_t addr, len;
    int id;             /* debug.h's id */
};

/* The helper thread that watches a socket while the machine runs. */
struct watcher {
    pthread_t thread;
    struct machine *m;
    int fd;             /* the connection, or the listening socket */
    bool listening;     /* fd is the listening socket */
    int wake_rd;        /* becomes readable when the run is over */
    /* Written by the helper only; read after pthread_join. */
    uint8_t buf[4096];  /* bytes gdb sent besides Ctrl-C */
    size_t len;
    bool interrupted;   /* gdb sent Ctrl-C */
    bool eof;           /* the connection broke */
    bool incoming;      /* a gdb is connecting */
};

/* How a conversation with one gdb ended. */
enum conn_end {
    CONN_OPEN,     /* not ended: go on with the next packet */
    CONN_DROPPED,  /* the connection broke: the machine stays stopped */
    CONN_DETACHED, /* D: the machine runs on */
    CONN_ENDED,    /* the run is over (guest exit, kill, host signal) */
};

struct gdbstub {
    struct machine *m;
    int listen_fd;
    int conn_fd;
    int wake[2];            /* pipe: tells the watcher the run is over */
    char where[300];        /* "127.0.0.1:1234", for messages */

    bool noack;             /* QStartNoAckMode in force */
    bool swbreak, hwbreak;  /* gdb understands these stop reasons */
    int cont_thread;        /* Hc: 0 or -1 any, else CPU + 1 */
    char last_stop[64];     /* the reply to `?` */

    uint8_t in[GDB_PACKET_SIZE * 2]; /* bytes received, not yet used */
    size_t in_pos, in_len;
    char pkt[GDB_PACKET_SIZE + 1];   /* the packet being handled */
    size_t pkt_len;
    char out[GDB_PACKET_SIZE + 64];  /* the reply being built */
    size_t out_len;
    bool out_overflow;

    struct gdb_point points[GDB_MAX_POINTS];
    unsigned npoints;

    char xml[8192];         /* the target description */
    size_t xml_len;
};

static const char hexdigits[] = "0123456789abcdef";

/* ---- the host signal that ends the run ---------------------------------- */

/* A SIGINT/SIGTERM/SIGHUP reached disco (main.c's handler sets the flag):
 * the run ends with 128 + n, as a free run would. */
static bool host_signal(struct gdbstub *s)
{
    struct machine *m = s->m;
    if (!m->signal_flag || !*m->signal_flag)
        return false;
    if (m->end == END_NONE) {
        m->end = END_SIGNAL;
        m->exit_status = 128 + (int)*m->signal_flag;
    }
    return true;
}

/* ---- the listening socket ------------------------------------------------- */

/*
 * Splits a -gdb spec: "tcp::PORT", "tcp:HOST:PORT", "PORT", ":PORT";
 * QEMU's ",server", ",nowait", ",server=on", ",wait=off" are accepted and
 * change nothing.  An empty host is 127.0.0.1.
 */
static bool parse_spec(const char *spec, char *host, size_t hostlen,
                       char *port, size_t portlen, char *err, size_t errlen)
{
    char buf[256];
    if (!spec || strlen(spec) >= sizeof buf) {
        snprintf(err, errlen, "invalid -gdb '%s'", spec ? spec : "");
        return false;
    }
    strcpy(buf, spec);
    char *opts = strchr(buf, ',');
    if (opts) {
        *opts++ = '\0';
        for (char *o = strtok(opts, ","); o; o = strtok(NULL, ",")) {
            if (strcmp(o, "server") && strcmp(o, "nowait") && strcmp(o, "server=on") &&
                strcmp(o, "wait=off")) {
                snprintf(err, errlen, "invalid -gdb '%s': unknown option '%s'", spec, o);
                return false;
            }
        }
    }
    const char *addr = buf;
    if (strncmp(addr, "tcp:", 4) == 0)
        addr += 4;
    else if (strchr(addr, ':') && addr[0] != ':') {
        snprintf(err, errlen, "invalid -gdb '%s': only tcp:HOST:PORT is supported", spec);
        return false;
    }
    const char *colon = strrchr(addr, ':');
    const char *p = colon ? colon + 1 : addr;
    size_t hl = colon ? (size_t)(colon - addr) : 0;
    if (hl >= 2 && addr[0] == '[' && addr[hl - 1] == ']') { /* [::1] */
        addr++;
        hl -= 2;
    }
    char *end;
    errno = 0;
    long n = *p ? strtol(p, &end, 10) : -1;
    if (!*p || errno || *end || n < 1 || n > 65535 || hl >= hostlen) {
        snprintf(err, errlen, "invalid -gdb '%s': give tcp::PORT or tcp:HOST:PORT, PORT 1-65535", spec);
        return false;
    }
    if (hl == 0)
        snprintf(host, hostlen, "127.0.0.1");
    else
        snprintf(host, hostlen, "%.*s", (int)hl, addr);
    snprintf(port, portlen, "%ld", n);
    return true;
}

bool gdbstub_check_spec(const char *spec, char *err, size_t errlen)
{
    char host[256], port[16];
    return parse_spec(spec, host, sizeof host, port, sizeof port, err, errlen);
}

/* Returns 0, or an exit status after printing why. */
static int open_listener(struct gdbstub *s, const char *spec)
{
    char host[256], port[16], err[300];
    if (!parse_spec(spec, host, sizeof host, port, sizeof port, err, sizeof err)) {
        fprintf(stderr, "disco: %s\n", err);
        return DISCO_EXIT_USAGE;
    }
    snprintf(s->where, sizeof s->where, "%s:%s", host, port);
    struct addrinfo hints = { .ai_family = AF_UNSPEC, .ai_socktype = SOCK_STREAM,
                              .ai_flags = AI_PASSIVE | AI_NUMERICSERV };
    struct addrinfo *res;
    int rc = getaddrinfo(host, port, &hints, &res);
    if (rc) {
        fprintf(stderr, "disco: -gdb %s: %s\n", spec, gai_strerror(rc));
        return DISCO_EXIT_IO;
    }
    int saved = 0;
    for (struct addrinfo *ai = res; ai; ai = ai->ai_next) {
        int fd = socket(ai->ai_family, ai->ai_socktype | SOCK_CLOEXEC, ai->ai_protocol);
        if (fd < 0) {
            saved = errno;
            continue;
        }
        int one = 1;
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
        if (bind(fd, ai->ai_addr, ai->ai_addrlen) == 0 && listen(fd, 1) == 0) {
            s->listen_fd = fd;
            break;
        }
        saved = errno;
        close(fd);
    }
    freeaddrinfo(res);
    if (s->listen_fd < 0) {
        fprintf(stderr, "disco: -gdb %s: cannot listen on %s: %s\n", spec, s->where,
                strerror(saved));
        return DISCO_EXIT_IO;
    }
    return 0;
}

/* Waits for a gdb; false when a host signal ends the run first (or the
 * socket fails). */
static bool accept_gdb(struct gdbstub *s)
{
    for (;;) {
        if (host_signal(s))
            return false;
        struct pollfd pfd = { .fd = s->listen_fd, .events = POLLIN };
        int r = poll(&pfd, 1, 200);
        if (r < 0 && errno != EINTR) {
            fprintf(stderr, "disco: gdb stub: %s\n", strerror(errno));
            return false;
        }
        if (r <= 0)
            continue;
        int fd = accept4(s->listen_fd, NULL, NULL, SOCK_CLOEXEC);
        if (fd < 0)
            continue; /* the peer gave up already, or EINTR */
        int one = 1;
        setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
        s->conn_fd = fd;
        s->in_pos = s->in_len = 0;
        s->noack = false;
        s->swbreak = s->hwbreak = false;
        s->cont_thread = 0;
        return true;
    }
}

/* ---- the helper thread ------------------------------------------------- */

static void *watcher_main(void *arg)
{
    struct watcher *w = arg;
    bool watching = true;
    for (;;) {
        struct pollfd pfd[2] = {
            { .fd = w->wake_rd, .events = POLLIN },
            { .fd = w->fd, .events = POLLIN },
        };
        int r = poll(pfd, watching ? 2 : 1, -1);
        if (r < 0) {
            if (errno == EINTR)
                continue;
            break;
        }
        if (pfd[0].revents)
            break;
        if (!watching || !pfd[1].revents)
            continue;
        if (w->listening) {
            w->incoming = true;
            watching = false;
            dbg_interrupt(w->m);
            continue;
        }
        uint8_t chunk[512];
        ssize_t n = recv(w->fd, chunk, sizeof chunk, 0);
        if (n < 0 && (errno == EINTR || errno == EAGAIN))
            continue;
        if (n <= 0) {
            w->eof = true;
            watching = false;
            dbg_interrupt(w->m);
            continue;
        }
        for (ssize_t i = 0; i < n; i++) {
            if (chunk[i] == 0x03) {
                w->interrupted = true;
                dbg_interrupt(w->m);
            } else if (w->len < sizeof w->buf) {
                w->buf[w->len++] = chunk[i];
            }
        }
    }
    uint8_t byte;
    while (read(w->wake_rd, &byte, 1) < 0 && errno == EINTR)
        ;
    return NULL;
}

/*
 * Runs the machine (steps instructions of the focused CPU, 0 for no
 * limit) while a helper thread watches the connection, or the listening
 * socket when no gdb is attached.  *w says what the helper saw.
 */
static enum dbg_stop run_watched(struct gdbstub *s, uint64_t steps, struct watcher *w)
{
    memset(w, 0, sizeof *w);
    w->m = s->m;
    w->listening = s->conn_fd < 0;
    w->fd = w->listening ? s->listen_fd : s->conn_fd;
    w->wake_rd = s->wake[0];
    /* the helper inherits a mask that blocks every signal */
    sigset_t all, old;
    sigfillset(&all);
    pthread_sigmask(SIG_SETMASK, &all, &old);
    bool started = pthread_create(&w->thread, NULL, watcher_main, w) == 0;
    pthread_sigmask(SIG_SETMASK, &old, NULL);

    enum dbg_stop why = machine_resume(s->m, steps);

    if (started) {
        uint8_t byte = 1;
        while (write(s->wake[1], &byte, 1) < 0 && errno == EINTR)
            ;
        pthread_join(w->thread, NULL);
    }
    /* A Ctrl-C (or a connection) that came as the machine stopped for
     * another reason is answered by that stop: it must not stop the next
     * run at once. */
    if (why != DBG_STOP_INTERRUPT && (w->interrupted || w->eof || w->incoming))
        s->m->debug.interrupt_requested = 0;
    /* What gdb sent besides Ctrl-C waits for the packet reader. */
    if (w->len && !w->listening) {
        if (s->in_pos == s->in_len)
            s->in_pos = s->in_len = 0;
        size_t room = sizeof s->in - s->in_len;
        size_t n = w->len < room ? w->len : room;
        memcpy(s->in + s->in_len, w->buf, n);
        s->in_len += n;
    }
    return why;
}

/* ---- bytes and packets --------------------------------------------------- */

static void conn_close(struct gdbstub *s)
{
    if (s->conn_fd >= 0)
        close(s->conn_fd);
    s->conn_fd = -1;
    s->in_pos = s->in_len = 0;
}

static bool send_bytes(struct gdbstub *s, const void *data, size_t len)
{
    const uint8_t *p = data;
    while (len) {
        ssize_t n = send(s->conn_fd, p, len, MSG_NOSIGNAL);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return false;
        p += n;
        len -= (size_t)n;
    }
    return true;
}

/* The next byte from gdb; -1 when the connection broke or a host signal
 * ends the run. */
static int get_byte(struct gdbstub *s)
{
    while (s->in_pos == s->in_len) {
        if (host_signal(s))
            return -1;
        struct pollfd pfd = { .fd = s->conn_fd, .events = POLLIN };
        int r = poll(&pfd, 1, 200);
        if (r < 0 && errno != EINTR)
            return -1;
        if (r <= 0)
            continue;
        ssize_t n = recv(s->conn_fd, s->in, sizeof s->in, 0);
        if (n < 0 && (errno == EINTR || errno == EAGAIN))
            continue;
        if (n <= 0)
            return -1;
        s->in_pos = 0;
        s->in_len = (size_t)n;
    }
    return s->in[s->in_pos++];
}

static int hexval(int c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

/*
 * Reads the next packet into s->pkt (NUL-terminated; binary payloads stay
 * escaped) and acknowledges it.  Stray bytes - acks, a late Ctrl-C while
 * stopped - are skipped.  False when the connection broke.
 */
static bool read_packet(struct gdbstub *s)
{
    for (;;) {
        int c = get_byte(s);
        if (c < 0)
            return false;
        if (c != '$')
            continue;
        size_t len = 0;
        unsigned sum = 0;
        bool overflow = false;
        while ((c = get_byte(s)) >= 0 && c != '#') {
            if (c == '$') { /* a new start: the old packet was cut */
                len = 0;
                sum = 0;
                overflow = false;
                continue;
            }
            sum += (unsigned)c;
            if (len < GDB_PACKET_SIZE)
                s->pkt[len++] = (char)c;
            else
                overflow = true;
        }
        int h1 = c < 0 ? -1 : get_byte(s);
        int h2 = h1 < 0 ? -1 : get_byte(s);
        if (h2 < 0)
            return false;
        bool ok = hexval(h1) >= 0 && hexval(h2) >= 0 &&
                  (unsigned)(hexval(h1) << 4 | hexval(h2)) == (sum & 0xff);
        if (!s->noack && !send_bytes(s, ok && !overflow ? "+" : "-", 1))
            return false;
        if (!ok || overflow)
            continue;
        s->pkt[len] = '\0';
        s->pkt_len = len;
        return true;
    }
}

static void out_error(struct gdbstub *s, unsigned code);

/* Sends s->out as a packet and, unless in no-ack mode, waits for gdb's
 * '+' (resending on '-').  False when the connection broke. */
static bool send_reply(struct gdbstub *s)
{
    if (s->out_overflow) /* cannot happen with the sizes above */
        out_error(s, 0x01);
    char frame[sizeof s->out + 4];
    unsigned sum = 0;
    frame[0] = '$';
    for (size_t i = 0; i < s->out_len; i++) {
        frame[1 + i] = s->out[i];
        sum += (uint8_t)s->out[i];
    }
    size_t n = 1 + s->out_len;
    frame[n++] = '#';
    frame[n++] = hexdigits[(sum >> 4) & 15];
    frame[n++] = hexdigits[sum & 15];
    for (int tries = 0; tries < 16; tries++) {
        if (!send_bytes(s, frame, n))
            return false;
        if (s->noack)
            return true;
        for (;;) {
            int c = get_byte(s);
            if (c < 0)
                return false;
            if (c == '+')
                return true;
            if (c == '-')
                break;
            if (c == '$') { /* gdb moved on: take it as the ack */
                s->in_pos--;
                return true;
            }
        }
    }
    return false;
}

/* ---- building replies --------------------------------------------------- */

static void out_reset(struct gdbstub *s)
{
    s->out_len = 0;
    s->out_overflow = false;
}

static void out_bytes(struct gdbstub *s, const void *data, size_t len)
{
    if (s->out_len + len > GDB_PACKET_SIZE) {
        s->out_overflow = true;
        return;
    }
    memcpy(s->out + s->out_len, data, len);
    s->out_len += len;
}

static void out_str(struct gdbstub *s, const char *str)
{
    out_bytes(s, str, strlen(str));
}

static void out_fmt(struct gdbstub *s, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
static void out_fmt(struct gdbstub *s, const char *fmt, ...)
{
    char buf[256];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    if (n > 0)
        out_bytes(s, buf, (size_t)n < sizeof buf ? (size_t)n : sizeof buf - 1);
}

static void out_hex(struct gdbstub *s, const uint8_t *data, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        char h[2] = { hexdigits[data[i] >> 4], hexdigits[data[i] & 15] };
        out_bytes(s, h, 2);
    }
}

/* A register as the target stores it: little-endian. */
static void out_reg(struct gdbstub *s, uint32_t v)
{
    uint8_t b[4] = { (uint8_t)v, (uint8_t)(v >> 8), (uint8_t)(v >> 16), (uint8_t)(v >> 24) };
    out_hex(s, b, 4);
}

/* Binary data with '#', '$', '}' and '*' escaped (qXfer replies). */
static void out_binary(struct gdbstub *s, const char *data, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        char c = data[i];
        if (c == '#' || c == '$' || c == '}' || c == '*') {
            char e[2] = { '}', (char)(c ^ 0x20) };
            out_bytes(s, e, 2);
        } else {
            out_bytes(s, &c, 1);
        }
    }
}

static void out_error(struct gdbstub *s, unsigned code)
{
    out_reset(s);
    out_fmt(s, "E%02x", code & 0xff);
}

/* ---- parsing ----------------------------------------------------------- */

/* Hex number at *p (64 bits at most: gdb may send sign-extended
 * addresses); advances *p.  False when there is none. */
static bool parse_hex(const char **p, uint64_t *out)
{
    const char *q = *p;
    uint64_t v = 0;
    int digits = 0;
    while (hexval(*q) >= 0) {
        if (digits++ >= 16)
            return false;
        v = v << 4 | (uint64_t)hexval(*q++);
    }
    if (!digits)
        return false;
    *p = q;
    *out = v;
    return true;
}

/* "ADDR,LEN" as in m, M, X and Z packets. */
static bool parse_addr_len(const char **p, uint32_t *addr, uint32_t *len)
{
    uint64_t a, l;
    if (!parse_hex(p, &a) || **p != ',')
        return false;
    (*p)++;
    if (!parse_hex(p, &l) || l > 0xffffffffu)
        return false;
    *addr = (uint32_t)a;
    *len = (uint32_t)l;
    return true;
}

/* A thread id: "-1" (all), "0" (any) or a CPU + 1. */
static bool parse_thread(const char *p, int *out)
{
    if (strcmp(p, "-1") == 0) {
        *out = -1;
        return true;
    }
    uint64_t v;
    if (!parse_hex(&p, &v) || *p || v > 1000)
        return false;
    *out = (int)v;
    return true;
}

static bool thread_valid(const struct gdbstub *s, int t)
{
    return t >= 1 && (unsigned)t <= s->m->ncpus;
}

/* ---- registers ----------------------------------------------------------- */

static struct cpu *focus_cpu(struct gdbstub *s)
{
    return dbg_cpu(s->m);
}

/* Register n of the classic layout; false for the (absent) FPU's. */
static bool reg_read(struct cpu *c, unsigned n, uint32_t *v)
{
    if (n < 32)
        *v = n ? c->gpr[n] : 0;
    else if (n == GDB_REG_SR)
        *v = c->cp0.status;
    else if (n == GDB_REG_LO)
        *v = c->lo;
    else if (n == GDB_REG_HI)
        *v = c->hi;
    else if (n == GDB_REG_BAD)
        *v = c->cp0.badvaddr;
    else if (n == GDB_REG_CAUSE)
        *v = cp0_cause(&c->cp0);
    else if (n == GDB_REG_PC)
        *v = c->pc;
    else
        return false;
    return true;
}

/*
 * Writes register n.  Status and Cause go through cp0_write, so their
 * write masks hold, and the fast path and translation regime follow a
 * change as after an MTC0 (native.c); a value gdb writes back unchanged
 * (G sends every register) changes nothing, so a CPU stopped in a delay
 * slot stays there unless gdb really moves the pc.
 */
static void reg_write(struct cpu *c, unsigned n, uint32_t v)
{
    uint32_t cur;
    if (!reg_read(c, n, &cur) || cur == v)
        return; /* the FPU's, $zero, or unchanged */
    if (n < 32) {
        c->gpr[n] = v;
    } else if (n == GDB_REG_LO) {
        c->lo = v;
    } else if (n == GDB_REG_HI) {
        c->hi = v;
    } else if (n == GDB_REG_BAD) {
        c->cp0.badvaddr = v;
    } else if (n == GDB_REG_PC) {
        cpu_jump(c, v);
    } else {
        unsigned reg = n == GDB_REG_SR ? CP0_STATUS : CP0_CAUSE;
        unsigned fx = cp0_write(&c->cp0, &c->tlb, reg, 0, v, c->cycles, NULL);
        if (fx & CP0_FX_MAPPING)
            softmmu_flush_all(&c->mmu);
        if (fx & CP0_FX_MODE)
            cpu_set_regime(c, cp0_regime(&c->cp0));
    }
}

/* One register from 8 hex digits (target order); false for "xxxxxxxx"
 * or bad digits. */
static bool parse_reg(const char *p, uint32_t *v, bool *unavailable)
{
    uint32_t r = 0;
    *unavailable = false;
    for (int i = 0; i < 4; i++) {
        int h = hexval(p[2 * i]), l = hexval(p[2 * i + 1]);
        if (p[2 * i] == 'x' && p[2 * i + 1] == 'x') {
            *unavailable = true;
            continue;
        }
        if (h < 0 || l < 0)
            return false;
        r |= (uint32_t)(h << 4 | l) << (8 * i);
    }
    *v = r;
    return true;
}

static void handle_read_registers(struct gdbstub *s)
{
    struct cpu *c = focus_cpu(s);
    for (unsigned n = 0; n < GDB_NREGS; n++) {
        uint32_t v;
        if (reg_read(c, n, &v))
            out_reg(s, v);
        else
            out_str(s, "xxxxxxxx");
    }
}

static void handle_write_registers(struct gdbstub *s)
{
    struct cpu *c = focus_cpu(s);
    const char *p = s->pkt + 1;
    size_t avail = s->pkt_len - 1;
    if (avail % 8) {
        out_error(s, 0x16);
        return;
    }
    uint32_t vals[GDB_NREGS];
    bool skip[GDB_NREGS];
    unsigned count = (unsigned)(avail / 8) < GDB_NREGS ? (unsigned)(avail / 8) : GDB_NREGS;
    for (unsigned n = 0; n < count; n++) {
        if (!parse_reg(p + 8 * n, &vals[n], &skip[n])) {
            out_error(s, 0x16);
            return;
        }
    }
    for (unsigned n = 0; n < count; n++)
        if (!skip[n])
            reg_write(c, n, vals[n]);
    out_str(s, "OK");
}

static void handle_read_register(struct gdbstub *s)
{
    const char *p = s->pkt + 1;
    uint64_t n;
    uint32_t v;
    if (!parse_hex(&p, &n) || *p) {
        out_error(s, 0x16);
    } else if (n >= GDB_NREGS) {
        out_error(s, 0x0e);
    } else if (reg_read(focus_cpu(s), (unsigned)n, &v)) {
        out_reg(s, v);
    } else {
        out_str(s, "xxxxxxxx");
    }
}

static void handle_write_register(struct gdbstub *s)
{
    const char *p = s->pkt + 1;
    uint64_t n;
    uint32_t v;
    bool unavailable;
    if (!parse_hex(&p, &n) || *p != '=' || strlen(p + 1) != 8 ||
        !parse_reg(p + 1, &v, &unavailable)) {
        out_error(s, 0x16);
    } else if (n >= GDB_NREGS) {
        out_error(s, 0x0e);
    } else {
        if (!unavailable)
            reg_write(focus_cpu(s), (unsigned)n, v);
        out_str(s, "OK");
    }
}

/* ---- memory ----------------------------------------------------------- */

static void handle_read_memory(struct gdbstub *s)
{
    const char *p = s->pkt + 1;
    uint32_t addr, len;
    if (!parse_addr_len(&p, &addr, &len) || *p) {
        out_error(s, 0x16);
        return;
    }
    uint8_t buf[GDB_PACKET_SIZE / 2];
    if (len > sizeof buf)
        len = sizeof buf;
    size_t done = dbg_read_memory(s->m, DBG_VIRTUAL, addr, buf, len);
    if (done == 0 && len > 0)
        out_error(s, 0x0e); /* EFAULT: unmapped, or a device */
    else
        out_hex(s, buf, done);
}

static void handle_write_memory(struct gdbstub *s, bool binary)
{
    const char *p = s->pkt + 1;
    uint32_t addr, len;
    if (!parse_addr_len(&p, &addr, &len) || *p != ':' || len > GDB_PACKET_SIZE) {
        out_error(s, 0x16);
        return;
    }
    p++;
    uint8_t buf[GDB_PACKET_SIZE];
    const char *end = s->pkt + s->pkt_len;
    size_t n = 0;
    while (n < len && p < end) {
        if (binary) {
            uint8_t c = (uint8_t)*p++;
            if (c == '}') {
                if (p == end)
                    break;
                c = (uint8_t)(*p++ ^ 0x20);
            }
            buf[n++] = c;
        } else {
            if (end - p < 2 || hexval(p[0]) < 0 || hexval(p[1]) < 0)
                break;
            buf[n++] = (uint8_t)(hexval(p[0]) << 4 | hexval(p[1]));
            p += 2;
        }
    }
    if (n != len || p != end) {
        out_error(s, 0x16);
        return;
    }
    if (len && dbg_write_memory(s->m, DBG_VIRTUAL, addr, buf, len) != len)
        out_error(s, 0x0e);
    else
        out_str(s, "OK");
}

/* ---- breakpoints and watchpoints ----------------------------------------- */

static struct gdb_point *find_point(struct gdbstub *s, char type, uint32_t addr, uint32_t len)
{
    for (unsigned i = 0; i < s->npoints; i++) {
        struct gdb_point *pt = &s->points[i];
        bool is_break = type == '0' || type == '1';
        if (pt->type == type && pt->addr == addr && (is_break || pt->len == len))
            return pt;
    }
    return NULL;
}

static struct gdb_point *point_by_id(struct gdbstub *s, int id)
{
    for (unsigned i = 0; i < s->npoints; i++)
        if (s->points[i].id == id)
            return &s->points[i];
    return NULL;
}

/* Removes what this gdb planted (on detach or a broken connection). */
static void remove_points(struct gdbstub *s)
{
    for (unsigned i = 0; i < s->npoints; i++)
        dbg_delete(s->m, s->points[i].id);
    s->npoints = 0;
}

static void handle_point(struct gdbstub *s, bool insert)
{
    char type = s->pkt[1];
    const char *p = s->pkt + 2;
    uint32_t addr, len;
    if (type < '0' || type > '4') {
        return; /* not supported: empty reply */
    }
    if (*p++ != ',' || !parse_addr_len(&p, &addr, &len) || (*p && *p != ';')) {
        out_error(s, 0x16);
        return;
    }
    bool is_break = type == '0' || type == '1';
    if (!insert) {
        struct gdb_point *pt = find_point(s, type, addr, len);
        if (pt) {
            dbg_delete(s->m, pt->id);
            *pt = s->points[--s->npoints];
        }
        out_str(s, "OK");
        return;
    }
    if (!is_break && len == 0) {
        out_error(s, 0x16);
        return;
    }
    if (s->npoints == GDB_MAX_POINTS) {
        out_error(s, 0x1c); /* ENOSPC */
        return;
    }
    static const enum dbg_watch_kind kinds[] = { DBG_WATCH_WRITE, DBG_WATCH_READ, DBG_WATCH_ACCESS };
    int id = is_break ? dbg_break_add(s->m, DBG_VIRTUAL, addr, false)
                      : dbg_watch_add(s->m, DBG_VIRTUAL, addr, len, kinds[type - '2']);
    if (id <= 0) {
        out_error(s, 0x1c);
        return;
    }
    s->points[s->npoints++] = (struct gdb_point){ .type = type, .addr = addr, .len = len, .id = id };
    out_str(s, "OK");
}

/* ---- stopping and resuming ------------------------------------------------- */

/* The stop reply for what machine_resume returned; also kept for `?`. */
static void build_stop_reply(struct gdbstub *s, enum dbg_stop why)
{
    struct machine *m = s->m;
    const struct dbg_stop_info *st = &m->debug.stop;
    unsigned cpu = st->cpu < m->ncpus ? st->cpu : m->debug.focus;
    out_reset(s);
    out_fmt(s, "T%02xthread:%x;", why == DBG_STOP_INTERRUPT ? GDB_SIGINT : GDB_SIGTRAP, cpu + 1);
    if (why == DBG_STOP_BREAKPOINT) {
        const struct gdb_point *pt = point_by_id(s, st->id);
        bool hw = pt && pt->type == '1';
        if (hw && s->hwbreak)
            out_str(s, "hwbreak:;");
        else if (!hw && s->swbreak)
            out_str(s, "swbreak:;");
    } else if (why == DBG_STOP_WATCHPOINT) {
        const struct gdb_point *pt = point_by_id(s, st->id);
        const char *name = st->store ? "watch" : "rwatch";
        uint32_t addr = st->addr;
        if (pt) {
            name = pt->type == '2' ? "watch" : pt->type == '3' ? "rwatch" : "awatch";
            /* an access that overlaps the watched bytes from below still
             * names an address gdb finds inside them */
            if (addr < pt->addr && addr + (st->size ? st->size : 1) > pt->addr)
                addr = pt->addr;
        }
        out_fmt(s, "%s:%x;", name, addr);
    }
    size_t n = s->out_len < sizeof s->last_stop - 1 ? s->out_len : sizeof s->last_stop - 1;
    memcpy(s->last_stop, s->out, n);
    s->last_stop[n] = '\0';
}

/* The reply for a run that ended: W (exit status) or X (host signal). */
static void build_exit_reply(struct gdbstub *s)
{
    struct machine *m = s->m;
    out_reset(s);
    if (m->end == END_SIGNAL && m->exit_status > 128)
        out_fmt(s, "X%02x", (m->exit_status - 128) & 0xff);
    else
        out_fmt(s, "W%02x", m->exit_status & 0xff);
}

/*
 * Continues (steps == 0) or steps one instruction of CPU thread - 1 (any
 * CPU when thread <= 0), then tells gdb why it stopped.
 */
static enum conn_end resume(struct gdbstub *s, uint64_t steps, int thread)
{
    struct machine *m = s->m;
    if (thread_valid(s, thread))
        m->debug.focus = (unsigned)thread - 1;
    struct watcher w;
    enum dbg_stop why = run_watched(s, steps, &w);
    if (why == DBG_STOP_EXITED || m->end != END_NONE) {
        build_exit_reply(s);
        if (!w.eof)
            send_reply(s);
        return CONN_ENDED;
    }
    if (m->debug.stop.cpu < m->ncpus)
        m->debug.focus = m->debug.stop.cpu;
    build_stop_reply(s, why); /* also what the next gdb's `?` gets */
    if (w.eof)
        return CONN_DROPPED;
    return send_reply(s) ? CONN_OPEN : CONN_DROPPED;
}

/* vCont;ACTION[:THREAD]...: a step wins over a continue (all-stop). */
static enum conn_end handle_vcont(struct gdbstub *s, bool *replied)
{
    const char *p = s->pkt + 5;
    int step_thread = 0;
    bool step = false;
    while (*p == ';') {
        p++;
        char action = *p++;
        if (action == 'C' || action == 'S') { /* the signal is not delivered */
            uint64_t sig;
            if (!parse_hex(&p, &sig)) {
                out_error(s, 0x16);
                return CONN_OPEN;
            }
        } else if (action != 'c' && action != 's') {
            out_error(s, 0x16);
            return CONN_OPEN;
        }
        int thread = 0;
        if (*p == ':') {
            p++;
            char tid[24];
            size_t n = strcspn(p, ";");
            if (n >= sizeof tid) {
                out_error(s, 0x16);
                return CONN_OPEN;
            }
            memcpy(tid, p, n);
            tid[n] = '\0';
            p += n;
            if (!parse_thread(tid, &thread)) {
                out_error(s, 0x16);
                return CONN_OPEN;
            }
        }
        if ((action == 's' || action == 'S') && !step) {
            step = true;
            step_thread = thread;
        }
    }
    if (*p) {
        out_error(s, 0x16);
        return CONN_OPEN;
    }
    *replied = true;
    return resume(s, step ? 1 : 0, step_thread);
}

/* c [ADDR] / s [ADDR]: an address moves the pc first. */
static enum conn_end handle_continue(struct gdbstub *s, bool step, bool *replied)
{
    const char *p = s->pkt + 1;
    if (*p) {
        uint64_t addr;
        if (!parse_hex(&p, &addr) || *p) {
            out_error(s, 0x16);
            return CONN_OPEN;
        }
        cpu_jump(focus_cpu(s), (uint32_t)addr);
    }
    *replied = true;
    return resume(s, step ? 1 : 0, s->cont_thread);
}

/* ---- queries ----------------------------------------------------------------- */

static void build_target_xml(struct gdbstub *s)
{
    char *x = s->xml;
    size_t cap = sizeof s->xml, n = 0;
#define XML(...) (n += (size_t)snprintf(x + n, n < cap ? cap - n : 0, __VA_ARGS__))
    XML("<?xml version=\"1.0\"?>\n"
        "<!DOCTYPE target SYSTEM \"gdb-target.dtd\">\n"
        "<target version=\"1.0\">\n"
        "<architecture>mips</architecture>\n"
        "<feature name=\"org.gnu.gdb.mips.cpu\">\n");
    for (int i = 0; i < 32; i++)
        XML("<reg name=\"r%d\" bitsize=\"32\" regnum=\"%d\"/>\n", i, i);
    XML("<reg name=\"lo\" bitsize=\"32\" regnum=\"%d\"/>\n"
        "<reg name=\"hi\" bitsize=\"32\" regnum=\"%d\"/>\n"
        "<reg name=\"pc\" bitsize=\"32\" regnum=\"%d\"/>\n"
        "</feature>\n", GDB_REG_LO, GDB_REG_HI, GDB_REG_PC);
    XML("<feature name=\"org.gnu.gdb.mips.cp0\">\n"
        "<reg name=\"status\" bitsize=\"32\" regnum=\"%d\"/>\n"
        "<reg name=\"badvaddr\" bitsize=\"32\" regnum=\"%d\"/>\n"
        "<reg name=\"cause\" bitsize=\"32\" regnum=\"%d\"/>\n"
        "</feature>\n", GDB_REG_SR, GDB_REG_BAD, GDB_REG_CAUSE);
    /* The 24Kc has no FPU, but gdb's MIPS back end requires the feature:
     * its registers read as unavailable. */
    XML("<feature name=\"org.gnu.gdb.mips.fpu\">\n");
    for (int i = 0; i < 32; i++)
        XML("<reg name=\"f%d\" bitsize=\"32\" type=\"ieee_single\" regnum=\"%d\"/>\n",
            i, GDB_REG_F0 + i);
    XML("<reg name=\"fcsr\" bitsize=\"32\" group=\"float\" regnum=\"%d\"/>\n"
        "<reg name=\"fir\" bitsize=\"32\" group=\"float\" regnum=\"%d\"/>\n"
        "</feature>\n"
        "</target>\n", GDB_REG_FSR, GDB_REG_FIR);
#undef XML
    s->xml_len = n < cap ? n : cap - 1;
}

/* qXfer:features:read:ANNEX:OFFSET,LENGTH */
static void handle_xfer_features(struct gdbstub *s, const char *args)
{
    const char *colon = strchr(args, ':');
    if (!colon || (size_t)(colon - args) != strlen("target.xml") ||
        strncmp(args, "target.xml", (size_t)(colon - args)) != 0) {
        out_error(s, 0x00);
        return;
    }
    const char *p = colon + 1;
    uint32_t off, len;
    if (!parse_addr_len(&p, &off, &len) || *p) {
        out_error(s, 0x16);
        return;
    }
    if (off >= s->xml_len) {
        out_str(s, "l");
        return;
    }
    /* each byte may take two once escaped */
    size_t max = (GDB_PACKET_SIZE - 8) / 2;
    size_t n = s->xml_len - off;
    if (n > len)
        n = len;
    if (n > max)
        n = max;
    out_str(s, off + n >= s->xml_len ? "l" : "m");
    out_binary(s, s->xml + off, n);
}

static void handle_supported(struct gdbstub *s)
{
    const char *p = s->pkt + strlen("qSupported");
    s->swbreak = strstr(p, "swbreak+") != NULL;
    s->hwbreak = strstr(p, "hwbreak+") != NULL;
    out_fmt(s, "PacketSize=%x;qXfer:features:read+;QStartNoAckMode+", GDB_PACKET_SIZE);
    if (s->swbreak)
        out_str(s, ";swbreak+");
    if (s->hwbreak)
        out_str(s, ";hwbreak+");
}

static void handle_thread_info(struct gdbstub *s)
{
    out_str(s, "m");
    for (unsigned i = 0; i < s->m->ncpus; i++)
        out_fmt(s, "%s%x", i ? "," : "", i + 1);
}

static void handle_thread_extra(struct gdbstub *s, const char *arg)
{
    int t;
    if (!parse_thread(arg, &t) || !thread_valid(s, t)) {
        out_error(s, 0x16);
        return;
    }
    const struct cpu *c = &s->m->cpu[t - 1];
    char text[80];
    snprintf(text, sizeof text, "CPU %d, %s mode%s", t - 1,
             cp0_kernel_mode(&c->cp0) ? "kernel" : "user",
             c->halted ? ", waiting (WAIT)" : "");
    out_hex(s, (const uint8_t *)text, strlen(text));
}

/* H[gc]THREAD */
static void handle_set_thread(struct gdbstub *s)
{
    int t;
    if (!parse_thread(s->pkt + 2, &t) || (t > 0 && !thread_valid(s, t))) {
        out_error(s, 0x16);
        return;
    }
    if (s->pkt[1] == 'g') {
        if (t > 0)
            s->m->debug.focus = (unsigned)t - 1;
    } else if (s->pkt[1] == 'c') {
        s->cont_thread = t;
    } else {
        out_error(s, 0x16);
        return;
    }
    out_str(s, "OK");
}

static void handle_query(struct gdbstub *s)
{
    const char *p = s->pkt;
    if (strncmp(p, "qSupported", 10) == 0)
        handle_supported(s);
    else if (strncmp(p, "qXfer:features:read:", 20) == 0)
        handle_xfer_features(s, p + 20);
    else if (strcmp(p, "qAttached") == 0 || strncmp(p, "qAttached:", 10) == 0)
        out_str(s, "1"); /* gdb's quit detaches rather than kills */
    else if (strcmp(p, "qC") == 0)
        out_fmt(s, "QC%x", s->m->debug.focus + 1);
    else if (strcmp(p, "qfThreadInfo") == 0)
        handle_thread_info(s);
    else if (strcmp(p, "qsThreadInfo") == 0)
        out_str(s, "l");
    else if (strncmp(p, "qThreadExtraInfo,", 17) == 0)
        handle_thread_extra(s, p + 17);
    else if (strncmp(p, "qSymbol:", 8) == 0)
        out_str(s, "OK");
    /* everything else: the empty reply, "not supported" */
}

/* ---- one conversation ----------------------------------------------------------- */

/* Handles the packet in s->pkt; says whether the conversation ended. */
static enum conn_end handle_packet(struct gdbstub *s)
{
    const char *p = s->pkt;
    bool replied = false;
    enum conn_end end = CONN_OPEN;
    out_reset(s);
    switch (p[0]) {
    case '?':
        out_str(s, s->last_stop);
        break;
    case 'g':
        handle_read_registers(s);
        break;
    case 'G':
        handle_write_registers(s);
        break;
    case 'p':
        handle_read_register(s);
        break;
    case 'P':
        handle_write_register(s);
        break;
    case 'm':
        handle_read_memory(s);
        break;
    case 'M':
        handle_write_memory(s, false);
        break;
    case 'X':
        handle_write_memory(s, true);
        break;
    case 'c':
    case 's':
        end = handle_continue(s, p[0] == 's', &replied);
        break;
    case 'H':
        handle_set_thread(s);
        break;
    case 'T': {
        int t;
        if (parse_thread(p + 1, &t) && thread_valid(s, t))
            out_str(s, "OK");
        else
            out_error(s, 0x01);
        break;
    }
    case 'Z':
    case 'z':
        handle_point(s, p[0] == 'Z');
        break;
    case 'D':
        out_str(s, "OK");
        send_reply(s);
        return CONN_DETACHED;
    case 'k':
        /* no reply: the run ends */
        if (s->m->end == END_NONE) {
            s->m->end = END_USER_QUIT;
            s->m->exit_status = DISCO_EXIT_OK;
        }
        return CONN_ENDED;
    case 'q':
        handle_query(s);
        break;
    case 'Q':
        if (strcmp(p, "QStartNoAckMode") == 0) {
            out_str(s, "OK");
            bool ok = send_reply(s); /* acknowledged in the old mode */
            s->noack = true;
            return ok ? end : CONN_DROPPED;
        }
        break;
    case 'v':
        if (strcmp(p, "vCont?") == 0) {
            out_str(s, "vCont;c;C;s;S");
        } else if (strncmp(p, "vCont;", 6) == 0) {
            end = handle_vcont(s, &replied);
        } else if (strncmp(p, "vKill", 5) == 0) {
            out_str(s, "OK");
            send_reply(s);
            if (s->m->end == END_NONE) {
                s->m->end = END_USER_QUIT;
                s->m->exit_status = DISCO_EXIT_OK;
            }
            return CONN_ENDED;
        }
        /* vMustReplyEmpty and the rest: empty */
        break;
    default:
        break; /* not supported: the empty reply */
    }
    if (!replied && !send_reply(s))
        return CONN_DROPPED;
    return end;
}

static enum conn_end serve_connection(struct gdbstub *s)
{
    for (;;) {
        if (!read_packet(s))
            return host_signal(s) ? CONN_ENDED : CONN_DROPPED;
        enum conn_end end = handle_packet(s);
        if (end != CONN_OPEN)
            return end;
    }
}

/* ---- the entry point ---------------------------------------------------------- */

int gdbstub_serve(struct machine *m, const char *spec, bool start_stopped)
{
    struct gdbstub *s = calloc(1, sizeof *s);
    if (!s) {
        fprintf(stderr, "disco: out of memory\n");
        return DISCO_EXIT_INTERNAL;
    }
    s->m = m;
    s->listen_fd = s->conn_fd = -1;
    s->wake[0] = s->wake[1] = -1;
    build_target_xml(s);
    int rc = open_listener(s, spec);
    if (rc == 0 && pipe2(s->wake, O_CLOEXEC) != 0) {
        fprintf(stderr, "disco: gdb stub: %s\n", strerror(errno));
        rc = DISCO_EXIT_INTERNAL;
    }
    if (rc) {
        if (s->listen_fd >= 0)
            close(s->listen_fd);
        free(s);
        return rc;
    }
    snprintf(s->last_stop, sizeof s->last_stop, "T%02xthread:%x;", GDB_SIGTRAP,
             m->debug.focus + 1);
    if (start_stopped)
        fprintf(stderr, "disco: waiting for gdb on %s\n", s->where);

    bool stopped = start_stopped;
    while (m->end == END_NONE) {
        if (!stopped) {
            /* no gdb: run until the guest ends or one connects */
            struct watcher w;
            enum dbg_stop why = run_watched(s, 0, &w);
            if (why == DBG_STOP_EXITED || m->end != END_NONE)
                break;
            if (m->debug.stop.cpu < m->ncpus)
                m->debug.focus = m->debug.stop.cpu;
            /* stopped for a gdb that connects: it sees a plain SIGTRAP */
            build_stop_reply(s, w.incoming ? DBG_STOP_STEP : why);
            stopped = true;
        }
        if (!accept_gdb(s))
            break;
        enum conn_end end = serve_connection(s);
        remove_points(s);
        conn_close(s);
        if (end == CONN_DETACHED)
            stopped = false;
        /* CONN_DROPPED: stay stopped and listen again */
    }
    /* still running here: the listening socket failed */
    int status = m->end == END_NONE ? DISCO_EXIT_INTERNAL : m->exit_status;
    conn_close(s);
    close(s->listen_fd);
    close(s->wake[0]);
    close(s->wake[1]);
    free(s);
    return status;
}
