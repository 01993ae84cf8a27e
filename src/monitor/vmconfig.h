/*
 * vmconfig.h - what the monitor is asked to run: the virtual machines
 * (per VM its name, memory, VCPUs, kernel, initrd, command line, console
 * and instruction limit) and the monitor's own settings.  Built from the
 * command line (--vms N with the usual -m/-kernel/-initrd/-append/-serial)
 * or read from a machine configuration file (--config FILE, the format in
 * docs/monitor-config.md).
 */
#ifndef DISCO_VMCONFIG_H
#define DISCO_VMCONFIG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define VMM_MAX_VMS 16
#define VMM_MAX_VCPUS_PER_VM 8
#define VM_NAME_MAX 32

struct vm_config {
    char name[VM_NAME_MAX];  /* "vm0", "vm1"... unless the file names it */
    uint32_t ram_size;       /* bytes, a multiple of 1 MB */
    unsigned vcpus;          /* 1..VMM_MAX_VCPUS_PER_VM */
    char *kernel;            /* owned (strdup'd); NULL: none */
    char *initrd;
    char *append;
    char *serial;            /* QEMU -serial spec; NULL: the terminal */
    uint64_t max_insns;      /* 0: no limit for this VM */
};

/* What a configuration file may set besides the VMs; fields a file does
 * not mention keep the values the caller put there.  cost, when not NULL,
 * must come from malloc: a file that sets "monitor-cost" frees it. */
struct vmm_file_settings {
    unsigned pcpus;          /* "cpus" in [machine]: -smp */
    bool l2tlb;              /* "l2tlb = on|off" */
    unsigned l2tlb_entries;  /* "l2tlb-entries" */
    char *cost;              /* "monitor-cost": a cost-model spec, owned */
};

/*
 * Reads a configuration file.  Every VM starts from *defaults (what the
 * command line gave: -m, -kernel, ...) and overrides what its section
 * says; strings in defaults are copied.  Relative kernel, initrd and
 * serial file: paths are taken from the file's directory.  On success
 * fills vms[0..*nvms) (free each with vm_config_free), updates *settings
 * and returns 0.  Otherwise returns 64 (bad syntax or value: "FILE:LINE:
 * what is wrong" in err), 66 (cannot read the file: "cannot read 'FILE':
 * why") or 70 (out of memory), with *nvms = 0, nothing left allocated and
 * *settings unchanged.
 */
int vmconfig_load(const char *path, const struct vm_config *defaults,
                  struct vm_config vms[VMM_MAX_VMS], unsigned *nvms,
                  struct vmm_file_settings *settings, char *err, size_t errlen);

/* A copy of src with its own strings (NULL-safe).  False when out of
 * memory, and then dst is untouched. */
bool vm_config_copy(struct vm_config *dst, const struct vm_config *src);
/* Frees the strings of a vm_config and sets them to NULL. */
void vm_config_free(struct vm_config *c);

/* Parses a memory size: "256", "256M", "1G", "65536K" (plain numbers are
 * MB, as -m takes them; suffixes in either case).  False on garbage, a
 * sign or blanks, zero, not a whole MB, or more than fits in 32 bits. */
bool vmconfig_parse_size(const char *s, uint32_t *bytes);

#endif
