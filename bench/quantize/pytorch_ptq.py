"""PyTorch's own eager PTQ of an FP32 M5 checkpoint from a folder of WAV clips, timed: what `kwsc quantize` with its
defaults does, for comparison (docs/PERFORMANCE.md). The clips are read in kwsc's order (<dir>/*.wav and
<dir>/<label>/*.wav, sorted by path) and batched as `--batch-size` says, so both calibrate on the same batches.

Run with Debian's PyTorch 1.13 (/usr/bin/python3), from the repository root:
  /usr/bin/python3 bench/quantize/pytorch_ptq.py models/cnn_fp32_model.pth models/configs/cnn_fp32.yaml <wav-dir> \
      [--eval <labelled-dir>] [--save ptq.pth] [--threads 2]
Prints one JSON object: seconds for reading the clips (torchaudio.load, mean, Resample, pad/cut), for prepare +
calibrate + convert, the number of clips and batches, and the PTQ model's accuracy on --eval if given."""
import argparse
import glob
import json
import os
import sys
import time
import warnings

import torch
import torchaudio
import yaml

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "models", "recipe"))
from m5 import from_config  # noqa: E402

warnings.filterwarnings("ignore", message="Please use quant_min and quant_max")


def clips(folder):
    """(path, label or None), sorted by path as kwsc's ClipFolder sorts them (ordinal)."""
    found = [(p, None) for p in glob.glob(os.path.join(folder, "*.wav"))]
    found += [(p, os.path.basename(os.path.dirname(p))) for p in glob.glob(os.path.join(folder, "*", "*.wav"))]
    return sorted(found, key=lambda c: c[0].encode())


def model_input(path, rate, length, resamplers):
    """torchaudio.load, mean to mono, Resample(orig, rate) with defaults, pad/cut: the references' pipeline."""
    waveform, orig = torchaudio.load(path)
    x = waveform.mean(dim=0, keepdim=True)
    if orig != rate:
        if orig not in resamplers:
            resamplers[orig] = torchaudio.transforms.Resample(orig, rate)
        x = resamplers[orig](x)
    x = x[:, :length]
    return torch.nn.functional.pad(x, (0, length - x.shape[-1])).unsqueeze(0)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("checkpoint")
    parser.add_argument("config")
    parser.add_argument("calibrate")
    parser.add_argument("--eval")
    parser.add_argument("--save")
    parser.add_argument("--labels", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "models", "labels.txt"))
    parser.add_argument("--batch-size", type=int, default=256)
    parser.add_argument("--threads", type=int, default=os.cpu_count())
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    torch.backends.quantized.engine = "onednn"
    config = yaml.safe_load(open(args.config))
    rate = config.get("data", {}).get("new_sample_rate", 8000)
    length = config.get("data", {}).get("input_length", 8000)

    started = time.perf_counter()
    resamplers = {}
    inputs = torch.cat([model_input(p, rate, length, resamplers) for p, _ in clips(args.calibrate)])
    read_seconds = time.perf_counter() - started

    started = time.perf_counter()
    model = from_config(config)
    model.load_state_dict(torch.load(args.checkpoint))
    model.eval()
    model.fuse_model()
    model.qconfig = torch.ao.quantization.get_default_qconfig("x86")
    torch.ao.quantization.prepare(model, inplace=True)
    with torch.no_grad():
        for i in range(0, len(inputs), args.batch_size):
            model(inputs[i:i + args.batch_size])
    torch.ao.quantization.convert(model, inplace=True)
    quantize_seconds = time.perf_counter() - started
    if args.save:
        torch.save(model.state_dict(), args.save)

    result = {"torch": torch.__version__, "threads": torch.get_num_threads(), "clips": len(inputs),
              "batches": (len(inputs) + args.batch_size - 1) // args.batch_size,
              "readSeconds": round(read_seconds, 3), "prepareCalibrateConvertSeconds": round(quantize_seconds, 3),
              "totalSeconds": round(read_seconds + quantize_seconds, 3)}
    if args.eval:
        labels = [w.strip() for w in open(args.labels) if w.strip()]
        correct = total = 0
        with torch.no_grad():
            batch, truth = [], []
            for path, label in clips(args.eval) + [(None, None)]:
                if path is not None and label in labels:
                    batch.append(model_input(path, rate, length, resamplers))
                    truth.append(labels.index(label))
                if batch and (path is None or len(batch) == args.batch_size):
                    predicted = model(torch.cat(batch)).squeeze(1).argmax(-1)
                    correct += (predicted == torch.tensor(truth)).sum().item()
                    total += len(batch)
                    batch, truth = [], []
        result["eval"] = {"clips": total, "accuracy": round(100.0 * correct / total, 4)}
    print(json.dumps(result))


if __name__ == "__main__":
    main()
