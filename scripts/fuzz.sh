#!/usr/bin/env bash
# Coverage-guided fuzzing (libFuzzer) of the snippet reader, the lesson/Markdown parser and the
# progress decoder — the entry points in Sources/FuzzTargets, shared with the property tests.
#
#   scripts/fuzz.sh [TARGET…] [-t SECONDS]     TARGET: snippet, lesson, progress (default: all)
#
# Each target runs for SECONDS (default 600), one after another, at low priority. Seeds come
# from Fuzz/corpus/TARGET (committed); the growing corpus lives in .build-fuzz/corpus/TARGET and
# crashes in .build-fuzz/crashes/TARGET (both ignored by git). Replay a crash without libFuzzer:
#   swift run lrlab-fuzz TARGET .build-fuzz/crashes/TARGET/crash-…
set -euo pipefail
cd "$(dirname "$0")/.."

seconds=600
targets=()
while [ $# -gt 0 ]; do
  case "$1" in
    -t) seconds="$2"; shift 2 ;;
    snippet|lesson|progress) targets+=("$1"); shift ;;
    *) echo "usage: scripts/fuzz.sh [snippet|lesson|progress]… [-t SECONDS]" >&2; exit 2 ;;
  esac
done
[ ${#targets[@]} -gt 0 ] || targets=(snippet lesson progress)

swift build -c release --product lrlab-fuzz --scratch-path .build-fuzz \
  -Xswiftc -sanitize=fuzzer -Xswiftc -DLRLAB_LIBFUZZER
binary=.build-fuzz/release/lrlab-fuzz

status=0
for target in "${targets[@]}"; do
  corpus=.build-fuzz/corpus/$target
  crashes=.build-fuzz/crashes/$target
  mkdir -p "$corpus" "$crashes"
  max_len=4096
  [ "$target" = lesson ] && max_len=65536
  echo "== $target: ${seconds}s (corpus $corpus, crashes $crashes)"
  if ! LRLAB_FUZZ_TARGET=$target nice -n 19 "$binary" "$corpus" "Fuzz/corpus/$target" \
      -max_total_time="$seconds" -max_len="$max_len" -timeout=10 -rss_limit_mb=2048 \
      -artifact_prefix="$crashes/" -print_final_stats=1; then
    echo "== $target: FAILED (see $crashes)"
    status=1
  fi
done
exit $status
