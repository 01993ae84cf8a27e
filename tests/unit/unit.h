/*
 * unit.h - registration for the Check unit tests: each tests/unit/test_*.c
 * defines its suite and registers it with UNIT_SUITE(name), so adding a
 * file is all it takes to add tests.
 */
#ifndef DISCO_UNIT_H
#define DISCO_UNIT_H

#include <check.h>

void unit_register(Suite *(*make)(void));

#define UNIT_SUITE(fn)                                                      \
    __attribute__((constructor)) static void unit_register_##fn(void)       \
    {                                                                       \
        unit_register(fn);                                                  \
    }

#endif
