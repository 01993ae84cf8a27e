/*
 * dbg_shell.c - the debugger shell's loop (see dbg_shell.h): where
 * command lines come from (a -x script, a terminal with line editing,
 * history and tab completion, or plain lines from a pipe), how a line
 * becomes a command of the table in dbg_cmds.c, help, `source`, and the
 * output helpers every command uses (addresses with symbols, one-line
 * errors, colours only for a person at a terminal).
 *
 * Line editing is libedit's readline interface (Debian's libedit-dev),
 * built with -DDISCO_EDITLINE; `make READLINE=1` builds against GNU
 * readline instead (-DDISCO_READLINE).  Built with neither, a terminal
 * gets plain lines, as a pipe does.
 */
#include "dbg_shell.h"

#include <ctype.h>
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#if defined(DISCO_READLINE)
#include <readline/history.h>
#include <readline/readline.h>
#define DBG_HAVE_EDITING 1
#elif defined(DISCO_EDITLINE)
#include <editline/readline.h>
#define DBG_HAVE_EDITING 1
#endif

#include "cpu/cpu.h"
#include "cpu/disas.h"
#include "dbg_cmds.h"
#include "dev/dev.h"
#include "dev/terminal.h"
#include "machine.h"
#include "symbols.h"

#define DBG_PROMPT "(disco) "
#define DBG_MAX_LINE 1024
#define DBG_MAX_DEPTH 8
#define DBG_HISTORY_LINES 1000

/* ---- output ---------------------------------------------------------------- */

const char *dbg_col(const struct dbg_shell *sh, enum dbg_colour c)
{
    static const char *const esc[] = {
        [DBG_C_OFF] = "\033[0m", [DBG_C_ADDR] = "\033[34m", [DBG_C_SYM] = "\033[33m",
        [DBG_C_ERR] = "\033[31m", [DBG_C_TITLE] = "\033[1m", [DBG_C_STOP] = "\033[1;32m",
    };
    return sh->colour ? esc[c] : "";
}

void dbg_printf(struct dbg_shell *sh, const char *fmt, ...)
{
    (void)sh;
    va_list ap;
    va_start(ap, fmt);
    vprintf(fmt, ap);
    va_end(ap);
}

int dbg_error(struct dbg_shell *sh, const char *fmt, ...)
{
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    fflush(stdout);
    if (sh->src_name)
        fprintf(stderr, "%s%s:%u: %s%s\n", dbg_col(sh, DBG_C_ERR), sh->src_name, sh->src_line,
                msg, dbg_col(sh, DBG_C_OFF));
    else
        fprintf(stderr, "%s%s%s\n", dbg_col(sh, DBG_C_ERR), msg, dbg_col(sh, DBG_C_OFF));
    fflush(stderr);
    return -1;
}

void dbg_format_addr(struct dbg_shell *sh, uint32_t addr, char *buf, size_t len)
{
    char sym[160];
    symtab_format(sh->symbols, addr, sym, sizeof sym);
    if (sym[0])
        snprintf(buf, len, "%s0x%08x%s <%s%s%s>", dbg_col(sh, DBG_C_ADDR), addr,
                 dbg_col(sh, DBG_C_OFF), dbg_col(sh, DBG_C_SYM), sym, dbg_col(sh, DBG_C_OFF));
    else
        snprintf(buf, len, "%s0x%08x%s", dbg_col(sh, DBG_C_ADDR), addr, dbg_col(sh, DBG_C_OFF));
}

/* objdump's "mnemonic<TAB>operands" with the mnemonic padded instead. */
static void disas_text(uint32_t addr, uint32_t insn, char *out, size_t len)
{
    char text[128];
    cpu_disas(addr, insn, text, sizeof text);
    char *tab = strchr(text, '\t');
    if (tab) {
        *tab = '\0';
        snprintf(out, len, "%-7s %s", text, tab + 1);
    } else {
        snprintf(out, len, "%s", text);
    }
}

void dbg_print_insn(struct dbg_shell *sh, uint32_t addr, bool mark)
{
    char where[256], text[160];
    uint32_t insn;
    dbg_format_addr(sh, addr, where, sizeof where);
    if (dbg_read_word(sh, DBG_VIRTUAL, addr, &insn))
        disas_text(addr, insn, text, sizeof text);
    else
        snprintf(text, sizeof text, "<cannot read memory>");
    struct cpu *c = dbg_cpu(sh->m);
    const char *arrow = !mark ? "" : addr == c->pc ? "=> " : "   ";
    dbg_printf(sh, "%s%s: %s\n", arrow, where, text);
}

void dbg_print_where(struct dbg_shell *sh)
{
    struct cpu *c = dbg_cpu(sh->m);
    char where[256], text[160];
    uint32_t insn;
    dbg_format_addr(sh, c->pc, where, sizeof where);
    if (dbg_read_word(sh, DBG_VIRTUAL, c->pc, &insn))
        disas_text(c->pc, insn, text, sizeof text);
    else
        snprintf(text, sizeof text, "<cannot read memory>");
    dbg_printf(sh, "%s: %s%s%s\n", where, text, c->delay_slot ? "   [delay slot]" : "",
               c->halted ? "   [waiting in WAIT]" : "");
}

/* The symbols addresses are named with from now on (NULL: none); the
 * previous table is freed. */
void dbg_set_symbols(struct dbg_shell *sh, struct symtab *st)
{
    sh->m->log.symbols = st; /* the exec trace names addresses too */
    if (sh->symbols != st)
        symtab_free(sh->symbols);
    sh->symbols = st;
}

/* ---- small parsing helpers --------------------------------------------------- */

char *dbg_skip_space(const char *s)
{
    while (*s == ' ' || *s == '\t')
        s++;
    return (char *)s;
}

void dbg_trim(char *s)
{
    size_t n = strlen(s);
    while (n && isspace((unsigned char)s[n - 1]))
        s[--n] = '\0';
}

bool dbg_read_word(struct dbg_shell *sh, enum dbg_space space, uint32_t addr, uint32_t *w)
{
    uint8_t b[4];
    if (dbg_read_memory(sh->m, space, addr, b, 4) != 4)
        return false;
    *w = (uint32_t)b[0] | (uint32_t)b[1] << 8 | (uint32_t)b[2] << 16 | (uint32_t)b[3] << 24;
    return true;
}

bool dbg_parse_space(struct dbg_shell *sh, char **args, enum dbg_space *space)
{
    char *p = dbg_skip_space(*args);
    *space = DBG_VIRTUAL;
    while (*p == '-' && isalpha((unsigned char)p[1])) {
        size_t n = strcspn(p, " \t");
        if ((n == 2 && p[1] == 'p') || (n == 5 && strncmp(p, "-phys", 5) == 0) ||
            (n == 9 && strncmp(p, "-physical", 9) == 0))
            *space = DBG_PHYSICAL;
        else if ((n == 2 && p[1] == 'm') || (n == 8 && strncmp(p, "-machine", 8) == 0))
            *space = DBG_MACHINE;
        else if ((n == 2 && p[1] == 'v') || (n == 8 && strncmp(p, "-virtual", 8) == 0))
            *space = DBG_VIRTUAL;
        else {
            dbg_error(sh, "unknown option '%.*s' (-v virtual, -p physical, -m machine)", (int)n, p);
            return false;
        }
        p = dbg_skip_space(p + n);
    }
    *args = p;
    return true;
}

const char *dbg_space_name(enum dbg_space space)
{
    return space == DBG_PHYSICAL ? "physical" : space == DBG_MACHINE ? "machine" : "virtual";
}

/* ---- commands ---------------------------------------------------------------- */

/* By exact name or alias, else by a unique prefix of a name. */
static const struct dbg_command *find_command(struct dbg_shell *sh, const struct dbg_command *table,
                                              const char *word, const char *what)
{
    const struct dbg_command *found = NULL;
    for (const struct dbg_command *c = table; c->name; c++)
        if (strcmp(word, c->name) == 0 || (c->alias && strcmp(word, c->alias) == 0))
            return c;
    size_t n = strlen(word), matches = 0;
    char list[200] = "";
    for (const struct dbg_command *c = table; c->name; c++)
        if (strncmp(word, c->name, n) == 0) {
            found = c;
            if (matches++ < 6) {
                size_t l = strlen(list);
                snprintf(list + l, sizeof list - l, "%s%s", l ? ", " : "", c->name);
            }
        }
    if (matches == 1)
        return found;
    if (matches > 1)
        dbg_error(sh, "ambiguous %s '%s': %s%s", what, word, list, matches > 6 ? "..." : "");
    else if (table == dbg_commands)
        dbg_error(sh, "unknown command '%s' (try 'help')", word);
    else
        dbg_error(sh, "unknown %s '%s' (try 'help info')", what, word);
    return NULL;
}

/* Splits "x/4xw addr" into "x" and "/4xw addr"; "info break" into
 * "info" and "break". */
static const struct dbg_command *parse_command(struct dbg_shell *sh, const struct dbg_command *table,
                                               const char *line, char **args, const char *what)
{
    char word[64];
    size_t n = 0;
    const char *p = dbg_skip_space(line);
    while (p[n] && !isspace((unsigned char)p[n]) && p[n] != '/' && n < sizeof word - 1)
        n++;
    if (p[n] && !isspace((unsigned char)p[n]) && p[n] != '/') {
        dbg_error(sh, "unknown %s '%.40s...'", what, p);
        return NULL;
    }
    memcpy(word, p, n);
    word[n] = '\0';
    const struct dbg_command *c = find_command(sh, table, word, what);
    *args = (char *)dbg_skip_space(p + n);
    return c;
}

int dbg_execute(struct dbg_shell *sh, const char *text)
{
    char line[DBG_MAX_LINE];
    const char *p = dbg_skip_space(text);
    if (*p == '#' || *p == '\0')
        return 0;
    if (strlen(p) >= sizeof line)
        return dbg_error(sh, "line too long (at most %d characters)", DBG_MAX_LINE - 1);
    strcpy(line, p);
    dbg_trim(line);
    char *args;
    const struct dbg_command *c = parse_command(sh, dbg_commands, line, &args, "command");
    if (!c)
        return -1;
    int rc = c->fn(sh, args);
    fflush(stdout);
    return rc;
}

int dbg_cmd_info(struct dbg_shell *sh, char *args)
{
    if (!*args)
        return dbg_error(sh, "info what? (try 'help info')");
    char *sub;
    const struct dbg_command *c = parse_command(sh, dbg_info_commands, args, &sub, "info command");
    return c ? c->fn(sh, sub) : -1;
}

/* "break (b) [-p|-m] [*]ADDR", "x/NFU ADDR" */
static void usage_text(const char *prefix, const struct dbg_command *c, char *buf, size_t len)
{
    const char *args = c->args ? c->args : "";
    snprintf(buf, len, "%s%s%s%s%s%s%s", prefix, c->name, c->alias ? " (" : "", c->alias ? c->alias : "",
             c->alias ? ")" : "", *args && *args != '/' ? " " : "", args);
}

static void help_table(struct dbg_shell *sh, const struct dbg_command *table, const char *prefix)
{
    for (const struct dbg_command *c = table; c->name; c++) {
        char left[96];
        usage_text(prefix, c, left, sizeof left);
        if (strlen(left) > 34)
            dbg_printf(sh, "  %s\n  %-34s %s\n", left, "", c->help);
        else
            dbg_printf(sh, "  %-34s %s\n", left, c->help);
    }
}

int dbg_cmd_help(struct dbg_shell *sh, char *args)
{
    if (!*args) {
        dbg_printf(sh, "Commands (any unique prefix works; Enter repeats step, next and x):\n");
        help_table(sh, dbg_commands, "");
        dbg_printf(sh, "Addresses are expressions: 0x80001000, main+8, $sp+16, *($sp+4).\n"
                       "'help info' lists the info commands; 'help CMD' tells more of one.\n");
        return 0;
    }
    if (strncmp(args, "info", 4) == 0 && (args[4] == '\0' || isspace((unsigned char)args[4]))) {
        char *sub = dbg_skip_space(args + 4);
        if (*sub) {
            char *rest;
            const struct dbg_command *c = parse_command(sh, dbg_info_commands, sub, &rest, "info command");
            if (!c)
                return -1;
            char use[96];
            usage_text("info ", c, use, sizeof use);
            dbg_printf(sh, "%s\n  %s\n", use, c->help);
            return 0;
        }
        dbg_printf(sh, "Info commands:\n");
        help_table(sh, dbg_info_commands, "info ");
        return 0;
    }
    char *rest;
    const struct dbg_command *c = parse_command(sh, dbg_commands, args, &rest, "command");
    if (!c)
        return -1;
    char use[96];
    usage_text("", c, use, sizeof use);
    dbg_printf(sh, "%s\n  %s\n", use, c->help);
    return 0;
}

/* ---- where lines come from ------------------------------------------------------ */

/* One line from a plain stream: a script, or stdin that is no terminal.
 * stdin is read through the console when the console reads stdin, so
 * bytes it has read ahead while the guest ran are not lost; otherwise a
 * byte at a time, so nothing after the line is taken from the guest. */
static bool read_plain_line(struct dbg_shell *sh, FILE *f, char *buf, size_t len)
{
    size_t n = 0;
    bool got = false, too_long = false;
    struct chardev *con = sh->m->console;
    bool via_console = !f && sh->stdin_console;
    for (;;) {
        int ch;
        if (f) {
            ch = getc(f);
        } else if (via_console) {
            ch = con->read(con);
            if (ch < 0) {
                if (con->wait_fd < 0)
                    break; /* the end of input */
                struct pollfd pfd = { .fd = con->wait_fd, .events = POLLIN };
                if (poll(&pfd, 1, -1) < 0 && errno != EINTR)
                    break;
                if (sh->m->signal_flag && *sh->m->signal_flag)
                    break;
                continue;
            }
        } else {
            unsigned char c;
            ssize_t r = read(STDIN_FILENO, &c, 1);
            if (r < 0 && errno == EINTR) {
                if (sh->m->signal_flag && *sh->m->signal_flag)
                    break;
                continue;
            }
            ch = r == 1 ? c : EOF;
        }
        if (ch == EOF)
            break;
        got = true;
        if (ch == '\n')
            break;
        if (n < len - 1)
            buf[n++] = (char)ch;
        else
            too_long = true;
    }
    buf[n] = '\0';
    if (too_long) {
        dbg_error(sh, "line too long (at most %zu characters): ignored", len - 1);
        buf[0] = '\0';
        return got;
    }
    if (n && buf[n - 1] == '\r')
        buf[--n] = '\0';
    return got;
}

int dbg_source(struct dbg_shell *sh, const char *path)
{
    if (sh->depth >= DBG_MAX_DEPTH)
        return dbg_error(sh, "source: scripts nested more than %d deep", DBG_MAX_DEPTH);
    FILE *f = fopen(path, "r");
    if (!f)
        return dbg_error(sh, "cannot open script '%s': %s", path, strerror(errno));
    const char *saved_name = sh->src_name;
    unsigned saved_line = sh->src_line;
    sh->src_name = path;
    sh->src_line = 0;
    sh->depth++;
    char line[DBG_MAX_LINE];
    while (!sh->done && read_plain_line(sh, f, line, sizeof line)) {
        sh->src_line++;
        dbg_execute(sh, line);
    }
    sh->depth--;
    sh->src_name = saved_name;
    sh->src_line = saved_line;
    fclose(f);
    return 0;
}

/* ---- line editing ---------------------------------------------------------------- */

#ifdef DBG_HAVE_EDITING
/* The completion callbacks of readline carry no context: the shell being
 * completed for is the one whose terminal is reading (there is one
 * terminal per process), set around readline(). */
static struct dbg_shell *completing;

static const char *const trace_words[] = {
    "on", "off", "exec", "int", "unimp", "guest_errors", "mmu", "dev", NULL,
};

/* readline's generator: the state-th candidate starting with text. */
static char *complete_next(const char *text, int state)
{
    struct dbg_shell *sh = completing;
    struct dbg_completion *c = &sh->comp;
    size_t len = strlen(text);
    if (state == 0) {
        c->next = 0;
        c->last[0] = '\0';
        if (c->kind == DBG_COMPLETE_EXPR && text[0] != '$')
            c->count = symtab_prefix(sh->symbols, text, &c->first);
    }
    switch (c->kind) {
    case DBG_COMPLETE_COMMANDS:
    case DBG_COMPLETE_INFO: {
        const struct dbg_command *table = c->kind == DBG_COMPLETE_INFO ? dbg_info_commands : dbg_commands;
        while (table[c->next].name) {
            const char *n = table[c->next++].name;
            if (strncmp(n, text, len) == 0)
                return strdup(n);
        }
        return NULL;
    }
    case DBG_COMPLETE_TRACE:
        while (trace_words[c->next]) {
            const char *n = trace_words[c->next++];
            if (strncmp(n, text, len) == 0)
                return strdup(n);
        }
        return NULL;
    case DBG_COMPLETE_EXPR:
        if (text[0] == '$') { /* a register */
            const char *n;
            while ((n = dbg_reg_name_at((unsigned)c->next++)) != NULL)
                if (strncmp(n, text + 1, len - 1) == 0) {
                    char *out = malloc(strlen(n) + 2);
                    if (out) {
                        out[0] = '$';
                        strcpy(out + 1, n);
                    }
                    return out;
                }
            return NULL;
        }
        while (c->next < c->count) { /* a symbol, each name once */
            const char *n = symtab_name_at(sh->symbols, c->first + c->next++);
            if (n && strcmp(n, c->last) != 0) {
                snprintf(c->last, sizeof c->last, "%s", n);
                return strdup(n);
            }
        }
        return NULL;
    }
    return NULL;
}

/* readline's hook: what the word at start names, from the words before. */
static char **complete(const char *text, int start, int end)
{
    (void)end;
    if (!completing)
        return NULL;
    struct dbg_completion *c = &completing->comp;
    const char *line = rl_line_buffer;
    char first[32];
    int pos = 0;
    while (line[pos] == ' ' || line[pos] == '\t')
        pos++;
    int wstart = pos;
    while (line[pos] && !isspace((unsigned char)line[pos]) && line[pos] != '/' && pos - wstart < 31)
        pos++;
    memcpy(first, line + wstart, (size_t)(pos - wstart));
    first[pos - wstart] = '\0';
    int second = pos;
    while (line[second] == ' ' || line[second] == '\t')
        second++;
    rl_attempted_completion_over = 1;
    if (start <= wstart) {
        c->kind = DBG_COMPLETE_COMMANDS;
    } else if (strcmp(first, "source") == 0 || strcmp(first, "symbol-file") == 0 ||
               strcmp(first, "log") == 0) {
        rl_attempted_completion_over = 0; /* file names */
        return NULL;
    } else if (strcmp(first, "help") == 0) {
        c->kind = start <= second ? DBG_COMPLETE_COMMANDS : DBG_COMPLETE_INFO; /* help info X */
    } else if (strcmp(first, "info") == 0 || strcmp(first, "i") == 0) {
        c->kind = start <= second ? DBG_COMPLETE_INFO : DBG_COMPLETE_EXPR;
    } else if (strcmp(first, "trace") == 0) {
        c->kind = DBG_COMPLETE_TRACE;
    } else {
        c->kind = DBG_COMPLETE_EXPR;
    }
    return rl_completion_matches(text, complete_next);
}

static void editing_start(struct dbg_shell *sh)
{
    rl_readline_name = "disco";
    rl_attempted_completion_function = complete;
    /* '$' starts a register name: not a word break. */
    rl_basic_word_break_characters = " \t\n\"'`@><=;|&{(,+-*/%~!";
    rl_completer_word_break_characters = (char *)" \t\n\"'`@><=;|&{(,+-*/%~!";
    using_history();
    stifle_history(DBG_HISTORY_LINES);
    if (sh->history_path)
        read_history(sh->history_path);
}

static void editing_stop(struct dbg_shell *sh)
{
    if (sh->history_path)
        write_history(sh->history_path);
}

/* A line from the terminal, or NULL at its end (Ctrl-D). */
static char *edit_line_raw(struct dbg_shell *sh)
{
    completing = sh;
    fflush(stdout);
    char *line = readline(DBG_PROMPT);
    completing = NULL;
    if (line && *dbg_skip_space(line)) {
        HIST_ENTRY *last = history_length > 0 ? history_get(history_base + history_length - 1) : NULL;
        if (!last || !last->line || strcmp(last->line, line) != 0) {
            add_history(line);
            if (sh->history_path)
                write_history(sh->history_path);
        }
    }
    return line;
}
#else
static void editing_start(struct dbg_shell *sh) { (void)sh; }
static void editing_stop(struct dbg_shell *sh) { (void)sh; }

static char *edit_line_raw(struct dbg_shell *sh)
{
    char buf[DBG_MAX_LINE];
    fputs(DBG_PROMPT, stdout);
    fflush(stdout);
    if (!read_plain_line(sh, NULL, buf, sizeof buf))
        return NULL;
    return strdup(buf);
}
#endif

/*
 * While the shell waits for a person, SIGTERM and SIGHUP end disco at
 * once, as they would a program waiting for input (the line editor puts
 * the terminal back first); while the guest runs they end the run through
 * the machine's signal flag instead.
 */
static char *edit_line(struct dbg_shell *sh)
{
    struct sigaction dfl = { .sa_handler = SIG_DFL }, old_term, old_hup;
    sigemptyset(&dfl.sa_mask);
    sigaction(SIGTERM, &dfl, &old_term);
    sigaction(SIGHUP, &dfl, &old_hup);
    char *line = edit_line_raw(sh);
    sigaction(SIGTERM, &old_term, NULL);
    sigaction(SIGHUP, &old_hup, NULL);
    return line;
}

/* A Ctrl-C at the prompt cancels the line, never the run. */
static bool take_interrupt(struct dbg_shell *sh)
{
    bool hit = false;
    if (sh->m->signal_flag && *sh->m->signal_flag == SIGINT) {
        *sh->m->signal_flag = 0;
        hit = true;
    }
    if (sh->m->debug.interrupt_requested) {
        sh->m->debug.interrupt_requested = 0;
        hit = true;
    }
    return hit;
}

/* What Enter on an empty line does after this line: step and next run
 * again; x goes on where it stopped (its format, without the address). */
static void remember_repeat(struct dbg_shell *sh, const char *p)
{
    char word[32];
    size_t n = strcspn(p, " \t/");
    sh->repeat[0] = '\0';
    if (n >= sizeof word || strlen(p) >= sizeof sh->repeat)
        return;
    memcpy(word, p, n);
    word[n] = '\0';
    for (const struct dbg_command *c = dbg_commands; c->name; c++) {
        if (strcmp(word, c->name) != 0 && !(c->alias && strcmp(word, c->alias) == 0))
            continue;
        if (!c->repeat)
            return;
        if (c->fn == dbg_cmd_x || c->fn == dbg_cmd_xp || c->fn == dbg_cmd_xm)
            n += strcspn(p + n, " \t"); /* keep "/NFU", drop the address */
        else
            n = strlen(p);
        memcpy(sh->repeat, p, n);
        sh->repeat[n] = '\0';
        return;
    }
}

/* Reads and runs terminal lines until quit, the guest's end or Ctrl-D. */
static void interactive_loop(struct dbg_shell *sh)
{
    while (!sh->done) {
        if (sh->m->signal_flag && *sh->m->signal_flag && *sh->m->signal_flag != SIGINT) {
            sh->done = true; /* SIGTERM, SIGHUP: the run ends */
            sh->status = 128 + (int)*sh->m->signal_flag;
            break;
        }
        char *line = edit_line(sh);
        if (take_interrupt(sh)) {
            free(line);
            dbg_printf(sh, "\n");
            continue;
        }
        if (!line) {
            dbg_printf(sh, "quit\n");
            break;
        }
        char *p = dbg_skip_space(line);
        if (*p == '\0') {
            if (sh->repeat[0])
                dbg_execute(sh, sh->repeat);
        } else {
            remember_repeat(sh, p);
            dbg_execute(sh, p);
        }
        free(line);
    }
}

static char *default_history_path(void)
{
    const char *home = getenv("HOME");
    if (!home || !*home)
        return NULL;
    size_t n = strlen(home) + sizeof "/.disco_history";
    char *path = malloc(n);
    if (path)
        snprintf(path, n, "%s/.disco_history", home);
    return path;
}

int dbg_shell_run(struct machine *m, const struct dbg_shell_config *cfg)
{
    struct dbg_shell *sh = calloc(1, sizeof *sh);
    if (!sh) {
        fprintf(stderr, "disco: out of memory for the debugger shell\n");
        return 70;
    }
    sh->m = m;
    sh->cfg = cfg;
    sh->interactive = cfg->interactive;
    const char *term = getenv("TERM");
    sh->colour = cfg->interactive && isatty(STDOUT_FILENO) && !getenv("NO_COLOR") &&
                 !(term && strcmp(term, "dumb") == 0);
    sh->console_tty = m->console && m->console->interactive;
    sh->stdin_console = m->console && m->console->read &&
                        (!m->cfg.serial || strcmp(m->cfg.serial, "stdio") == 0);
    sh->x_fmt = 'x';
    sh->x_size = 4;
    sh->x_count = 1;
    if (cfg->history_file)
        sh->history_path = *cfg->history_file ? strdup(cfg->history_file) : NULL;
    else
        sh->history_path = default_history_path();

    /* The symbols of the program being run, when it has them. */
    if (m->cfg.kernel) {
        char err[256];
        dbg_set_symbols(sh, symtab_load(m->cfg.kernel, err, sizeof err));
        if (!sh->symbols && sh->interactive)
            fprintf(stderr, "no symbols: %s\n", err);
    }
    if (sh->console_tty)
        terminal_restore(); /* the shell talks in the terminal's normal mode */

    if (!cfg->start_stopped) {
        enum dbg_stop why = dbg_shell_resume(sh, 0);
        dbg_report_stop(sh, why, 0);
    } else if (m->debug.stop.reason != DBG_STOP_NONE) {
        dbg_report_stop(sh, m->debug.stop.reason, 0);
    } else if (sh->interactive) {
        dbg_print_where(sh);
    }
    if (!sh->done && cfg->script)
        dbg_source(sh, cfg->script);
    if (!sh->done) {
        if (sh->interactive) {
            editing_start(sh);
            interactive_loop(sh);
            editing_stop(sh);
        } else if (!cfg->script) {
            char line[DBG_MAX_LINE];
            while (!sh->done && read_plain_line(sh, NULL, line, sizeof line)) {
                take_interrupt(sh);
                dbg_execute(sh, line);
            }
        }
    }
    fflush(stdout);
    int status = sh->done ? sh->status : 0;
    if (!sh->done && m->signal_flag && *m->signal_flag && *m->signal_flag != SIGINT)
        status = 128 + (int)*m->signal_flag; /* input ended by SIGTERM, SIGHUP */
    dbg_set_symbols(sh, NULL);
    free(sh->history_path);
    free(sh);
    return status;
}
