#!/bin/sh
# guest/linux/scripts/workload.sh - the Linux boot test's workload (see
# tests/linux/expected-workload.txt for its exact output).  It exercises
# what a booted kernel must get right: the mounts, /proc/cpuinfo, floating
# point in awk (on a CPU without an FPU: the kernel's FPU emulator),
# integer arithmetic, md5sum of generated data (page cache, pipes, copies),
# a few hundred fork+exec (TLB refills, ASIDs, page faults, copy-on-write),
# and sort of generated data.
#
# Every line it prints is the same on every run and on every correct
# machine: no times, no PIDs, no addresses.  Each result is also checked
# here against the value a correct run gives, so that the script is
# useful by hand in the guest's shell: the last line is "WORKLOAD OK" (exit
# status 0), or "WORKLOAD FAILED n" (exit status 1) with n the number of
# checks that failed, each also shown by a "MISMATCH ..." line.

failed=0

# check NAME GOT WANT: print "NAME GOT", count a mismatch.
check() {
    echo "$1 $2"
    if [ "$2" != "$3" ]; then
        echo "MISMATCH $1: want $3"
        failed=$((failed + 1))
    fi
}

echo "workload start"

# Mounts: /init has mounted them; mount what is missing when run by hand.
[ -r /proc/mounts ] || mount -t proc proc /proc
grep -q '^sysfs /sys ' /proc/mounts || mount -t sysfs sysfs /sys
grep -q '^devtmpfs /dev ' /proc/mounts || mount -t devtmpfs devtmpfs /dev
for m in /proc /sys /dev; do
    check "mount $m" "$(awk -v m="$m" '$2 == m { print $3 }' /proc/mounts)" \
        "$(case $m in /proc) echo proc ;; /sys) echo sysfs ;; /dev) echo devtmpfs ;; esac)"
done
check "dev console" "$([ -c /dev/console ] && echo char)" char
check "dev null" "$(echo discarded >/dev/null && wc -c </dev/null)" 0

# The CPU model line, exactly as /proc/cpuinfo has it (the emulated 24Kc).
grep -m 1 '^cpu model' /proc/cpuinfo
case "$(grep -m 1 '^cpu model' /proc/cpuinfo)" in
    *"MIPS 24K"*) ;;
    *) echo "MISMATCH cpu model: want a MIPS 24K"; failed=$((failed + 1)) ;;
esac
check "processors" "$(grep -c '^processor' /proc/cpuinfo)" 1

# Arithmetic in awk.  Its numbers are doubles, and this CPU has no FPU, so
# every operation here goes through the kernel's FPU emulator (slow: a trap
# per instruction, hence the small loops).  Debian's static busybox awk has
# no math library (no sqrt, sin, ^): only + - * / % and printf.
check "awk sum-squares" "$(awk 'BEGIN { s = 0; for (i = 1; i <= 1000; i++) s += i * i; print s }')" 333833500
check "awk harmonic" "$(awk 'BEGIN { h = 0; for (i = 1; i <= 1000; i++) h += 1 / i; printf "%.12f", h }')" 7.485470860550
check "awk newton-sqrt2" "$(awk 'BEGIN { x = 1; for (i = 0; i < 6; i++) x = (x + 2 / x) / 2; printf "%.15f", x }')" 1.414213562373095
check "awk div-mod" "$(awk 'BEGIN { printf "%d %d %.6f %.3e", int(1000003 / 7), 1000003 % 7, 22 / 7, 1 / 3e10 }')" "142857 4 3.142857 3.333e-11"
check "awk big" "$(awk 'BEGIN { x = 1; for (i = 0; i < 52; i++) x *= 2; printf "%.0f %.0f", x + 1, x * 2 + 1 }')" "4503599627370497 9007199254740992"
check "awk fib" "$(awk 'BEGIN { a = 0; b = 1; for (i = 0; i < 70; i++) { t = a + b; a = b; b = t } printf "%.0f", a }')" 190392490709135
check "awk strings" "$(echo 'the quick brown fox' | awk '{ n = split($0, w, " "); printf "%d %s %s %d", n, toupper(w[2]), substr($0, 5, 5), index($0, "fox") }')" "4 QUICK quick 17"
check "sh arith" "$(( (123456789 * 1000 + 987654321) % 1000003 )) $(( -17 / 5 )) $(( -17 % 5 )) $(( 1 << 30 )) $(( 0x7fffffff ^ 0x55555555 ))" \
    "69989 -3 -2 1073741824 715827882"
check "expr" "$(expr 6 \* 7) $(expr 100 / 7) $(expr length disco)" "42 14 5"

# md5sum and sha256sum of generated data.
check "md5 seq-20000" "$(seq 1 20000 | md5sum)" "e071f707df7bbeee2a6a1eb48011ddd0  -"
check "md5 yes-5000" "$(yes disco | head -n 5000 | md5sum)" "b71887c86105a30268eed3a9f20e2cd6  -"
check "sha256 seq-5000" "$(seq 1 5000 | sha256sum)" \
    "23f90f8b2c3a4b5f3b5e156339994afd5c2718b378aca6f0e17111f80a70d4ec  -"
check "wc seq-20000" "$(seq 1 20000 | wc -c)" 108894

# fork + exec: absolute paths, so that the shell runs a new process that
# execs busybox, instead of a builtin or a no-fork applet.
expr=$(which expr)
true=$(which true)
seq=$(which seq)
grep=$(which grep)
wc=$(which wc)
n=0
i=0
while [ $i -lt 200 ]; do
    n=$($expr $n + 1)
    i=$((i + 1))
done
check "fork-exec expr" "$n" 200
n=0
i=0
while [ $i -lt 200 ]; do
    $true && n=$((n + 1))
    i=$((i + 1))
done
check "fork-exec true" "$n" 200
check "exit status" "$(/bin/sh -c 'exit 7'; echo $?)" 7
check "pipeline" "$($seq 1 100 | $grep 7 | $wc -l)" 19

# sort: 2000 numbers from a linear congruential generator (exact in
# doubles: every product stays below 2^48), sorted numerically and as text.
awk 'BEGIN { x = 12345; for (i = 0; i < 2000; i++) { x = (x * 69069 + 1) % 2147483648; print x } }' >/tmp/lcg
check "lcg md5" "$(md5sum </tmp/lcg)" "6e15280ed501615b90fce677fa32a560  -"
check "sort -n md5" "$(sort -n /tmp/lcg | md5sum)" "fc4b8781a8945269597450e876a749d8  -"
check "sort md5" "$(sort /tmp/lcg | md5sum)" "c9f4d8cdd667a055a775c094fd3163c6  -"
check "sort -n first-last" "$(echo $(sort -n /tmp/lcg | sed -n '1p;$p'))" "2469512 2147305170"
check "sort -rn head" "$(echo $(sort -rn /tmp/lcg | head -n 3))" \
    "2147305170 2145661804 2145125179"
check "sort -u count" "$(awk '{ print $1 % 1000 }' /tmp/lcg | sort -u | wc -l)" 852
rm -f /tmp/lcg

if [ "$failed" -eq 0 ]; then
    echo "WORKLOAD OK"
    exit 0
fi
echo "WORKLOAD FAILED $failed"
exit 1
