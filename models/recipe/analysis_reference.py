"""PyTorch's side of `kwsc analyze` (issue #8): the figures the C# analysis is tested against.

For every clip under samples/clips it runs the FP32 model and each quantized model (PTQ, QAT) and writes, to
references/analysis.json:
- per layer, the error of the quantized model's dequantized output against the FP32 model's output of the same
  layer over all clips together (error = quantized - fp32): MSE, MAE, cosine similarity, SQNR in dB
  (10 log10(sum fp32^2 / sum error^2)), population standard deviation and mean of the error; "quant" compares the
  quantized input with the raw input, "output" the log-softmax;
- per-block sensitivity: clips right with only one block in int8 (conv_i + relu + pool_i, conv4's block also the
  global average pool; or fc1), the rest in FP32, and with all blocks;
- per layer, each output channel's weight scale and max |int8 code| / 127 (capped at 1);
- per quantized tensor, the range of the FP32 values and the share the int8 range clips
  (below scale*(-0.5 - zp) or above scale*(255.5 - zp));
- each model's top-1 count.
Written independently of the C# code, in float64 with numpy. Run with Debian's python3 (torch 1.13, onednn):
    /usr/bin/python3 models/recipe/analysis_reference.py
"""
import argparse
import glob
import hashlib
import json
import os

import numpy as np
import torch
import torch.nn.functional as F
import torchaudio
import yaml

from common import INPUT_LENGTH, MODELS, NEW_SAMPLE_RATE, WORDS, setup_torch
from m5 import from_config, quantized_from_config

BLOCKS = ["conv1", "conv2", "conv3", "conv4", "fc1"]
TENSORS = ["quant", "conv1", "pool1", "conv2", "pool2", "conv3", "pool3", "conv4", "pool4", "avgpool", "fc1"]


def model_input(path):
    """torchaudio.load, mean to mono, Resample(orig, 8000) with defaults, pad or cut to 8000: [1, 1, 8000]."""
    waveform, rate = torchaudio.load(path)
    x = waveform.mean(dim=0, keepdim=True)
    if rate != NEW_SAMPLE_RATE:
        x = torchaudio.transforms.Resample(rate, NEW_SAMPLE_RATE)(x)
    x = x[:, :INPUT_LENGTH]
    return F.pad(x, (0, INPUT_LENGTH - x.shape[-1])).unsqueeze(0)


def flat(t):
    t = t.dequantize() if t.is_quantized else t
    return t.detach().reshape(-1).numpy().astype(np.float64)


class ErrorSums:
    """Sums over every element of every clip, so the metrics are those of all clips together."""

    def __init__(self):
        self.n = 0
        self.e = self.e2 = self.abs_e = self.r2 = self.t2 = self.rt = 0.0

    def add(self, reference, test):
        err = test - reference
        self.n += err.size
        self.e += err.sum()
        self.e2 += (err * err).sum()
        self.abs_e += np.abs(err).sum()
        self.r2 += (reference * reference).sum()
        self.t2 += (test * test).sum()
        self.rt += (reference * test).sum()

    def metrics(self):
        mse, mean = self.e2 / self.n, self.e / self.n
        norms = np.sqrt(self.r2) * np.sqrt(self.t2)
        return {"count": self.n, "mse": mse, "mae": self.abs_e / self.n,
                "cosine": self.rt / norms if norms > 0 else (1.0 if self.r2 == self.t2 else 0.0),
                "sqnrDb": 10 * np.log10(self.r2 / self.e2) if self.e2 > 0 else "Infinity",
                "errorStd": float(np.sqrt(max(0.0, mse - mean * mean))), "meanError": mean}


def input_qparams(q):
    """The scale and zero point of each block's input in the int8 model (max pooling and avg pooling keep them)."""
    params = {"conv1": (float(q.quant.scale), int(q.quant.zero_point))}
    for i in range(2, 5):
        prev = getattr(q, f"conv{i - 1}")
        params[f"conv{i}"] = (float(prev.scale), int(prev.zero_point))
    params["fc1"] = (float(q.conv4.scale), int(q.conv4.zero_point))
    return params


def tensor_qparams(q):
    params = {"quant": (float(q.quant.scale), int(q.quant.zero_point)), "fc1": (float(q.fc1.scale), int(q.fc1.zero_point))}
    for i in range(1, 5):
        conv = getattr(q, f"conv{i}")
        params[f"conv{i}"] = params[f"pool{i}"] = (float(conv.scale), int(conv.zero_point))
    params["avgpool"] = params["conv4"]
    return params


def mixed_forward(fp, q, quantized_blocks, x):
    """The FP32 model with the chosen blocks run by the int8 model's modules: quantize in, dequantize out."""
    qin = input_qparams(q)

    def int8(block, x, run):
        scale, zero_point = qin[block]
        return run(torch.quantize_per_tensor(x, scale, zero_point, torch.quint8)).dequantize()

    for i in range(1, 5):
        name = f"conv{i}"
        last = i == 4

        def block(m, t, i=i, last=last):
            t = getattr(m, f"pool{i}")(getattr(m, f"relu{i}")(getattr(m, f"bn{i}")(getattr(m, f"conv{i}")(t))))
            return F.avg_pool1d(t, t.shape[-1]) if last else t

        x = int8(name, x, lambda t: block(q, t)) if name in quantized_blocks else block(fp, x)
    x = x.permute(0, 2, 1)
    x = int8("fc1", x, q.fc1) if "fc1" in quantized_blocks else fp.fc1(x)
    return F.log_softmax(x, dim=2)


def weight_statistics(q):
    layers = []
    for name in BLOCKS:
        w = getattr(q, name).weight()
        scales = w.q_per_channel_scales() if w.qscheme() == torch.per_channel_affine else torch.full((w.shape[0],), w.q_scale())
        codes = w.int_repr().reshape(w.shape[0], -1).to(torch.int32)
        use = torch.clamp(codes.abs().max(dim=1).values, max=127).double() / 127
        layers.append({"name": name, "scales": scales.double().tolist(), "rangeUse": use.tolist()})
    return layers


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--fp32", default=os.path.join(MODELS, "cnn_fp32_model.pth"))
    parser.add_argument("--quantized", nargs="+", default=[os.path.join(MODELS, f"cnn_{k}_model.pth") for k in ("ptq", "qat")])
    parser.add_argument("--config", default=os.path.join(MODELS, "configs", "cnn_fp32.yaml"))
    parser.add_argument("--samples", default=os.path.join(MODELS, "samples", "clips"))
    parser.add_argument("-o", "--output", default=os.path.join(MODELS, "references", "analysis.json"))
    args = parser.parse_args()
    setup_torch(1)
    config = yaml.safe_load(open(args.config))
    fp = from_config(config)
    fp.load_state_dict(torch.load(args.fp32))
    fp.eval()
    kinds = [os.path.basename(p).replace("cnn_", "").replace("_model.pth", "").replace(".pth", "") for p in args.quantized]
    qs = [quantized_from_config(config, torch.load(p)).eval() for p in args.quantized]

    files = sorted(glob.glob(os.path.join(args.samples, "*", "*.wav")))
    clips = [(os.path.relpath(f, args.samples), os.path.basename(os.path.dirname(f)), model_input(f)) for f in files]
    errors = [{n: ErrorSums() for n in TENSORS + ["output"]} for _ in qs]
    qparams = [tensor_qparams(q) for q in qs]
    seen = {n: [np.inf, -np.inf] for n in TENSORS}
    counted = {n: 0 for n in TENSORS}
    clipped = [{n: 0 for n in TENSORS} for _ in qs]
    correct = {"fp32": 0, **{k: 0 for k in kinds}}
    sensitivity = [{b: 0 for b in BLOCKS + ["all"]} for _ in qs]
    with torch.no_grad():
        for file, label, x in clips:
            truth = WORDS.index(label)
            fp_out = dict((n, flat(t)) for n, t in fp.features(x))
            fp_logp = flat(fp(x))
            correct["fp32"] += int(fp_logp.argmax() == truth)
            for n in TENSORS:
                v = fp_out[n]
                seen[n] = [min(seen[n][0], v.min()), max(seen[n][1], v.max())]
                counted[n] += v.size
                for m in range(len(qs)):
                    scale, zp = qparams[m][n]
                    clipped[m][n] += int(((v < scale * (-0.5 - zp)) | (v > scale * (255.5 - zp))).sum())
            for m, (kind, q) in enumerate(zip(kinds, qs)):
                for n, t in q.features(x):
                    errors[m][n].add(fp_out[n], flat(t))
                q_logp = flat(q(x))
                errors[m]["output"].add(fp_logp, q_logp)
                correct[kind] += int(q_logp.argmax() == truth)
                for b in BLOCKS:
                    sensitivity[m][b] += int(flat(mixed_forward(fp, q, {b}, x)).argmax() == truth)
                sensitivity[m]["all"] += int(flat(mixed_forward(fp, q, set(BLOCKS), x)).argmax() == truth)

    def checkpoint(path):
        with open(path, "rb") as f:
            return {"file": os.path.basename(path), "sha256": hashlib.sha256(f.read()).hexdigest()}

    document = {
        "torch": torch.__version__.split("a")[0], "engine": torch.backends.quantized.engine,
        "checkpoints": {"fp32": checkpoint(args.fp32), **{k: checkpoint(p) for k, p in zip(kinds, args.quantized)}},
        "samples": os.path.relpath(args.samples, MODELS), "clips": len(clips),
        "correct": correct,
        "layers": {k: [{"name": n, **errors[m][n].metrics()} for n in TENSORS + ["output"]] for m, k in enumerate(kinds)},
        "sensitivity": {k: sensitivity[m] for m, k in enumerate(kinds)},
        "weights": {k: weight_statistics(q) for k, q in zip(kinds, qs)},
        "activations": {k: [{"name": n, "seenMin": seen[n][0], "seenMax": seen[n][1],
                             "quantizedMin": qparams[m][n][0] * (0 - qparams[m][n][1]),
                             "quantizedMax": qparams[m][n][0] * (255 - qparams[m][n][1]),
                             "clippedShare": clipped[m][n] / counted[n]} for n in TENSORS] for m, k in enumerate(kinds)},
    }
    os.makedirs(os.path.dirname(args.output), exist_ok=True)
    with open(args.output, "w") as f:
        json.dump(document, f, indent=1, default=float)
        f.write("\n")
    print(f"{args.output}: {len(clips)} clips, correct {correct}")


if __name__ == "__main__":
    main()
