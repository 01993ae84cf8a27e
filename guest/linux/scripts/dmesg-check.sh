#!/bin/sh
# guest/linux/scripts/dmesg-check.sh - checks the kernel log for signs of
# trouble: oopses, warnings, BUGs, panics, bad page faults in the kernel,
# interrupts nobody handled, spurious interrupts.  Run it last (e.g.
# `disco.run=workload,dmesg-check`) to cover the workload too.
#
# Prints nothing from the log while it is clean, so that its output is the
# same on every run: one line, "DMESG OK".  Otherwise it prints each
# offending line without its time stamp ("dmesg: ..."), then
# "DMESG BAD n" with n the number of such lines.
#
# One message is left out by default: "spurious 8259A interrupt: IRQ7.", a
# KERN_DEBUG note that the i8259 answered an interrupt acknowledge with no
# request pending (as real 8259s do).  It comes from Linux itself: the
# MIPS dispatcher (plat_irq_dispatch) reads the pending IP bits once and
# handles them in turn; when the timer's handler runs softirqs with
# interrupts enabled, a still-pending IP2 is taken and acknowledged as a
# nested interrupt, and the outer loop then acknowledges IP2 again and
# finds nothing.  Whether that happens depends on exactly when the timer
# falls: QEMU's Malta shows it in about half of its boots, and disco, which
# is deterministic, in some boot timings and not others.  With
# `disco.strict` on the kernel command line it counts as trouble; with
# `disco.verbose` it is shown as "dmesg: note: ...".

log=/tmp/dmesg-check.$$
if ! dmesg >"$log" 2>/dev/null || ! grep -q 'Linux version' "$log"; then
    echo "dmesg: cannot read the kernel log"
    echo "DMESG BAD 1"
    rm -f "$log"
    exit 1
fi

# Case matters: "WARNING:" and "BUG:" are the kernel's own spellings.
pattern='Oops|WARNING|BUG|Call Trace|Kernel panic|Unable to handle kernel'
pattern="$pattern|[Uu]nhandled (interrupt|IRQ|kernel)|nobody cared|Disabling IRQ"
pattern="$pattern|Spurious|[Ss]purious interrupt|Bad page|bad page|Unhandled fault"
pattern="$pattern|stack-protector|rcu_.*stall|soft lockup|hard LOCKUP|hung_task"
pattern="$pattern|segfault|sending SIG"

# The words of the kernel command line that start with "disco.".
opts=" $(tr ' ' '\n' </proc/cmdline 2>/dev/null | grep '^disco\.' | tr '\n' ' ')"
case "$opts" in *" disco.strict "*) strict=1 ;; *) strict= ;; esac
case "$opts" in *" disco.verbose "*) verbose=1 ;; *) verbose= ;; esac

if [ -n "$strict" ]; then
    bad=$(grep -E "$pattern|spurious 8259A interrupt" "$log")
else
    bad=$(grep -E "$pattern" "$log" | grep -v 'spurious 8259A interrupt')
fi
# Without the time stamps, which differ from run to run.
bad=$(printf '%s\n' "$bad" | sed 's/^\[ *[0-9]*\.[0-9]*\] //' | grep .)
if [ -n "$verbose" ] && [ -z "$strict" ]; then
    grep 'spurious 8259A interrupt' "$log" | sed 's/^\[ *[0-9]*\.[0-9]*\] /dmesg: note: /'
fi
rm -f "$log"

if [ -z "$bad" ]; then
    echo "DMESG OK"
    exit 0
fi
n=$(printf '%s\n' "$bad" | wc -l)
printf '%s\n' "$bad" | sed 's/^/dmesg: /'
echo "DMESG BAD $n"
exit 1
