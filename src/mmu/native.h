/*
 * native.h - the privileged layer for native mode (see native.c).
 */
#ifndef DISCO_NATIVE_H
#define DISCO_NATIVE_H

#include "cpu/priv.h"

extern const struct priv_ops native_priv_ops;

/* "TLBL", "Sys"... for an ExcCode. */
const char *native_exception_name(unsigned code);

#endif
