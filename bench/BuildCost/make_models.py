# Checkpoints for the build-cost measurement (docs/benchmarks.md, "Build cost"): the M5 network at three widths, about
# 30 K, 300 K and 3 M weights, FP32 and PTQ (int8, calibrated on noise; the weights are seeded random, untrained: only
# their count matters here). Writes <out>/m5_c<width>_{fp32,ptq}.pth and <out>/m5_c<width>.yaml for kwsc export.
# Usage: /usr/bin/python3 make_models.py <out>   (Debian's torch 1.13.1)
import os
import sys

import torch

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "models", "recipe"))
from m5 import M5  # noqa: E402

WIDTHS = [35, 116, 375]  # 21 c^2 + 150 c weights: 31 K, 300 K, 3.0 M
out = sys.argv[1]
os.makedirs(out, exist_ok=True)
torch.manual_seed(7)
for width in WIDTHS:
    config = {"n_input": 1, "n_output": 35, "stride": 16, "n_channel": width, "conv_kernel_sizes": [80, 3, 3, 3]}
    name = f"m5_c{width}"
    with open(os.path.join(out, name + ".yaml"), "w") as f:
        f.write("model:\n  base_cnn:\n")
        f.write("".join(f"    {k}: {v}\n" for k, v in config.items()))
        f.write("data:\n  sample_rate: 16000\n  new_sample_rate: 8000\n  input_length: 8000\n")
    model = M5(**config).eval()
    torch.save(model.state_dict(), os.path.join(out, name + "_fp32.pth"))
    model.fuse_model()
    model.qconfig = torch.ao.quantization.get_default_qconfig("x86")
    torch.ao.quantization.prepare(model, inplace=True)
    with torch.no_grad():
        for _ in range(4):
            model(torch.randn(8, 1, 8000) * 0.3)
    torch.ao.quantization.convert(model, inplace=True)
    torch.save(model.state_dict(), os.path.join(out, name + "_ptq.pth"))
    weights = sum(p.numel() for n, p in M5(**config).named_parameters() if n.endswith("weight") and "bn" not in n)
    print(f"{name}: {weights} weights")
