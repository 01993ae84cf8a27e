#!/bin/sh
# guest/linux/scripts/forkexec.sh - a kernel-intensive workload for
# tools/bench --monitor: a loop of fork+exec of a busybox applet, with a
# small pipeline now and then, so that nearly all the time goes to the
# kernel (fork, exec, copy-on-write and demand-zero faults, TLB refills,
# ASID changes, pipes, exit and wait) rather than to user code.
#
# Each iteration runs `/bin/true` (a fork and an exec of busybox); every
# tenth also runs the pipeline `echo x | /bin/cat >/dev/null` (two forks,
# one exec, a pipe).  Absolute paths, so that the shell forks and execs
# instead of running a builtin or a no-fork applet in-process; the count
# of processes the kernel created (/proc/stat) is checked to make sure.
#
# It prints "forkexec: N iterations", then "forkexec: N done" (exit status
# 0), or "forkexec: FAIL ..." (exit status 1); every line is the same on
# every run.  `disco.forkexec=N` on the kernel command line sets the number
# of iterations (default 2000).

n=2000
read -r cmdline </proc/cmdline
for word in $cmdline; do
    case "$word" in
        disco.forkexec=*) n=${word#disco.forkexec=} ;;
    esac
done
case "$n" in
    '' | *[!0-9]*) echo "forkexec: FAIL bad disco.forkexec=$n"; exit 1 ;;
esac

true=/bin/true
cat=/bin/cat
if [ ! -x "$true" ] || [ ! -x "$cat" ]; then
    echo "forkexec: FAIL no $true or $cat"
    exit 1
fi

# The kernel's count of processes created since boot.
forks() { awk '$1 == "processes" { print $2 }' /proc/stat; }

echo "forkexec: $n iterations"
before=$(forks)
bad=0
i=0
while [ $i -lt "$n" ]; do
    $true || bad=$((bad + 1))
    if [ $((i % 10)) -eq 0 ]; then
        echo x | $cat >/dev/null || bad=$((bad + 1))
    fi
    i=$((i + 1))
done
after=$(forks)
if [ "$bad" -ne 0 ]; then
    echo "forkexec: FAIL $bad commands failed"
    exit 1
fi
# /bin/true is one fork; the pipeline (every tenth) two.
want=$((n + 2 * ((n + 9) / 10)))
if [ $((after - before)) -lt "$want" ]; then
    echo "forkexec: FAIL the kernel created $((after - before)) processes, want at least $want"
    exit 1
fi
echo "forkexec: $n done"
