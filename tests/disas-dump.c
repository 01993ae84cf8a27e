/*
 * disas-dump.c - host helper for tests/disas-check: reads lines of
 * "ADDR WORD" (two hex numbers) from stdin and prints "ADDR<TAB>TEXT" for
 * each, TEXT being cpu_disas() of WORD at ADDR (the disassembler of
 * src/cpu/disas.c, MIPS32 Vol. II encodings).  Lines that do not parse are
 * skipped.  Exits 0 unless writing fails.
 */
#include "cpu/disas.h"

#include <stdio.h>
#include <stdlib.h>

int main(void)
{
    char line[256];

    while (fgets(line, sizeof line, stdin)) {
        char *p, *q;
        unsigned long addr, word;
        char text[128];

        addr = strtoul(line, &p, 16);
        if (p == line)
            continue;
        word = strtoul(p, &q, 16);
        if (q == p)
            continue;
        cpu_disas((uint32_t)addr, (uint32_t)word, text, sizeof text);
        printf("%lx\t%s\n", addr, text);
    }
    if (fflush(stdout) != 0 || ferror(stdout))
        return 1;
    return 0;
}
