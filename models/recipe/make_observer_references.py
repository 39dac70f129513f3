"""PyTorch's observers on the bundled FP32 M5 (docs/calibration.md): the exact float32 tensors every observer of a
prepared model sees on a fixed calibration set, the scales and zero points each observer configuration of the
seed's grid computes from them, the BatchNorm folding of fuse_modules, synthetic batch sequences that drive the
histogram observer through its other paths, and PyTorch's own x86 PTQ made from the same batches."""
import glob
import gzip
import hashlib
import json
import os
import re
import warnings

import numpy as np

from common import OUT, setup_torch
from make_references import model_input
from m5 import load_trained

torch = setup_torch(threads=2)
# The C# observers compute in IEEE float32 without flushing denormals; PyTorch's default does the same.
torch.set_flush_denormal(False)
warnings.filterwarnings("ignore", message="Please use quant_min and quant_max")
from torch.ao.quantization import (HistogramObserver, MinMaxObserver, MovingAverageMinMaxObserver,  # noqa: E402
                                   MovingAveragePerChannelMinMaxObserver, PerChannelMinMaxObserver)

FOLDER = os.path.join(OUT, "references", "observers")
BATCHES, BATCH_SIZE = 3, 4
LAYERS = ("conv1", "conv2", "conv3", "conv4")
AFFINE, SYMMETRIC = torch.per_tensor_affine, torch.per_tensor_symmetric
CHANNEL_AFFINE, CHANNEL_SYMMETRIC = torch.per_channel_affine, torch.per_channel_symmetric


def activation_grid():
    """quint8 per-tensor activation observers, with the x86 qconfig's reduce_range=True and with reduce_range=False."""
    grid = []
    for reduce_range in (True, False):
        for name, cls, scheme in (("MinMax", MinMaxObserver, AFFINE), ("MinMax", MinMaxObserver, SYMMETRIC),
                                  ("MovingAverageMinMax", MovingAverageMinMaxObserver, AFFINE),
                                  ("MovingAverageMinMax", MovingAverageMinMaxObserver, SYMMETRIC),
                                  ("Histogram", HistogramObserver, AFFINE), ("Histogram", HistogramObserver, SYMMETRIC)):
            grid.append((name, cls, dict(dtype=torch.quint8, qscheme=scheme, reduce_range=reduce_range)))
    return grid


def weight_grid():
    """qint8 weight observers (no reduce_range): per channel (axis 0) and per tensor, affine and symmetric."""
    grid = []
    for scheme in (CHANNEL_SYMMETRIC, CHANNEL_AFFINE):
        grid.append(("PerChannelMinMax", PerChannelMinMaxObserver, dict(qscheme=scheme)))
        grid.append(("MovingAveragePerChannelMinMax", MovingAveragePerChannelMinMaxObserver, dict(qscheme=scheme)))
        grid.append(("Histogram", HistogramObserver, dict(qscheme=scheme)))  # PyTorch refuses per-channel histograms
    for scheme in (AFFINE, SYMMETRIC):
        grid.append(("MinMax", MinMaxObserver, dict(qscheme=scheme)))
        grid.append(("MovingAverageMinMax", MovingAverageMinMaxObserver, dict(qscheme=scheme)))
        grid.append(("Histogram", HistogramObserver, dict(qscheme=scheme)))
    return [(name, cls, dict(dtype=torch.qint8, reduce_range=False, **kw)) for name, cls, kw in grid]


def sha256(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def describe(name, kwargs):
    return {"observer": name, "dtype": str(kwargs["dtype"]).split(".")[1],
            "qscheme": str(kwargs["qscheme"]).split(".")[1], "reduceRange": kwargs["reduce_range"]}


class Blob:
    """The float32 tensors, concatenated little-endian; offsets in elements."""

    def __init__(self):
        self.parts, self.length = [], 0

    def add(self, tensor):
        values = tensor.detach().contiguous().reshape(-1).numpy().astype("<f4")
        entry = {"shape": list(tensor.shape), "offset": self.length, "length": int(values.size)}
        self.parts.append(values.tobytes())
        self.length += int(values.size)
        return entry


def qparams_of(cls, kwargs, batches):
    """What an observer of `cls` computes after seeing `batches` in order, or PyTorch's refusal; how often the
    histogram observer took its combination path."""
    try:
        observer = cls(**kwargs)
    except (NotImplementedError, AssertionError) as e:
        return {"refused": " ".join(str(e).split())}
    combinations = 0
    if isinstance(observer, HistogramObserver):
        original = observer._combine_histograms

        def counting(*args):
            nonlocal combinations
            combinations += 1
            return original(*args)
        observer._combine_histograms = counting
    for batch in batches:
        observer(batch)
    scale, zero_point = observer.calculate_qparams()
    result = {"scales": [float(s) for s in scale.reshape(-1).to(torch.float32)],
              "zeroPoints": [int(z) for z in zero_point.reshape(-1)]}
    if isinstance(observer, HistogramObserver):
        result["combinations"] = combinations
    return result


def calibration_clips():
    """The first clip of every third label (sorted), in that order: 12 clips, 3 batches of 4."""
    labels = sorted(os.listdir(os.path.join(OUT, "samples", "clips")))
    files = [sorted(glob.glob(os.path.join(OUT, "samples", "clips", label, "*.wav")))[0] for label in labels[::3]]
    assert len(files) == BATCHES * BATCH_SIZE, len(files)
    return files


def record_observed(model, batches):
    """Calibrates a prepared model and returns, per observer (quant, conv1..4, fc1), the distinct tensors it saw and
    the order of its calls as indices into them. A fused ConvReLU1d is an nn.Sequential, and prepare adds its observer
    as a child: the Sequential calls it as its last step and the forward hook calls it again on the same tensor, so
    each conv observer runs twice per batch (the quant stub's and fc1's once)."""
    seen, calls, last = {}, {}, {}
    for name, module in model.named_modules():
        if name.endswith("activation_post_process"):
            owner = name.rsplit(".", 1)[0]

            def hook(_, inputs, owner=owner):
                if last.get(owner) is not inputs[0]:
                    last[owner] = inputs[0]
                    seen.setdefault(owner, []).append(inputs[0].detach().clone())
                calls.setdefault(owner, []).append(len(seen[owner]) - 1)
            module.register_forward_pre_hook(hook)
    with torch.no_grad():
        for batch in batches:
            model(batch)
    return seen, calls


def synthetic_cases():
    """Batch sequences that take the histogram observer's other paths: ranges growing, shrinking and restarting,
    ranges beyond 1 that torch.histc's int() bounds cut, all-negative, very narrow and very wide ranges."""
    rng = np.random.default_rng(15)
    n = 1500

    def normal(scale, shift=0.0):
        return (rng.standard_normal(n) * scale + shift).astype(np.float32)
    cases = {
        "growing": [normal(0.2), normal(0.9, 0.3), normal(3.0, -0.5)],
        "shrinking": [normal(5.0), normal(1.0), normal(0.1, 0.2)],
        "restart": [np.full(n, 0.75, np.float32), normal(0.5), normal(2.0, 1.0)],
        "relu_tail": [np.maximum(normal(2.0), 0) ** 2, np.maximum(normal(1.5), 0) ** 2, np.maximum(normal(4.0), 0)],
        "negative": [-np.abs(normal(1.7)), -np.abs(normal(0.6)) - 2.0, -np.abs(normal(3.3))],
        "narrow": [normal(1e-3, 0.5), normal(2e-3, 0.5), normal(1e-3, 0.501)],
        "wide": [normal(40.0), np.concatenate([normal(10.0)[:-1], [300.0]]).astype(np.float32), normal(80.0, 20.0)],
        "mixed_sizes": [normal(1.0)[:7], normal(2.5, 0.5), normal(0.3)[:100]],
    }
    return {name: [torch.from_numpy(np.ascontiguousarray(b, dtype=np.float32)) for b in batches]
            for name, batches in cases.items()}


def summation_cases(blob):
    """torch.sum of float32 vectors of assorted lengths and magnitudes: the order its cascade adds in shows."""
    rng = np.random.default_rng(16)
    cases = []
    for n in (3, 8, 37, 1000, 2048, 4099):
        values = torch.from_numpy((rng.standard_normal(n) * 10.0 ** rng.uniform(-3, 4, n)).astype(np.float32))
        cases.append({"values": blob.add(values), "sum": float(values.sum())})
    return cases


def combination_cases(blob):
    """HistogramObserver._adjust_min_max and _combine_histograms on held histograms of large fractional counts, where
    the double integral passes 2^24 and PyTorch's float32 copy of it rounds."""
    rng = np.random.default_rng(17)
    cases = []
    for held_range, combined_range in (((-1.0, 2.0), (-1.5, 7.25)), ((0.0, 3.3), (0.0, 50.0)), ((-0.2, 0.1), (-0.2, 0.9))):
        observer = HistogramObserver()
        held = torch.from_numpy((rng.random(observer.bins) * 3e5).astype(np.float32))
        batch = torch.from_numpy(np.floor(rng.random(observer.bins) * 1e4).astype(np.float32))
        observer.min_val.copy_(torch.tensor(held_range[0]))
        observer.max_val.copy_(torch.tensor(held_range[1]))
        combined_min, combined_max, downsample_rate, start_idx = observer._adjust_min_max(
            torch.tensor(combined_range[0]), torch.tensor(combined_range[1]), observer.upsample_rate)
        combined = observer._combine_histograms(batch, held, observer.upsample_rate, downsample_rate, start_idx,
                                                observer.bins)
        cases.append({"heldMin": float(observer.min_val), "heldMax": float(observer.max_val),
                      "combinedMin": float(torch.tensor(combined_range[0])),
                      "combinedMax": float(torch.tensor(combined_range[1])),
                      "held": blob.add(held), "batch": blob.add(batch),
                      "adjustedMin": float(combined_min), "adjustedMax": float(combined_max),
                      "downsampleRate": downsample_rate, "startIndex": start_idx, "combined": blob.add(combined)})
    return cases


def main():
    # torch.sum's order depends on the vector width of the kernels PyTorch dispatches to; the C# emulation adds as the
    # AVX2 kernels (8 floats) do, 1.13's default on x86 even where AVX-512 exists (ATEN_CPU_CAPABILITY unset).
    capability = re.search(r"CPU capability usage: (\w+)", torch.__config__.show()).group(1)
    assert capability == "AVX2", capability
    os.makedirs(FOLDER, exist_ok=True)
    blob = Blob()
    fp32 = load_trained("fp32")
    fp32.fuse_model()

    folded = {}
    for layer in LAYERS:
        conv = getattr(fp32, layer)[0]
        folded[layer] = {"weight": blob.add(conv.weight), "bias": blob.add(conv.bias)}
    folded["fc1"] = {"weight": blob.add(fp32.fc1.weight), "bias": blob.add(fp32.fc1.bias)}
    weights = {layer: getattr(fp32, layer)[0].weight.detach().clone() for layer in LAYERS}
    weights["fc1"] = fp32.fc1.weight.detach().clone()

    files = calibration_clips()
    inputs = [model_input(f) for f in files]
    batches = [torch.cat(inputs[i:i + BATCH_SIZE]) for i in range(0, len(inputs), BATCH_SIZE)]

    # PyTorch's own x86 PTQ on these batches: what the observers see, their qparams, the converted state_dict.
    ptq = load_trained("fp32")
    ptq.fuse_model()
    ptq.qconfig = torch.ao.quantization.get_default_qconfig("x86")
    torch.ao.quantization.prepare(ptq, inplace=True)
    observed, calls = record_observed(ptq, batches)
    assert list(observed) == ["quant", *LAYERS, "fc1"], list(observed)
    sequences = {t: [observed[t][i] for i in calls[t]] for t in observed}
    activation_qparams = {}
    for name in observed:
        scale, zero_point = getattr(ptq, name).activation_post_process.calculate_qparams()
        activation_qparams[name] = (float(scale), int(zero_point))
    torch.ao.quantization.convert(ptq, inplace=True)
    torch.save(ptq.state_dict(), os.path.join(FOLDER, "ptq_from_samples.pth"))

    activations = {name: {"tensors": [blob.add(t) for t in tensors], "calls": calls[name]}
                   for name, tensors in observed.items()}
    configurations = []
    for name, cls, kwargs in activation_grid():
        configurations.append({**describe(name, kwargs), "kind": "activation",
                               "results": {t: qparams_of(cls, kwargs, sequences[t]) for t in observed}})
    for name, cls, kwargs in weight_grid():
        configurations.append({**describe(name, kwargs), "kind": "weight",
                               "results": {t: qparams_of(cls, kwargs, [w]) for t, w in weights.items()}})

    # The x86 default configuration in this grid must give what the prepared model converted with.
    x86 = next(c for c in configurations if c["kind"] == "activation" and c["observer"] == "Histogram"
               and c["qscheme"] == "per_tensor_affine" and c["reduceRange"])
    for t, (scale, zero_point) in activation_qparams.items():
        assert x86["results"][t]["scales"] == [scale] and x86["results"][t]["zeroPoints"] == [zero_point], t
    state = ptq.state_dict()
    for layer in LAYERS:
        w = state[f"{layer}.weight"]
        ref = next(c for c in configurations if c["kind"] == "weight" and c["observer"] == "PerChannelMinMax"
                   and c["qscheme"] == "per_channel_symmetric")["results"][layer]
        assert [float(s) for s in w.q_per_channel_scales().to(torch.float32)] == ref["scales"], layer

    synthetic = []
    for case, case_batches in synthetic_cases().items():
        synthetic.append({"name": case, "batches": [blob.add(b) for b in case_batches],
                          "results": [{**describe(name, kwargs), "result": qparams_of(cls, kwargs, case_batches)}
                                      for name, cls, kwargs in activation_grid()]})

    document = {
        "torch": torch.__version__.split("a")[0], "engine": torch.backends.quantized.engine,
        "cpuCapability": capability,
        "checkpoint": "cnn_fp32_model.pth", "checkpointSha256": sha256(os.path.join(OUT, "cnn_fp32_model.pth")),
        "calibration": {"clips": [os.path.relpath(f, OUT) for f in files], "batchSize": BATCH_SIZE},
        "folded": folded, "activations": activations, "configurations": configurations,
        "ptq": {"file": "ptq_from_samples.pth", "qconfig": "x86",
                "activationQParams": {t: {"scale": s, "zeroPoint": z} for t, (s, z) in activation_qparams.items()}},
        "synthetic": synthetic, "sums": summation_cases(blob), "combinations": combination_cases(blob),
    }
    with open(os.path.join(FOLDER, "observers.json"), "w") as f:
        json.dump(document, f, indent=1)
        f.write("\n")
    # mtime=0: the same references give the same bytes, so a re-run does not churn the repository.
    with gzip.GzipFile(os.path.join(FOLDER, "tensors.bin.gz"), "wb", compresslevel=9, mtime=0) as f:
        f.write(b"".join(blob.parts))
    combos = {t: x86["results"][t]["combinations"] for t in observed}
    print(f"{len(configurations)} configurations, {len(synthetic)} synthetic cases, {blob.length} floats; "
          f"x86 histogram combinations per tensor: {combos}")


if __name__ == "__main__":
    main()
