"""The bundled FP32 weights in the seed's modular layout: conv{i} -> block{i}.block.0, bn{i} -> block{i}.block.1,
fc1 unchanged (30 keys, models/modular/cnn_fp32_model.pth). Then checks the modular model's answers on every
committed sample against the M5's: the same weights, global average pooling by adaptive_avg_pool1d instead of
avg_pool1d over the whole length."""
import os
import re

import numpy as np
import torch

from checkpoints import BY_KIND
from common import OUT, setup_torch
from make_references import model_input, sample_files

MODULAR_NAMES = [(re.compile(r"^conv(\d)\."), r"block\1.block.0."), (re.compile(r"^bn(\d)\."), r"block\1.block.1.")]


def modular_name(key):
    for pattern, replacement in MODULAR_NAMES:
        key = pattern.sub(replacement, key)
    return key


def main():
    setup_torch(threads=2)
    source, target = BY_KIND["fp32"], BY_KIND["modular_fp32"]
    state = torch.load(os.path.join(OUT, source.path))
    model = target.float_model()
    model.load_state_dict({modular_name(k): v for k, v in state.items()})  # strict: every key must map
    os.makedirs(os.path.dirname(os.path.join(OUT, target.path)), exist_ok=True)
    torch.save(model.state_dict(), os.path.join(OUT, target.path))

    m5, modular = source.load(), target.load()
    clips, formats = sample_files()
    x = torch.cat([model_input(os.path.join(OUT, f)) for f in clips + formats])
    with torch.no_grad():
        expected, actual = m5(x), modular(x)
    delta = (expected - actual).abs().max().item()
    same = (expected.argmax(-1) == actual.argmax(-1)).float().mean().item() * 100
    print(f"{target.path}: {len(model.state_dict())} keys; on {len(x)} samples max |log-prob difference| from the "
          f"M5 {delta:.3g}, top-1 identical on {same:.1f}%, bit-identical: {torch.equal(expected, actual)}")
    assert np.isfinite(delta) and delta < 1e-4 and same == 100.0


if __name__ == "__main__":
    main()
