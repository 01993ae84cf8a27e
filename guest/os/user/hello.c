/*
 * hello.c - the smallest disco-os program: prints who and where it is.
 * Lab: processes (used by the boot test, tests/run-os-tests).
 */
#include "ulib.h"

int main(int argc, char **argv)
{
    printf("hello from process %d on a %d-CPU machine, argc %d:", getpid(), ncpu(), argc);
    for (int i = 0; i < argc; i++)
        printf(" %s", argv[i]);
    printf("\n");
    return 0;
}
