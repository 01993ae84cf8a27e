/*
 * loader.c - loads a little-endian MIPS32 ELF executable into guest
 * memory (see loader.h), as QEMU's Malta machine does for -kernel.
 *
 * Implements the parts of the System V ABI's ELF chapter (ELF header,
 * program header, PT_LOAD) and of the MIPS ELF supplement (EM_MIPS and
 * the EF_MIPS_ARCH field of e_flags) a static executable needs.  Fields
 * are decoded byte by byte, so the host's alignment and byte order do
 * not matter, and every offset and size read from the file is checked
 * against the file's length in 64-bit arithmetic before it is used: a
 * corrupt or hostile file gets one line of explanation, never a read out
 * of bounds.  All segments are checked before any byte is copied, so a
 * refused file leaves guest memory untouched.
 */
#include "loader.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "exitcode.h"
#include "mmu/bus.h"

/* ELF header (Elf32_Ehdr) layout. */
#define EI_NIDENT   16
#define EI_CLASS    4
#define EI_DATA     5
#define EI_VERSION  6
#define ELFCLASS32  1
#define ELFCLASS64  2
#define ELFDATA2LSB 1
#define ELFDATA2MSB 2
#define EV_CURRENT  1

#define EHDR_TYPE      16
#define EHDR_MACHINE   18
#define EHDR_VERSION   20
#define EHDR_ENTRY     24
#define EHDR_PHOFF     28
#define EHDR_FLAGS     36
#define EHDR_PHENTSIZE 42
#define EHDR_PHNUM     44
#define EHDR_SIZE      52

#define ET_REL  1
#define ET_EXEC 2
#define ET_DYN  3
#define ET_CORE 4

#define EM_MIPS     8
#define EM_NANOMIPS 249

/* MIPS e_flags (MIPS ELF supplement; binutils include/elf/mips.h). */
#define EF_MIPS_ARCH          0xf0000000u
#define EF_MIPS_ARCH_1        0x00000000u
#define EF_MIPS_ARCH_2        0x10000000u
#define EF_MIPS_ARCH_3        0x20000000u
#define EF_MIPS_ARCH_4        0x30000000u
#define EF_MIPS_ARCH_5        0x40000000u
#define EF_MIPS_ARCH_32       0x50000000u
#define EF_MIPS_ARCH_64       0x60000000u
#define EF_MIPS_ARCH_32R2     0x70000000u
#define EF_MIPS_ARCH_64R2     0x80000000u
#define EF_MIPS_ARCH_32R6     0x90000000u
#define EF_MIPS_ARCH_64R6     0xa0000000u
#define EF_MIPS_MICROMIPS     0x02000000u

/* Program header (Elf32_Phdr) layout. */
#define PHDR_TYPE   0
#define PHDR_OFFSET 4
#define PHDR_PADDR  12
#define PHDR_FILESZ 16
#define PHDR_MEMSZ  20
#define PHDR_SIZE   32

#define PT_LOAD 1

/* Where the bytes come from: a buffer, or a file read with pread. */
struct elf_src {
    const char *path;       /* NULL for a buffer: messages carry no name */
    const uint8_t *buf;
    int fd;
    uint64_t len;
};

struct elf_seg {
    uint32_t offset, filesz, memsz, paddr;
    uint32_t pa;            /* where it goes */
};

static int loader_error(const struct elf_src *src, char *err, size_t errlen,
                        int status, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));

static int loader_error(const struct elf_src *src, char *err, size_t errlen,
                        int status, const char *fmt, ...)
{
    if (err && errlen > 0) {
        int n = 0;
        if (src->path)
            n = snprintf(err, errlen, "%s: ", src->path);
        if (n < 0)
            n = 0;
        if ((size_t)n < errlen) {
            va_list ap;
            va_start(ap, fmt);
            vsnprintf(err + n, errlen - (size_t)n, fmt, ap);
            va_end(ap);
        }
    }
    return status;
}

/* Reads len bytes at off, which the caller has checked lie in the file.
 * Returns 0 or errno. */
static int src_read(const struct elf_src *src, uint64_t off, void *dst,
                    size_t len)
{
    if (src->buf) {
        memcpy(dst, src->buf + off, len);
        return 0;
    }
    uint8_t *p = dst;
    while (len > 0) {
        ssize_t n = pread(src->fd, p, len, (off_t)off);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            return errno;
        }
        if (n == 0)
            return EIO; /* the file shrank under us */
        p += n;
        off += (uint64_t)n;
        len -= (size_t)n;
    }
    return 0;
}

static uint16_t get16(const uint8_t *p)
{
    return (uint16_t)(p[0] | p[1] << 8);
}

static uint32_t get32(const uint8_t *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
           (uint32_t)p[3] << 24;
}

static const char *machine_name(unsigned m)
{
    switch (m) {
    case 0: return "none";
    case 2: return "SPARC";
    case 3: return "x86";
    case 10: return "MIPS RS3000 little-endian";
    case 20: return "PowerPC";
    case 21: return "PowerPC64";
    case 40: return "ARM";
    case 62: return "x86-64";
    case 183: return "AArch64";
    case 243: return "RISC-V";
    case 258: return "LoongArch";
    default: return "unknown";
    }
}

/* The physical address a segment's p_paddr names: kseg0 and kseg1 are
 * windows onto the low 512 MB; anything else is taken as physical. */
static uint32_t segment_pa(uint32_t paddr)
{
    if (paddr >= 0x80000000u && paddr < 0xc0000000u)
        return paddr & 0x1fffffffu;
    return paddr;
}

/* "RAM is 64 MiB at 0x00000000" (or a list, or "there is no RAM"). */
static void describe_ram(const struct bus *bus, char *out, size_t outlen)
{
    size_t n = 0;
    unsigned found = 0;

    out[0] = '\0';
    for (unsigned i = 0; i < bus->nregions && n < outlen; i++) {
        const struct bus_region *r = &bus->region[i];
        if (!r->host || r->readonly)
            continue;
        int w;
        if (r->size % (1024 * 1024) == 0)
            w = snprintf(out + n, outlen - n, "%s%u MiB at 0x%08x",
                         found ? ", " : "RAM is ", r->size / (1024 * 1024),
                         r->base);
        else
            w = snprintf(out + n, outlen - n, "%s%u KiB at 0x%08x",
                         found ? ", " : "RAM is ", r->size / 1024, r->base);
        if (w < 0)
            break;
        n += (size_t)w;
        found++;
    }
    if (!found)
        snprintf(out, outlen, "there is no RAM");
}

/*
 * Reads and checks program header i.  *load says whether it is a PT_LOAD
 * segment with something to load; if so *s says what goes where, and the
 * file bytes and the memory it goes to have been checked to exist.
 */
static int loader_check_segment(const struct elf_src *src,
                                 const struct bus *bus, uint32_t phoff,
                                 unsigned phentsize, unsigned i,
                                 struct elf_seg *s, bool *load, char *err,
                                 size_t errlen)
{
    const int BAD = DISCO_EXIT_BAD_IMAGE;
    uint8_t ph[PHDR_SIZE];
    int e;

    *load = false;
    if ((e = src_read(src, (uint64_t)phoff + (uint64_t)i * phentsize, ph,
                      sizeof ph)) != 0)
        return loader_error(src, err, errlen, DISCO_EXIT_NO_INPUT,
                            "cannot read: %s", strerror(e));
    if (get32(ph + PHDR_TYPE) != PT_LOAD)
        return 0;
    s->offset = get32(ph + PHDR_OFFSET);
    s->paddr = get32(ph + PHDR_PADDR);
    s->filesz = get32(ph + PHDR_FILESZ);
    s->memsz = get32(ph + PHDR_MEMSZ);
    if (s->memsz == 0)
        return 0; /* loads nothing */
    if (s->filesz > s->memsz)
        return loader_error(src, err, errlen, BAD,
                            "segment %u: file size 0x%x exceeds its memory "
                            "size 0x%x", i, s->filesz, s->memsz);
    if ((uint64_t)s->offset + s->filesz > src->len)
        return loader_error(src, err, errlen, BAD,
                            "segment %u (offset 0x%x, 0x%x bytes) lies beyond "
                            "the end of the file (%llu bytes)", i, s->offset,
                            s->filesz, (unsigned long long)src->len);
    s->pa = segment_pa(s->paddr);
    uint64_t end = (uint64_t)s->pa + s->memsz;
    if (end > 0x100000000ull || !bus_host_ptr(bus, s->pa, s->memsz)) {
        char ram[160];
        describe_ram(bus, ram, sizeof ram);
        return loader_error(src, err, errlen, BAD,
                            "segment %u (physical 0x%08x-0x%08llx, address "
                            "0x%08x) is not inside RAM; %s", i, s->pa,
                            (unsigned long long)(end - 1), s->paddr, ram);
    }
    *load = true;
    return 0;
}

static int loader_load(const struct elf_src *src, struct bus *bus,
                       struct elf_info *info, char *err, size_t errlen)
{
    const int BAD = DISCO_EXIT_BAD_IMAGE;
    uint8_t eh[EHDR_SIZE];
    uint64_t len = src->len;
    int e;

    /* ---- ELF header ---- */
    if (len == 0)
        return loader_error(src, err, errlen, BAD, "empty file, not an ELF "
                            "executable");
    size_t head = len < EHDR_SIZE ? (size_t)len : EHDR_SIZE;
    memset(eh, 0, sizeof eh);
    if ((e = src_read(src, 0, eh, head)) != 0)
        return loader_error(src, err, errlen, DISCO_EXIT_NO_INPUT,
                            "cannot read: %s", strerror(e));
    if (len < 4 || memcmp(eh, "\177ELF", 4) != 0)
        return loader_error(src, err, errlen, BAD,
                            "not an ELF file (bad magic number)");
    if (len < EI_NIDENT)
        return loader_error(src, err, errlen, BAD,
                            "truncated ELF header (%u bytes)", (unsigned)len);
    if (eh[EI_CLASS] == ELFCLASS64)
        return loader_error(src, err, errlen, BAD,
                            "64-bit ELF; disco runs 32-bit MIPS32 executables "
                            "only");
    if (eh[EI_CLASS] != ELFCLASS32)
        return loader_error(src, err, errlen, BAD,
                            "bad ELF class %u", eh[EI_CLASS]);
    if (eh[EI_DATA] == ELFDATA2MSB)
        return loader_error(src, err, errlen, BAD,
                            "big-endian ELF; the emulated Malta is "
                            "little-endian (build for mipsel, -EL)");
    if (eh[EI_DATA] != ELFDATA2LSB)
        return loader_error(src, err, errlen, BAD,
                            "bad ELF data encoding %u", eh[EI_DATA]);
    if (len < EHDR_SIZE)
        return loader_error(src, err, errlen, BAD,
                            "truncated ELF header (%u of %u bytes)",
                            (unsigned)len, EHDR_SIZE);
    if (eh[EI_VERSION] != EV_CURRENT || get32(eh + EHDR_VERSION) != EV_CURRENT)
        return loader_error(src, err, errlen, BAD, "unknown ELF version");

    unsigned machine = get16(eh + EHDR_MACHINE);
    if (machine == EM_NANOMIPS)
        return loader_error(src, err, errlen, BAD,
                            "nanoMIPS executable; disco runs MIPS32 code only");
    if (machine != EM_MIPS)
        return loader_error(src, err, errlen, BAD,
                            "not a MIPS executable (e_machine %u, %s)",
                            machine, machine_name(machine));

    unsigned type = get16(eh + EHDR_TYPE);
    switch (type) {
    case ET_EXEC:
        break;
    case ET_DYN:
        return loader_error(src, err, errlen, BAD,
                            "position-independent or shared object (ET_DYN); "
                            "link a static executable (-static, -no-pie)");
    case ET_REL:
        return loader_error(src, err, errlen, BAD,
                            "relocatable object (ET_REL), not a linked "
                            "executable");
    case ET_CORE:
        return loader_error(src, err, errlen, BAD,
                            "core dump, not an executable");
    default:
        return loader_error(src, err, errlen, BAD,
                            "not an executable (e_type %u)", type);
    }

    uint32_t flags = get32(eh + EHDR_FLAGS);
    switch (flags & EF_MIPS_ARCH) {
    case EF_MIPS_ARCH_1:
    case EF_MIPS_ARCH_2:
    case EF_MIPS_ARCH_32:
    case EF_MIPS_ARCH_32R2:
        break; /* all run on a MIPS32r2 CPU */
    case EF_MIPS_ARCH_3:
    case EF_MIPS_ARCH_4:
    case EF_MIPS_ARCH_5:
    case EF_MIPS_ARCH_64:
    case EF_MIPS_ARCH_64R2:
    case EF_MIPS_ARCH_64R6:
        return loader_error(src, err, errlen, BAD,
                            "built for a 64-bit MIPS ISA (e_flags 0x%08x); "
                            "disco emulates MIPS32r2", flags);
    case EF_MIPS_ARCH_32R6:
        return loader_error(src, err, errlen, BAD,
                            "built for MIPS32r6 (e_flags 0x%08x), whose "
                            "encodings differ; disco emulates MIPS32r2", flags);
    default:
        return loader_error(src, err, errlen, BAD,
                            "unknown MIPS architecture in e_flags 0x%08x",
                            flags);
    }
    if (flags & EF_MIPS_MICROMIPS)
        return loader_error(src, err, errlen, BAD,
                            "microMIPS code (e_flags 0x%08x); disco runs the "
                            "32-bit MIPS32 encoding only", flags);

    /* ---- program headers ---- */
    uint32_t phoff = get32(eh + EHDR_PHOFF);
    unsigned phentsize = get16(eh + EHDR_PHENTSIZE);
    unsigned phnum = get16(eh + EHDR_PHNUM);
    if (phnum == 0)
        return loader_error(src, err, errlen, BAD,
                            "no program headers, nothing to load");
    if (phentsize < PHDR_SIZE)
        return loader_error(src, err, errlen, BAD,
                            "bad program header size %u (expected %u)",
                            phentsize, PHDR_SIZE);
    if ((uint64_t)phoff + (uint64_t)phnum * phentsize > len)
        return loader_error(src, err, errlen, BAD,
                            "program headers (%u at offset 0x%x) lie beyond "
                            "the end of the file (%llu bytes)", phnum, phoff,
                            (unsigned long long)len);

    /* Two passes over the same checks: the first refuses a bad file before
     * any byte is copied, the second copies. */
    uint64_t low = UINT64_MAX, high = 0;
    unsigned nsegs = 0;
    for (int pass = 0; pass < 2; pass++) {
        for (unsigned i = 0; i < phnum; i++) {
            struct elf_seg s;
            bool load;
            int status = loader_check_segment(src, bus, phoff, phentsize, i,
                                              &s, &load, err, errlen);
            if (status != 0)
                return status;
            if (!load)
                continue;
            if (pass == 0) {
                nsegs++;
                continue;
            }
            uint8_t *host = bus_host_ptr(bus, s.pa, s.memsz);
            if ((e = src_read(src, s.offset, host, s.filesz)) != 0)
                return loader_error(src, err, errlen, DISCO_EXIT_NO_INPUT,
                                    "cannot read segment %u: %s", i,
                                    strerror(e));
            memset(host + s.filesz, 0, s.memsz - s.filesz);
            if (s.pa < low)
                low = s.pa;
            if ((uint64_t)s.pa + s.memsz > high)
                high = (uint64_t)s.pa + s.memsz;
        }
        if (nsegs == 0)
            return loader_error(src, err, errlen, BAD,
                                "no loadable (PT_LOAD) segments");
    }

    if (info) {
        info->entry = get32(eh + EHDR_ENTRY);
        info->low_pa = (uint32_t)low;
        info->high_pa = (uint32_t)high; /* RAM never reaches 4 GB's end */
        info->nsegments = nsegs;
    }
    if (err && errlen > 0)
        err[0] = '\0';
    return 0;
}

int loader_load_elf_buffer(const uint8_t *data, size_t len, struct bus *bus,
                           struct elf_info *info, char *err, size_t errlen)
{
    static const uint8_t none[1];
    struct elf_src src = {
        .path = NULL,
        .buf = data ? data : none,
        .fd = -1,
        .len = data ? len : 0,
    };
    return loader_load(&src, bus, info, err, errlen);
}

int loader_load_elf(const char *path, struct bus *bus, struct elf_info *info,
                    char *err, size_t errlen)
{
    struct elf_src src = { .path = path, .buf = NULL, .fd = -1, .len = 0 };

    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return loader_error(&src, err, errlen, DISCO_EXIT_NO_INPUT,
                            "cannot open: %s", strerror(errno));
    struct stat st;
    if (fstat(fd, &st) != 0) {
        int e = errno;
        close(fd);
        return loader_error(&src, err, errlen, DISCO_EXIT_NO_INPUT,
                            "cannot read: %s", strerror(e));
    }
    if (!S_ISREG(st.st_mode)) {
        close(fd);
        return loader_error(&src, err, errlen, DISCO_EXIT_NO_INPUT,
                            S_ISDIR(st.st_mode) ? "is a directory"
                                                : "not a regular file");
    }
    src.fd = fd;
    src.len = (uint64_t)st.st_size;
    int status = loader_load(&src, bus, info, err, errlen);
    close(fd);
    return status;
}
