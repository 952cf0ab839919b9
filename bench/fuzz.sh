#!/usr/bin/env bash
# Fuzzes the parsers editors and web servers reach, with libFuzzer (Swift's -sanitize=fuzzer).
#   bench/fuzz.sh [target] [seconds]      targets: article (decode + front matter + YAML + fields), logline
# Falls back to the seeded mutator (same targets) where libFuzzer cannot be linked.
set -euo pipefail
cd "$(dirname "$0")/.."
target=${1:-article}
seconds=${2:-60}
corpus=bench/out/fuzz-corpus-$target
mkdir -p "$corpus"
if [ "$target" = logline ]; then
  seeds=(bench/fuzz-seed-access.log)
else
  seeds=(content/articles/*/*.md)
fi
cp -n "${seeds[@]}" "$corpus"/ 2>/dev/null || true
if swift build -c release --product BanTinFuzz --scratch-path .build-fuzz \
     -Xswiftc -sanitize=fuzzer -Xswiftc -DFUZZING -Xswiftc -parse-as-library --toolset bench/fuzz-toolset.json >bench/out/fuzz-build.log 2>&1; then
  BANTIN_FUZZ_TARGET=$target .build-fuzz/release/BanTinFuzz "$corpus" -max_total_time="$seconds" -max_len=65536 -timeout=5 \
    2>&1 | tee bench/out/fuzz-$target.log | grep -E "^#[0-9]+ *(DONE|pulse)|Done|ERROR|crash" || true
  grep -E "Done [0-9]+ runs" bench/out/fuzz-$target.log
else
  echo "libFuzzer build failed (see bench/out/fuzz-build.log); using the seeded mutator"
  swift build -c release --product BanTinFuzz
  .build/release/BanTinFuzz "$target" "$seconds" "${seeds[@]}"
fi
