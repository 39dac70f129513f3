# The FP32 variant the engine-parity tests run: M5 with another width and stride than the bundled model (24 channels,
# stride 8, kernels 40/5/3/3, 10 outputs), seeded random weights and batch-norm statistics, no training. Writes the
# checkpoint and its config (kwsc exports the manifest from them: see README.md) and PyTorch 1.13's log-probabilities
# on deterministic signals the C# tests regenerate bit for bit (32-bit LCG noise, as in make-resample-check.py).
# Run with Debian's /usr/bin/python3 (torch 1.13.1) from this folder.
import json, os, sys

import torch

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "..", "..", "..", "models", "recipe"))
from m5 import M5  # noqa: E402

CONFIG = {"n_input": 1, "n_output": 10, "stride": 8, "n_channel": 24, "conv_kernel_sizes": [40, 5, 3, 3]}
SIGNALS = [(1, 0.9), (2, 0.1), (3, 0.5), (4, 1.0), (5, 0.02), (6, 0.7)]  # (seed, amplitude)


def signal(n, seed, amplitude):
    s = seed & 0xFFFFFFFF
    out = []
    for _ in range(n):
        s = (s * 1664525 + 1013904223) & 0xFFFFFFFF
        out.append((((s >> 8) & 0xFFFF) / 32768.0 - 1.0) * amplitude)
    return torch.tensor(out, dtype=torch.float32)


torch.manual_seed(2024)
model = M5(**CONFIG)
with torch.no_grad():
    # Default initialisation gives near-uniform log-probabilities; larger weights give realistic activations and
    # logits that spread over several units, where a different summation order would show.
    for i in range(1, 5):
        getattr(model, f"conv{i}").weight.mul_(3.0)
    model.fc1.weight.mul_(8.0)
    for i in range(1, 5):
        bn = getattr(model, f"bn{i}")
        bn.weight.uniform_(0.5, 1.5)
        bn.bias.uniform_(-0.2, 0.2)
        bn.running_mean.uniform_(-0.1, 0.1)
        bn.running_var.uniform_(0.5, 2.0)
model.eval()
torch.save(model.state_dict(), "fp32_variant.pth")
with open("fp32_variant.yaml", "w") as f:
    f.write("model:\n  base_cnn:\n")
    for key, value in CONFIG.items():
        f.write(f"    {key}: {json.dumps(value)}\n")
    f.write("data:\n  sample_rate: 8000\n  new_sample_rate: 8000\n  input_length: 8000\n")
references = []
with torch.no_grad():
    for seed, amplitude in SIGNALS:
        x = signal(8000, seed, amplitude)
        references.append({"seed": seed, "amplitude": amplitude, "logProbs": model(x[None, None])[0, 0].tolist()})
json.dump({"torch": torch.__version__, "signals": references}, open("fp32_variant.references.json", "w"), indent=1)
print("wrote fp32_variant.pth, fp32_variant.yaml, fp32_variant.references.json")
