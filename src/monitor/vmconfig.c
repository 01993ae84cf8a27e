/*
 * vmconfig.c - reads a machine configuration file (--config FILE): the
 * virtual machines the monitor runs and the monitor's own settings, in a
 * small line-oriented INI-like format (docs/monitor-config.md).  Every VM
 * starts as a copy of what the command line gave and overrides what its
 * section says; relative paths are taken from the file's own directory,
 * so a configuration and its guest images can move together.
 *
 * The reader is strict: anything it does not understand (a section, a
 * key, a number, a boolean) is refused with "FILE:LINE: what is wrong"
 * rather than ignored, and a refused file leaves nothing allocated and
 * nothing changed in the caller's settings.
 */
#include "monitor/vmconfig.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/types.h>

#include "dev/malta.h"
#include "exitcode.h"
#include "machine.h"

#define LINE_MAX_CHARS 4096          /* longest line accepted, newline excluded */
#define L2TLB_ENTRIES_MAX (1u << 20)
#define MB (1u << 20)

enum section { SEC_NONE, SEC_MACHINE, SEC_VM };

/* Everything a load works on; nothing reaches the caller until it succeeds. */
struct parser {
    const char *path;
    char *dir;                   /* the file's directory; NULL: no '/' in path */
    unsigned line;
    char *err;
    size_t errlen;
    const struct vm_config *defaults;  /* every VM starts as a copy */
    struct vm_config *vms;
    unsigned nvms;
    struct vmm_file_settings set;  /* a working copy of the caller's */
    bool cost_set;                 /* set.cost is ours to free */
    enum section section;
    uint32_t seen;                 /* keys already given in this section, one bit each */
};

/* ---- messages ------------------------------------------------------------- */

__attribute__((format(printf, 3, 4)))
static void put_err(char *err, size_t errlen, const char *fmt, ...)
{
    if (!err || errlen == 0)
        return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err, errlen, fmt, ap);
    va_end(ap);
}

/* "PATH:LINE: message"; returns DISCO_EXIT_USAGE. */
__attribute__((format(printf, 2, 3)))
static int fail(struct parser *p, const char *fmt, ...)
{
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    put_err(p->err, p->errlen, "%s:%u: %s", p->path, p->line, msg);
    return DISCO_EXIT_USAGE;
}

static int out_of_memory(struct parser *p)
{
    put_err(p->err, p->errlen, "%s:%u: out of memory", p->path, p->line);
    return DISCO_EXIT_INTERNAL;
}

/* ---- small helpers -------------------------------------------------------- */

static bool is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v';
}

/* Trims s in place; returns the first non-blank character. */
static char *trim(char *s)
{
    while (is_space(*s))
        s++;
    size_t n = strlen(s);
    while (n > 0 && is_space(s[n - 1]))
        s[--n] = '\0';
    return s;
}

static bool valid_name(const char *s)
{
    size_t n = strlen(s);
    if (n == 0 || n >= VM_NAME_MAX)
        return false;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
              (c >= '0' && c <= '9') || c == '_' || c == '-'))
            return false;
    }
    return true;
}

/* Decimal, or hexadecimal after 0x; no sign, no blanks, no octal. */
static bool parse_u64(const char *s, uint64_t *out)
{
    int base = 10;
    if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
        base = 16;
        s += 2;
    }
    uint64_t v = 0;
    if (!*s)
        return false;
    for (; *s; s++) {
        unsigned d;
        if (*s >= '0' && *s <= '9')
            d = (unsigned)(*s - '0');
        else if (base == 16 && *s >= 'a' && *s <= 'f')
            d = (unsigned)(*s - 'a' + 10);
        else if (base == 16 && *s >= 'A' && *s <= 'F')
            d = (unsigned)(*s - 'A' + 10);
        else
            return false;
        if (v > (UINT64_MAX - d) / (uint64_t)base)
            return false;
        v = v * (uint64_t)base + d;
    }
    *out = v;
    return true;
}

static bool parse_bool(const char *s, bool *out)
{
    static const char *const yes[] = { "on", "yes", "true", "1" };
    static const char *const no[] = { "off", "no", "false", "0" };
    for (size_t i = 0; i < sizeof yes / sizeof yes[0]; i++) {
        if (strcasecmp(s, yes[i]) == 0) {
            *out = true;
            return true;
        }
        if (strcasecmp(s, no[i]) == 0) {
            *out = false;
            return true;
        }
    }
    return false;
}

/* A copy of a file name, relative to the configuration's directory unless
 * it is absolute.  NULL when out of memory. */
static char *resolve(const struct parser *p, const char *name)
{
    if (name[0] == '/' || !p->dir)
        return strdup(name);
    size_t d = strlen(p->dir), n = strlen(name);
    bool slash = d > 0 && p->dir[d - 1] == '/';
    char *s = malloc(d + !slash + n + 1);
    if (!s)
        return NULL;
    memcpy(s, p->dir, d);
    if (!slash)
        s[d++] = '/';
    memcpy(s + d, name, n + 1);
    return s;
}

/* Replaces an owned string; false when out of memory. */
static bool set_string(char **field, char *value)
{
    if (!value)
        return false;
    free(*field);
    *field = value;
    return true;
}

/* ---- keys ----------------------------------------------------------------- */

typedef int key_fn(struct parser *p, const char *value);

static struct vm_config *cur_vm(struct parser *p)
{
    return &p->vms[p->nvms - 1];
}

static int number_in(struct parser *p, const char *key, const char *v,
                     uint64_t lo, uint64_t hi, uint64_t *out)
{
    if (!parse_u64(v, out))
        return fail(p, "%s: '%s' is not a number", key, v);
    if (*out < lo || *out > hi)
        return fail(p, "%s: %s is out of range (%llu to %llu)", key, v,
                    (unsigned long long)lo, (unsigned long long)hi);
    return 0;
}

static int key_cpus(struct parser *p, const char *v)
{
    uint64_t n;
    int st = number_in(p, "cpus", v, 1, MACHINE_MAX_CPUS, &n);
    if (st == 0)
        p->set.pcpus = (unsigned)n;
    return st;
}

static int key_l2tlb(struct parser *p, const char *v)
{
    if (!parse_bool(v, &p->set.l2tlb))
        return fail(p, "l2tlb: '%s' is not on, off, yes, no, true, false, 1 or 0", v);
    return 0;
}

static int key_l2tlb_entries(struct parser *p, const char *v)
{
    uint64_t n;
    int st = number_in(p, "l2tlb-entries", v, 0, L2TLB_ENTRIES_MAX, &n);
    if (st == 0)
        p->set.l2tlb_entries = (unsigned)n;
    return st;
}

/* Kept as written; the cost model checks it when it is built. */
static int key_monitor_cost(struct parser *p, const char *v)
{
    char *s = strdup(v);
    if (!s)
        return out_of_memory(p);
    if (p->cost_set)
        free(p->set.cost);
    p->set.cost = s;
    p->cost_set = true;
    return 0;
}

static int key_memory(struct parser *p, const char *v)
{
    uint32_t bytes;
    if (!vmconfig_parse_size(v, &bytes))
        return fail(p, "memory: '%s' is not a size (a whole number of MB, "
                    "e.g. 64, 64M, 65536K)", v);
    if (bytes < MB || bytes > MALTA_RAM_MAX)
        return fail(p, "memory: '%s' is out of range (1 MB to %u MB)", v,
                    MALTA_RAM_MAX / MB);
    cur_vm(p)->ram_size = bytes;
    return 0;
}

static int key_vcpus(struct parser *p, const char *v)
{
    uint64_t n;
    int st = number_in(p, "vcpus", v, 1, VMM_MAX_VCPUS_PER_VM, &n);
    if (st == 0)
        cur_vm(p)->vcpus = (unsigned)n;
    return st;
}

/* kernel and initrd: an empty value takes away what the defaults gave. */
static int file_key(struct parser *p, char **field, const char *v)
{
    if (!*v) {
        free(*field);
        *field = NULL;
        return 0;
    }
    return set_string(field, resolve(p, v)) ? 0 : out_of_memory(p);
}

static int key_kernel(struct parser *p, const char *v)
{
    return file_key(p, &cur_vm(p)->kernel, v);
}

static int key_initrd(struct parser *p, const char *v)
{
    return file_key(p, &cur_vm(p)->initrd, v);
}

static int key_append(struct parser *p, const char *v)
{
    return set_string(&cur_vm(p)->append, strdup(v)) ? 0 : out_of_memory(p);
}

static int key_serial(struct parser *p, const char *v)
{
    char *s;
    if (strcmp(v, "stdio") == 0 || strcmp(v, "null") == 0 || strcmp(v, "none") == 0) {
        s = strdup(v);
    } else if (strncmp(v, "file:", 5) == 0 && v[5]) {
        char *f = resolve(p, v + 5);
        if (!f)
            return out_of_memory(p);
        s = malloc(5 + strlen(f) + 1);
        if (s) {
            memcpy(s, "file:", 5);
            strcpy(s + 5, f);
        }
        free(f);
    } else {
        return fail(p, "serial: unsupported '%s' (stdio, null, none or file:PATH)", v);
    }
    return set_string(&cur_vm(p)->serial, s) ? 0 : out_of_memory(p);
}

static int key_max_insns(struct parser *p, const char *v)
{
    uint64_t n;
    if (!parse_u64(v, &n))
        return fail(p, "max-insns: '%s' is not a number", v);
    cur_vm(p)->max_insns = n;
    return 0;
}

struct key_def {
    enum section section;
    const char *name;
    key_fn *apply;
};

static const struct key_def keys[] = {
    { SEC_MACHINE, "cpus", key_cpus },
    { SEC_MACHINE, "l2tlb", key_l2tlb },
    { SEC_MACHINE, "l2tlb-entries", key_l2tlb_entries },
    { SEC_MACHINE, "monitor-cost", key_monitor_cost },
    { SEC_VM, "memory", key_memory },
    { SEC_VM, "vcpus", key_vcpus },
    { SEC_VM, "kernel", key_kernel },
    { SEC_VM, "initrd", key_initrd },
    { SEC_VM, "append", key_append },
    { SEC_VM, "serial", key_serial },
    { SEC_VM, "max-insns", key_max_insns },
};

/* ---- lines ---------------------------------------------------------------- */

/* "[machine]" or "[vm NAME]", for messages. */
static void section_label(struct parser *p, char *buf, size_t n)
{
    if (p->section == SEC_MACHINE)
        snprintf(buf, n, "[machine]");
    else
        snprintf(buf, n, "[vm %s]", cur_vm(p)->name);
}

/* "[machine]", "[vm]" or "[vm NAME]"; s is the trimmed line. */
static int header(struct parser *p, char *s)
{
    char *close = strchr(s, ']');
    if (!close)
        return fail(p, "section header without ']'");
    if (*trim(close + 1))
        return fail(p, "text after the section header's ']'");
    *close = '\0';
    char *inner = trim(s + 1);

    if (strcmp(inner, "machine") == 0) {
        p->section = SEC_MACHINE;
        p->seen = 0;
        return 0;
    }
    if (strncmp(inner, "vm", 2) != 0 || (inner[2] && !is_space(inner[2])))
        return fail(p, "unknown section [%s] (machine or vm)", inner);

    char *name = trim(inner + 2);
    char autoname[VM_NAME_MAX];
    if (!*name) {
        snprintf(autoname, sizeof autoname, "vm%u", p->nvms);
        name = autoname;
    } else if (!valid_name(name)) {
        return fail(p, "invalid VM name '%s' (1 to %d of A-Z a-z 0-9 _ -)",
                    name, VM_NAME_MAX - 1);
    }
    for (unsigned i = 0; i < p->nvms; i++)
        if (strcmp(p->vms[i].name, name) == 0)
            return fail(p, "duplicate VM name '%s'", name);
    if (p->nvms == VMM_MAX_VMS)
        return fail(p, "more than %d VMs", VMM_MAX_VMS);

    struct vm_config *vm = &p->vms[p->nvms];
    if (!vm_config_copy(vm, p->defaults))
        return out_of_memory(p);
    snprintf(vm->name, sizeof vm->name, "%s", name);
    p->nvms++;
    p->section = SEC_VM;
    p->seen = 0;
    return 0;
}

/* Strips one pair of enclosing double quotes; false for an opening quote
 * that is never closed. */
static bool unquote(char **v)
{
    size_t n = strlen(*v);
    if (n == 0 || (*v)[0] != '"')
        return true;
    if (n < 2 || (*v)[n - 1] != '"')
        return false;
    (*v)[n - 1] = '\0';
    (*v)++;
    return true;
}

static int assignment(struct parser *p, char *s)
{
    char *eq = strchr(s, '=');
    if (!eq)
        return fail(p, "expected 'key = value' or a [section]");
    *eq = '\0';
    char *key = trim(s);
    char *value = trim(eq + 1);
    if (!*key)
        return fail(p, "missing key before '='");
    if (p->section == SEC_NONE)
        return fail(p, "'%s' outside a section ([machine] or [vm])", key);
    if (!unquote(&value))
        return fail(p, "%s: unterminated quote", key);

    char where[VM_NAME_MAX + 8];
    section_label(p, where, sizeof where);
    for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++) {
        if (keys[i].section != p->section || strcmp(keys[i].name, key) != 0)
            continue;
        if (p->seen & (1u << i))
            return fail(p, "'%s' given twice in %s", key, where);
        p->seen |= 1u << i;
        return keys[i].apply(p, value);
    }
    return fail(p, "unknown key '%s' in %s", key, where);
}

static int parse_line(struct parser *p, char *line)
{
    char *s = trim(line);
    if (!*s || *s == '#' || *s == ';')
        return 0;
    if (*s == '[')
        return header(p, s);
    return assignment(p, s);
}

/* ---- the file ------------------------------------------------------------- */

static char *dir_of(const char *path)
{
    const char *slash = strrchr(path, '/');
    if (!slash)
        return NULL;
    size_t n = slash == path ? 1 : (size_t)(slash - path);  /* "/x.cfg" -> "/" */
    return strndup(path, n);
}

static void discard(struct parser *p)
{
    for (unsigned i = 0; i < p->nvms; i++)
        vm_config_free(&p->vms[i]);
    p->nvms = 0;
    if (p->cost_set)
        free(p->set.cost);
    p->cost_set = false;
}

static int parse_file(struct parser *p, FILE *f)
{
    char *line = NULL;
    size_t cap = 0;
    ssize_t len;
    int st = 0;
    errno = 0;
    while (st == 0 && (len = getline(&line, &cap, f)) >= 0) {
        p->line++;
        size_t n = (size_t)len;
        if (n > 0 && line[n - 1] == '\n')
            line[--n] = '\0';
        if (n > 0 && line[n - 1] == '\r')
            line[--n] = '\0';
        if (n > LINE_MAX_CHARS)
            st = fail(p, "line longer than %d characters", LINE_MAX_CHARS);
        else if (strlen(line) != n)
            st = fail(p, "NUL byte in the line");
        else
            st = parse_line(p, line);
        errno = 0;
    }
    if (st == 0 && ferror(f)) {
        int e = errno ? errno : EIO;
        put_err(p->err, p->errlen, "cannot read '%s': %s", p->path, strerror(e));
        st = DISCO_EXIT_NO_INPUT;
    }
    free(line);
    return st;
}

int vmconfig_load(const char *path, const struct vm_config *defaults,
                  struct vm_config vms[VMM_MAX_VMS], unsigned *nvms,
                  struct vmm_file_settings *settings, char *err, size_t errlen)
{
    *nvms = 0;
    if (err && errlen)
        err[0] = '\0';
    struct parser p = {
        .path = path, .err = err, .errlen = errlen,
        .defaults = defaults, .vms = vms, .set = *settings,
    };

    FILE *f = fopen(path, "r");
    if (!f) {
        put_err(err, errlen, "cannot read '%s': %s", path, strerror(errno));
        return DISCO_EXIT_NO_INPUT;
    }
    if (strchr(path, '/') && !(p.dir = dir_of(path))) {
        fclose(f);
        put_err(err, errlen, "%s: out of memory", path);
        return DISCO_EXIT_INTERNAL;
    }
    int st = parse_file(&p, f);
    fclose(f);
    if (st == 0 && p.nvms == 0) {
        put_err(err, errlen, "%s: no [vm] section", path);
        st = DISCO_EXIT_USAGE;
    }
    free(p.dir);
    if (st != 0) {
        discard(&p);
        return st;
    }
    if (p.cost_set && settings->cost != p.set.cost)
        free(settings->cost);
    *settings = p.set;
    *nvms = p.nvms;
    return 0;
}

/* ---- vm_config ------------------------------------------------------------ */

static bool dup_field(char **dst, const char *src)
{
    *dst = NULL;
    if (!src)
        return true;
    *dst = strdup(src);
    return *dst != NULL;
}

bool vm_config_copy(struct vm_config *dst, const struct vm_config *src)
{
    struct vm_config c = *src;
    if (!dup_field(&c.kernel, src->kernel) || !dup_field(&c.initrd, src->initrd) ||
        !dup_field(&c.append, src->append) || !dup_field(&c.serial, src->serial)) {
        vm_config_free(&c);
        return false;
    }
    *dst = c;
    return true;
}

void vm_config_free(struct vm_config *c)
{
    free(c->kernel);
    free(c->initrd);
    free(c->append);
    free(c->serial);
    c->kernel = c->initrd = c->append = c->serial = NULL;
}

/* ---- sizes ---------------------------------------------------------------- */

bool vmconfig_parse_size(const char *s, uint32_t *bytes)
{
    uint64_t v = 0;
    const char *d = s;
    for (; *d >= '0' && *d <= '9'; d++) {
        if (v > (UINT64_MAX - 9) / 10)
            return false;
        v = v * 10 + (uint64_t)(*d - '0');
    }
    if (d == s)
        return false;  /* no digits: empty, a sign, a blank, garbage */
    uint64_t scale = MB;
    switch (*d) {
    case '\0': break;
    case 'k': case 'K': scale = 1u << 10; d++; break;
    case 'm': case 'M': scale = MB; d++; break;
    case 'g': case 'G': scale = 1u << 30; d++; break;
    default: return false;
    }
    if (*d || v == 0 || v > UINT32_MAX / scale)
        return false;
    v *= scale;
    if (v % MB)
        return false;
    *bytes = (uint32_t)v;
    return true;
}
