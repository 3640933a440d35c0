#!/usr/bin/env bash
# Runs every fuzz target for a bounded time and prints how many inputs each one tried.
#
#   fuzz/run.sh [SECONDS_PER_TARGET]     (default 90)
#
# Needs cargo-fuzz (`cargo install cargo-fuzz`). libFuzzer needs nightly compiler flags
# (-Zsanitizer); on a stable toolchain RUSTC_BOOTSTRAP=1 unlocks them. Warraq forbids unsafe
# code, so AddressSanitizer finds nothing the Rust checks do not; it is off (`-s none`),
# which runs several times more inputs per second. Seeds come from the
# project's documents and the hostile-input corpus; new inputs go to fuzz/corpus/<target>/
# and crashes to fuzz/artifacts/<target>/. Copy a crash to tests/fixtures/fuzz/<target>/ to
# keep it as a regression test (tests/it/fuzz_regressions.rs replays that folder).
set -euo pipefail
cd "$(dirname "$0")"
seconds="${1:-90}"
export RUSTC_BOOTSTRAP=1
status=0
for target in front_matter markdown align; do
    mkdir -p "corpus/$target" "artifacts/$target"
    seeds=(../tests/fixtures/hostile ../tests/fixtures/valid/content ../content)
    [ -d "../tests/fixtures/fuzz/$target" ] && seeds+=("../tests/fixtures/fuzz/$target")
    log="artifacts/$target/run.log"
    if cargo fuzz run --sanitizer none "$target" "corpus/$target" "${seeds[@]}" -- \
        -max_total_time="$seconds" -max_len=16384 -timeout=20 -rss_limit_mb=2048 \
        -print_final_stats=1 >"$log" 2>&1; then
        result="no crash"
    else
        result="CRASH (see $log and artifacts/$target/)"
        status=1
    fi
    runs=$(grep -E '^stat::number_of_executed_units' "$log" | awk '{print $2}' || true)
    echo "$target: ${runs:-?} executions in ${seconds}s: $result"
done
exit "$status"
