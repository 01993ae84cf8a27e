/*
 * dbg_cmds.c - the debugger shell's command table and the commands that
 * run the machine (continue, step, next, finish, until), plant
 * breakpoints and watchpoints, change registers and memory, and set up
 * the session (trace, log, cpu, symbol-file, source, quit).  The
 * commands that only look (registers, memory, TLB, backtrace) are in
 * dbg_inspect.c.  Names and behaviour follow gdb's where gdb has them.
 */
#include "dbg_cmds.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cpu/cpu.h"
#include "dev/dev.h"
#include "dev/terminal.h"
#include "exitcode.h"
#include "machine.h"
#include "symbols.h"

/* ---- running ------------------------------------------------------------------ */

static uint64_t watch_value(struct dbg_shell *sh, const struct dbg_watchpoint *w, bool *ok)
{
    uint8_t b[8] = { 0 };
    unsigned n = w->len < 8 ? w->len : 8;
    *ok = dbg_read_memory(sh->m, w->space, w->addr, b, n) == n;
    uint64_t v = 0;
    for (unsigned i = n; i-- > 0;)
        v = v << 8 | b[i];
    return v;
}

enum dbg_stop dbg_shell_resume(struct dbg_shell *sh, uint64_t steps)
{
    struct machine *m = sh->m;
    if (sh->done || m->end != END_NONE)
        return DBG_STOP_EXITED;
    for (unsigned i = 0; i < DBG_MAX_WATCHPOINTS; i++) {
        const struct dbg_watchpoint *w = &m->debug.wp[i];
        sh->watch_old[i].id = w->id;
        if (w->id)
            sh->watch_old[i].value = watch_value(sh, w, &sh->watch_old[i].valid);
    }
    m->debug.interrupt_requested = 0; /* a Ctrl-C typed at the prompt is spent */
    fflush(stdout);
    if (sh->console_tty)
        terminal_enter_raw(STDIN_FILENO); /* keys go to the guest again */
    enum dbg_stop why = machine_resume(m, steps);
    if (sh->console_tty)
        terminal_restore();
    if (why == DBG_STOP_EXITED) {
        sh->done = true;
        sh->status = m->exit_status;
    }
    return why;
}

static void report_exit(struct dbg_shell *sh)
{
    struct machine *m = sh->m;
    const char *why;
    switch (m->end) {
    case END_GUEST_EXIT: why = "the guest ended"; break;
    case END_INSN_LIMIT: why = "instruction limit reached"; break;
    case END_HUNG: why = "the guest is hung"; break;
    case END_SIGNAL: why = "stopped by a signal"; break;
    case END_USER_QUIT: why = "quit (C-a x)"; break;
    default: why = "the run ended"; break;
    }
    dbg_printf(sh, "%s[%s: exit status %d]%s\n", dbg_col(sh, DBG_C_STOP), why, m->exit_status,
               dbg_col(sh, DBG_C_OFF));
}

static void print_value(struct dbg_shell *sh, const char *label, uint64_t v, unsigned len)
{
    if (len <= 8)
        dbg_printf(sh, "%s = 0x%0*llx (%llu)\n", label, (int)(len * 2), (unsigned long long)v,
                   (unsigned long long)v);
}

void dbg_report_stop(struct dbg_shell *sh, enum dbg_stop why, int internal_bp)
{
    struct machine *m = sh->m;
    const struct dbg_stop_info *s = &m->debug.stop;
    if (why != DBG_STOP_EXITED && s->cpu != m->debug.focus && s->cpu < m->ncpus) {
        m->debug.focus = s->cpu; /* look at the CPU that stopped, as gdb does */
        dbg_printf(sh, "[switching to cpu %u]\n", s->cpu);
    }
    char where[256];
    switch (why) {
    case DBG_STOP_EXITED:
        report_exit(sh);
        return;
    case DBG_STOP_BREAKPOINT:
        if (s->id != internal_bp || internal_bp == 0) {
            bool temporary = true;
            for (unsigned i = 0; i < DBG_MAX_BREAKPOINTS; i++)
                if (m->debug.bp[i].id == s->id)
                    temporary = false; /* still there: not a tbreak */
            dbg_format_addr(sh, s->addr, where, sizeof where);
            dbg_printf(sh, "%s%sreakpoint %d%s, %s\n", dbg_col(sh, DBG_C_STOP),
                       temporary ? "Temporary b" : "B", s->id, dbg_col(sh, DBG_C_OFF), where);
        }
        break;
    case DBG_STOP_WATCHPOINT: {
        const struct dbg_watchpoint *w = NULL;
        unsigned slot = 0;
        for (unsigned i = 0; i < DBG_MAX_WATCHPOINTS; i++)
            if (m->debug.wp[i].id == s->id) {
                w = &m->debug.wp[i];
                slot = i;
            }
        dbg_format_addr(sh, s->addr, where, sizeof where);
        dbg_printf(sh, "%sWatchpoint %d%s: %s of %u byte%s at %s: 0x%0*x\n", dbg_col(sh, DBG_C_STOP),
                   s->id, dbg_col(sh, DBG_C_OFF), s->store ? "store" : "load", s->size,
                   s->size == 1 ? "" : "s", where, (int)(s->size * 2), s->value);
        if (w && w->len <= 8) {
            bool ok;
            uint64_t now = watch_value(sh, w, &ok);
            if (s->store && sh->watch_old[slot].id == w->id && sh->watch_old[slot].valid)
                print_value(sh, "Old value", sh->watch_old[slot].value, w->len);
            if (ok)
                print_value(sh, s->store ? "New value" : "Value", now, w->len);
        }
        break;
    }
    case DBG_STOP_INTERRUPT:
        /* on a terminal the guest's output may have left the cursor mid-line */
        dbg_printf(sh, "%s%sInterrupted.%s\n", sh->interactive ? "\n" : "", dbg_col(sh, DBG_C_STOP),
                   dbg_col(sh, DBG_C_OFF));
        break;
    default:
        break;
    }
    dbg_print_where(sh);
}

/* Reads the count argument of step/next: nothing means 1. */
static bool parse_count(struct dbg_shell *sh, const char *args, uint64_t *n)
{
    *n = 1;
    if (!*args)
        return true;
    uint32_t v;
    if (!dbg_eval(sh, args, &v))
        return false;
    if (v == 0) {
        dbg_error(sh, "the count must be at least 1");
        return false;
    }
    *n = v;
    return true;
}

static int cmd_continue(struct dbg_shell *sh, char *args)
{
    if (*args)
        return dbg_error(sh, "continue takes no arguments");
    dbg_report_stop(sh, dbg_shell_resume(sh, 0), 0);
    return 0;
}

static int cmd_step(struct dbg_shell *sh, char *args)
{
    uint64_t n;
    if (!parse_count(sh, args, &n))
        return -1;
    dbg_report_stop(sh, dbg_shell_resume(sh, n), 0);
    return 0;
}

/* JAL, JALR, BAL and the other branch-and-link forms: they call. */
static bool is_call(uint32_t insn)
{
    unsigned op = insn >> 26, rt = (insn >> 16) & 31, funct = insn & 63;
    if (op == 3)
        return true;                          /* jal */
    if (op == 0 && funct == 9)
        return true;                          /* jalr, jalr.hb */
    if (op == 1 && (rt == 0x10 || rt == 0x11 || rt == 0x12 || rt == 0x13))
        return true;                          /* bltzal, bgezal (bal), ...l */
    return false;
}

/*
 * Runs until the focused CPU reaches addr with sp at least min_sp (a
 * deeper frame reaching the same address - recursion - does not count),
 * through a temporary breakpoint of the shell's own.  Any other stop is
 * reported as it is.  True when addr was reached (shown unless quiet).
 */
static bool run_to(struct dbg_shell *sh, uint32_t addr, uint32_t min_sp, bool check_sp, bool quiet)
{
    struct machine *m = sh->m;
    for (;;) {
        int id = dbg_break_add(m, DBG_VIRTUAL, addr, true);
        if (id < 0) {
            dbg_error(sh, "no room for another breakpoint (%d at most)", DBG_MAX_BREAKPOINTS);
            return false;
        }
        enum dbg_stop why = dbg_shell_resume(sh, 0);
        bool ours = why == DBG_STOP_BREAKPOINT && m->debug.stop.id == id;
        if (!ours)
            dbg_delete(m, id); /* a temporary one is gone once hit */
        if (ours && check_sp && dbg_cpu(m)->gpr[29] < min_sp)
            continue; /* a deeper, recursive frame: keep going */
        if (!ours || !quiet)
            dbg_report_stop(sh, why, ours ? id : 0);
        return ours;
    }
}

static int cmd_next(struct dbg_shell *sh, char *args)
{
    uint64_t n;
    if (!parse_count(sh, args, &n))
        return -1;
    for (uint64_t i = 0; i < n && !sh->done; i++) {
        struct cpu *c = dbg_cpu(sh->m);
        uint32_t insn;
        bool last = i + 1 == n;
        if (!c->delay_slot && dbg_read_word(sh, DBG_VIRTUAL, c->pc, &insn) && is_call(insn)) {
            /* over the call and its delay slot, to the return point */
            if (!run_to(sh, c->pc + 8, c->gpr[29], true, !last))
                break; /* something else stopped it: reported */
        } else {
            enum dbg_stop why = dbg_shell_resume(sh, 1);
            if (why != DBG_STOP_STEP || last)
                dbg_report_stop(sh, why, 0);
            if (why != DBG_STOP_STEP)
                break;
        }
    }
    return 0;
}

/*
 * finish: where the current function returns to is what backtrace finds
 * for frame 1 - the return address saved by the prologue's `sw ra,N(sp)`
 * once it has run, else $ra (a leaf function, or one stopped before its
 * prologue saved ra).  A temporary breakpoint there, taken only when sp
 * is back at the caller's (not by a recursive call returning to the same
 * place), ends it; v0 is the value returned.
 */
static int cmd_finish(struct dbg_shell *sh, char *args)
{
    if (*args)
        return dbg_error(sh, "finish takes no arguments");
    struct dbg_frame top, caller;
    dbg_frame_top(sh, &top);
    if (!dbg_frame_caller(sh, &top, true, &caller))
        return dbg_error(sh, "finish: cannot find where this function returns to");
    char where[256];
    dbg_format_addr(sh, caller.pc, where, sizeof where);
    dbg_printf(sh, "Run till exit to %s\n", where);
    if (run_to(sh, caller.pc, caller.sp, true, false)) {
        uint32_t v0 = dbg_cpu(sh->m)->gpr[2];
        dbg_printf(sh, "Value returned: $v0 = 0x%08x (%d)\n", v0, (int32_t)v0);
    }
    return 0;
}

static int cmd_until(struct dbg_shell *sh, char *args)
{
    if (!*args)
        return dbg_error(sh, "until needs an address: until ADDR");
    uint32_t addr;
    if (!dbg_eval(sh, args[0] == '*' ? args + 1 : args, &addr))
        return -1;
    run_to(sh, addr, 0, false, false);
    return 0;
}

/* ---- breakpoints and watchpoints ------------------------------------------------ */

static int add_break(struct dbg_shell *sh, char *args, bool temporary)
{
    enum dbg_space space;
    if (!dbg_parse_space(sh, &args, &space))
        return -1;
    uint32_t addr = dbg_cpu(sh->m)->pc;
    if (*args == '*')
        args++;
    if (*args && !dbg_eval(sh, args, &addr))
        return -1;
    if (!*args && space != DBG_VIRTUAL)
        return dbg_error(sh, "a %s breakpoint needs an address", dbg_space_name(space));
    if (addr & 3)
        return dbg_error(sh, "0x%08x is not an instruction address (not a multiple of 4)", addr);
    int id = dbg_break_add(sh->m, space, addr, temporary);
    if (id < 0)
        return dbg_error(sh, "no room for another breakpoint (%d at most)", DBG_MAX_BREAKPOINTS);
    char where[256];
    if (space == DBG_VIRTUAL)
        dbg_format_addr(sh, addr, where, sizeof where);
    else
        snprintf(where, sizeof where, "%s address 0x%08x", dbg_space_name(space), addr);
    dbg_printf(sh, "%sreakpoint %d at %s\n", temporary ? "Temporary b" : "B", id, where);
    return 0;
}

static int cmd_break(struct dbg_shell *sh, char *args) { return add_break(sh, args, false); }
static int cmd_tbreak(struct dbg_shell *sh, char *args) { return add_break(sh, args, true); }

/* watch[/SIZE] [-p|-m] ADDR: SIZE in bytes, or b, h, w. */
static int add_watch(struct dbg_shell *sh, char *args, enum dbg_watch_kind kind)
{
    uint32_t len = 4;
    if (*args == '/') {
        char *end;
        args++;
        if (*args == 'b' || *args == 'h' || *args == 'w') {
            len = *args == 'b' ? 1 : *args == 'h' ? 2 : 4;
            end = args + 1;
        } else {
            unsigned long v = strtoul(args, &end, 0);
            if (end == args || v == 0 || v > 0x100000)
                return dbg_error(sh, "bad watch size '/%.*s' (bytes, 1 to 1M, or b, h, w)",
                                 (int)strcspn(args, " \t"), args);
            len = (uint32_t)v;
        }
        if (*end && !isspace((unsigned char)*end))
            return dbg_error(sh, "bad watch size '/%.*s'", (int)strcspn(args, " \t"), args);
        args = dbg_skip_space(end);
    }
    enum dbg_space space;
    if (!dbg_parse_space(sh, &args, &space))
        return -1;
    if (!*args)
        return dbg_error(sh, "watch what? (watch[/SIZE] [-p|-m] ADDR)");
    uint32_t addr;
    if (*args == '*')
        args++;
    if (!dbg_eval(sh, args, &addr))
        return -1;
    int id = dbg_watch_add(sh->m, space, addr, len, kind);
    if (id < 0)
        return dbg_error(sh, "no room for another watchpoint (%d at most)", DBG_MAX_WATCHPOINTS);
    char where[256];
    if (space == DBG_VIRTUAL)
        dbg_format_addr(sh, addr, where, sizeof where);
    else
        snprintf(where, sizeof where, "%s address 0x%08x", dbg_space_name(space), addr);
    static const char *const kinds[] = { "", "Watchpoint", "Read watchpoint", "Access watchpoint" };
    dbg_printf(sh, "%s %d: %s, %u byte%s\n", kinds[kind], id, where, len, len == 1 ? "" : "s");
    return 0;
}

static int cmd_watch(struct dbg_shell *sh, char *args) { return add_watch(sh, args, DBG_WATCH_WRITE); }
static int cmd_rwatch(struct dbg_shell *sh, char *args) { return add_watch(sh, args, DBG_WATCH_READ); }
static int cmd_awatch(struct dbg_shell *sh, char *args) { return add_watch(sh, args, DBG_WATCH_ACCESS); }

static int cmd_delete(struct dbg_shell *sh, char *args)
{
    if (!*args) {
        dbg_delete_all(sh->m);
        dbg_printf(sh, "Deleted all breakpoints and watchpoints.\n");
        return 0;
    }
    int rc = 0;
    for (char *p = args; *p;) {
        char *end;
        long id = strtol(p, &end, 10);
        if (end == p || (*end && !isspace((unsigned char)*end)))
            return dbg_error(sh, "delete: '%.*s' is not a breakpoint number", (int)strcspn(p, " \t"), p);
        if (id <= 0 || id > 0x7fffffff || !dbg_delete(sh->m, (int)id))
            rc = dbg_error(sh, "no breakpoint or watchpoint number %ld", id);
        p = dbg_skip_space(end);
    }
    return rc;
}

static int info_break(struct dbg_shell *sh, char *args)
{
    (void)args;
    const struct debug *d = &sh->m->debug;
    if (d->nbp == 0 && d->nwp == 0) {
        dbg_printf(sh, "No breakpoints or watchpoints.\n");
        return 0;
    }
    dbg_printf(sh, "%sNum  Type              Space     Address     Hits  What%s\n",
               dbg_col(sh, DBG_C_TITLE), dbg_col(sh, DBG_C_OFF));
    /* in the order they were made */
    for (int id = 1; id <= d->next_id; id++) {
        for (unsigned i = 0; i < DBG_MAX_BREAKPOINTS; i++) {
            const struct dbg_breakpoint *b = &d->bp[i];
            if (b->id != id)
                continue;
            char sym[160] = "";
            if (b->space == DBG_VIRTUAL)
                symtab_format(sh->symbols, b->addr, sym, sizeof sym);
            dbg_printf(sh, "%-4d %-17s %-9s 0x%08x  %4llu  %s%s%s\n", b->id,
                       b->temporary ? "tbreak" : "breakpoint", dbg_space_name(b->space), b->addr,
                       (unsigned long long)b->hits, sym[0] ? "<" : "", sym, sym[0] ? ">" : "");
        }
        for (unsigned i = 0; i < DBG_MAX_WATCHPOINTS; i++) {
            const struct dbg_watchpoint *w = &d->wp[i];
            if (w->id != id)
                continue;
            static const char *const kinds[] = { "", "watchpoint", "read watchpoint", "acc watchpoint" };
            char sym[160] = "";
            if (w->space == DBG_VIRTUAL)
                symtab_format(sh->symbols, w->addr, sym, sizeof sym);
            dbg_printf(sh, "%-4d %-17s %-9s 0x%08x  %4llu  %u byte%s%s%s%s\n", w->id, kinds[w->kind & 3],
                       dbg_space_name(w->space), w->addr, (unsigned long long)w->hits, w->len,
                       w->len == 1 ? "" : "s", sym[0] ? " <" : "", sym, sym[0] ? ">" : "");
        }
    }
    return 0;
}

/* ---- changing state ------------------------------------------------------------ */

/* set $REG = EXPR; set {char|short|int}ADDR = EXPR; set *ADDR = EXPR
 * (a word); -p / -m before the address for physical or machine memory. */
static int cmd_set(struct dbg_shell *sh, char *args)
{
    if (strncmp(args, "var ", 4) == 0)
        args = dbg_skip_space(args + 4);
    char *eq = strchr(args, '=');
    if (!eq || eq[1] == '=')
        return dbg_error(sh, "set what? (set $REG = VALUE, set *ADDR = VALUE, set {char} ADDR = VALUE)");
    *eq = '\0';
    char *lhs = args, *rhs = dbg_skip_space(eq + 1);
    dbg_trim(lhs);
    uint32_t value;
    if (!*rhs)
        return dbg_error(sh, "set: no value after '='");
    if (lhs[0] == '$') {
        struct dbg_reg r;
        if (!dbg_reg_lookup(lhs + 1, &r))
            return dbg_error(sh, "no register '%s' (info registers lists them)", lhs);
        if (r.kind == DBG_REG_GPR && r.num == 0)
            return dbg_error(sh, "$zero is always 0");
        if (!dbg_eval(sh, rhs, &value))
            return -1;
        dbg_reg_write(sh, &r, value);
        return 0;
    }
    enum dbg_space space;
    if (!dbg_parse_space(sh, &lhs, &space))
        return -1;
    unsigned size = 4;
    if (*lhs == '{') {
        char *close = strchr(lhs, '}');
        if (!close)
            return dbg_error(sh, "set: missing '}'");
        *close = '\0';
        char *type = dbg_skip_space(lhs + 1);
        dbg_trim(type);
        if (!strcmp(type, "char") || !strcmp(type, "byte") || !strcmp(type, "b"))
            size = 1;
        else if (!strcmp(type, "short") || !strcmp(type, "half") || !strcmp(type, "h"))
            size = 2;
        else if (!strcmp(type, "int") || !strcmp(type, "word") || !strcmp(type, "w") ||
                 !strcmp(type, "long"))
            size = 4;
        else
            return dbg_error(sh, "set: unknown type '{%s}' (char, short, int)", type);
        lhs = dbg_skip_space(close + 1);
    } else if (*lhs == '*') {
        lhs++;
    } else {
        return dbg_error(sh, "set: '%s' is not a $register, *ADDR or {type} ADDR", lhs);
    }
    uint32_t addr;
    if (!dbg_eval(sh, lhs, &addr) || !dbg_eval(sh, rhs, &value))
        return -1;
    uint8_t b[4] = { (uint8_t)value, (uint8_t)(value >> 8), (uint8_t)(value >> 16), (uint8_t)(value >> 24) };
    if (dbg_write_memory(sh->m, space, addr, b, size) != size)
        return dbg_error(sh, "cannot write %u byte%s at %s address 0x%08x", size, size == 1 ? "" : "s",
                         dbg_space_name(space), addr);
    return 0;
}

/* print[/x|d|u|c] EXPR */
static int cmd_print(struct dbg_shell *sh, char *args)
{
    char fmt = 0;
    if (*args == '/') {
        fmt = args[1];
        if (!strchr("xduoct", fmt) || fmt == 0 || (args[2] && !isspace((unsigned char)args[2])))
            return dbg_error(sh, "print: unknown format '/%.*s' (x, d, u, o, t, c)",
                             (int)strcspn(args + 1, " \t"), args + 1);
        args = dbg_skip_space(args + 2);
    }
    if (!*args)
        return dbg_error(sh, "print what? (print EXPR)");
    uint32_t v;
    if (!dbg_eval(sh, args, &v))
        return -1;
    switch (fmt) {
    case 'x': dbg_printf(sh, "0x%x\n", v); break;
    case 'd': dbg_printf(sh, "%d\n", (int32_t)v); break;
    case 'u': dbg_printf(sh, "%u\n", v); break;
    case 'o': dbg_printf(sh, "0%o\n", v); break;
    case 'c': dbg_printf(sh, "%u '%c'\n", v & 0xff, isprint((int)(v & 0xff)) ? (int)(v & 0xff) : '?'); break;
    case 't': {
        char bits[33];
        int n = 0;
        for (int i = 31; i >= 0; i--)
            if ((v >> i) & 1 || n || i == 0)
                bits[n++] = (char)('0' + ((v >> i) & 1));
        bits[n] = '\0';
        dbg_printf(sh, "%s\n", bits);
        break;
    }
    default: {
        char sym[160];
        symtab_format(sh->symbols, v, sym, sizeof sym);
        if (sym[0])
            dbg_printf(sh, "0x%08x <%s>\n", v, sym);
        else if ((int32_t)v < 0)
            dbg_printf(sh, "%u (0x%x, %d)\n", v, v, (int32_t)v);
        else
            dbg_printf(sh, "%u (0x%x)\n", v, v);
    }
    }
    return 0;
}

/* ---- the session ------------------------------------------------------------- */

static int cmd_trace(struct dbg_shell *sh, char *args)
{
    struct log *log = &sh->m->log;
    if (!*args) {
        dbg_printf(sh, "tracing:%s%s%s%s%s%s%s\n", log->mask ? "" : " nothing",
                   log->mask & LOG_EXEC ? " exec" : "", log->mask & LOG_INT ? " int" : "",
                   log->mask & LOG_UNIMP ? " unimp" : "", log->mask & LOG_GUEST_ERROR ? " guest_errors" : "",
                   log->mask & LOG_MMU ? " mmu" : "", log->mask & LOG_DEV ? " dev" : "");
        return 0;
    }
    bool on;
    if (strncmp(args, "on", 2) == 0 && (!args[2] || isspace((unsigned char)args[2])))
        on = true;
    else if (strncmp(args, "off", 3) == 0 && (!args[3] || isspace((unsigned char)args[3])))
        on = false;
    else
        return dbg_error(sh, "trace on|off CATEGORY[,CATEGORY...] (categories as for -d)");
    char *list = dbg_skip_space(args + (on ? 2 : 3));
    unsigned mask;
    const char *bad;
    if (!*list)
        return dbg_error(sh, "trace %s what? (exec, int, unimp, guest_errors, mmu, dev)", on ? "on" : "off");
    if (!log_parse_mask(list, &mask, &bad))
        return dbg_error(sh, "unknown trace category '%.*s' (exec, int, unimp, guest_errors, mmu, dev)",
                         (int)strcspn(bad ? bad : list, ","), bad ? bad : list);
    if (on)
        log->mask |= mask;
    else
        log->mask &= ~mask;
    return 0;
}

static int cmd_log(struct dbg_shell *sh, char *args)
{
    struct log *log = &sh->m->log;
    if (!*args)
        return dbg_error(sh, "log FILE (or log stderr)");
    FILE *f = stderr;
    if (strcmp(args, "stderr") != 0 && strcmp(args, "-") != 0) {
        f = fopen(args, "w");
        if (!f)
            return dbg_error(sh, "cannot write log file '%s': %s", args, strerror(errno));
    }
    if (log->out && log->out != stderr)
        fclose(log->out);
    log->out = f;
    dbg_printf(sh, "Logging to %s.\n", f == stderr ? "stderr" : args);
    return 0;
}

static int cmd_cpu(struct dbg_shell *sh, char *args)
{
    if (*args) {
        uint32_t n;
        if (!dbg_eval(sh, args, &n))
            return -1;
        if (n >= sh->m->ncpus)
            return dbg_error(sh, "no cpu %u (this machine has %u)", n, sh->m->ncpus);
        sh->m->debug.focus = n;
    }
    dbg_printf(sh, "[cpu %u]\n", sh->m->debug.focus);
    dbg_print_where(sh);
    return 0;
}

static int cmd_symbol_file(struct dbg_shell *sh, char *args)
{
    if (!*args) {
        dbg_set_symbols(sh, NULL);
        dbg_printf(sh, "No symbols now.\n");
        return 0;
    }
    char err[512];
    struct symtab *st = symtab_load(args, err, sizeof err);
    if (!st)
        return dbg_error(sh, "%s", err);
    dbg_set_symbols(sh, st);
    dbg_printf(sh, "Read %zu symbols from %s.\n", symtab_count(st), args);
    return 0;
}

static int info_symbol(struct dbg_shell *sh, char *args)
{
    if (!*args)
        return dbg_error(sh, "info symbol ADDR");
    uint32_t a;
    if (!dbg_eval(sh, args, &a))
        return -1;
    uint32_t off;
    const struct symbol *s = symtab_by_addr(sh->symbols, a, &off);
    if (!s)
        dbg_printf(sh, "No symbol matches %s.\n", args);
    else if (off)
        dbg_printf(sh, "%s + %u (0x%x) in %s\n", s->name, off, off, symtab_path(sh->symbols));
    else
        dbg_printf(sh, "%s in %s\n", s->name, symtab_path(sh->symbols));
    return 0;
}

static int info_address(struct dbg_shell *sh, char *args)
{
    const struct symbol *s = symtab_by_name(sh->symbols, args);
    if (!s)
        return dbg_error(sh, "no symbol '%s'", args);
    static const char *const types[] = { "a label", "data", "a function" };
    dbg_printf(sh, "Symbol \"%s\" is %s at 0x%08x%s, size %u.\n", s->name, types[s->type], s->addr,
               s->absolute ? " (absolute)" : "", s->size);
    return 0;
}

static int cmd_translate(struct dbg_shell *sh, char *args)
{
    uint32_t va, pa, ma;
    if (!*args)
        return dbg_error(sh, "translate VA");
    if (!dbg_eval(sh, args, &va))
        return -1;
    struct cpu *c = dbg_cpu(sh->m);
    const char *how;
    char buf[96];
    if (va >= 0x80000000u && va < 0xc0000000u) {
        how = va < 0xa0000000u ? "kseg0, unmapped, cached" : "kseg1, unmapped, uncached";
    } else if (va < 0x80000000u && (c->cp0.status & ST_ERL)) {
        how = "kuseg, unmapped while Status.ERL = 1";
    } else {
        struct tlb_hit hit;
        enum tlb_result r = tlb_lookup(&c->tlb, va, cp0_asid(&c->cp0), false, &hit);
        if (r == TLB_HIT || r == TLB_MODIFIED)
            snprintf(buf, sizeof buf, "%s, TLB entry %u, ASID 0x%02x, %u KB page",
                     va < 0x80000000u ? "kuseg" : va < 0xe0000000u ? "kseg2" : "kseg3", hit.index,
                     cp0_asid(&c->cp0), hit.page_size >> 10);
        else
            snprintf(buf, sizeof buf, "%s: %s", va < 0x80000000u ? "kuseg" : "kseg2/3",
                     r == TLB_REFILL ? "no TLB entry (a refill)" : "TLB entry invalid (V = 0)");
        how = buf;
    }
    if (!dbg_translate(sh->m, va, &pa, &ma)) {
        dbg_printf(sh, "va 0x%08x: not mapped now (%s)\n", va, how);
        return 0;
    }
    dbg_printf(sh, "va 0x%08x -> pa 0x%08x -> ma 0x%08x  (%s)\n", va, pa, ma, how);
    return 0;
}

static int cmd_stats(struct dbg_shell *sh, char *args)
{
    enum stats_mode mode = STATS_TEXT;
    if (strcmp(args, "json") == 0)
        mode = STATS_JSON;
    else if (*args)
        return dbg_error(sh, "stats [json]");
    fflush(stdout);
    machine_print_stats(sh->m, stdout, mode);
    return 0;
}

static int cmd_source(struct dbg_shell *sh, char *args)
{
    if (!*args)
        return dbg_error(sh, "source FILE");
    return dbg_source(sh, args);
}

static int cmd_echo(struct dbg_shell *sh, char *args)
{
    /* as gdb: C escapes, and no newline unless asked for */
    for (char *p = args; *p; p++) {
        if (*p == '\\' && p[1]) {
            p++;
            putchar(*p == 'n' ? '\n' : *p == 't' ? '\t' : *p);
        } else {
            putchar(*p);
        }
    }
    (void)sh;
    return 0;
}

static int cmd_quit(struct dbg_shell *sh, char *args)
{
    uint32_t status = sh->m->end != END_NONE ? (uint32_t)sh->m->exit_status : DISCO_EXIT_OK;
    if (*args && !dbg_eval(sh, args, &status))
        return -1;
    sh->done = true;
    sh->status = (int)(status & 0xff);
    return 0;
}

const struct dbg_command dbg_commands[] = {
    { "help", "h", "[CMD]", "list commands, or tell more of one", dbg_cmd_help, false },
    { "break", "b", "[-p|-m] [*]ADDR", "breakpoint at a virtual (or -p physical, -m machine) address", cmd_break, false },
    { "tbreak", NULL, "[-p|-m] [*]ADDR", "temporary breakpoint: deleted when hit", cmd_tbreak, false },
    { "delete", "d", "[N...]", "delete breakpoints/watchpoints N, or all of them", cmd_delete, false },
    { "watch", NULL, "[/SIZE] [-p|-m] ADDR", "stop after a store to SIZE bytes at ADDR (default 4)", cmd_watch, false },
    { "rwatch", NULL, "[/SIZE] [-p|-m] ADDR", "stop after a load from ADDR", cmd_rwatch, false },
    { "awatch", NULL, "[/SIZE] [-p|-m] ADDR", "stop after a load or store at ADDR", cmd_awatch, false },
    { "continue", "c", "", "run until something stops the machine", cmd_continue, false },
    { "step", "s", "[N]", "execute N instructions (delay slots count), then show the next", cmd_step, true },
    { "stepi", "si", "[N]", "the same as step", cmd_step, true },
    { "next", "n", "[N]", "like step, but run called functions (jal, jalr, bal) through", cmd_next, true },
    { "nexti", "ni", "[N]", "the same as next", cmd_next, true },
    { "finish", "fin", "", "run until the current function returns (as backtrace finds it)", cmd_finish, false },
    { "until", "u", "ADDR", "run until ADDR is reached (or another stop)", cmd_until, false },
    { "advance", NULL, "ADDR", "the same as until", cmd_until, false },
    { "info", "i", "WHAT", "registers, break, tlb, symbol... ('help info')", dbg_cmd_info, false },
    { "x", NULL, "/NFU ADDR", "examine virtual memory: N units, format xduotacsi, unit bhw", dbg_cmd_x, true },
    { "xp", NULL, "/NFU ADDR", "examine guest-physical memory", dbg_cmd_xp, true },
    { "xm", NULL, "/NFU ADDR", "examine machine memory", dbg_cmd_xm, true },
    { "disassemble", "disas", "[ADDR[,END|,+LEN]]", "disassemble the function around ADDR (or pc)", dbg_cmd_disassemble, false },
    { "print", "p", "[/F] EXPR", "evaluate EXPR (symbols stand for their address)", cmd_print, false },
    { "set", NULL, "$REG = V | *ADDR = V | {char} ADDR = V", "change a register or memory (-p/-m before ADDR)", cmd_set, false },
    { "backtrace", "bt", "[N]", "call stack, as far as the ABI and frame pointers allow", dbg_cmd_backtrace, false },
    { "where", NULL, "[N]", "the same as backtrace", dbg_cmd_backtrace, false },
    { "translate", NULL, "VA", "VA -> guest-physical -> machine address, as the CPU sees it now", cmd_translate, false },
    { "symbol-file", NULL, "[FILE]", "read symbols from an ELF file (no FILE: drop them)", cmd_symbol_file, false },
    { "cpu", NULL, "[N]", "focus on CPU N (commands act on it)", cmd_cpu, false },
    { "vm", NULL, "[N|NAME]", "focus on virtual machine N (monitor): commands act on it", dbg_cmd_vm, false },
    { "trace", NULL, "on|off CATEGORY", "switch a -d log category (exec, int, mmu...)", cmd_trace, false },
    { "log", NULL, "FILE|stderr", "send the trace log to FILE", cmd_log, false },
    { "stats", NULL, "[json]", "the --stats report, now", cmd_stats, false },
    { "source", NULL, "FILE", "run the commands in FILE", cmd_source, false },
    { "echo", NULL, "TEXT", "print TEXT (\\n for a newline)", cmd_echo, false },
    { "quit", "q", "[STATUS]", "leave disco (with STATUS, else 0 or the guest's)", cmd_quit, false },
    { NULL, NULL, NULL, NULL, NULL, false },
};

const struct dbg_command dbg_info_commands[] = {
    { "registers", "r", "[REG...]", "GPRs, hi, lo and pc; or the named ones, CP0 decoded", dbg_cmd_registers, false },
    { "all-registers", NULL, "", "GPRs and every CP0 register, decoded", dbg_cmd_all_registers, false },
    { "cp0", NULL, "", "every CP0 register, decoded", dbg_cmd_cp0, false },
    { "breakpoints", "b", "", "breakpoints and watchpoints", info_break, false },
    { "watchpoints", NULL, "", "the same as info breakpoints", info_break, false },
    { "tlb", NULL, "[N]", "the hardware TLB of the focused CPU, decoded", dbg_cmd_tlb, false },
    { "symbol", NULL, "ADDR", "the symbol ADDR is in", info_symbol, false },
    { "address", NULL, "SYMBOL", "where SYMBOL is", info_address, false },
    { "vms", NULL, "", "virtual machines: memory, VCPUs, state (monitor)", dbg_cmd_vms, false },
    { "vcpus", NULL, "", "virtual CPUs: where they run, mode, monitor time (monitor)", dbg_cmd_vcpus, false },
    { "vtlb", NULL, "[N]", "the focused VCPU's virtual TLB, as its guest wrote it (monitor)", dbg_cmd_vtlb, false },
    { "hwtlb", NULL, "[N]", "the hardware TLB of the physical CPU the VCPU is on: VA -> MA (monitor)", dbg_cmd_hwtlb, false },
    { "l2tlb", NULL, "", "the focused VCPU's second-level TLB: VA -> MA (monitor)", dbg_cmd_l2tlb, false },
    { "pmap", NULL, "[GPA [N]]", "the focused VM's guest-physical -> machine pages (monitor)", dbg_cmd_pmap, false },
    { "memmap", NULL, "[MA [N]]", "machine pages: owner and the VCPUs that may map them (monitor)", dbg_cmd_memmap, false },
    { NULL, NULL, NULL, NULL, NULL, false },
};
