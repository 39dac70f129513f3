#!/usr/bin/python3
"""Builds the small checkpoints in the seed's modular layout (block{i}.block.{0..3}) that the kwsc tests read.

Run with Debian's python (torch 1.13) from this folder, after make_fixtures.py:  /usr/bin/python3 make_modular_fixtures.py
The layouts are those of the seed repository's cnn_model_LayerWiseQuant.py (M5Modular, PTQM5Modular, QATM5Modular,
PTQM5_LayerWiseQuant), written anew here with the same module names so the state_dict keys are the same:
- modular_fp32.pth: m5_fp32.pth's tensors under the modular names (its "twin"), 30 keys;
- modular_ptq.pth / modular_qat.pth: the whole network int8, fc1 packed, quant stub (22 keys);
- layerwise_q{1..4}.pth: every block fused, block i alone int8 between quant and dequant (14 keys);
- layerwise_small_q{2,4}.pth: a layer-wise model of another size (6 channels, 5 classes, stride 8, kernels 40/5/3/3);
- bad_*.pth: a layer-wise checkpoint broken the ways the issue lists (two int8 blocks, BatchNorm keys left in a
  fused float block, no quant stub).
For the good ones <name>.keys.txt (PyTorch's listing) and <name>.reference.json: PyTorch's log-probabilities for
make_fixtures.reference_input, and the int_repr() of every quantized intermediate (names as models/references uses
them: quant, conv{i}, pool{i}, avgpool, fc1). Quantized engine onednn, x86 qconfig, as the seed's main.py.
"""
import json
import os

import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.ao.quantization import DeQuantStub, QuantStub, get_default_qat_qconfig, get_default_qconfig

from make_fixtures import HERE, calibrate, make_fp32, reference_input, save, train_briefly_and_convert, write_config

STANDARD = dict(n_output=35, stride=16, n_channel=8, kernels=(80, 3, 3, 3))
SMALL = dict(n_output=5, stride=8, n_channel=6, kernels=(40, 5, 3, 3))


class M5Block(nn.Module):
    def __init__(self, in_channels, out_channels, kernel, stride=1):
        super().__init__()
        self.block = nn.Sequential(nn.Conv1d(in_channels, out_channels, kernel_size=kernel, stride=stride),
                                   nn.BatchNorm1d(out_channels), nn.ReLU(), nn.MaxPool1d(4))


class M5Modular(nn.Module):
    """FP32: blocks, adaptive average pool, fc1. Quantized: quant first, dequant before log_softmax."""

    def __init__(self, n_input=1, n_output=35, stride=16, n_channel=32, kernels=(80, 3, 3, 3), stubs=False):
        super().__init__()
        widths = [n_input, n_channel, n_channel, 2 * n_channel, 2 * n_channel]
        for i in range(1, 5):
            setattr(self, f"block{i}", M5Block(widths[i - 1], widths[i], kernels[i - 1], stride if i == 1 else 1))
        self.fc1 = nn.Linear(2 * n_channel, n_output)
        if stubs:
            self.quant = QuantStub()
            self.dequant = DeQuantStub()

    def blocks(self):
        return [getattr(self, f"block{i}") for i in range(1, 5)]

    def features(self, x):
        """Every step up to fc1, named as the references name them."""
        if hasattr(self, "quant"):
            yield "quant", (x := self.quant(x))
        for i, block in enumerate(self.blocks(), 1):
            yield f"conv{i}", (x := block.block[2](block.block[1](block.block[0](x))))
            yield f"pool{i}", (x := block.block[3](x))
        yield "avgpool", (x := F.adaptive_avg_pool1d(x, 1))
        yield "fc1", self.fc1(x.transpose(1, 2))

    def forward(self, x):
        for _, x in self.features(x):
            pass
        return F.log_softmax(self.dequant(x) if hasattr(self, "dequant") else x, dim=2)

    def fuse_model(self):
        self.eval()
        for block in self.blocks():
            torch.ao.quantization.fuse_modules(block.block, ["0", "1", "2"], inplace=True)


class LayerWise(M5Modular):
    """PTQM5_LayerWiseQuant: block `quantized` alone between quant and dequant; avg_pool1d and fc1 in float."""

    def __init__(self, quantized, **shape):
        super().__init__(stubs=True, **shape)
        self.quantized = quantized

    def features(self, x):
        for i, block in enumerate(self.blocks(), 1):
            if i == self.quantized:
                yield "quant", (x := self.quant(x))
            yield f"conv{i}", (x := block.block[2](block.block[1](block.block[0](x))))
            yield f"pool{i}", (x := block.block[3](x))
            if i == self.quantized:
                x = self.dequant(x)
        yield "avgpool", (x := F.avg_pool1d(x, x.shape[-1]))
        yield "fc1", self.fc1(x.permute(0, 2, 1))

    def forward(self, x):
        for _, x in self.features(x):
            pass
        return F.log_softmax(x, dim=2)


def modular_state(m5_state):
    """An M5-layout state_dict under the modular names: conv{i} -> block{i}.block.0, bn{i} -> block{i}.block.1."""
    renamed = {}
    for key, value in m5_state.items():
        module, rest = key.split(".", 1)
        if module.startswith("conv"):
            key = f"block{module[4:]}.block.0.{rest}"
        elif module.startswith("bn"):
            key = f"block{module[2:]}.block.1.{rest}"
        renamed[key] = value
    return renamed


def modular_fp32(seed, shape, stubs=False):
    """The M5 fixture of make_fixtures.py with the same seed, moved into the modular layout (stubs: for PTQ/QAT)."""
    model = M5Modular(stubs=stubs, **shape)
    model.load_state_dict(modular_state(make_fp32(seed, **shape).state_dict()))
    return model.eval()


def ptq(model):
    model.fuse_model()
    model.qconfig = get_default_qconfig("x86")
    torch.ao.quantization.prepare(model, inplace=True)
    calibrate(model)
    return torch.ao.quantization.convert(model, inplace=False)


def qat(model):
    """As the seed's main.py: fuse in eval mode (BatchNorm folded), then QAT on the fused modules."""
    model.fuse_model()
    model.qconfig = get_default_qat_qconfig("x86")
    model.train()
    torch.ao.quantization.prepare_qat(model, inplace=True)
    return train_briefly_and_convert(model)


def layerwise(seed, shape, block, length=8000):
    model = LayerWise(block, **shape)
    model.load_state_dict(modular_fp32(seed, shape).state_dict(), strict=False)
    model.fuse_model()
    qconfig = get_default_qconfig("x86")
    for i, b in enumerate(model.blocks(), 1):
        b.qconfig = qconfig if i == block else None
    model.fc1.qconfig = None
    model.quant.qconfig = model.dequant.qconfig = qconfig
    torch.ao.quantization.prepare(model, inplace=True)
    calibrate(model, length)
    return torch.ao.quantization.convert(model, inplace=False).eval()


def save_reference(model, length, name):
    """Log-probabilities and every quantized intermediate for reference_input (shapes without the batch)."""
    x = reference_input(length)
    with torch.no_grad():
        log_probs = model(x).flatten().tolist()
        intermediates = [{"name": n, "scale": t.q_scale(), "zeroPoint": t.q_zero_point(),
                          "shape": list(t.shape[1:]), "codes": t.int_repr().flatten().tolist()}
                         for n, t in model.features(x) if t.is_quantized]
    with open(os.path.join(HERE, name), "w") as f:
        json.dump({"inputLength": length, "logProbs": log_probs, "intermediates": intermediates}, f)


def save_with_reference(model, name, length=8000):
    save(model.state_dict(), name + ".pth")
    save_reference(model, length, name + ".reference.json")


def save_bad(state, name):
    torch.save(state, os.path.join(HERE, name))


def main():
    torch.backends.quantized.engine = "onednn"
    fp32 = modular_fp32(1, STANDARD)
    save_with_reference(fp32, "modular_fp32")
    write_config("modular_fp32.yaml", **STANDARD, model_type="cnn_fp32")
    torch.manual_seed(3)
    save_with_reference(ptq(modular_fp32(1, STANDARD, stubs=True)), "modular_ptq")
    write_config("modular_ptq.yaml", **STANDARD, model_type="cnn_ptq_static")
    torch.manual_seed(4)
    save_with_reference(qat(modular_fp32(1, STANDARD, stubs=True)), "modular_qat")
    write_config("modular_qat.yaml", **STANDARD, model_type="cnn_qat")
    write_config("layerwise.yaml", **STANDARD, model_type="cnn_ptq_LayerWiseQuant", quantization=[1, 2, 3, 4])
    for block in range(1, 5):
        torch.manual_seed(10 + block)
        save_with_reference(layerwise(1, STANDARD, block), f"layerwise_q{block}")
    write_config("layerwise_small.yaml", **SMALL, input_length=4000, model_type="cnn_ptq_LayerWiseQuant",
                 quantization=[2, 4])
    for block in (2, 4):
        torch.manual_seed(20 + block)
        save_with_reference(layerwise(2, SMALL, block, 4000), f"layerwise_small_q{block}", 4000)

    torch.manual_seed(11)
    q1 = layerwise(1, STANDARD, 1).state_dict()
    torch.manual_seed(13)
    q3 = layerwise(1, STANDARD, 3).state_dict()
    # q1 with block 3 taken from q3: two int8 blocks, in q1's key order.
    two = {}
    for key, value in q1.items():
        if key.startswith("block3."):
            two.update({k: v for k, v in q3.items() if k.startswith("block3.") and k not in two})
        else:
            two[key] = value
    save_bad(two, "bad_two_int8_blocks.pth")
    leftover = dict(q1)
    for key, value in make_fp32(1, **STANDARD).bn2.state_dict().items():
        leftover[f"block2.block.1.{key}"] = value
    save_bad(leftover, "bad_batchnorm_left_over.pth")
    save_bad({k: v for k, v in q1.items() if not k.startswith("quant.")}, "bad_no_quant_stub.pth")


if __name__ == "__main__":
    main()
