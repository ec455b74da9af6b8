#!/usr/bin/env bash
# Where one Corridor ping round trip goes, in counts rather than times:
#   - instructions per ping in corridord and in corridorctl (valgrind's callgrind,
#     repeatable whatever else the machine does), by function;
#   - system calls per ping on each side (strace -c).
# Not part of `make benchmark`; for whoever optimises the call path.
# Needs: the root release build, valgrind, strace, python3, binutils (objcopy), gcc.
#   usage: Benchmarks/profiling/profile-ping.sh [PINGS]     (default 2000)
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
bin=${BIN:-$root/.build/release}
pings=${1:-2000}
out=$(mktemp -d /tmp/corridor-profile.XXXXXX)
daemon_pid=""

cleanup() {
    if [ -n "$daemon_pid" ] && kill -0 "$daemon_pid" 2>/dev/null; then
        kill -TERM "$daemon_pid" 2>/dev/null || true
        wait "$daemon_pid" 2>/dev/null || true
    fi
}
trap cleanup EXIT

for tool in valgrind callgrind_annotate callgrind_control strace objcopy gcc python3; do
    command -v "$tool" >/dev/null || { echo "needs $tool (apt-get install valgrind strace binutils gcc)" >&2; exit 1; }
done
[ -x "$bin/corridord" ] && [ -x "$bin/corridorctl" ] || { echo "build first: swift build -c release (at $root)" >&2; exit 1; }

# valgrind 3.19 cannot read the DWARF 5 that Swift 6 emits: profile copies
# without debug info (the symbol table stays, so functions keep their names).
objcopy --strip-debug "$bin/corridord" "$out/corridord"
objcopy --strip-debug "$bin/corridorctl" "$out/corridorctl"
gcc -shared -fPIC -O2 "$here/sigsuspend-shim.c" -o "$out/sigsuspend-shim.so"
shim="$out/sigsuspend-shim.so"
socket="$out/s.sock"

start_daemon() {  # $@: command prefix (empty, or valgrind ...)
    rm -rf "$out/data" "$socket"
    LD_PRELOAD="$shim" "$@" "$out/corridord" --socket "$socket" --data-dir "$out/data" >"$out/daemon.log" 2>&1 &
    daemon_pid=$!
    for _ in $(seq 300); do [ -S "$socket" ] && return 0; sleep 0.1; done
    echo "corridord did not listen within 30 s; log: $out/daemon.log" >&2
    exit 1
}
stop_daemon() { kill -TERM "$daemon_pid"; wait "$daemon_pid" 2>/dev/null || true; daemon_pid=""; }
ping_n() { "$bin/corridorctl" ping --socket "$socket" -c "$1" --warmup 0 >/dev/null; }

echo "== corridord under callgrind, $pings pings measured (after 200 unmeasured)"
start_daemon valgrind --tool=callgrind --instr-atstart=no --callgrind-out-file="$out/server.%p.out"
ping_n 200
callgrind_control -i on "$daemon_pid" >/dev/null 2>&1
callgrind_control -z "$daemon_pid" >/dev/null 2>&1
ping_n "$pings"
callgrind_control -d "$daemon_pid" >/dev/null 2>&1
callgrind_control -i off "$daemon_pid" >/dev/null 2>&1
server_profile=$(ls "$out"/server.*.out.1)
stop_daemon
python3 "$here/cgdiff.py" "$server_profile" - "$pings" exclusive 25 | swift demangle --simplified
echo "-- inclusive, corridord's own code and the packages linked into it"
python3 "$here/cgdiff.py" "$server_profile" - "$pings" inclusive 40 "/corridord]" | swift demangle --simplified

echo
echo "== corridorctl under callgrind: (1000 + $pings pings) minus (1000 pings), per ping"
start_daemon
for n in 1000 $((1000 + pings)); do
    LD_PRELOAD="$shim" valgrind --tool=callgrind --callgrind-out-file="$out/client.$n.out" \
        "$out/corridorctl" ping --socket "$socket" -c "$n" --warmup 0 >/dev/null 2>"$out/client.$n.log"
done
python3 "$here/cgdiff.py" "$out/client.1000.out" "$out/client.$((1000 + pings)).out" "$pings" exclusive 25 | swift demangle --simplified

echo
echo "== system calls per ping, $pings pings: corridord (left) and corridorctl (right)"
strace -f -c -p "$daemon_pid" -o "$out/strace.server" 2>/dev/null &
strace_pid=$!
sleep 1
strace -f -c -o "$out/strace.client" "$bin/corridorctl" ping --socket "$socket" -c "$pings" --warmup 0 >/dev/null
kill -INT "$strace_pid"; wait "$strace_pid" 2>/dev/null || true
per_ping() { awk -v n="$pings" '$NF ~ /^[a-z_0-9]+$/ && $4 ~ /^[0-9]+$/ && $4 >= n/10 { printf "  %-14s %5.2f\n", $NF, $4/n }' "$1"; }
paste <(per_ping "$out/strace.server") <(per_ping "$out/strace.client")
stop_daemon
echo
echo "profiles and logs: $out (callgrind_annotate --inclusive=yes FILE | swift demangle for more)"
