"""Measures the arithmetic of PyTorch 1.13's qnnpack engine against candidate rules, and writes its answers.

Each quantized operator the M5 (and the modular models) use runs under torch.backends.quantized.engine = "qnnpack"
on random inputs, many built to land on exact ties (power-of-two scales, biases on half steps, neighbouring codes);
NumPy float32 emulations of candidate rules are compared with int_repr(). The rule that matches everything is the
one kwsc/kws implement (docs/quantization.md, "The qnnpack engine"); the others are printed to show that the
measurement tells them apart. With --write, PyTorch's answers go to models/references/qnnpack_kernels.json +
qnnpack_kernels.bin.gz for tests/Runtime.Tests/Kernels/QnnpackKernelReferenceTests.

Run with Debian's python3:  /usr/bin/python3 models/recipe/measure_qnnpack.py [--write]
"""
import gzip
import json
import os
import sys

import numpy as np
import torch
import torch.nn.functional as F
from torch.nn.intrinsic.quantized import ConvReLU1d, LinearReLU
from torch.nn.quantized import Conv1d, Linear

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "references")
f32 = np.float32


# ---------------------------------------------------------------- candidate rules (NumPy, float32 where C++ is)

def rint(v):
    """Round half to even, as nearbyint and cvtps2dq do."""
    return np.rint(v)


def qnnpack_multiplier(in_scale, w_scale, out_scale):
    """generate_requantization_scales: (w * in) * (1 / out), every operand and operation float32."""
    return (f32(w_scale) * f32(in_scale)) * (f32(1.0) / f32(out_scale))


def double_multiplier(in_scale, w_scale, out_scale):
    """The onednn rule's multiplier: in * w / out in double, rounded once to float32."""
    return f32(in_scale * w_scale / out_scale)


def qnnpack_bias(bias, in_scale, w_scale):
    """quantize_per_tensor(bias, w_scale * in_scale, 0, qint32): round_half_even(b * (1f / (float)scale))."""
    inv = f32(1.0) / f32(w_scale * in_scale)
    q = rint(bias.astype(f32) * inv).astype(np.float64)
    return np.clip(q, -2**31, 2**31 - 1).astype(np.int64)


def requantize(acc, multiplier, zero_point, low):
    """cvtps(float(acc) * m), saturating pack, + zero point, clamp: round, then add the zero point."""
    v = rint(acc.astype(f32) * multiplier)
    return np.clip(v + zero_point, low, 255).astype(np.int64)


def onednn_requantize(acc_without_bias, bias, in_scale, w_scale, out_scale, zero_point, low):
    """The onednn rule kws implements today: float bias added in output units after the multiply."""
    m = double_multiplier(in_scale, w_scale, out_scale)
    offset = f32(bias.astype(np.float64) / out_scale)
    v = rint(acc_without_bias.astype(f32) * m + offset)
    return np.clip(v + zero_point, low, 255).astype(np.int64)


def qnnpack_average(codes, scale, zero_point):
    """qnnpack's average pool: (sum(q) - n * zp) * (s / (s * n)) in float32, rounded, plus the zero point."""
    n = codes.shape[-1]
    factor = f32(scale) / (f32(scale) * f32(n))
    acc = codes.astype(np.int64).sum(-1) - n * zero_point
    return np.clip(rint(acc.astype(f32) * factor) + zero_point, 0, 255).astype(np.int64)


def onednn_average(codes, zero_point):
    """The onednn avg_pool1d rule: round((sum - n * zp) * (float)(1 / n) + zp)."""
    n = codes.shape[-1]
    acc = codes.astype(np.int64).sum(-1) - n * zero_point
    return np.clip(rint(acc.astype(f32) * f32(1.0 / n) + f32(zero_point)), 0, 255).astype(np.int64)


def quantize(x, scale, zero_point):
    inv = f32(1.0) / f32(scale)
    return np.clip(rint(x.astype(f32) * inv) + zero_point, 0, 255).astype(np.int64)


# ---------------------------------------------------------------- random problems with ties

def pick_scales(rng, tie_heavy):
    """(input, weight, output) scales; tie-heavy ones are powers of two, so products and quotients are exact."""
    if tie_heavy:
        a, b = int(rng.integers(3, 8)), int(rng.integers(5, 10))
        return 2.0 ** -a, 2.0 ** -b, 2.0 ** -(a + b - 1)
    in_scale = float(f32(rng.uniform(1e-3, 0.1)))
    w_scale = float(rng.uniform(1e-4, 2e-2))
    out_scale = float(f32(rng.uniform(0.01, 0.5)))
    return in_scale, w_scale, out_scale


def pick_bias(rng, n, in_scale, w_scale, tie_heavy):
    if tie_heavy:  # on exact half steps of the bias quantum: the bias rounding's ties
        return ((rng.integers(-3000, 3000, n) + 0.5) * (in_scale * w_scale)).astype(f32)
    return rng.normal(0, 0.3, n).astype(f32)


def quantized_input(rng, shape, tie_heavy):
    zp = int(rng.integers(0, 256))
    if tie_heavy:
        base = int(rng.integers(0, 255))
        codes = (base + rng.integers(0, 2, size=shape)).astype(np.uint8)
    else:
        codes = rng.integers(0, 256, size=shape).astype(np.uint8)
    return codes, zp


def weighted_case(rng, kind, tie_heavy, relu):
    """One conv1d or linear problem, run by PyTorch's qnnpack engine; returns the case and PyTorch's codes."""
    in_scale, w_scale, out_scale = pick_scales(rng, tie_heavy)
    if kind == "conv1d":
        cin, cout, k = int(rng.integers(1, 40)), int(rng.integers(1, 40)), int(rng.integers(1, 9))
        stride = int(rng.integers(1, 4))
        length = k + int(rng.integers(0, 60))
        in_shape, w_shape = (1, cin, length), (cout, cin, k)
    else:
        cin, cout = int(rng.integers(1, 200)), int(rng.integers(1, 60))
        in_shape, w_shape = (1, cin), (cout, cin)
    codes, in_zp = quantized_input(rng, in_shape, tie_heavy)
    weights = rng.integers(-128, 128, size=w_shape).astype(np.int8)
    bias = pick_bias(rng, cout, in_scale, w_scale, tie_heavy)
    out_zp = int(rng.integers(0, 256))
    x = torch._make_per_tensor_quantized_tensor(torch.from_numpy(codes), in_scale, in_zp)
    w = torch._make_per_tensor_quantized_tensor(torch.from_numpy(weights), w_scale, 0)
    if kind == "conv1d":
        module = (ConvReLU1d if relu else Conv1d)(cin, cout, k, stride=stride)
    else:
        module = (LinearReLU if relu else Linear)(cin, cout)
    module.set_weight_bias(w, torch.from_numpy(bias))
    module.scale, module.zero_point = out_scale, out_zp
    got = module(x).int_repr().numpy().astype(np.int64)

    # The integer part is exact in every rule: sum((q - zp_in) * w).
    xc = codes.astype(np.int64) - in_zp
    if kind == "conv1d":
        out_len = (in_shape[2] - k) // stride + 1
        cols = np.stack([xc[0, :, t * stride:t * stride + k] for t in range(out_len)])  # [T, Cin, K]
        acc = np.einsum("tik,oik->ot", cols, weights.astype(np.int64))[None]
        bias_shape = (1, cout, 1)
    else:
        acc = xc @ weights.astype(np.int64).T
        bias_shape = (1, cout)
    low = out_zp if relu else 0
    bias_q = qnnpack_bias(bias, in_scale, w_scale).reshape(bias_shape)
    rules = {
        "qnnpack": requantize(acc + bias_q, qnnpack_multiplier(in_scale, w_scale, out_scale), out_zp, low),
        "qnnpack bias, double multiplier": requantize(acc + bias_q, double_multiplier(in_scale, w_scale, out_scale), out_zp, low),
        "onednn": onednn_requantize(acc, bias.reshape(bias_shape), in_scale, w_scale, out_scale, out_zp, low),
    }
    case = {"op": kind, "relu": relu, "inChannels": cin, "outChannels": cout, "inScale": in_scale,
            "inZeroPoint": in_zp, "weightScale": w_scale, "outScale": out_scale, "outZeroPoint": out_zp}
    if kind == "conv1d":
        case.update({"kernelSize": k, "stride": stride, "inputLength": in_shape[2], "outputLength": got.shape[-1]})
    arrays = {"input": codes.tobytes(), "weights": weights.tobytes(), "bias": bias.astype("<f4").tobytes(),
              "output": got.astype(np.uint8).tobytes()}
    return case, arrays, got, rules


def pool_case(rng, op, tie_heavy):
    channels = 1 if rng.random() < 0.1 else int(rng.integers(2, 70))
    # qnnpack refuses avg_pool1d over one element ("1x1 pooling is meaningless"); adaptive falls back to the
    # default kernel there (the identity), so length 1 is only drawn for the adaptive pool.
    length = int(rng.integers(1 if op == "adaptiveavgpool1d" else 2, 40))
    codes, zp = quantized_input(rng, (1, channels, length), tie_heavy)
    scale = float(f32(rng.uniform(1e-3, 0.5))) if rng.random() < 0.7 else float(rng.uniform(1e-3, 0.5))
    x = torch._make_per_tensor_quantized_tensor(torch.from_numpy(codes), scale, zp)
    y = F.avg_pool1d(x, length) if op == "avgpool1d" else F.adaptive_avg_pool1d(x, 1)
    assert y.q_scale() == scale and y.q_zero_point() == zp
    got = y.int_repr().numpy().reshape(-1).astype(np.int64)
    rules = {"qnnpack": qnnpack_average(codes[0], scale, zp), "onednn avg_pool1d": onednn_average(codes[0], zp)}
    case = {"op": op, "channels": channels, "length": length, "scale": scale, "zeroPoint": zp}
    arrays = {"input": codes.tobytes(), "output": got.astype(np.uint8).tobytes()}
    return case, arrays, got, rules


def constant_probe(rng):
    """Tells the candidate constants apart: a Linear(1, 256) with every int8 weight on a batch of every code, so each
    scale triple gives 65 536 accumulators; only triples whose candidate multipliers (or bias quanta) differ count."""
    weights = np.arange(-128, 128, dtype=np.int8).reshape(256, 1)
    codes = np.arange(256, dtype=np.uint8).reshape(256, 1)
    counts = {"values": 0, "qnnpack": 0, "double multiplier": 0, "float32 bias quantum": 0}
    triples = 0
    while triples < 400:
        # multipliers of 0.005 to 0.5 and biases of up to 100 / m quanta keep most outputs off the clamps
        in_scale = float(f32(rng.uniform(1e-3, 0.1)))
        w_scale = float(rng.uniform(1e-4, 2e-2))
        target = rng.uniform(0.005, 0.5)
        out_scale = float(f32(in_scale * w_scale / target))
        m_q, m_d = qnnpack_multiplier(in_scale, w_scale, out_scale), double_multiplier(in_scale, w_scale, out_scale)
        quantum_d, quantum_f = f32(w_scale * in_scale), f32(w_scale) * f32(in_scale)
        if m_q == m_d and quantum_d == quantum_f:
            continue
        triples += 1
        in_zp, out_zp = int(rng.integers(0, 256)), int(rng.integers(0, 256))
        bias = (rng.uniform(-1, 1, 256) * (100 / target) * float(quantum_d)).astype(f32)
        module = Linear(1, 256)
        module.set_weight_bias(torch._make_per_tensor_quantized_tensor(torch.from_numpy(weights), w_scale, 0),
                               torch.from_numpy(bias))
        module.scale, module.zero_point = out_scale, out_zp
        x = torch._make_per_tensor_quantized_tensor(torch.from_numpy(codes), in_scale, in_zp)
        got = module(x).int_repr().numpy().astype(np.int64)
        acc = (codes.astype(np.int64) - in_zp) @ weights.astype(np.int64).T
        bias_q = qnnpack_bias(bias, in_scale, w_scale)[None]
        bias_f = np.clip(rint(bias * (f32(1.0) / quantum_f)), -2**31, 2**31 - 1).astype(np.int64)[None]
        counts["values"] += got.size
        counts["qnnpack"] += int((requantize(acc + bias_q, m_q, out_zp, 0) != got).sum())
        counts["double multiplier"] += int((requantize(acc + bias_q, m_d, out_zp, 0) != got).sum())
        counts["float32 bias quantum"] += int((requantize(acc + bias_f, m_q, out_zp, 0) != got).sum())
    values = counts.pop("values")
    print(f"constants ({triples} scale triples whose candidates differ): {values} values; differences from PyTorch: "
          + ", ".join(f"{name} {n}" for name, n in counts.items()))


def bias_probe(rng):
    """Tells the bias quanta apart: biases drawn where round(b / (float)(w * in)) and round(b / ((float)w * (float)in))
    differ, weights 1 and a batch of every code (256 consecutive accumulators around each bias), so every output
    boundary the two candidates straddle shows up."""
    codes = np.arange(256, dtype=np.uint8).reshape(256, 1)
    counts = {"values": 0, "qnnpack": 0, "float32 bias quantum": 0}
    biases = 0
    while biases < 2000:
        in_scale = float(f32(rng.uniform(1e-3, 0.1)))
        w_scale = float(rng.uniform(1e-4, 2e-2))
        quantum_d, quantum_f = f32(w_scale * in_scale), f32(w_scale) * f32(in_scale)
        if quantum_d == quantum_f:
            continue
        m = rng.uniform(0.004, 0.01)
        out_scale = float(f32(in_scale * w_scale / m))
        candidates = (rng.uniform(-1, 1, 200_000) * 1e4 * float(quantum_d)).astype(f32)
        b_d = rint(candidates * (f32(1.0) / quantum_d))
        b_f = rint(candidates * (f32(1.0) / quantum_f))
        bias = candidates[b_d != b_f][:256]
        if bias.size == 0:
            continue
        biases += bias.size
        out_zp = 128
        module = Linear(1, bias.size)
        ones = np.ones((bias.size, 1), dtype=np.int8)
        module.set_weight_bias(torch._make_per_tensor_quantized_tensor(torch.from_numpy(ones), w_scale, 0),
                               torch.from_numpy(bias))
        module.scale, module.zero_point = out_scale, out_zp
        x = torch._make_per_tensor_quantized_tensor(torch.from_numpy(codes), in_scale, 128)
        got = module(x).int_repr().numpy().astype(np.int64)
        acc = codes.astype(np.int64) - 128
        m_q = qnnpack_multiplier(in_scale, w_scale, out_scale)
        b_f = np.clip(rint(bias * (f32(1.0) / quantum_f)), -2**31, 2**31 - 1).astype(np.int64)[None]
        counts["values"] += got.size
        counts["qnnpack"] += int((requantize(acc + qnnpack_bias(bias, in_scale, w_scale)[None], m_q, out_zp, 0) != got).sum())
        counts["float32 bias quantum"] += int((requantize(acc + b_f, m_q, out_zp, 0) != got).sum())
    values = counts.pop("values")
    print(f"bias quantum ({biases} biases whose candidate quantizations differ, {values} values): differences from "
          "PyTorch: " + ", ".join(f"{name} {n}" for name, n in counts.items()))


def multiplier_probe(rng):
    """Tells the multipliers apart: for scale triples whose float32 chain and double quotient differ, every
    accumulator in [-16000, 16000] where the two round differently, made by a Linear(2, 1) with weights 127 and 1."""
    counts = {"values": 0, "qnnpack": 0, "double multiplier": 0}
    triples = 0
    accumulators = np.arange(-16000, 16001, dtype=np.int64)
    while counts["values"] < 1000:
        in_scale = float(f32(rng.uniform(1e-3, 0.1)))
        w_scale = float(rng.uniform(1e-4, 2e-2))
        out_scale = float(f32(in_scale * w_scale / rng.uniform(0.008, 0.016)))
        m_q, m_d = qnnpack_multiplier(in_scale, w_scale, out_scale), double_multiplier(in_scale, w_scale, out_scale)
        if m_q == m_d:
            continue
        triples += 1
        a = requantize(accumulators, m_q, 128, 0)
        b = requantize(accumulators, m_d, 128, 0)
        targets = accumulators[a != b]
        if targets.size == 0:
            continue
        high = np.rint(targets / 127).astype(np.int64)
        codes = np.stack([high + 128, targets - high * 127 + 128], axis=1).astype(np.uint8)
        module = Linear(2, 1)
        module.set_weight_bias(torch._make_per_tensor_quantized_tensor(torch.tensor([[127, 1]], dtype=torch.int8), w_scale, 0),
                               torch.zeros(1))
        module.scale, module.zero_point = out_scale, 128
        got = module(torch._make_per_tensor_quantized_tensor(torch.from_numpy(codes), in_scale, 128)).int_repr().numpy().reshape(-1)
        counts["values"] += targets.size
        counts["qnnpack"] += int((a[a != b] != got).sum())
        counts["double multiplier"] += int((b[a != b] != got).sum())
    values = counts.pop("values")
    print(f"multiplier ({triples} scale triples, {values} accumulators the candidates round differently): differences "
          "from PyTorch: " + ", ".join(f"{name} {n}" for name, n in counts.items()))


def other_checks(rng):
    """max_pool1d and quantize_per_tensor under qnnpack: the same rules as onednn (printed, not written). qnnpack
    refuses a max pool over one element too, so kernels start at 2."""
    mismatches, values = 0, 0
    for _ in range(200):
        c, length, k = int(rng.integers(1, 40)), int(rng.integers(6, 200)), int(rng.integers(2, 6))
        codes, zp = quantized_input(rng, (1, c, length), rng.random() < 0.5)
        x = torch._make_per_tensor_quantized_tensor(torch.from_numpy(codes), 0.05, zp)
        got = F.max_pool1d(x, k).int_repr().numpy()
        t = length // k
        want = codes[:, :, :t * k].reshape(1, c, t, k).max(-1)
        mismatches += int((got != want).sum())
        values += got.size
    print(f"max_pool1d: {values} values, {mismatches} differ from the max of the codes")
    mismatches, values = 0, 0
    for i in range(200):
        scale = float(f32(rng.uniform(1e-4, 0.1)))
        zp = int(rng.integers(0, 256))
        if i % 2 == 0:  # exact half steps of the scale
            x = ((rng.integers(-300, 300, 5000) + 0.5) * scale).astype(f32)
        else:
            x = rng.normal(0, 3, 5000).astype(f32)
        got = torch.quantize_per_tensor(torch.from_numpy(x), scale, zp, torch.quint8).int_repr().numpy()
        mismatches += int((got != quantize(x, scale, zp)).sum())
        values += x.size
    print(f"quantize_per_tensor: {values} values, {mismatches} differ from the onednn rule")


def main():
    write = "--write" in sys.argv[1:]
    torch.backends.quantized.engine = "qnnpack"
    rng = np.random.default_rng(20261203)
    cases, blob = [], bytearray()
    tallies = {}

    def record(case, arrays, got, rules, written=True):
        group = case["op"]
        tally = tallies.setdefault(group, {"values": 0})
        tally["values"] += got.size
        for name, want in rules.items():
            tally[name] = tally.get(name, 0) + int((want.reshape(got.shape) != got).sum())
        if not written:
            return
        for key, data in arrays.items():
            case[key + "Offset"] = len(blob)
            blob.extend(data)
        cases.append(case)

    # Every case is measured; the first 96 weighted ones (random bytes do not compress) and every pool are written.
    for i in range(400):
        record(*weighted_case(rng, "conv1d" if i % 2 == 0 else "linear", tie_heavy=i % 4 < 2, relu=i % 3 == 0),
               written=i < 96)
    for i in range(240):
        record(*pool_case(rng, "avgpool1d" if i % 2 == 0 else "adaptiveavgpool1d", tie_heavy=i % 4 < 2))

    print(f"torch {torch.__version__}, engine {torch.backends.quantized.engine}")
    for group, tally in tallies.items():
        values = tally.pop("values")
        print(f"{group}: {values} values; differences from PyTorch per rule: "
              + ", ".join(f"{name} {n}" for name, n in tally.items()))
    constant_probe(rng)
    bias_probe(rng)
    multiplier_probe(rng)
    other_checks(rng)

    if write:
        with open(os.path.join(OUT, "qnnpack_kernels.json"), "w") as f:
            json.dump({"torch": torch.__version__, "engine": "qnnpack", "cases": cases}, f, indent=1)
            f.write("\n")
        with gzip.GzipFile(os.path.join(OUT, "qnnpack_kernels.bin.gz"), "wb", mtime=0) as f:
            f.write(bytes(blob))
        print(f"wrote {len(cases)} cases, {len(blob)} bytes")


if __name__ == "__main__":
    main()
