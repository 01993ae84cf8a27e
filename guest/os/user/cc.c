/*
 * cc.c - one compile job of the pmake workload: a short-lived process
 * that reads a source file from the ramdisk, "compiles" it (pmake.h) in
 * freshly allocated memory, and writes an object file.  Lab: workloads.
 *
 *   cc SOURCE OBJECT JOB PASSES
 *
 * What makes it kernel-heavy: it is a new process (spawn), its heap and
 * stack pages all arrive by demand-zero page faults, and it reads and
 * writes its files in small pieces (one system call each).
 */
#include "pmake.h"
#include "ulib.h"

#define MAX_SOURCE (128 * 1024)

int main(int argc, char **argv)
{
    if (argc != 5)
        die("usage: cc SOURCE OBJECT JOB PASSES");
    int fd = open(argv[1], O_RDONLY);
    if (fd < 0)
        die("cc: %s: error %d", argv[1], fd);
    uint8_t *src = malloc(MAX_SOURCE);  /* pages come as they are touched */
    uint32_t len = 0;
    for (int n; (n = read(fd, src + len, 1024)) > 0;)
        if ((len += (uint32_t)n) > MAX_SOURCE - 1024)
            die("cc: %s: too big", argv[1]);
    close(fd);

    uint32_t *symtab = malloc(PM_SYMTAB * 4);   /* zero: fresh heap */
    uint32_t *obj = malloc((len + 4) * 4);
    uint32_t words = pm_compile(src, len, atoi(argv[3]), atoi(argv[4]), symtab, obj);

    fd = open(argv[2], O_WRONLY | O_CREAT | O_TRUNC);
    if (fd < 0)
        die("cc: %s: error %d", argv[2], fd);
    const uint8_t *out = (const uint8_t *)obj;
    for (uint32_t off = 0, bytes = words * 4; off < bytes; off += 512) {
        int n = bytes - off < 512 ? (int)(bytes - off) : 512;
        if (write(fd, out + off, n) != n)
            die("cc: %s: write failed", argv[2]);
    }
    close(fd);
    return 0;
}
