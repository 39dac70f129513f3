"""The seed's modular M5 layouts (its cnn_model_LayerWiseQuant.py), written anew with the same state_dict keys.

Each block is `block{i}.block`, a Sequential of conv, batch norm, ReLU and MaxPool1d(4) ('0'..'3'); fusing
['0', '1', '2'] leaves a ConvReLU1d at '0' and identities at '1' and '2'. `features()` names every step with the
canonical names the references use (quant, conv{i}, pool{i}, avgpool, fc1), whatever the layout.
"""
import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.ao.quantization import DeQuantStub, QuantStub


class M5Block(nn.Module):
    def __init__(self, in_channels, out_channels, kernel_size, stride=1):
        super().__init__()
        self.block = nn.Sequential(nn.Conv1d(in_channels, out_channels, kernel_size=kernel_size, stride=stride),
                                   nn.BatchNorm1d(out_channels), nn.ReLU(), nn.MaxPool1d(4))

    def conv_bn_relu(self, x):
        return self.block[2](self.block[1](self.block[0](x)))

    def pool(self, x):
        return self.block[3](x)

    def forward(self, x):
        return self.block(x)


class M5Modular(nn.Module):
    """FP32: four blocks, global average pooling with adaptive_avg_pool1d, fc1, log-softmax (30 state_dict keys)."""

    def __init__(self, n_input=1, n_output=35, stride=16, n_channel=32, conv_kernel_sizes=(80, 3, 3, 3)):
        super().__init__()
        widths = [n_input, n_channel, n_channel, 2 * n_channel, 2 * n_channel]
        for i in range(1, 5):
            setattr(self, f"block{i}", M5Block(widths[i - 1], widths[i], conv_kernel_sizes[i - 1],
                                               stride if i == 1 else 1))
        self.fc1 = nn.Linear(2 * n_channel, n_output)

    def blocks(self):
        return [getattr(self, f"block{i}") for i in range(1, 5)]

    def block_features(self, x):
        for i, block in enumerate(self.blocks(), 1):
            yield f"conv{i}", (x := block.conv_bn_relu(x))
            yield f"pool{i}", (x := block.pool(x))

    def features(self, x):
        for name, x in self.block_features(x):
            yield name, x
        yield "avgpool", (x := F.adaptive_avg_pool1d(x, 1))
        yield "fc1", self.fc1(x.transpose(1, 2))

    def forward(self, x):
        for _, x in self.features(x):
            pass
        return F.log_softmax(x, dim=2)

    def fuse_model(self):
        self.eval()
        for block in self.blocks():
            torch.ao.quantization.fuse_modules(block.block, ["0", "1", "2"], inplace=True)


class PTQM5Modular(M5Modular):
    """The whole network in int8 between a QuantStub and a DeQuantStub (22 keys once converted)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Registered after the blocks and fc1 so quant.scale/zero_point come last, as in the seed's checkpoints.
        self.quant = QuantStub()
        self.dequant = DeQuantStub()

    def features(self, x):
        yield "quant", (x := self.quant(x))
        yield from super().features(x)

    def forward(self, x):
        for _, x in self.features(x):
            pass
        return F.log_softmax(self.dequant(x), dim=2)


class PTQM5LayerWise(PTQM5Modular):
    """Only block `quantized_block` in int8 (quant before it, dequant after it); the rest, fc1 included, stays float.
    Once converted: 14 keys. Global average pooling is avg_pool1d over the whole length here, as in the seed."""

    def __init__(self, quantized_block, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.quantized_block = quantized_block

    def features(self, x):
        for i, block in enumerate(self.blocks(), 1):
            if i == self.quantized_block:
                yield "quant", (x := self.quant(x))
            yield f"conv{i}", (x := block.conv_bn_relu(x))
            yield f"pool{i}", (x := block.pool(x))
            if i == self.quantized_block:
                x = self.dequant(x)
        yield "avgpool", (x := F.avg_pool1d(x, x.shape[-1]))
        yield "fc1", self.fc1(x.permute(0, 2, 1))

    def forward(self, x):
        for _, x in self.features(x):
            pass
        return F.log_softmax(x, dim=2)

    def set_qconfig_for_layerwise(self, qconfig):
        """The qconfig on the chosen block and the stubs only; the other blocks and fc1 are left in float."""
        for i, block in enumerate(self.blocks(), 1):
            block.qconfig = qconfig if i == self.quantized_block else None
        self.fc1.qconfig = None
        self.quant.qconfig = qconfig
        self.dequant.qconfig = qconfig
