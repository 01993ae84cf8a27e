/*
 * dbg_inspect.c - the debugger shell's commands that look without
 * changing anything: info registers (GPRs with ABI names; CP0 registers
 * with their fields decoded as MIPS32 Vol. III chapter 9 names them),
 * x/xp/xm (gdb's x/NFU over virtual, guest-physical and machine
 * addresses), disassemble, info tlb, and backtrace, whose frame recovery
 * reads o32 prologues (addiu sp,sp,-N; sw ra,N(sp); move s8,sp) as gdb's
 * MIPS heuristic unwinder does, so it needs no debug information.
 */
#include "dbg_cmds.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cpu/cp0.h"
#include "cpu/cpu.h"
#include "cpu/disas.h"
#include "machine.h"
#include "symbols.h"
#include "tlb/tlb.h"

/* ---- registers ---------------------------------------------------------------- */

static const char *const exc_names[32] = {
    [EXC_INT] = "Int", [EXC_MOD] = "Mod", [EXC_TLBL] = "TLBL", [EXC_TLBS] = "TLBS",
    [EXC_ADEL] = "AdEL", [EXC_ADES] = "AdES", [EXC_IBE] = "IBE", [EXC_DBE] = "DBE",
    [EXC_SYS] = "Sys", [EXC_BP] = "Bp", [EXC_RI] = "RI", [EXC_CPU] = "CpU",
    [EXC_OV] = "Ov", [EXC_TR] = "Tr", [EXC_WATCH] = "WATCH", [EXC_MCHECK] = "MCheck",
    [EXC_CACHEERR] = "CacheErr",
};

static const char *entrylo_text(uint32_t v, char *buf, size_t len)
{
    uint32_t pfn = (v & ENTRYLO_PFN_MASK) >> ENTRYLO_PFN_SHIFT;
    snprintf(buf, len, "PFN=0x%05x (pa 0x%08x) C=%u D=%u V=%u G=%u", pfn, pfn << 12,
             (v & ENTRYLO_C_MASK) >> ENTRYLO_C_SHIFT, !!(v & ENTRYLO_D), !!(v & ENTRYLO_V),
             !!(v & ENTRYLO_G));
    return buf;
}

static const char *page_size_text(uint32_t pagemask, char *buf, size_t len)
{
    uint32_t size = ((pagemask & PAGEMASK_MASK) | 0x1fff) + 1;
    size /= 2; /* each half */
    if (size >= (1u << 20))
        snprintf(buf, len, "%u MB pages", size >> 20);
    else
        snprintf(buf, len, "%u KB pages", size >> 10);
    return buf;
}

/* The fields of a CP0 register, decoded; "" for those without. */
static void cp0_decode(struct dbg_shell *sh, unsigned reg, unsigned sel, uint32_t v, char *out,
                       size_t len)
{
    char a[96];
    out[0] = '\0';
    switch (reg * 8 + sel) {
    case CP0_INDEX * 8:
        snprintf(out, len, "P=%u Index=%u", v >> 31, v & 0x3f);
        break;
    case CP0_RANDOM * 8:
    case CP0_WIRED * 8:
        snprintf(out, len, "%u", v & 0x3f);
        break;
    case CP0_ENTRYLO0 * 8:
    case CP0_ENTRYLO1 * 8:
        snprintf(out, len, "%s", entrylo_text(v, a, sizeof a));
        break;
    case CP0_CONTEXT * 8:
        snprintf(out, len, "PTEBase=0x%08x BadVPN2=0x%05x (va 0x%08x)", v & CONTEXT_PTEBASE_MASK,
                 (v & CONTEXT_BADVPN2_MASK) >> 4, (v & CONTEXT_BADVPN2_MASK) << 9);
        break;
    case CP0_PAGEMASK * 8:
        snprintf(out, len, "Mask=0x%04x (%s)", (v & PAGEMASK_MASK) >> 13, page_size_text(v, a, sizeof a));
        break;
    case CP0_BADVADDR * 8:
    case CP0_EPC * 8:
    case CP0_ERROREPC * 8:
    case CP0_DEPC * 8:
        symtab_format(sh->symbols, v, a, sizeof a);
        if (a[0])
            snprintf(out, len, "<%s>", a);
        break;
    case CP0_ENTRYHI * 8:
        snprintf(out, len, "VPN2=0x%08x ASID=0x%02x", v & ENTRYHI_VPN2_MASK, v & ENTRYHI_ASID_MASK);
        break;
    case CP0_STATUS * 8: {
        static const char *const ksu[] = { "kernel", "supervisor", "user", "?" };
        snprintf(out, len, "CU=0x%x%s%s%s%s%s IM=0x%02x KSU=%s ERL=%u EXL=%u IE=%u", v >> 28,
                 v & (1u << 27) ? " RP" : "", v & (1u << 25) ? " RE" : "", v & ST_BEV ? " BEV" : "",
                 v & ST_TS ? " TS" : "", v & ST_SR ? " SR" : "", (v & ST_IM) >> ST_IM_SHIFT,
                 ksu[(v >> 3) & 3], !!(v & ST_ERL), !!(v & ST_EXL), !!(v & ST_IE));
        if (v & ST_NMI)
            strncat(out, " NMI", len - strlen(out) - 1);
        break;
    }
    case CP0_STATUS * 8 + 1:
        snprintf(out, len, "IPTI=%u IPPCI=%u VS=0x%02x", v >> 29, (v >> 26) & 7, (v >> 5) & 0x1f);
        break;
    case CP0_CAUSE * 8: {
        unsigned code = (v & CAUSE_EXC) >> CAUSE_EXC_SHIFT;
        snprintf(out, len, "BD=%u TI=%u CE=%u DC=%u IV=%u WP=%u IP=0x%02x ExcCode=%u (%s)", v >> 31,
                 !!(v & CAUSE_TI), (v & CAUSE_CE) >> CAUSE_CE_SHIFT, !!(v & CAUSE_DC), !!(v & CAUSE_IV),
                 !!(v & CAUSE_WP), (v & CAUSE_IP) >> CAUSE_IP_SHIFT, code,
                 exc_names[code] ? exc_names[code] : "reserved");
        break;
    }
    case CP0_PRID * 8:
        snprintf(out, len, "Company=0x%02x Processor=0x%02x Revision=0x%02x", (v >> 16) & 0xff,
                 (v >> 8) & 0xff, v & 0xff);
        break;
    case CP0_PRID * 8 + 1:
        snprintf(out, len, "base=0x%08x CPUNum=%u", v & 0xfffff000u, v & 0x3ff);
        break;
    case CP0_CONFIG * 8: {
        static const char *const mt[] = { "none", "TLB", "BAT", "fixed", "?", "?", "?", "?" };
        snprintf(out, len, "M=%u K23=%u KU=%u BE=%u AT=%u AR=%u MT=%u (%s) K0=%u", v >> 31,
                 (v >> 28) & 7, (v >> 25) & 7, (v >> 15) & 1, (v >> 13) & 3, (v >> 10) & 7,
                 (v >> 7) & 7, mt[(v >> 7) & 7], v & 7);
        break;
    }
    case CP0_CONFIG * 8 + 1:
        snprintf(out, len, "M=%u MMUSize=%u (%u TLB entries)", v >> 31, ((v >> 25) & 0x3f),
                 ((v >> 25) & 0x3f) + 1);
        break;
    case CP0_WATCHLO * 8:
        snprintf(out, len, "VAddr=0x%08x I=%u R=%u W=%u", v & ~7u, (v >> 2) & 1, (v >> 1) & 1, v & 1);
        break;
    case CP0_WATCHHI * 8:
        snprintf(out, len, "G=%u ASID=0x%02x Mask=0x%03x", (v >> 30) & 1, (v >> 16) & 0xff, (v >> 3) & 0x1ff);
        break;
    case CP0_DEBUG * 8:
        snprintf(out, len, "DBD=%u DM=%u DExcCode=%u DBp=%u DSS=%u", v >> 31, (v >> 30) & 1,
                 (v >> DEBUG_DEXC_SHIFT) & 0x1f, (v >> 1) & 1, v & 1);
        break;
    default:
        break;
    }
}

static void print_gprs(struct dbg_shell *sh)
{
    struct cpu *c = dbg_cpu(sh->m);
    for (unsigned r = 0; r < 32; r++)
        dbg_printf(sh, "%s%-4s%s %08x%s", dbg_col(sh, DBG_C_TITLE), cpu_gpr_names[r], dbg_col(sh, DBG_C_OFF),
                   r ? c->gpr[r] : 0, r % 4 == 3 ? "\n" : "  ");
    char where[256];
    dbg_format_addr(sh, c->pc, where, sizeof where);
    dbg_printf(sh, "%shi%s   %08x  %slo%s   %08x  %spc%s   %s%s\n", dbg_col(sh, DBG_C_TITLE),
               dbg_col(sh, DBG_C_OFF), c->hi, dbg_col(sh, DBG_C_TITLE), dbg_col(sh, DBG_C_OFF), c->lo,
               dbg_col(sh, DBG_C_TITLE), dbg_col(sh, DBG_C_OFF), where,
               c->delay_slot ? "  [delay slot]" : "");
}

static void print_reg(struct dbg_shell *sh, const struct dbg_reg *r)
{
    char name[32], text[200];
    uint32_t v = dbg_reg_read(sh, r);
    dbg_reg_name(r, name, sizeof name);
    if (r->kind == DBG_REG_CP0)
        cp0_decode(sh, r->num, r->sel, v, text, sizeof text);
    else if (r->kind == DBG_REG_PC) {
        char sym[160];
        symtab_format(sh->symbols, v, sym, sizeof sym);
        snprintf(text, sizeof text, "%s%s%s", sym[0] ? "<" : "", sym, sym[0] ? ">" : "");
    } else {
        char sym[160];
        symtab_format(sh->symbols, v, sym, sizeof sym);
        if (sym[0])
            snprintf(text, sizeof text, "<%s>", sym);
        else if ((int32_t)v > -0x1000000 && (int32_t)v < 0x1000000)
            snprintf(text, sizeof text, "%d", (int32_t)v); /* a number, not an address */
        else
            text[0] = '\0';
    }
    dbg_printf(sh, "%s%-9s%s 0x%08x%s%s\n", dbg_col(sh, DBG_C_TITLE), name, dbg_col(sh, DBG_C_OFF), v,
               text[0] ? "  " : "", text);
}

int dbg_cmd_registers(struct dbg_shell *sh, char *args)
{
    if (!*args) {
        print_gprs(sh);
        return 0;
    }
    if (strcmp(args, "cp0") == 0)
        return dbg_cmd_cp0(sh, args + 3);
    int rc = 0;
    for (char *p = args; *p;) {
        size_t n = strcspn(p, " \t,");
        char name[32];
        char *word = p[0] == '$' ? p + 1 : p;
        size_t wn = n - (size_t)(word - p);
        struct dbg_reg r;
        if (wn == 0 || wn >= sizeof name) {
            rc = dbg_error(sh, "bad register name '%.*s'", (int)n, p);
        } else {
            memcpy(name, word, wn);
            name[wn] = '\0';
            if (dbg_reg_lookup(name, &r))
                print_reg(sh, &r);
            else
                rc = dbg_error(sh, "no register '%s' (ABI names, pc, hi, lo, CP0 names)", name);
        }
        p = dbg_skip_space(p + n);
        while (*p == ',' || *p == ' ')
            p++;
    }
    return rc;
}

int dbg_cmd_all_registers(struct dbg_shell *sh, char *args)
{
    if (*args)
        return dbg_error(sh, "info all-registers takes no arguments");
    print_gprs(sh);
    return dbg_cmd_cp0(sh, args);
}

int dbg_cmd_cp0(struct dbg_shell *sh, char *args)
{
    if (*args)
        return dbg_error(sh, "info cp0 takes no arguments (info registers NAME shows one)");
    for (unsigned reg = 0; reg < 32; reg++)
        for (unsigned sel = 0; sel < 8; sel++)
            if (cp0_reg_name(reg, sel)) {
                struct dbg_reg r = { DBG_REG_CP0, reg, sel };
                print_reg(sh, &r);
            }
    return 0;
}

/* ---- memory -------------------------------------------------------------------- */

/* /NFU: count, format and unit in any order, as gdb takes them. */
static bool parse_nfu(struct dbg_shell *sh, char **args, unsigned *count, char *fmt, unsigned *size)
{
    char *p = *args;
    *count = 1;
    if (*p != '/')
        return true;
    p++;
    bool have_size = false;
    if (isdigit((unsigned char)*p)) {
        char *end;
        unsigned long n = strtoul(p, &end, 10);
        if (n == 0 || n > 65536) {
            dbg_error(sh, "bad count in '/%.*s' (1 to 65536)", (int)strcspn(p, " \t"), p);
            return false;
        }
        *count = (unsigned)n;
        p = end;
    }
    for (; *p && !isspace((unsigned char)*p); p++) {
        if (strchr("xduotacsi", *p))
            *fmt = *p;
        else if (*p == 'b' || *p == 'h' || *p == 'w') {
            *size = *p == 'b' ? 1 : *p == 'h' ? 2 : 4;
            have_size = true;
        } else if (*p == 'g') {
            dbg_error(sh, "no 8-byte unit on this 32-bit machine (b, h, w)");
            return false;
        } else {
            dbg_error(sh, "unknown format letter '%c' (formats x d u o t a c s i, units b h w)", *p);
            return false;
        }
    }
    if ((*fmt == 'c' || *fmt == 's') && !have_size)
        *size = 1;
    if ((*fmt == 'a' || *fmt == 'i'))
        *size = 4;
    *args = dbg_skip_space(p);
    return true;
}

static void print_string(struct dbg_shell *sh, enum dbg_space space, uint32_t *addr)
{
    char out[200 * 4 + 16];
    size_t n = 0;
    bool ended = false;
    out[n++] = '"';
    for (unsigned i = 0; i < 200; i++) {
        uint8_t b;
        if (dbg_read_memory(sh->m, space, *addr, &b, 1) != 1) {
            ended = true;
            break;
        }
        (*addr)++;
        if (b == 0) {
            ended = true;
            break;
        }
        const char *esc = b == '\n' ? "\\n" : b == '\t' ? "\\t" : b == '\r' ? "\\r" : b == '"' ? "\\\"" :
                          b == '\\' ? "\\\\" : NULL;
        if (esc)
            n += (size_t)snprintf(out + n, sizeof out - n, "%s", esc);
        else if (b >= 32 && b < 127)
            out[n++] = (char)b;
        else
            n += (size_t)snprintf(out + n, sizeof out - n, "\\%03o", b); /* at most 4 */
    }
    out[n] = '\0';
    dbg_printf(sh, "%s\"%s\n", out, ended ? "" : "...");
}

static void label(struct dbg_shell *sh, enum dbg_space space, uint32_t addr)
{
    char where[256];
    if (space == DBG_VIRTUAL)
        dbg_format_addr(sh, addr, where, sizeof where);
    else
        snprintf(where, sizeof where, "%s0x%08x%s", dbg_col(sh, DBG_C_ADDR), addr, dbg_col(sh, DBG_C_OFF));
    dbg_printf(sh, "%s:", where);
}

static int examine(struct dbg_shell *sh, char *args, enum dbg_space space, const char *cmd)
{
    unsigned count, size = sh->x_size;
    char fmt = sh->x_fmt;
    if (!parse_nfu(sh, &args, &count, &fmt, &size))
        return -1;
    uint32_t addr;
    if (*args) {
        if (!dbg_eval(sh, args, &addr))
            return -1;
    } else if (sh->x_valid && sh->x_space == space) {
        addr = sh->x_next;
    } else {
        return dbg_error(sh, "%s: no address (%s/NFU ADDR)", cmd, cmd);
    }
    sh->x_fmt = fmt;
    sh->x_size = size;
    sh->x_space = space;
    sh->x_valid = true;
    sh->x_next = addr;
    if (fmt == 's') {
        for (unsigned i = 0; i < count; i++) {
            uint8_t b;
            if (dbg_read_memory(sh->m, space, addr, &b, 1) != 1)
                return dbg_error(sh, "cannot access %s memory at 0x%08x", dbg_space_name(space), addr);
            label(sh, space, addr);
            dbg_printf(sh, " ");
            print_string(sh, space, &addr);
        }
        sh->x_next = addr;
        return 0;
    }
    if (fmt == 'i') {
        for (unsigned i = 0; i < count; i++, addr += 4) {
            uint32_t w;
            if (!dbg_read_word(sh, space, addr, &w))
                return dbg_error(sh, "cannot access %s memory at 0x%08x", dbg_space_name(space), addr);
            if (space == DBG_VIRTUAL) {
                dbg_print_insn(sh, addr, true);
            } else {
                char text[128];
                cpu_disas(addr, w, text, sizeof text);
                char *tab = strchr(text, '\t');
                if (tab)
                    *tab = ' ';
                label(sh, space, addr);
                dbg_printf(sh, " %s\n", text);
            }
            sh->x_next = addr + 4;
        }
        return 0;
    }
    unsigned per_line = fmt == 't' ? (size == 4 ? 2 : 4) : size == 4 ? 4 : 8;
    for (unsigned i = 0; i < count; i++) {
        uint8_t b[4] = { 0 };
        if (dbg_read_memory(sh->m, space, addr, b, size) != size) {
            if (i % per_line)
                dbg_printf(sh, "\n");
            return dbg_error(sh, "cannot access %s memory at 0x%08x", dbg_space_name(space), addr);
        }
        uint32_t v = (uint32_t)b[0] | (uint32_t)b[1] << 8 | (uint32_t)b[2] << 16 | (uint32_t)b[3] << 24;
        if (i % per_line == 0)
            label(sh, space, addr);
        int32_t sv = size == 1 ? (int8_t)v : size == 2 ? (int16_t)v : (int32_t)v;
        switch (fmt) {
        case 'x': dbg_printf(sh, "  0x%0*x", (int)size * 2, v); break;
        case 'd': dbg_printf(sh, "  %d", sv); break;
        case 'u': dbg_printf(sh, "  %u", v); break;
        case 'o': dbg_printf(sh, "  0%o", v); break;
        case 't': {
            char bits[33];
            for (unsigned k = 0; k < size * 8; k++)
                bits[k] = (char)('0' + ((v >> (size * 8 - 1 - k)) & 1));
            bits[size * 8] = '\0';
            dbg_printf(sh, "  %s", bits);
            break;
        }
        case 'c':
            if (v >= 32 && v < 127)
                dbg_printf(sh, "  %3d '%c'", sv, (int)v);
            else
                dbg_printf(sh, "  %3d '\\%03o'", sv, v & 0xff);
            break;
        case 'a': {
            char sym[160];
            symtab_format(sh->symbols, v, sym, sizeof sym);
            dbg_printf(sh, "  0x%08x%s%s%s", v, sym[0] ? " <" : "", sym, sym[0] ? ">" : "");
            break;
        }
        }
        addr += size;
        sh->x_next = addr;
        if (i % per_line == per_line - 1 || i + 1 == count)
            dbg_printf(sh, "\n");
    }
    return 0;
}

int dbg_cmd_x(struct dbg_shell *sh, char *args) { return examine(sh, args, DBG_VIRTUAL, "x"); }
int dbg_cmd_xp(struct dbg_shell *sh, char *args) { return examine(sh, args, DBG_PHYSICAL, "xp"); }
int dbg_cmd_xm(struct dbg_shell *sh, char *args) { return examine(sh, args, DBG_MACHINE, "xm"); }

/* disassemble [ADDR | START,END | START,+LEN] */
int dbg_cmd_disassemble(struct dbg_shell *sh, char *args)
{
    uint32_t start, end;
    const char *p = args;
    const struct symbol *fn = NULL;
    if (!*p)
        start = dbg_cpu(sh->m)->pc;
    else if (!dbg_eval_prefix(sh, &p, &start)) {
        return -1;
    }
    if (*p == ',') {
        p = dbg_skip_space(p + 1);
        bool rel = *p == '+';
        if (rel)
            p++;
        uint32_t v;
        if (!dbg_eval(sh, p, &v))
            return -1;
        end = rel ? start + v : v;
        if (end <= start)
            return dbg_error(sh, "disassemble: the end 0x%08x is not after the start 0x%08x", end, start);
    } else if (*p) {
        return dbg_error(sh, "disassemble: unexpected '%s' (ADDR, START,END or START,+LEN)", p);
    } else {
        uint32_t off;
        fn = symtab_by_addr(sh->symbols, start, &off);
        if (fn && fn->size) {
            start = fn->addr;
            end = fn->addr + fn->size;
        } else {
            fn = NULL;
            end = start + 16 * 4;
        }
    }
    start &= ~3u;
    if (end - start > 4096 * 4)
        end = start + 4096 * 4;
    if (fn)
        dbg_printf(sh, "Dump of assembler code for function %s:\n", fn->name);
    else
        dbg_printf(sh, "Dump of assembler code from 0x%08x to 0x%08x:\n", start, end);
    for (uint32_t a = start; a < end && a >= start; a += 4) {
        uint32_t w;
        if (!dbg_read_word(sh, DBG_VIRTUAL, a, &w))
            return dbg_error(sh, "cannot access memory at 0x%08x", a);
        dbg_print_insn(sh, a, true);
    }
    dbg_printf(sh, "End of assembler dump.\n");
    return 0;
}

/* ---- TLB ----------------------------------------------------------------------- */

static void tlb_half(struct dbg_shell *sh, uint32_t lo)
{
    uint32_t pa = ((lo & ENTRYLO_PFN_MASK) >> ENTRYLO_PFN_SHIFT) << 12;
    if (lo & ENTRYLO_V)
        dbg_printf(sh, "  0x%08x %u %c %c", pa, (lo & ENTRYLO_C_MASK) >> ENTRYLO_C_SHIFT,
                   lo & ENTRYLO_D ? 'D' : '-', 'V');
    else
        dbg_printf(sh, "  0x%08x %u %c %c", pa, (lo & ENTRYLO_C_MASK) >> ENTRYLO_C_SHIFT,
                   lo & ENTRYLO_D ? 'D' : '-', '-');
}

int dbg_print_tlb(struct dbg_shell *sh, const char *title, const struct tlb *t, uint8_t asid,
                  char *args)
{
    unsigned from = 0, to = t->nentries;
    if (*args) {
        uint32_t n;
        if (!dbg_eval(sh, args, &n))
            return -1;
        if (n >= t->nentries)
            return dbg_error(sh, "no TLB entry %u (this TLB has %u)", n, t->nentries);
        from = n;
        to = n + 1;
    }
    dbg_printf(sh, "%s: %u entries, Wired %u, current ASID 0x%02x\n", title, t->nentries,
               t->wired, asid);
    dbg_printf(sh, "%sIdx  VA range                ASID  G  page    even: PA    C D V   odd: PA     C D V%s\n",
               dbg_col(sh, DBG_C_TITLE), dbg_col(sh, DBG_C_OFF));
    for (unsigned i = from; i < to; i++) {
        uint32_t hi, pm, lo0, lo1, start, size;
        tlb_read(t, i, &hi, &pm, &lo0, &lo1);
        tlb_entry_range(&t->entry[i], &start, &size);
        uint32_t page = size / 2;
        char psz[16];
        if (page >= (1u << 20))
            snprintf(psz, sizeof psz, "%uM", page >> 20);
        else
            snprintf(psz, sizeof psz, "%uK", page >> 10);
        dbg_printf(sh, "%3u%c 0x%08x-0x%08x  0x%02x  %c  %-5s", i, i < t->wired ? 'w' : ' ', start,
                   start + size - 1, hi & ENTRYHI_ASID_MASK, (lo0 & lo1 & ENTRYLO_G) ? 'G' : '-', psz);
        tlb_half(sh, lo0);
        tlb_half(sh, lo1);
        dbg_printf(sh, "\n");
        if (from + 1 == to)
            dbg_printf(sh, "     EntryHi=0x%08x PageMask=0x%08x EntryLo0=0x%08x EntryLo1=0x%08x\n", hi, pm,
                       lo0, lo1);
    }
    return 0;
}

int dbg_cmd_tlb(struct dbg_shell *sh, char *args)
{
    struct cpu *c = dbg_cpu(sh->m);
    char title[64];
    if (sh->m->vm)
        return dbg_cmd_hwtlb(sh, args); /* the hardware's, under the monitor */
    snprintf(title, sizeof title, "cpu %u TLB", c->id);
    return dbg_print_tlb(sh, title, &c->tlb, cp0_asid(&c->cp0), args);
}

/* ---- frames -------------------------------------------------------------------- */

#define INSN_JR_RA 0x03e00008u
#define MAX_PROLOGUE 256 /* instructions scanned from a function's start */

struct prologue {
    uint32_t frame_size;
    int ra_off, fp_off;          /* -1: not saved (yet) */
    bool uses_fp;                /* move s8,sp: s8 is the frame base */
};

/* Where the function holding pc starts: its symbol, else the instruction
 * after the previous function's jr ra (and its delay slot), else the
 * stack adjustment that opens a frame.  0 when neither is found. */
static uint32_t function_start(struct dbg_shell *sh, uint32_t pc)
{
    uint32_t off;
    const struct symbol *s = symtab_by_addr(sh->symbols, pc, &off);
    if (s && s->type != SYM_OBJECT)
        return s->addr;
    for (uint32_t a = pc - 4, n = 0; n < 4096 && a < pc; a -= 4, n++) {
        uint32_t w;
        if (!dbg_read_word(sh, DBG_VIRTUAL, a, &w))
            return 0;
        if (w == INSN_JR_RA)
            return a + 8;
        if ((w & 0xffff8000u) == 0x27bd8000u) /* addiu sp,sp,-N */
            return a;
    }
    return 0;
}

static void scan_prologue(struct dbg_shell *sh, uint32_t start, uint32_t pc, struct prologue *p)
{
    *p = (struct prologue){ .ra_off = -1, .fp_off = -1 };
    bool opened = false;
    for (uint32_t a = start; a < pc && a - start < MAX_PROLOGUE * 4; a += 4) {
        uint32_t w;
        if (!dbg_read_word(sh, DBG_VIRTUAL, a, &w))
            return;
        unsigned op = w >> 26, rs = (w >> 21) & 31, rt = (w >> 16) & 31, rd = (w >> 11) & 31;
        int32_t imm = (int16_t)(w & 0xffff);
        if (op == 9 && rs == 29 && rt == 29) {        /* addiu sp,sp,imm */
            if (imm < 0 && !opened) {
                p->frame_size = (uint32_t)-imm;
                opened = true;
            }
        } else if (op == 0x2b && rs == 29 && rt == 31 && p->ra_off < 0) {
            p->ra_off = imm;                           /* sw ra,imm(sp) */
        } else if (op == 0x2b && rs == 29 && rt == 30 && p->fp_off < 0) {
            p->fp_off = imm;                           /* sw s8,imm(sp) */
        } else if (op == 0 && ((w & 63) == 0x21 || (w & 63) == 0x25) && rd == 30 &&
                   ((rs == 29 && rt == 0) || (rs == 0 && rt == 29))) {
            p->uses_fp = true;                         /* move s8,sp */
        }
    }
}

void dbg_frame_top(struct dbg_shell *sh, struct dbg_frame *f)
{
    struct cpu *c = dbg_cpu(sh->m);
    *f = (struct dbg_frame){ .pc = c->pc, .sp = c->gpr[29], .fp = c->gpr[30], .ra = c->gpr[31] };
}

bool dbg_frame_caller(struct dbg_shell *sh, struct dbg_frame *f, bool top, struct dbg_frame *caller)
{
    struct prologue p = { .ra_off = -1, .fp_off = -1 };
    uint32_t start = function_start(sh, f->pc);
    if (start)
        scan_prologue(sh, start, f->pc, &p);
    else if (!top)
        return false;
    uint32_t base = p.uses_fp ? f->fp : f->sp;
    f->func = start;
    f->cfa = base + p.frame_size;
    *caller = (struct dbg_frame){ .sp = f->cfa, .fp = f->fp };
    if (p.ra_off >= 0) {
        if (!dbg_read_word(sh, DBG_VIRTUAL, base + (uint32_t)p.ra_off, &caller->pc))
            return false;
    } else if (top) {
        caller->pc = f->ra;  /* a leaf, or before ra is saved */
    } else {
        return false;
    }
    if (p.fp_off >= 0 && !dbg_read_word(sh, DBG_VIRTUAL, base + (uint32_t)p.fp_off, &caller->fp))
        return false;
    uint32_t w;
    if (caller->pc == 0 || (caller->pc & 3) || caller->sp < f->sp || (caller->sp & 3) ||
        !dbg_read_word(sh, DBG_VIRTUAL, caller->pc, &w))
        return false;
    if (caller->pc == f->pc && caller->sp == f->sp)
        return false; /* no progress */
    return true;
}

int dbg_cmd_backtrace(struct dbg_shell *sh, char *args)
{
    uint32_t limit = 64;
    if (*args && !dbg_eval(sh, args, &limit))
        return -1;
    struct dbg_frame f, caller;
    dbg_frame_top(sh, &f);
    for (uint32_t depth = 0; depth < limit; depth++) {
        char where[256];
        dbg_format_addr(sh, f.pc, where, sizeof where);
        dbg_printf(sh, "#%-2u %s  sp=0x%08x\n", depth, where, f.sp);
        if (!dbg_frame_caller(sh, &f, depth == 0, &caller))
            break;
        f = caller;
    }
    return 0;
}
