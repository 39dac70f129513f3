#!/usr/bin/env bash
# The whole recipe, in order. KWS_SMOKE=1 runs it on a tiny data set for one epoch, writing under work/smoke/;
# KWS_WORK_DIR=<dir> puts work/ (data set, smoke outputs) elsewhere, e.g. a folder shared by several checkouts.
# Uses Debian's python3 (torch 1.13, torchaudio 0.13), not the first python3 on PATH.
set -euo pipefail
cd "$(dirname "$0")"
PY=/usr/bin/python3
step() { echo "== $* ($(date -u +%H:%M:%S))"; "$PY" "$@"; }
step synthesize.py
step train_fp32.py
step quantize_ptq.py ptq ptq_qnnpack
step train_qat.py
step make_samples.py
step modular_fp32.py
step train_variant.py
step quantize_ptq.py modular variant
step make_references.py
step accuracy.py
step export_onnx.py
step onnx_check.py
step timing.py
echo "== done ($(date -u +%H:%M:%S))"
