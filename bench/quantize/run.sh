#!/usr/bin/env bash
# Times kwsc quantize against PyTorch's own PTQ in one run (docs/PERFORMANCE.md, "kwsc quantize"): the default
# quantization of the bundled FP32 model on the validation clips, the same in PyTorch, and the full sweep evaluated
# on the test clips. Run from the repository root on a quiet machine:
#   bash bench/quantize/run.sh /tmp/kws-data/validation /tmp/kws-data/test
# (WAV folders from bench/quantize/npz_to_wavs.py). Wall-clock seconds from /usr/bin/time; each kwsc step also reports
# its own figure. Uses every core (kwsc: all; PyTorch: torch.set_num_threads(os.cpu_count())).
set -euo pipefail
calibrate=${1:?validation WAV folder}
test=${2:?test WAV folder}
out=$(mktemp -d)
dotnet build src/ModelCompiler -c Release -v quiet -nologo >/dev/null
K=src/ModelCompiler/bin/Release/net10.0/kwsc
M="models/cnn_fp32_model.pth --config models/configs/cnn_fp32.yaml --calibrate $calibrate"
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); load before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "date: $(date -u +%FT%TZ), code: $(git rev-parse --short HEAD)"
# Warm the file cache so the first timed step does not pay for the disk.
cat "$calibrate"/*/*.wav "$test"/*/*.wav > /dev/null
/usr/bin/time -f "kwsc quantize (defaults, PyTorch's x86 qconfig): %e s wall, %U s user" $K quantize $M -o "$out/ptq.kws.json" >/dev/null
/usr/bin/time -f "kwsc quantize (percentile 99.999, full range, bias correction): %e s wall, %U s user" \
    $K quantize $M --activations percentile:99.999 --full-range --bias-correction -o "$out/best.kws.json" >/dev/null
/usr/bin/time -f "PyTorch prepare/calibrate/convert + reading: %e s wall, %U s user" \
    /usr/bin/python3 bench/quantize/pytorch_ptq.py models/cnn_fp32_model.pth models/configs/cnn_fp32.yaml "$calibrate"
/usr/bin/time -f "kwsc quantize --sweep --eval <test>: %e s wall, %U s user" $K quantize $M --sweep --eval "$test" > "$out/sweep.txt"
head -1 "$out/sweep.txt"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
rm -rf "$out"
