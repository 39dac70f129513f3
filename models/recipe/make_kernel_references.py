"""PyTorch's own answers for the quantized pooling kernels whose rounding the C# kernels reproduce.

Writes models/references/pooling.json + pooling.bin.gz: random uint8 tensors [1, C, L] (many with exact ties) with
their scale and zero point, and the int_repr() of
  - F.avg_pool1d(x, L)            (the M5's global average pool: GlobalAvgPool1dKernel), and
  - F.adaptive_avg_pool1d(x, 1)   (the modular models' pool: AdaptiveAvgPool1dKernel),
on the onednn engine. Run with Debian's python3: /usr/bin/python3 models/recipe/make_kernel_references.py
"""
import gzip
import json
import os

import numpy as np
import torch
import torch.nn.functional as F

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "references")


def main():
    torch.backends.quantized.engine = "onednn"
    rng = np.random.default_rng(20261130)
    cases, blob = [], bytearray()
    for i in range(120):
        channels = 1 if i % 10 == 0 else int(rng.integers(2, 70))
        length = int(rng.integers(1, 40))
        zero_point = int(rng.integers(0, 256))
        scale = float(np.float32(rng.uniform(1e-3, 0.5)))
        if i % 2 == 0:  # two neighbouring codes: many sums land exactly on .5 means
            base = int(rng.integers(0, 255))
            codes = (base + rng.integers(0, 2, size=(1, channels, length))).astype(np.uint8)
        else:
            codes = rng.integers(0, 256, size=(1, channels, length)).astype(np.uint8)
        x = torch._make_per_tensor_quantized_tensor(torch.from_numpy(codes), scale, zero_point)
        avg = F.avg_pool1d(x, length).int_repr().numpy().reshape(-1)
        adaptive = F.adaptive_avg_pool1d(x, 1).int_repr().numpy().reshape(-1)
        case = {"channels": channels, "length": length, "scale": scale, "zeroPoint": zero_point, "inputOffset": len(blob)}
        blob += codes.tobytes()
        case["avgPoolOffset"] = len(blob)
        blob += avg.astype(np.uint8).tobytes()
        case["adaptiveAvgPoolOffset"] = len(blob)
        blob += adaptive.astype(np.uint8).tobytes()
        cases.append(case)
    with open(os.path.join(OUT, "pooling.json"), "w") as f:
        json.dump({"torch": torch.__version__, "engine": "onednn", "cases": cases}, f, indent=1)
        f.write("\n")
    with gzip.GzipFile(os.path.join(OUT, "pooling.bin.gz"), "wb", mtime=0) as f:
        f.write(bytes(blob))
    print(f"{len(cases)} cases, {len(blob)} bytes")


if __name__ == "__main__":
    main()
