#!/usr/bin/env bash
# Coverage-guided fuzzing of one reader with AFL++ and SharpFuzz (docs/limits.md records the runs).
#   tests/Fuzz/fuzz.sh <target> [executions]     e.g. tests/Fuzz/fuzz.sh checkpoint 1000000
# Needs afl++ (apt-get install afl++) and the SharpFuzz.CommandLine tool
# (dotnet tool install --global SharpFuzz.CommandLine --version 2.3.0). Runs on one core at low priority; the queue,
# minimised by afl-cmin, replaces tests/Fuzz/corpus/<target>.tar.gz, and the AFL statistics are printed at the end.
set -euo pipefail
target="${1:?usage: fuzz.sh <target> [executions]}"
executions="${2:-1000000}"
repo="$(cd "$(dirname "$0")/../.." && pwd)"
work="${FUZZ_WORK:-$HOME/.cache/kws-fuzz}/$target" # not /tmp: afl-cmin refuses it
export PATH="$PATH:$HOME/.dotnet/tools"
export AFL_SKIP_BIN_CHECK=1 AFL_SKIP_CPUFREQ=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 AFL_NO_UI=1 AFL_NO_AFFINITY=1

rm -rf "$work"
mkdir -p "$work/in"
dotnet build "$repo/tests/Fuzz" -c Release --nologo -v quiet
cp -r "$repo/tests/Fuzz/bin/Release/net10.0" "$work/bin"
harness=("$(command -v dotnet)" "$work/bin/kws-fuzz.dll" "$target")
# Seeds first: instrumented code only runs under the fuzzer (its edge counters are not set up before), and some seeds
# are made by the product's own writers (e.g. tiny manifests).
"${harness[@]}" --seeds "$work/in"
# The product's assemblies and the YAML parser get AFL's edge counters; the harness and the framework do not.
for assembly in kwsc.dll Kws.Runtime.dll YamlDotNet.dll; do
    sharpfuzz "$work/bin/$assembly"
done
corpus="$repo/tests/Fuzz/corpus/$target.tar.gz"
if [ -f "$corpus" ]; then tar -xzf "$corpus" -C "$work/in"; fi

nice -n 10 afl-fuzz -i "$work/in" -o "$work/out" -t 2000 -m none -E "$executions" -- "${harness[@]}"

stats="$work/out/default/fuzzer_stats"
grep -E '^(execs_done|execs_per_sec|run_time|corpus_count|bitmap_cvg|edges_found|total_edges|saved_crashes|saved_hangs)\b' "$stats"

rm -rf "$work/min" "$work/named"
nice -n 10 afl-cmin -i "$work/out/default/queue" -o "$work/min" -t 5000 -m none -- "${harness[@]}"
# Content-addressed names, files ordered by size (similar inputs side by side within gzip's window), no dates:
# the same queue always gives the same archive.
mkdir -p "$work/named" "$(dirname "$corpus")"
for file in "$work/min"/*; do
    cp "$file" "$work/named/$(sha256sum "$file" | cut -c1-16)"
done
(cd "$work/named" && ls -S | tar --owner=0 --group=0 --numeric-owner --mtime=@0 --mode=644 -cf - -T - | gzip -9n) > "$corpus"
echo "corpus: $(ls "$work/named" | wc -l) files, $(du -sb "$work/named" | cut -f1) bytes, $(stat -c %s "$corpus") bytes compressed"
if [ -n "$(ls -A "$work/out/default/crashes" 2>/dev/null | grep -v README)" ] || [ -n "$(ls -A "$work/out/default/hangs" 2>/dev/null)" ]; then
    echo "findings in $work/out/default/crashes and hangs"
    exit 1
fi
