#!/bin/bash
# Build cost of `dotnet publish -p:KwsModel=` as models grow (docs/benchmarks.md, "Build cost"): for each manifest,
# wall time of the whole publish, the time of its two model-dependent steps (the C# compiler with the source generator,
# and Native AOT's ILC, from MSBuild's performance summary), and the peak resident memory of its largest process (GNU
# time's "maximum resident set size"; one MSBuild node and no compiler server, so csc and ilc are child processes),
# and the CPU time of the whole publish (user + system), which a busy machine inflates less than the wall time.
# Usage: bench/BuildCost/measure.sh <out-dir> <m.kws.json>...   (from the repository root; make the manifests with
# make_models.py and kwsc export, see docs/benchmarks.md). Prints one CSV line per manifest.
set -euo pipefail
out=$1; shift
mkdir -p "$out"
# Build everything the publish needs but the model-dependent part first, so only that is timed.
dotnet publish src/NativeAotHost -c Release -r linux-x64 -o "$out/warm" -p:UseSharedCompilation=false >/dev/null
echo "manifest,manifestBytes,weightBytes,seconds,cpuSeconds,cscSeconds,ilcSeconds,peakMegabytes,binaryBytes"
for manifest in "$@"; do
  name=$(basename "$manifest" .kws.json)
  /usr/bin/time -f "%e %U %S %M" -o "$out/$name.time" \
    dotnet publish src/NativeAotHost -c Release -r linux-x64 -o "$out/$name" -p:KwsModel="$(realpath "$manifest")" \
      -p:UseSharedCompilation=false -nodeReuse:false -m:1 -clp:PerformanceSummary >"$out/$name.log" 2>&1
  read -r seconds user system kilobytes < "$out/$name.time"
  # Task lines of the summary: "<ms> ms  <Task>  <calls> calls".
  csc=$(awk '$3 == "Csc" { printf "%.1f", $1 / 1000 }' "$out/$name.log")
  ilc=$(awk '$3 == "IlcCompile" || $3 == "ComputeManagedAssemblies" { s += $1 } END { printf "%.1f", s / 1000 }' "$out/$name.log")
  echo "$name,$(stat -c %s "$manifest"),$("$out/$name/kws" info --json | /usr/bin/python3 -c 'import json,sys; print(json.load(sys.stdin)["weightBytes"])'),$seconds,$(echo "$user + $system" | bc),$csc,$ilc,$((kilobytes / 1024)),$(stat -c %s "$out/$name/kws")"
done
