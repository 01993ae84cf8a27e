#!/bin/sh
# guest/linux/scripts/tlbstress.sh - runs /bin/tlbstress (guest/linux/
# tlbstress/tlbstress.c, put in the initramfs with `tools/mklinux-initrd
# --overlay`): fork, exec, mmap/munmap/mremap and mprotect, every value
# read back checked.  It prints one line per round and ends with
# "tlbstress: OK <checksum>" (exit status 0) or "tlbstress: FAIL <what>"
# (exit status 1); every line is the same on every run.
#
# `disco.tlbstress=N` on the kernel command line sets the number of rounds
# (default: the program's, 40).

rounds=
read -r cmdline </proc/cmdline
for word in $cmdline; do
    case "$word" in
        disco.tlbstress=*) rounds=${word#disco.tlbstress=} ;;
    esac
done

if [ ! -x /bin/tlbstress ]; then
    echo "tlbstress: FAIL /bin/tlbstress is not in the initramfs (tools/mklinux-initrd --overlay)"
    exit 1
fi
/bin/tlbstress $rounds
