/*
 * test_vmconfig.c - the machine configuration file reader
 * (src/monitor/vmconfig.c): a complete file read back field by field;
 * VMs inheriting the command line's defaults and overriding them; paths
 * taken from the file's directory; quoted values, comments, blanks and
 * CRLF; then every kind of mistake, each refused with the right status,
 * "FILE:LINE:" and a message that says what is wrong, leaving the
 * caller's settings untouched; and memory sizes on their own.
 *
 * Configuration files are written with mkstemp in /tmp and removed.
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "unit.h"

#include "exitcode.h"
#include "monitor/vmconfig.h"

#define MB (1u << 20)

/* ---- a load, with what the command line would have given ----------------- */

struct run {
    char path[PATH_MAX];
    char err[512];
    int status;
    struct vm_config defaults;
    struct vm_config vms[VMM_MAX_VMS];
    unsigned nvms;
    struct vmm_file_settings set;
    char *cost_before;          /* the settings' cost before the load */
};

static void write_file(const char *path, const char *text, size_t len)
{
    FILE *f = fopen(path, "wb");
    ck_assert_ptr_nonnull(f);
    ck_assert_uint_eq(fwrite(text, 1, len, f), len);
    ck_assert_int_eq(fclose(f), 0);
}

static void run_init(struct run *r)
{
    memset(r, 0, sizeof *r);
    snprintf(r->defaults.name, sizeof r->defaults.name, "cmdline");
    r->defaults.ram_size = 64 * MB;
    r->defaults.vcpus = 1;
    r->defaults.kernel = strdup("/img/default.elf");
    r->defaults.initrd = strdup("/img/default.cpio");
    r->defaults.append = strdup("console=ttyS0");
    r->defaults.serial = strdup("stdio");
    r->defaults.max_insns = 0;
    r->set.pcpus = 1;
    r->set.l2tlb = true;
    r->set.l2tlb_entries = 1024;
    r->set.cost = strdup("trap=1");
    r->cost_before = r->set.cost;
    r->nvms = 12345;            /* must be overwritten */
}

/* Loads bytes already in r->path. */
static int run_load(struct run *r)
{
    r->err[0] = 'X';
    r->err[1] = '\0';
    r->status = vmconfig_load(r->path, &r->defaults, r->vms, &r->nvms,
                              &r->set, r->err, sizeof r->err);
    return r->status;
}

/* Writes len bytes of text to a fresh /tmp file and loads it. */
static int run_bytes(struct run *r, const char *text, size_t len)
{
    run_init(r);
    snprintf(r->path, sizeof r->path, "/tmp/disco-vmconfig-XXXXXX");
    int fd = mkstemp(r->path);
    ck_assert_int_ge(fd, 0);
    close(fd);
    write_file(r->path, text, len);
    return run_load(r);
}

static int run_text(struct run *r, const char *text)
{
    return run_bytes(r, text, strlen(text));
}

static void run_done(struct run *r)
{
    if (r->status == 0) {
        for (unsigned i = 0; i < r->nvms; i++)
            vm_config_free(&r->vms[i]);
    }
    vm_config_free(&r->defaults);
    free(r->set.cost);
    if (r->path[0])
        unlink(r->path);
}

static const struct vm_config *vm(struct run *r, unsigned i)
{
    ck_assert_uint_lt(i, r->nvms);
    return &r->vms[i];
}

/* The message is "PATH:LINE: ..." and contains what. */
static void check_error(struct run *r, unsigned line, const char *what)
{
    char prefix[PATH_MAX + 32];
    snprintf(prefix, sizeof prefix, "%s:%u: ", r->path, line);
    ck_assert_msg(strncmp(r->err, prefix, strlen(prefix)) == 0,
                  "message \"%s\" does not start with \"%s\"", r->err, prefix);
    ck_assert_msg(strstr(r->err, what) != NULL,
                  "message \"%s\" does not say \"%s\"", r->err, what);
    ck_assert_ptr_null(strchr(r->err, '\n'));
}

/* A refused file: nothing returned, the caller's settings as they were. */
static void check_untouched(struct run *r)
{
    ck_assert_uint_eq(r->nvms, 0);
    ck_assert_uint_eq(r->set.pcpus, 1);
    ck_assert(r->set.l2tlb);
    ck_assert_uint_eq(r->set.l2tlb_entries, 1024);
    ck_assert_ptr_eq(r->set.cost, r->cost_before);
    ck_assert_str_eq(r->set.cost, "trap=1");
}

/* ---- good files ------------------------------------------------------------ */

START_TEST(test_full_file)
{
    struct run r;
    ck_assert_int_eq(run_text(&r,
        "# a two-VM machine\n"
        "; another comment style\n"
        "\n"
        "[machine]\n"
        "cpus = 2\n"
        "l2tlb = off\n"
        "l2tlb-entries = 4096\n"
        "monitor-cost = trap=40,tlb-write=60\n"
        "\n"
        "[vm web]\n"
        "memory = 128M\n"
        "vcpus = 2\n"
        "kernel = /boot/guest.elf\n"
        "initrd = /boot/initrd.gz\n"
        "append = console=ttyS0 quiet\n"
        "serial = file:/var/log/web.log\n"
        "max-insns = 1000000\n"
        "\n"
        "[vm db]\n"
        "memory = 32\n"
        "serial = null\n"
        "max-insns = 0x10\n"), 0);
    ck_assert_str_eq(r.err, "");  /* emptied, no message on success */
    ck_assert_uint_eq(r.set.pcpus, 2);
    ck_assert(!r.set.l2tlb);
    ck_assert_uint_eq(r.set.l2tlb_entries, 4096);
    ck_assert_str_eq(r.set.cost, "trap=40,tlb-write=60");
    ck_assert_uint_eq(r.nvms, 2);

    const struct vm_config *w = vm(&r, 0);
    ck_assert_str_eq(w->name, "web");
    ck_assert_uint_eq(w->ram_size, 128 * MB);
    ck_assert_uint_eq(w->vcpus, 2);
    ck_assert_str_eq(w->kernel, "/boot/guest.elf");
    ck_assert_str_eq(w->initrd, "/boot/initrd.gz");
    ck_assert_str_eq(w->append, "console=ttyS0 quiet");
    ck_assert_str_eq(w->serial, "file:/var/log/web.log");
    ck_assert_uint_eq(w->max_insns, 1000000);

    const struct vm_config *d = vm(&r, 1);
    ck_assert_str_eq(d->name, "db");
    ck_assert_uint_eq(d->ram_size, 32 * MB);
    ck_assert_uint_eq(d->vcpus, 1);
    ck_assert_str_eq(d->serial, "null");
    ck_assert_uint_eq(d->max_insns, 16);
    run_done(&r);
}
END_TEST

START_TEST(test_defaults_inherited_and_overridden)
{
    struct run r;
    ck_assert_int_eq(run_text(&r,
        "[vm]\n"
        "[vm db]\n"
        "memory = 16M\n"
        "append =\n"
        "initrd =\n"
        "[vm]\n"
        "vcpus = 4\n"
        "serial = none\n"), 0);
    ck_assert_uint_eq(r.nvms, 3);
    /* No [machine]: the caller's settings stay, cost pointer included. */
    ck_assert_uint_eq(r.set.pcpus, 1);
    ck_assert(r.set.l2tlb);
    ck_assert_uint_eq(r.set.l2tlb_entries, 1024);
    ck_assert_ptr_eq(r.set.cost, r.cost_before);

    const struct vm_config *a = vm(&r, 0);
    ck_assert_str_eq(a->name, "vm0");
    ck_assert_uint_eq(a->ram_size, 64 * MB);
    ck_assert_uint_eq(a->vcpus, 1);
    ck_assert_str_eq(a->kernel, "/img/default.elf");
    ck_assert_str_eq(a->initrd, "/img/default.cpio");
    ck_assert_str_eq(a->append, "console=ttyS0");
    ck_assert_str_eq(a->serial, "stdio");
    ck_assert_uint_eq(a->max_insns, 0);
    /* Copies, not the defaults' own strings. */
    ck_assert_ptr_ne(a->kernel, r.defaults.kernel);
    ck_assert_ptr_ne(a->append, r.defaults.append);
    ck_assert_ptr_ne(a->serial, r.defaults.serial);

    const struct vm_config *b = vm(&r, 1);
    ck_assert_str_eq(b->name, "db");
    ck_assert_uint_eq(b->ram_size, 16 * MB);
    ck_assert_str_eq(b->kernel, "/img/default.elf");
    ck_assert_ptr_null(b->initrd);   /* an empty initrd takes it away */
    ck_assert_str_eq(b->append, ""); /* an empty append is an empty line */

    const struct vm_config *c = vm(&r, 2);
    ck_assert_str_eq(c->name, "vm2");  /* named after its index */
    ck_assert_uint_eq(c->vcpus, 4);
    ck_assert_str_eq(c->serial, "none");
    ck_assert_str_eq(c->initrd, "/img/default.cpio");

    /* The defaults themselves are unchanged. */
    ck_assert_str_eq(r.defaults.append, "console=ttyS0");
    ck_assert_str_eq(r.defaults.initrd, "/img/default.cpio");
    run_done(&r);
}
END_TEST

START_TEST(test_null_defaults_and_settings_replaced)
{
    struct run r;
    run_init(&r);
    vm_config_free(&r.defaults);    /* a command line without -kernel etc. */
    snprintf(r.path, sizeof r.path, "/tmp/disco-vmconfig-XXXXXX");
    int fd = mkstemp(r.path);
    ck_assert_int_ge(fd, 0);
    close(fd);
    const char *text =
        "[machine]\ncpus = 8\nl2tlb-entries = 0\nmonitor-cost = trap=7\n"
        "[machine]\nl2tlb = no\nmonitor-cost = trap=9\n"
        "[vm]\n";
    write_file(r.path, text, strlen(text));
    ck_assert_int_eq(run_load(&r), 0);
    ck_assert_uint_eq(r.nvms, 1);
    ck_assert_ptr_null(r.vms[0].kernel);
    ck_assert_ptr_null(r.vms[0].initrd);
    ck_assert_ptr_null(r.vms[0].append);
    ck_assert_ptr_null(r.vms[0].serial);
    ck_assert_uint_eq(r.set.pcpus, 8);
    ck_assert_uint_eq(r.set.l2tlb_entries, 0);
    ck_assert(!r.set.l2tlb);
    ck_assert_str_eq(r.set.cost, "trap=9");  /* the old one freed (ASan/valgrind) */
    run_done(&r);
}
END_TEST

START_TEST(test_booleans)
{
    static const struct { const char *s; bool v; } cases[] = {
        { "on", true }, { "off", false }, { "yes", true }, { "no", false },
        { "true", true }, { "false", false }, { "1", true }, { "0", false },
        { "ON", true }, { "False", false }, { "\"off\"", false },
    };
    for (unsigned i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct run r;
        char text[128];
        snprintf(text, sizeof text, "[machine]\nl2tlb = %s\n[vm]\n", cases[i].s);
        ck_assert_msg(run_text(&r, text) == 0, "'%s': %s", cases[i].s, r.err);
        ck_assert_msg(r.set.l2tlb == cases[i].v, "'%s'", cases[i].s);
        run_done(&r);
    }
}
END_TEST

START_TEST(test_limits_accepted)
{
    struct run r;
    ck_assert_int_eq(run_text(&r,
        "[machine]\ncpus = 1\nl2tlb-entries = 1048576\n"
        "[vm a]\nmemory = 1\nvcpus = 8\nmax-insns = 0xffffffffffffffff\n"
        "[vm b]\nmemory = 256M\n"
        "[vm c]\nmemory = 1024K\n"
        "[vm "
        "abcdefghijklmnopqrstuvwxyzAB-_9]\n"), 0);
    ck_assert_uint_eq(r.set.l2tlb_entries, 1048576);
    ck_assert_uint_eq(vm(&r, 0)->ram_size, MB);
    ck_assert_uint_eq(vm(&r, 0)->vcpus, 8);
    ck_assert_uint_eq(vm(&r, 0)->max_insns, UINT64_MAX);
    ck_assert_uint_eq(vm(&r, 1)->ram_size, 256 * MB);
    ck_assert_uint_eq(vm(&r, 2)->ram_size, MB);
    ck_assert_str_eq(vm(&r, 3)->name, "abcdefghijklmnopqrstuvwxyzAB-_9");
    run_done(&r);
}
END_TEST

START_TEST(test_sixteen_vms)
{
    char text[VMM_MAX_VMS * 8 + 1] = "";
    for (int i = 0; i < VMM_MAX_VMS; i++)
        strcat(text, "[vm]\n");
    struct run r;
    ck_assert_int_eq(run_text(&r, text), 0);
    ck_assert_uint_eq(r.nvms, VMM_MAX_VMS);
    ck_assert_str_eq(vm(&r, VMM_MAX_VMS - 1)->name, "vm15");
    run_done(&r);
}
END_TEST

START_TEST(test_layout_and_quotes)
{
    struct run r;
    ck_assert_int_eq(run_text(&r,
        "   # indented comment\r\n"
        "\t; indented comment\r\n"
        "   \t \r\n"
        "  [  vm \t web  ]  \r\n"
        "\tappend\t=   \"  keep  these  \"   \r\n"
        "kernel=\"my kernel.elf\"\r\n"
        "initrd   =   a\"b\"c\r\n"
        "serial = \"file:out put.log\"\r\n"
        "[vm q]\n"
        "append = \"\"\n"
        "memory = \"32\"\n"
        "[vm r]\n"
        "append = \"a # b\" ; \"c\"\n"
        "[vm s]\n"
        "append = root=/dev/sda # not a comment\n"
        "[vm t]\n"
        "append = \"\"\"\n"
        "[vm u]\n"
        "append = =x=y=\n"), 0);
    ck_assert_uint_eq(r.nvms, 6);
    ck_assert_str_eq(vm(&r, 0)->name, "web");
    ck_assert_str_eq(vm(&r, 0)->append, "  keep  these  ");
    ck_assert_str_eq(vm(&r, 0)->kernel, "/tmp/my kernel.elf");
    ck_assert_str_eq(vm(&r, 0)->initrd, "/tmp/a\"b\"c");
    ck_assert_str_eq(vm(&r, 0)->serial, "file:/tmp/out put.log");
    ck_assert_str_eq(vm(&r, 1)->append, "");
    ck_assert_uint_eq(vm(&r, 1)->ram_size, 32 * MB);
    /* Only one enclosing pair is removed; nothing inside is a comment. */
    ck_assert_str_eq(vm(&r, 2)->append, "a # b\" ; \"c");
    ck_assert_str_eq(vm(&r, 3)->append, "root=/dev/sda # not a comment");
    ck_assert_str_eq(vm(&r, 4)->append, "\"");
    ck_assert_str_eq(vm(&r, 5)->append, "=x=y=");
    run_done(&r);
}
END_TEST

START_TEST(test_longest_line)
{
    /* A line of exactly 4096 characters is read... */
    enum { N = 4096 };
    static const char key[] = "append = ";
    char line[N + 2];
    memcpy(line, key, sizeof key - 1);
    memset(line + sizeof key - 1, 'x', N - (sizeof key - 1));
    line[N] = '\0';
    char text[N + 64];
    snprintf(text, sizeof text, "[vm]\n%s\n", line);
    struct run r;
    ck_assert_int_eq(run_text(&r, text), 0);
    ck_assert_uint_eq(strlen(vm(&r, 0)->append), N - (sizeof key - 1));
    run_done(&r);

    /* ...one more is refused, with its line number. */
    snprintf(text, sizeof text, "[vm]\n %s\n", line);
    ck_assert_int_eq(run_text(&r, text), DISCO_EXIT_USAGE);
    check_error(&r, 2, "longer than 4096");
    check_untouched(&r);
    run_done(&r);
}
END_TEST

/* ---- paths ----------------------------------------------------------------- */

START_TEST(test_paths_from_the_file_directory)
{
    char dir[] = "/tmp/disco-vmconfig-dir-XXXXXX";
    ck_assert_ptr_nonnull(mkdtemp(dir));
    char sub[sizeof dir + 8];
    snprintf(sub, sizeof sub, "%s/conf", dir);
    ck_assert_int_eq(mkdir(sub, 0700), 0);

    struct run r;
    run_init(&r);
    snprintf(r.path, sizeof r.path, "%s/machine.cfg", sub);
    const char *text =
        "[vm a]\n"
        "kernel = guest.elf\n"
        "initrd = ../images/initrd.gz\n"
        "serial = file:logs/a.log\n"
        "[vm b]\n"
        "kernel = /abs/guest.elf\n"
        "initrd = /abs/initrd.gz\n"
        "serial = file:/abs/b.log\n"
        "[vm c]\n"
        "serial = stdio\n";
    write_file(r.path, text, strlen(text));
    ck_assert_int_eq(run_load(&r), 0);

    char want[sizeof sub + 64];
    snprintf(want, sizeof want, "%s/guest.elf", sub);
    ck_assert_str_eq(vm(&r, 0)->kernel, want);
    snprintf(want, sizeof want, "%s/../images/initrd.gz", sub);
    ck_assert_str_eq(vm(&r, 0)->initrd, want);
    snprintf(want, sizeof want, "file:%s/logs/a.log", sub);
    ck_assert_str_eq(vm(&r, 0)->serial, want);
    ck_assert_str_eq(vm(&r, 1)->kernel, "/abs/guest.elf");
    ck_assert_str_eq(vm(&r, 1)->initrd, "/abs/initrd.gz");
    ck_assert_str_eq(vm(&r, 1)->serial, "file:/abs/b.log");
    ck_assert_str_eq(vm(&r, 2)->serial, "stdio");
    /* Inherited paths are the command line's, not resolved again. */
    ck_assert_str_eq(vm(&r, 2)->kernel, "/img/default.elf");
    run_done(&r);
    rmdir(sub);
    rmdir(dir);
}
END_TEST

START_TEST(test_paths_from_current_directory)
{
    /* A file named without a directory: relative paths stay relative. */
    char dir[] = "/tmp/disco-vmconfig-dir-XXXXXX";
    ck_assert_ptr_nonnull(mkdtemp(dir));
    char old[PATH_MAX];
    ck_assert_ptr_nonnull(getcwd(old, sizeof old));
    ck_assert_int_eq(chdir(dir), 0);

    struct run r;
    run_init(&r);
    snprintf(r.path, sizeof r.path, "m.cfg");
    const char *text = "[vm]\nkernel = k.elf\nserial = file:x.log\n";
    write_file(r.path, text, strlen(text));
    ck_assert_int_eq(run_load(&r), 0);
    ck_assert_str_eq(vm(&r, 0)->kernel, "k.elf");
    ck_assert_str_eq(vm(&r, 0)->serial, "file:x.log");
    run_done(&r);

    ck_assert_int_eq(chdir(old), 0);
    rmdir(dir);
}
END_TEST

/* ---- mistakes -------------------------------------------------------------- */

struct bad {
    const char *text;
    unsigned line;
    const char *says;
};

static const struct bad bad_files[] = {
    /* sections */
    { "[vm]\n[network]\n", 2, "unknown section [network]" },
    { "[VM]\n", 1, "unknown section [VM]" },
    { "[vmweb]\n", 1, "unknown section [vmweb]" },
    { "[machine x]\n[vm]\n", 1, "unknown section [machine x]" },
    { "[]\n[vm]\n", 1, "unknown section []" },
    { "[vm]\n\n[vm\n", 3, "without ']'" },
    { "[vm] # web\n", 1, "text after" },
    /* keys */
    { "[vm]\nmemroy = 64\n", 2, "unknown key 'memroy' in [vm vm0]" },
    { "[vm web]\nMemory = 64\n", 2, "unknown key 'Memory' in [vm web]" },
    { "[machine]\nmemory = 64\n[vm]\n", 2, "unknown key 'memory' in [machine]" },
    { "[vm]\ncpus = 2\n", 2, "unknown key 'cpus'" },
    { "# hi\ncpus = 2\n[vm]\n", 2, "outside a section" },
    { "memory = 64\n", 1, "outside a section" },
    { "[vm]\nkernel\n", 2, "expected 'key = value'" },
    { "[vm]\n= 3\n", 2, "missing key" },
    { "[vm]\nmemory = 64\nmemory = 32\n", 3, "'memory' given twice" },
    { "[machine]\ncpus=1\ncpus=2\n[vm]\n", 3, "'cpus' given twice" },
    { "[vm]\nappend = \"open\n", 2, "unterminated quote" },
    { "[vm]\nappend = \"\n", 2, "unterminated quote" },
    /* VM names and counts */
    { "[vm a]\n[vm b]\n[vm a]\n", 3, "duplicate VM name 'a'" },
    { "[vm vm1]\n[vm]\n", 2, "duplicate VM name 'vm1'" },
    { "[vm bad.name]\n", 1, "invalid VM name 'bad.name'" },
    { "[vm a b]\n", 1, "invalid VM name 'a b'" },
    { "[vm abcdefghijklmnopqrstuvwxyzABCDEF]\n", 1, "invalid VM name" }, /* 32 */
    { "[vm]\n[vm]\n[vm]\n[vm]\n[vm]\n[vm]\n[vm]\n[vm]\n"
      "[vm]\n[vm]\n[vm]\n[vm]\n[vm]\n[vm]\n[vm]\n[vm]\n"
      "# one too many\n[vm]\n", 18, "more than 16 VMs" },
    /* numbers */
    { "[machine]\ncpus = 0\n[vm]\n", 2, "cpus: 0 is out of range (1 to 8)" },
    { "[machine]\ncpus = 9\n[vm]\n", 2, "out of range" },
    { "[machine]\ncpus = two\n[vm]\n", 2, "cpus: 'two' is not a number" },
    { "[machine]\ncpus = -1\n[vm]\n", 2, "not a number" },
    { "[machine]\ncpus = +1\n[vm]\n", 2, "not a number" },
    { "[machine]\ncpus = 2 # two\n[vm]\n", 2, "not a number" },
    { "[machine]\ncpus =\n[vm]\n", 2, "'' is not a number" },
    { "[machine]\nl2tlb-entries = 1048577\n[vm]\n", 2, "out of range" },
    { "[machine]\nl2tlb-entries = 99999999999999999999999\n[vm]\n", 2, "not a number" },
    { "[vm]\nvcpus = 0\n", 2, "vcpus: 0 is out of range (1 to 8)" },
    { "[vm]\nvcpus = 9\n", 2, "out of range" },
    { "[vm]\nmax-insns = 12x\n", 2, "max-insns: '12x' is not a number" },
    { "[vm]\nmax-insns = 0x\n", 2, "not a number" },
    { "[vm]\nmax-insns = 0x10000000000000000\n", 2, "not a number" },
    { "[vm]\nmax-insns = 18446744073709551616\n", 2, "not a number" },
    /* sizes */
    { "[vm]\nmemory = 0\n", 2, "memory: '0' is not a size" },
    { "[vm]\nmemory = 512M\n", 2, "memory: '512M' is out of range (1 MB to 256 MB)" },
    { "[vm]\nmemory = 1G\n", 2, "out of range" },
    { "[vm]\nmemory = 1536K\n", 2, "not a size" },
    { "[vm]\nmemory = 64MB\n", 2, "not a size" },
    { "[vm]\nmemory = -64\n", 2, "not a size" },
    { "[vm]\nmemory = 64 M\n", 2, "not a size" },
    { "[vm]\nmemory = lots\n", 2, "not a size" },
    { "[vm]\nmemory = 0x10\n", 2, "not a size" },    /* sizes are decimal */
    /* booleans */
    { "[machine]\nl2tlb = maybe\n[vm]\n", 2, "l2tlb: 'maybe' is not on, off" },
    { "[machine]\nl2tlb =\n[vm]\n", 2, "l2tlb: '' is not" },
    /* serial */
    { "[vm]\nserial = tty\n", 2, "serial: unsupported 'tty'" },
    { "[vm]\nserial = file:\n", 2, "unsupported 'file:'" },
    { "[vm]\nserial = STDIO\n", 2, "unsupported" },
    { "[vm]\nserial =\n", 2, "unsupported ''" },
    /* a bad line after good VMs, and after a [machine] that set things */
    { "[machine]\ncpus = 4\nmonitor-cost = trap=3\n[vm a]\nkernel = k\n"
      "[vm b]\nappend = x\nbogus = 1\n", 8, "unknown key 'bogus'" },
};
#define NBAD (int)(sizeof bad_files / sizeof bad_files[0])

START_TEST(test_refusals)
{
    const struct bad *b = &bad_files[_i];
    struct run r;
    int st = run_text(&r, b->text);
    ck_assert_msg(st == DISCO_EXIT_USAGE, "case %d (%s): status %d, \"%s\"",
                  _i, b->says, st, r.err);
    check_error(&r, b->line, b->says);
    check_untouched(&r);
    run_done(&r);
}
END_TEST

START_TEST(test_no_vm_section)
{
    static const char *const texts[] = {
        "",
        "# only comments\n\n",
        "[machine]\ncpus = 2\nmonitor-cost = trap=5\n",
    };
    for (unsigned i = 0; i < sizeof texts / sizeof texts[0]; i++) {
        struct run r;
        ck_assert_int_eq(run_text(&r, texts[i]), DISCO_EXIT_USAGE);
        char want[PATH_MAX + 32];
        snprintf(want, sizeof want, "%s: no [vm] section", r.path);
        ck_assert_str_eq(r.err, want);
        check_untouched(&r);
        run_done(&r);
    }
}
END_TEST

START_TEST(test_nul_byte)
{
    static const char text[] = "[vm]\nappend = a\0b\n";
    struct run r;
    ck_assert_int_eq(run_bytes(&r, text, sizeof text - 1), DISCO_EXIT_USAGE);
    check_error(&r, 2, "NUL");
    check_untouched(&r);
    run_done(&r);
}
END_TEST

START_TEST(test_unreadable)
{
    struct run r;
    run_init(&r);
    snprintf(r.path, sizeof r.path, "/tmp/disco-vmconfig-missing-XXXXXX");
    int fd = mkstemp(r.path);
    ck_assert_int_ge(fd, 0);
    close(fd);
    unlink(r.path);
    ck_assert_int_eq(run_load(&r), DISCO_EXIT_NO_INPUT);
    char want[PATH_MAX + 64];
    snprintf(want, sizeof want, "cannot read '%s': No such file or directory", r.path);
    ck_assert_str_eq(r.err, want);
    check_untouched(&r);
    r.path[0] = '\0';
    run_done(&r);

    /* A directory opens but cannot be read. */
    run_init(&r);
    snprintf(r.path, sizeof r.path, "/tmp");
    ck_assert_int_eq(run_load(&r), DISCO_EXIT_NO_INPUT);
    ck_assert_str_eq(r.err, "cannot read '/tmp': Is a directory");
    check_untouched(&r);
    r.path[0] = '\0';
    run_done(&r);
}
END_TEST

START_TEST(test_small_error_buffer)
{
    struct run r;
    run_init(&r);
    snprintf(r.path, sizeof r.path, "/tmp/disco-vmconfig-XXXXXX");
    int fd = mkstemp(r.path);
    ck_assert_int_ge(fd, 0);
    close(fd);
    write_file(r.path, "[nope]\n", 7);
    char err[8];
    memset(err, 'Z', sizeof err);
    ck_assert_int_eq(vmconfig_load(r.path, &r.defaults, r.vms, &r.nvms, &r.set,
                                   err, sizeof err), DISCO_EXIT_USAGE);
    ck_assert_uint_eq(strlen(err), sizeof err - 1);
    ck_assert_int_eq(strncmp(err, r.path, sizeof err - 1), 0);
    ck_assert_int_eq(vmconfig_load(r.path, &r.defaults, r.vms, &r.nvms, &r.set,
                                   NULL, 0), DISCO_EXIT_USAGE);
    check_untouched(&r);
    r.status = DISCO_EXIT_USAGE;
    run_done(&r);
}
END_TEST

/* ---- vm_config and sizes --------------------------------------------------- */

START_TEST(test_copy_and_free)
{
    struct vm_config a = {
        .name = "src", .ram_size = 8 * MB, .vcpus = 3,
        .kernel = strdup("k"), .initrd = NULL, .append = strdup("a b"),
        .serial = strdup("null"), .max_insns = 77,
    };
    struct vm_config b;
    memset(&b, 0xa5, sizeof b);
    ck_assert(vm_config_copy(&b, &a));
    ck_assert_str_eq(b.name, "src");
    ck_assert_uint_eq(b.ram_size, 8 * MB);
    ck_assert_uint_eq(b.vcpus, 3);
    ck_assert_uint_eq(b.max_insns, 77);
    ck_assert_str_eq(b.kernel, "k");
    ck_assert_ptr_ne(b.kernel, a.kernel);
    ck_assert_ptr_null(b.initrd);
    ck_assert_str_eq(b.append, "a b");
    ck_assert_ptr_ne(b.append, a.append);
    ck_assert_str_eq(b.serial, "null");
    vm_config_free(&a);
    ck_assert_ptr_null(a.kernel);
    ck_assert_ptr_null(a.append);
    ck_assert_ptr_null(a.serial);
    ck_assert_str_eq(b.kernel, "k");  /* independent of a */
    vm_config_free(&b);
    ck_assert_ptr_null(b.kernel);
    vm_config_free(&b);               /* twice is harmless */
}
END_TEST

START_TEST(test_parse_size)
{
    static const struct { const char *s; bool ok; uint32_t bytes; } cases[] = {
        { "256", true, 256 * MB },
        { "1", true, MB },
        { "0064", true, 64 * MB },
        { "256M", true, 256 * MB },
        { "256m", true, 256 * MB },
        { "1G", true, 1024 * MB },
        { "1g", true, 1024 * MB },
        { "3G", true, 3072 * MB },
        { "65536K", true, 64 * MB },
        { "1024k", true, MB },
        { "4095", true, 4095 * MB },
        { "4095M", true, 4095 * MB },
        { "4096", false, 0 },          /* 4 GB does not fit in 32 bits */
        { "4G", false, 0 },
        { "4194304K", false, 0 },
        { "99999999999999999999999", false, 0 },
        { "18446744073709551615", false, 0 },
        { "18446744073709551615K", false, 0 },
        { "0", false, 0 },
        { "0M", false, 0 },
        { "0K", false, 0 },
        { "1536K", false, 0 },         /* 1.5 MB */
        { "1K", false, 0 },
        { "", false, 0 },
        { "M", false, 0 },
        { "-1", false, 0 },
        { "+1", false, 0 },
        { " 1", false, 0 },
        { "1 ", false, 0 },
        { "1MB", false, 0 },
        { "1T", false, 0 },
        { "0x10", false, 0 },
        { "1.5G", false, 0 },
        { "12abc", false, 0 },
    };
    for (unsigned i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        uint32_t bytes = 0xdeadbeef;
        bool ok = vmconfig_parse_size(cases[i].s, &bytes);
        ck_assert_msg(ok == cases[i].ok, "'%s': %d", cases[i].s, ok);
        if (ok)
            ck_assert_msg(bytes == cases[i].bytes, "'%s': %u", cases[i].s, bytes);
        else
            ck_assert_msg(bytes == 0xdeadbeef, "'%s' wrote its output", cases[i].s);
    }
}
END_TEST

static Suite *vmconfig_suite(void)
{
    Suite *s = suite_create("vmconfig");
    TCase *tc = tcase_create("good");
    tcase_add_test(tc, test_full_file);
    tcase_add_test(tc, test_defaults_inherited_and_overridden);
    tcase_add_test(tc, test_null_defaults_and_settings_replaced);
    tcase_add_test(tc, test_booleans);
    tcase_add_test(tc, test_limits_accepted);
    tcase_add_test(tc, test_sixteen_vms);
    tcase_add_test(tc, test_layout_and_quotes);
    tcase_add_test(tc, test_longest_line);
    suite_add_tcase(s, tc);

    tc = tcase_create("paths");
    tcase_add_test(tc, test_paths_from_the_file_directory);
    tcase_add_test(tc, test_paths_from_current_directory);
    suite_add_tcase(s, tc);

    tc = tcase_create("refuse");
    tcase_add_loop_test(tc, test_refusals, 0, NBAD);
    tcase_add_test(tc, test_no_vm_section);
    tcase_add_test(tc, test_nul_byte);
    tcase_add_test(tc, test_unreadable);
    tcase_add_test(tc, test_small_error_buffer);
    suite_add_tcase(s, tc);

    tc = tcase_create("parts");
    tcase_add_test(tc, test_copy_and_free);
    tcase_add_test(tc, test_parse_size);
    suite_add_tcase(s, tc);
    return s;
}

UNIT_SUITE(vmconfig_suite)
