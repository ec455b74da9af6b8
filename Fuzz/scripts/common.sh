# Shared by run-fuzz and make-seeds: where the fuzz package is, how it is
# built, and which targets it has (every executable target under Sources/).
fuzz_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
SWIFT=${SWIFT:-swift}
# libFuzzer and AddressSanitizer print their own stacks; Swift's backtracer
# would take minutes over the sanitized binaries' symbols at every crash.
export SWIFT_BACKTRACE=enable=no
# No leak report at exit: the libraries keep process-wide caches (field
# tables, zones, the sample registry) on purpose, and the fuzzer exits with
# calls and watches still in flight; each would be reported as a leak.
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=0}
fuzz_build_flags=(-c debug -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library)

fuzz_targets() {
    local dir
    # TARGETS="FuzzRequest FuzzRecovery" narrows a run to those.
    if [ -n "${TARGETS:-}" ]; then echo "$TARGETS"; return; fi
    for dir in "$fuzz_dir"/Sources/Fuzz*; do
        [ "$(basename "$dir")" = FuzzSupport ] && continue
        basename "$dir"
    done
}

# Each target by itself: a plain `swift build` would also link the root
# package's executables (corridord, corridorctl), whose own main collides
# with libFuzzer's.
fuzz_build() {
    local target
    for target in $(fuzz_targets); do
        (cd "$fuzz_dir" && "$SWIFT" build "${fuzz_build_flags[@]}" --product "$target" 2>&1 | grep -v "Cannot export local symbol"; exit "${PIPESTATUS[0]}") \
            || { echo "fuzz: building $target failed"; return 1; }
    done
    fuzz_bin=$(cd "$fuzz_dir" && "$SWIFT" build "${fuzz_build_flags[@]}" --show-bin-path) || return 1
}
