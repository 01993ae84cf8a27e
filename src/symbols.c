/*
 * symbols.c - reads the symbol table (SHT_SYMTAB, else SHT_DYNSYM) of an
 * ELF32 file, or a System.map (`nm` output), and answers the debugger's
 * questions about it (symbols.h).  System V ABI, "ELF Header", "Sections"
 * and "Symbol Table".
 *
 * Only the ELF header, the section headers, the symbol table and its
 * string table are read, so a vmlinux with its debug information costs no
 * more than its symbols.  Every field is decoded byte by byte in the
 * file's byte order, and every offset, size and index is checked against
 * the file and the section it points into, in 64-bit arithmetic: a
 * corrupt file gives one line of explanation, never a read out of bounds.
 */
#include "symbols.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define EHDR_SIZE 52
#define SHDR_SIZE 40
#define SYM_SIZE 16
#define SHT_SYMTAB 2
#define SHT_DYNSYM 11
#define SHN_UNDEF 0
#define SHN_LORESERVE 0xff00u
#define SHN_ABS 0xfff1u
#define SHN_XINDEX 0xffffu
#define STT_NOTYPE 0
#define STT_OBJECT 1
#define STT_FUNC 2
#define STT_SECTION 3
#define STT_FILE 4
#define STB_GLOBAL 1
#define STB_WEAK 2

#define MAX_SYMBOLS (4u << 20)       /* far more than any kernel has */
#define MAX_UNSIZED_SPAN 0x10000u    /* a size-less symbol covers this much */
#define MAX_MAP_BYTES (256u << 20)   /* a System.map is a few MB */

struct symtab {
    char *path;
    char *strings;                   /* the string table, NUL-terminated */
    struct symbol *syms;             /* by address (then preference) */
    size_t nsyms;
    size_t *by_name;                 /* indexes into syms, by name */
};

struct elf_file {
    FILE *f;
    uint64_t size;
    bool big;                        /* ELFDATA2MSB */
};

static uint32_t get16(const struct elf_file *e, const uint8_t *p)
{
    return e->big ? (uint32_t)p[0] << 8 | p[1] : (uint32_t)p[1] << 8 | p[0];
}

static uint32_t get32(const struct elf_file *e, const uint8_t *p)
{
    if (e->big)
        return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
    return (uint32_t)p[3] << 24 | (uint32_t)p[2] << 16 | (uint32_t)p[1] << 8 | p[0];
}

/* Reads len bytes at off, which the caller has checked lie in the file. */
static bool read_at(struct elf_file *e, uint64_t off, void *buf, size_t len)
{
    if (off + len > e->size || fseeko(e->f, (off_t)off, SEEK_SET) != 0)
        return false;
    return fread(buf, 1, len, e->f) == len;
}

struct section {
    uint32_t type, offset, size, link, entsize;
};

static bool read_section(struct elf_file *e, uint64_t shoff, uint32_t shentsize,
                         uint32_t i, struct section *s)
{
    uint8_t h[SHDR_SIZE];
    if (!read_at(e, shoff + (uint64_t)i * shentsize, h, sizeof h))
        return false;
    s->type = get32(e, h + 4);
    s->offset = get32(e, h + 16);
    s->size = get32(e, h + 20);
    s->link = get32(e, h + 24);
    s->entsize = get32(e, h + 36);
    return true;
}

/* Better names first: functions, then globals, then sized ones. */
static int sym_rank(const struct symbol *s)
{
    return (s->type == SYM_FUNC ? 0 : s->type == SYM_OBJECT ? 1 : 2) * 4 +
           (s->global ? 0 : 2) + (s->size ? 0 : 1);
}

static int cmp_addr(const void *a, const void *b)
{
    const struct symbol *x = a, *y = b;
    if (x->addr != y->addr)
        return x->addr < y->addr ? -1 : 1;
    int rx = sym_rank(x), ry = sym_rank(y);
    if (rx != ry)
        return rx - ry;
    return strcmp(x->name, y->name);
}

/* qsort has no context argument: the name index sorts pointers to the
 * symbols' name fields, turned back into indexes afterwards. */
static int cmp_name_ptr(const void *a, const void *b)
{
    const struct symbol *x = *(const struct symbol *const *)a;
    const struct symbol *y = *(const struct symbol *const *)b;
    int c = strcmp(x->name, y->name);
    if (c)
        return c;
    if (x->global != y->global)
        return x->global ? -1 : 1;
    return x < y ? -1 : x > y;
}

static struct symtab *fail(struct elf_file *e, struct symtab *st, char *err, size_t errlen,
                           const char *path, const char *why)
{
    snprintf(err, errlen, "%s: %s", path, why);
    if (e->f)
        fclose(e->f);
    symtab_free(st);
    return NULL;
}

/* The ELF way: the symbol table section and its strings.  NULL, or why
 * the file cannot be used. */
static const char *load_elf(struct elf_file *e, struct symtab *st)
{
    uint8_t h[EHDR_SIZE];
    if (!read_at(e, 0, h, 16))
        return "cannot read the ELF header";
    if (h[4] != 1)
        return "not a 32-bit ELF file";
    if (h[5] != 1 && h[5] != 2)
        return "ELF file of unknown byte order";
    e->big = h[5] == 2;
    if (!read_at(e, 0, h, sizeof h))
        return "truncated ELF header";
    uint32_t shoff = get32(e, h + 32);
    uint32_t shentsize = get16(e, h + 46);
    uint32_t shnum = get16(e, h + 48);
    if (shoff == 0 || shnum == 0)
        return NULL; /* no section headers: no symbols */
    if (shentsize < SHDR_SIZE)
        return "corrupt section header size";
    if ((uint64_t)shoff + (uint64_t)shnum * shentsize > e->size)
        return "section headers lie outside the file";

    /* The full symbol table if there is one, else the dynamic one. */
    struct section sym = { 0 }, str;
    bool found = false;
    for (uint32_t i = 0; i < shnum; i++) {
        struct section s;
        if (!read_section(e, shoff, shentsize, i, &s))
            return "cannot read a section header";
        if (s.type == SHT_SYMTAB || (s.type == SHT_DYNSYM && !found)) {
            sym = s;
            found = true;
        }
    }
    if (!found || sym.size == 0)
        return NULL; /* stripped */
    if (sym.entsize < SYM_SIZE || (uint64_t)sym.offset + sym.size > e->size)
        return "corrupt symbol table";
    if (sym.link >= shnum || !read_section(e, shoff, shentsize, sym.link, &str))
        return "symbol table without a string table";
    if ((uint64_t)str.offset + str.size > e->size || str.size == 0)
        return "corrupt string table";

    st->strings = malloc((size_t)str.size + 1);
    if (!st->strings)
        return "out of memory for the string table";
    if (!read_at(e, str.offset, st->strings, str.size))
        return "cannot read the string table";
    st->strings[str.size] = '\0';

    size_t count = sym.size / sym.entsize;
    if (count > MAX_SYMBOLS)
        return "implausibly many symbols";
    uint8_t *raw = malloc(sym.size);
    st->syms = calloc(count ? count : 1, sizeof *st->syms);
    if (!raw || !st->syms) {
        free(raw);
        return "out of memory for the symbol table";
    }
    if (!read_at(e, sym.offset, raw, sym.size)) {
        free(raw);
        return "cannot read the symbol table";
    }
    for (size_t i = 1; i < count; i++) { /* entry 0 is the null symbol */
        const uint8_t *p = raw + i * sym.entsize;
        uint32_t name = get32(e, p);
        uint32_t info = p[12], shndx = get16(e, p + 14);
        unsigned type = info & 0xf, bind = info >> 4;
        if (name == 0 || name >= str.size || shndx == SHN_UNDEF)
            continue;
        if (type != STT_NOTYPE && type != STT_OBJECT && type != STT_FUNC)
            continue; /* sections, files, TLS... */
        const char *n = st->strings + name;
        if (n[0] == '\0' || n[0] == '$' || (n[0] == '.' && n[1] == 'L'))
            continue; /* local labels and mapping symbols */
        if (shndx >= SHN_LORESERVE && shndx != SHN_ABS && shndx != SHN_XINDEX)
            continue; /* common symbols and the like have no address */
        struct symbol *s = &st->syms[st->nsyms++];
        s->name = n;
        s->addr = get32(e, p + 4);
        s->size = get32(e, p + 8);
        s->type = type == STT_FUNC ? SYM_FUNC : type == STT_OBJECT ? SYM_OBJECT : SYM_NOTYPE;
        s->global = bind == STB_GLOBAL || bind == STB_WEAK;
        s->absolute = shndx == SHN_ABS;
    }
    free(raw);
    return NULL;
}

/* A System.map (or any `nm` listing): "ADDRESS TYPE NAME" lines, 64-bit
 * addresses cut to their low 32 bits as a sign-extended kernel's are. */
static const char *load_map(struct elf_file *e, struct symtab *st)
{
    if (e->size > MAX_MAP_BYTES)
        return "not an ELF file, and too large for a System.map";
    st->strings = malloc((size_t)e->size + 1);
    if (!st->strings)
        return "out of memory";
    if (e->size && !read_at(e, 0, st->strings, (size_t)e->size))
        return "cannot read the file";
    st->strings[e->size] = '\0';
    size_t lines = 1;
    for (size_t i = 0; i < e->size; i++)
        lines += st->strings[i] == '\n';
    if (lines > MAX_SYMBOLS)
        return "implausibly many symbols";
    st->syms = calloc(lines, sizeof *st->syms);
    if (!st->syms)
        return "out of memory for the symbol table";
    size_t bad = 0;
    for (char *line = st->strings, *next; line && *line; line = next) {
        next = strchr(line, '\n');
        if (next)
            *next++ = '\0';
        char *p = line, *end;
        if (!isxdigit((unsigned char)*p)) {
            bad += *p != '\0';
            continue;
        }
        uint64_t addr = strtoull(p, &end, 16);
        p = end;
        if (end - line > 16 || *p != ' ' || !isalpha((unsigned char)p[1]) || p[2] != ' ') {
            bad++;
            continue;
        }
        char type = p[1];
        char *name = p + 3;
        name[strcspn(name, " \t\r")] = '\0';
        if (!*name || strchr("UuVvWw", type))
            continue; /* undefined, or only weakly there */
        struct symbol *s = &st->syms[st->nsyms++];
        s->name = name;
        s->addr = (uint32_t)addr;
        s->type = strchr("Tt", type) ? SYM_FUNC : strchr("DdBbRrGgSs", type) ? SYM_OBJECT : SYM_NOTYPE;
        s->global = isupper((unsigned char)type) != 0;
        s->absolute = type == 'A' || type == 'a';
    }
    if (st->nsyms == 0 && bad)
        return "not an ELF file nor a System.map (ADDRESS TYPE NAME lines)";
    return NULL;
}

/* Sorts the symbols by address and builds the index by name. */
static const char *build_index(struct symtab *st)
{
    if (st->nsyms == 0)
        return NULL;
    qsort(st->syms, st->nsyms, sizeof *st->syms, cmp_addr);
    const struct symbol **order = malloc(st->nsyms * sizeof *order);
    st->by_name = malloc(st->nsyms * sizeof *st->by_name);
    if (!order || !st->by_name) {
        free(order);
        return "out of memory for the symbol index";
    }
    for (size_t i = 0; i < st->nsyms; i++)
        order[i] = &st->syms[i];
    qsort(order, st->nsyms, sizeof *order, cmp_name_ptr);
    for (size_t i = 0; i < st->nsyms; i++)
        st->by_name[i] = (size_t)(order[i] - st->syms);
    free(order);
    return NULL;
}

struct symtab *symtab_load(const char *path, char *err, size_t errlen)
{
    struct elf_file e = { 0 };
    struct symtab *st = calloc(1, sizeof *st);
    if (!st || !(st->path = strdup(path)))
        return fail(&e, st, err, errlen, path, "out of memory");
    e.f = fopen(path, "rb");
    if (!e.f) {
        snprintf(err, errlen, "cannot open '%s': %s", path, strerror(errno));
        symtab_free(st);
        return NULL;
    }
    struct stat sb;
    if (fstat(fileno(e.f), &sb) != 0 || !S_ISREG(sb.st_mode))
        return fail(&e, st, err, errlen, path, "not a regular file");
    e.size = (uint64_t)sb.st_size;
    uint8_t magic[4];
    bool elf = e.size >= 16 && read_at(&e, 0, magic, 4) && memcmp(magic, "\177ELF", 4) == 0;
    const char *why = elf ? load_elf(&e, st) : load_map(&e, st);
    if (!why)
        why = build_index(st);
    if (why)
        return fail(&e, st, err, errlen, path, why);
    fclose(e.f);
    return st;
}

void symtab_free(struct symtab *st)
{
    if (!st)
        return;
    free(st->path);
    free(st->strings);
    free(st->syms);
    free(st->by_name);
    free(st);
}

size_t symtab_count(const struct symtab *st)
{
    return st ? st->nsyms : 0;
}

const char *symtab_path(const struct symtab *st)
{
    return st ? st->path : NULL;
}

/* The first name index whose name is >= key. */
static size_t lower_bound_name(const struct symtab *st, const char *key, size_t keylen)
{
    size_t lo = 0, hi = st->nsyms;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        const char *n = st->syms[st->by_name[mid]].name;
        int c = keylen == (size_t)-1 ? strcmp(n, key) : strncmp(n, key, keylen);
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

const struct symbol *symtab_by_name(const struct symtab *st, const char *name)
{
    if (!st || st->nsyms == 0)
        return NULL;
    size_t i = lower_bound_name(st, name, (size_t)-1);
    if (i < st->nsyms && strcmp(st->syms[st->by_name[i]].name, name) == 0)
        return &st->syms[st->by_name[i]]; /* globals sort first */
    return NULL;
}

const struct symbol *symtab_by_addr(const struct symtab *st, uint32_t addr,
                                    uint32_t *offset)
{
    if (!st || st->nsyms == 0)
        return NULL;
    /* The last symbol with address <= addr. */
    size_t lo = 0, hi = st->nsyms;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (st->syms[mid].addr <= addr)
            lo = mid + 1;
        else
            hi = mid;
    }
    /* Walk back, a group of equal addresses at a time (best ranked
     * first).  A size-less symbol only covers up to the next symbol, so
     * only the nearest group may answer with one; a sized symbol further
     * down may still enclose addr (a function around its local labels). */
    unsigned groups = 0;
    for (size_t i = lo; i-- > 0 && groups < 16;) {
        size_t j = i;
        while (j > 0 && st->syms[j - 1].addr == st->syms[i].addr)
            j--;
        bool any = false;
        for (size_t k = j; k <= i; k++) {
            const struct symbol *c = &st->syms[k];
            if (c->absolute)
                continue;
            any = true;
            uint32_t off = addr - c->addr;
            if (c->size ? off < c->size : groups == 0 && off < MAX_UNSIZED_SPAN) {
                if (offset)
                    *offset = off;
                return c;
            }
        }
        if (any)
            groups++;
        i = j;
    }
    return NULL;
}

size_t symtab_format(const struct symtab *st, uint32_t addr, char *buf, size_t len)
{
    uint32_t off;
    const struct symbol *s = symtab_by_addr(st, addr, &off);
    int n;
    if (!s)
        n = snprintf(buf, len, "%s", "");
    else if (off)
        n = snprintf(buf, len, "%s+0x%x", s->name, off);
    else
        n = snprintf(buf, len, "%s", s->name);
    return n < 0 ? 0 : (size_t)n < len ? (size_t)n : len ? len - 1 : 0;
}

size_t symtab_prefix(const struct symtab *st, const char *prefix, size_t *first)
{
    *first = 0;
    if (!st || st->nsyms == 0)
        return 0;
    size_t plen = strlen(prefix);
    size_t lo = lower_bound_name(st, prefix, plen);
    size_t hi = lo;
    while (hi < st->nsyms && strncmp(st->syms[st->by_name[hi]].name, prefix, plen) == 0)
        hi++;
    *first = lo;
    return hi - lo;
}

const char *symtab_name_at(const struct symtab *st, size_t i)
{
    if (!st || i >= st->nsyms)
        return NULL;
    return st->syms[st->by_name[i]].name;
}
