/*
 * spawn.c - starting a program from the ramdisk in a new process.
 * Labs: processes, virtual memory.
 *
 * disco-os has no fork: spawn(path, argv) builds a new process directly,
 * as posix_spawn does.  The program is a little-endian MIPS32 ELF file in
 * the ramdisk, linked at USER_BASE (guest/os/user/user.ld).  Nothing of it
 * is copied now: each PT_LOAD segment becomes an R_FILE region, and pages
 * arrive on first touch (vm.c).  Then come an empty heap right after the
 * last segment, and the stack region below USER_STACK_TOP.
 *
 * The arguments are the one thing written in advance: the top page of the
 * stack gets the strings and the argv[] array, laid out as
 *
 *   USER_STACK_TOP ->  (end)
 *                      "arg strings\0..."
 *                      argv[0..argc-1], NULL
 *   sp + 16        ->  (sp: 16 bytes of o32 argument area below argv)
 *
 * and the trap frame enters the program's entry point with a0 = argc,
 * a1 = argv, in user mode with interrupts enabled (user_status).
 */
#include "kernel.h"

/* ELF32 (System V ABI, "Object Files"): only what spawn needs. */
struct elf_header {
    uint8_t ident[16];
    uint16_t type, machine;
    uint32_t version, entry, phoff, shoff, flags;
    uint16_t ehsize, phentsize, phnum, shentsize, shnum, shstrndx;
};
struct elf_phdr {
    uint32_t type, offset, vaddr, paddr, filesz, memsz, flags, align;
};
#define PT_LOAD 1
#define PF_W 2
#define ET_EXEC 2
#define EM_MIPS 8

/* Checks the ELF header; 0 or -ENOEXEC. */
static int elf_check(const uint8_t *data, uint32_t size)
{
    const struct elf_header *eh = (const void *)data;
    if (size < sizeof *eh || memcmp(eh->ident, "\177ELF", 4) != 0 ||
        eh->ident[4] != 1 /* 32-bit */ || eh->ident[5] != 1 /* little-endian */ ||
        eh->type != ET_EXEC || eh->machine != EM_MIPS ||
        eh->phentsize != sizeof(struct elf_phdr) ||
        eh->phoff > size || eh->phnum > (size - eh->phoff) / sizeof(struct elf_phdr))
        return -ENOEXEC;
    return 0;
}

/* Maps the program's segments as regions; returns the end of the last. */
static int load_segments(struct proc *p, const uint8_t *data, uint32_t size,
                         uint32_t *end_out)
{
    const struct elf_header *eh = (const void *)data;
    const struct elf_phdr *ph = (const void *)(data + eh->phoff);
    uint32_t end = USER_BASE;
    for (int i = 0; i < eh->phnum; i++, ph++) {
        if (ph->type != PT_LOAD || ph->memsz == 0)
            continue;
        uint32_t seg_end = ph->vaddr + ph->memsz;
        if (ph->vaddr < USER_BASE || seg_end < ph->vaddr || seg_end > USER_SHM_BASE ||
            ph->filesz > ph->memsz || ph->offset > size || ph->filesz > size - ph->offset)
            return -ENOEXEC;
        int writable = (ph->flags & PF_W) != 0;
        int slot = vm_add_region(p, ROUNDDOWN(ph->vaddr, PAGE_SIZE),
                                 ROUNDUP(seg_end, PAGE_SIZE), R_FILE, writable);
        if (slot < 0)
            return -ENOEXEC;
        struct region *r = &p->regions[slot];
        r->file = data;
        r->vaddr = ph->vaddr;
        r->offset = ph->offset;
        r->filesz = ph->filesz;
        /* Read-only, and each page of it is a page of the file: share it. */
        r->direct = !writable && ph->filesz == ph->memsz &&
                    (ph->offset - ph->vaddr) % PAGE_SIZE == 0;
        if (ROUNDUP(seg_end, PAGE_SIZE) > end)
            end = ROUNDUP(seg_end, PAGE_SIZE);
    }
    *end_out = end;
    return 0;
}

/* Writes argc/argv into the top stack page; returns the user sp. */
static int push_args(struct proc *p, int argc, char *const argv[], uint32_t *sp_out)
{
    uint32_t page_va = USER_STACK_TOP - PAGE_SIZE;
    uint32_t *pte = vm_pte(p->pgdir, page_va, 1);
    uint8_t *page = page_alloc();
    if (!pte || !page) {
        if (page)
            page_free(page);
        return -ENOMEM;
    }
    *pte = ENTRYLO_PFN(PADDR(page)) | PTE_CACHED | PTE_D | PTE_V;

    /* Strings from the top down, then the pointer array below them. */
    uint32_t uargv[MAX_ARGS + 1];
    uint32_t off = PAGE_SIZE;
    for (int i = argc - 1; i >= 0; i--) {
        uint32_t len = strlen(argv[i]) + 1;
        off -= len;
        memcpy(page + off, argv[i], len);
        uargv[i] = page_va + off;
    }
    uargv[argc] = 0;
    off = ROUNDDOWN(off, 8) - ROUNDUP((argc + 1) * 4, 8);
    memcpy(page + off, uargv, (argc + 1) * 4);
    *sp_out = page_va + off - 16;
    return 0;
}

/* Starts path with argv[0..argc-1] (kernel strings, at most MAX_ARGS and
 * MAX_ARG_BYTES) as a child of parent.  Returns its pid or -E... */
int spawn(const char *path, int argc, char *const argv[], struct proc *parent)
{
    struct file *f = fs_lookup(path);
    if (!f)
        return -ENOENT;
    uint32_t size;
    const uint8_t *data = fs_ramdisk_bytes(f, &size);
    if (!data || elf_check(data, size))
        return -ENOEXEC;
    if (argc > MAX_ARGS)
        return -E2BIG;

    struct proc *p = proc_alloc();
    if (!p)
        return -EAGAIN;
    int err = -ENOMEM;
    uint32_t end, sp;
    if (!(p->pgdir = pgdir_new()))
        goto fail;
    if ((err = load_segments(p, data, size, &end)))
        goto fail;
    int heap = vm_add_region(p, end, end, R_ZERO, 1);
    int stack = vm_add_region(p, USER_STACK_TOP - USER_STACK_MAX, USER_STACK_TOP, R_ZERO, 1);
    if (heap < 0 || stack < 0) {
        err = -ENOEXEC;             /* the program overlaps its stack */
        goto fail;
    }
    p->heap = &p->regions[heap];
    p->brk = end;
    if ((err = push_args(p, argc, argv, &sp)))
        goto fail;

    struct trapframe *tf = p->tf;
    memset(tf, 0, sizeof *tf);
    tf->epc = ((const struct elf_header *)data)->entry;
    tf->r[29] = sp;
    tf->r[4] = argc;
    tf->r[5] = sp + 16;
    tf->status = user_status;
    for (int fd = 0; fd < 3; fd++) {
        p->files[fd].f = CONSOLE;
        p->files[fd].flags = fd ? O_WRONLY : O_RDONLY;
    }
    const char *base = path;
    for (const char *s = path; *s; s++)
        if (*s == '/')
            base = s + 1;
    strncpy_z(p->name, base, sizeof p->name);
    p->parent = parent;
    if (!parent)
        init_proc = p;              /* the first process: its exit halts */
    int pid = p->pid;
    proc_make_runnable(p);
    return pid;

fail:
    vm_free(p);
    proc_free(p);
    return err;
}
