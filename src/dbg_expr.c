/*
 * dbg_expr.c - the debugger shell's expressions and register names.
 *
 * An expression is C's integer arithmetic on 32-bit values, as gdb reads
 * it for a program without debug information: numbers (0x hex, 0b binary,
 * else decimal), $registers (ABI names, $r0..$r31, $0..$31, $pc, $hi,
 * $lo, and CP0 registers by their manual names: $status, $entryhi...),
 * symbols standing for their address (gdb's minimal symbols: `main`,
 * `main+8`; `&main` is the same), unary * for the word at a virtual
 * address, and + - * / % & | ^ << >> ~ ! with C's precedence.
 */
#include "dbg_cmds.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cpu/cp0.h"
#include "cpu/cpu.h"
#include "machine.h"
#include "symbols.h"

/* ---- registers ----------------------------------------------------------- */

bool dbg_reg_lookup(const char *name, struct dbg_reg *r)
{
    if (!*name)
        return false;
    for (unsigned i = 0; i < 32; i++)
        if (strcmp(name, cpu_gpr_names[i]) == 0) {
            *r = (struct dbg_reg){ DBG_REG_GPR, i, 0 };
            return true;
        }
    if (strcmp(name, "fp") == 0) {
        *r = (struct dbg_reg){ DBG_REG_GPR, 30, 0 };
        return true;
    }
    const char *digits = name[0] == 'r' ? name + 1 : name;
    if (isdigit((unsigned char)digits[0])) {
        char *end;
        unsigned long n = strtoul(digits, &end, 10);
        if (*end == '\0' && n < 32 && !(digits[0] == '0' && digits[1])) {
            *r = (struct dbg_reg){ DBG_REG_GPR, (unsigned)n, 0 };
            return true;
        }
        return false;
    }
    if (strcasecmp(name, "pc") == 0) {
        *r = (struct dbg_reg){ DBG_REG_PC, 0, 0 };
        return true;
    }
    if (strcasecmp(name, "hi") == 0 || strcasecmp(name, "lo") == 0) {
        *r = (struct dbg_reg){ tolower((unsigned char)name[0]) == 'h' ? DBG_REG_HI : DBG_REG_LO, 0, 0 };
        return true;
    }
    for (unsigned reg = 0; reg < 32; reg++)
        for (unsigned sel = 0; sel < 8; sel++) {
            const char *n = cp0_reg_name(reg, sel);
            if (n && strcasecmp(n, name) == 0) {
                *r = (struct dbg_reg){ DBG_REG_CP0, reg, sel };
                return true;
            }
        }
    return false;
}

uint32_t dbg_reg_read(struct dbg_shell *sh, const struct dbg_reg *r)
{
    struct cpu *c = dbg_cpu(sh->m);
    switch (r->kind) {
    case DBG_REG_GPR: return r->num ? c->gpr[r->num] : 0;
    case DBG_REG_PC: return c->pc;
    case DBG_REG_HI: return c->hi;
    case DBG_REG_LO: return c->lo;
    case DBG_REG_CP0: {
        bool implemented;
        return cp0_read(&c->cp0, &c->tlb, r->num, r->sel, c->cycles, &implemented);
    }
    }
    return 0;
}

void dbg_reg_write(struct dbg_shell *sh, const struct dbg_reg *r, uint32_t value)
{
    struct cpu *c = dbg_cpu(sh->m);
    switch (r->kind) {
    case DBG_REG_GPR:
        if (r->num)
            c->gpr[r->num] = value;
        break;
    case DBG_REG_PC:
        cpu_jump(c, value); /* out of any delay slot, as a jump would */
        c->halted = false;
        break;
    case DBG_REG_HI:
        c->hi = value;
        break;
    case DBG_REG_LO:
        c->lo = value;
        break;
    case DBG_REG_CP0: {
        /* As MTC0 would, with the same side effects (native.c). */
        bool implemented;
        unsigned fx = cp0_write(&c->cp0, &c->tlb, r->num, r->sel, value, c->cycles, &implemented);
        if (fx & CP0_FX_MAPPING)
            softmmu_flush_all(&c->mmu);
        if (fx & CP0_FX_MODE)
            cpu_set_regime(c, cp0_regime(&c->cp0));
        c->exit_request = true;
        break;
    }
    }
}

const char *dbg_reg_name(const struct dbg_reg *r, char *buf, size_t len)
{
    const char *n = "?";
    switch (r->kind) {
    case DBG_REG_GPR: n = cpu_gpr_names[r->num & 31]; break;
    case DBG_REG_PC: n = "pc"; break;
    case DBG_REG_HI: n = "hi"; break;
    case DBG_REG_LO: n = "lo"; break;
    case DBG_REG_CP0: n = cp0_reg_name(r->num, r->sel); break;
    }
    snprintf(buf, len, "%s", n ? n : "?");
    for (char *p = buf; *p; p++)
        *p = (char)tolower((unsigned char)*p);
    return buf;
}

const char *dbg_reg_name_at(unsigned i)
{
    static const char *const extra[] = { "fp", "pc", "hi", "lo" };
    static const char *const cp0[] = {
        "index", "random", "entrylo0", "entrylo1", "context", "userlocal",
        "pagemask", "wired", "hwrena", "badvaddr", "count", "entryhi",
        "compare", "status", "intctl", "srsctl", "cause", "epc", "prid",
        "ebase", "config", "config1", "config2", "config3", "config7",
        "lladdr", "watchlo", "watchhi", "debug", "depc", "errorepc",
        "desave", "taglo", "datalo", "taghi",
    };
    if (i < 32)
        return cpu_gpr_names[i];
    i -= 32;
    if (i < sizeof extra / sizeof extra[0])
        return extra[i];
    i -= (unsigned)(sizeof extra / sizeof extra[0]);
    if (i < sizeof cp0 / sizeof cp0[0])
        return cp0[i];
    return NULL;
}

/* ---- expressions --------------------------------------------------------- */

struct parser {
    struct dbg_shell *sh;
    const char *p;
    bool failed;
};

static void skip(struct parser *ps)
{
    while (*ps->p == ' ' || *ps->p == '\t')
        ps->p++;
}

static uint32_t perror_at(struct parser *ps, const char *fmt, const char *arg, int len)
{
    if (!ps->failed) {
        char msg[200];
        snprintf(msg, sizeof msg, fmt, len, arg);
        dbg_error(ps->sh, "%s", msg);
    }
    ps->failed = true;
    return 0;
}

static bool is_ident_start(char c)
{
    return isalpha((unsigned char)c) || c == '_' || c == '.';
}

static bool is_ident(char c)
{
    return isalnum((unsigned char)c) || c == '_' || c == '.' || c == '$';
}

static uint32_t parse_expr(struct parser *ps);

static uint32_t parse_primary(struct parser *ps)
{
    skip(ps);
    const char *start = ps->p;
    if (*ps->p == '(') {
        ps->p++;
        uint32_t v = parse_expr(ps);
        skip(ps);
        if (*ps->p != ')')
            return perror_at(ps, "missing ')' in '%.*s'", start, (int)strlen(start));
        ps->p++;
        return v;
    }
    if (isdigit((unsigned char)*ps->p)) {
        int base = 10;
        const char *digits = ps->p;
        if (ps->p[0] == '0' && (ps->p[1] == 'x' || ps->p[1] == 'X'))
            base = 16, digits += 2;
        else if (ps->p[0] == '0' && (ps->p[1] == 'b' || ps->p[1] == 'B'))
            base = 2, digits += 2;
        char *end;
        unsigned long long v = strtoull(digits, &end, base);
        if (end == digits || is_ident(*end) || v > 0xffffffffull) {
            const char *e = ps->p;
            while (is_ident(*e))
                e++;
            return perror_at(ps, "bad number '%.*s' (0x hex, 0b binary or decimal, 32 bits)",
                             start, (int)(e - start));
        }
        ps->p = end;
        return (uint32_t)v;
    }
    if (*ps->p == '$') {
        ps->p++;
        const char *n = ps->p;
        while (isalnum((unsigned char)*ps->p) || *ps->p == '_')
            ps->p++;
        char name[32];
        size_t len = (size_t)(ps->p - n);
        struct dbg_reg r;
        if (len == 0 || len >= sizeof name)
            return perror_at(ps, "bad register name '%.*s'", start, (int)(ps->p - start));
        memcpy(name, n, len);
        name[len] = '\0';
        if (!dbg_reg_lookup(name, &r))
            return perror_at(ps, "no register '%.*s' (info registers lists them)", start,
                             (int)(ps->p - start));
        return dbg_reg_read(ps->sh, &r);
    }
    if (is_ident_start(*ps->p)) {
        while (is_ident(*ps->p))
            ps->p++;
        char name[256];
        size_t len = (size_t)(ps->p - start);
        if (len >= sizeof name)
            return perror_at(ps, "name too long: '%.*s'", start, 40);
        memcpy(name, start, len);
        name[len] = '\0';
        const struct symbol *s = symtab_by_name(ps->sh->symbols, name);
        if (!s) {
            struct dbg_reg r;
            if (dbg_reg_lookup(name, &r))
                return perror_at(ps, "no symbol '%.*s' (registers take a '$')", start, (int)len);
            if (!ps->sh->symbols)
                return perror_at(ps, "no symbol '%.*s' (no symbols loaded: symbol-file FILE)",
                                 start, (int)len);
            return perror_at(ps, "no symbol '%.*s'", start, (int)len);
        }
        return s->addr;
    }
    if (*ps->p == '\0')
        return perror_at(ps, "%.*sexpected a value (a number, $register or symbol)", "", 0);
    return perror_at(ps, "unexpected '%.*s' in expression", start, 1);
}

static uint32_t parse_unary(struct parser *ps)
{
    skip(ps);
    char op = *ps->p;
    if (op == '-' || op == '~' || op == '!' || op == '+' || op == '&' || op == '*') {
        ps->p++;
        uint32_t v = parse_unary(ps);
        if (ps->failed)
            return 0;
        switch (op) {
        case '-': return (uint32_t)-v;
        case '~': return ~v;
        case '!': return !v;
        case '*': {
            uint32_t w;
            if (!dbg_read_word(ps->sh, DBG_VIRTUAL, v, &w)) {
                char a[16];
                snprintf(a, sizeof a, "0x%08x", v);
                return perror_at(ps, "cannot read memory at %.*s", a, (int)strlen(a));
            }
            return w;
        }
        default: return v; /* + and & */
        }
    }
    return parse_primary(ps);
}

/* Binary operators by precedence level, lowest first. */
static uint32_t parse_binary(struct parser *ps, int level)
{
    static const char *const ops[][3] = {
        { "|", NULL, NULL }, { "^", NULL, NULL }, { "&", NULL, NULL },
        { "<<", ">>", NULL }, { "+", "-", NULL }, { "*", "/", "%" },
    };
    if (level == 6)
        return parse_unary(ps);
    uint32_t v = parse_binary(ps, level + 1);
    for (;;) {
        skip(ps);
        const char *op = NULL;
        for (int i = 0; i < 3 && ops[level][i]; i++) {
            size_t n = strlen(ops[level][i]);
            if (strncmp(ps->p, ops[level][i], n) == 0 &&
                !(n == 1 && (ps->p[1] == ps->p[0]) && (*ps->p == '&' || *ps->p == '|'))) {
                op = ops[level][i];
                break;
            }
        }
        if (!op || ps->failed)
            return v;
        ps->p += strlen(op);
        uint32_t r = parse_binary(ps, level + 1);
        if (ps->failed)
            return 0;
        switch (op[0]) {
        case '|': v |= r; break;
        case '^': v ^= r; break;
        case '&': v &= r; break;
        case '<': v = r >= 32 ? 0 : v << r; break;
        case '>': v = r >= 32 ? 0 : v >> r; break;
        case '+': v += r; break;
        case '-': v -= r; break;
        case '*': v *= r; break;
        case '/':
        case '%':
            if (r == 0)
                return perror_at(ps, "division by zero%.*s", "", 0);
            v = op[0] == '/' ? v / r : v % r;
            break;
        }
    }
}

static uint32_t parse_expr(struct parser *ps)
{
    return parse_binary(ps, 0);
}

bool dbg_eval_prefix(struct dbg_shell *sh, const char **text, uint32_t *value)
{
    struct parser ps = { .sh = sh, .p = *text };
    uint32_t v = parse_expr(&ps);
    if (ps.failed)
        return false;
    skip(&ps);
    *text = ps.p;
    *value = v;
    return true;
}

bool dbg_eval(struct dbg_shell *sh, const char *text, uint32_t *value)
{
    const char *p = text;
    if (!dbg_eval_prefix(sh, &p, value))
        return false;
    if (*p) {
        dbg_error(sh, "unexpected '%s' after the expression", p);
        return false;
    }
    return true;
}
