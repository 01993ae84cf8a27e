/*
 * main.c - runs every registered Check suite and ends with the project's
 * summary line "N passed, N failed".
 */
#include <stdio.h>
#include <stdlib.h>

#include "unit.h"

#define MAX_SUITES 64
static Suite *(*suite_makers[MAX_SUITES])(void);
static int nsuites;

void unit_register(Suite *(*make)(void))
{
    if (nsuites < MAX_SUITES)
        suite_makers[nsuites++] = make;
}

int main(void)
{
    SRunner *sr = srunner_create(NULL);
    for (int i = 0; i < nsuites; i++)
        srunner_add_suite(sr, suite_makers[i]());
    srunner_run_all(sr, CK_NORMAL);
    int total = srunner_ntests_run(sr);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    printf("unit: %d passed, %d failed\n", total - failed, failed);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
