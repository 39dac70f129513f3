#!/usr/bin/python3
"""Builds the small checkpoints the kwsc tests read, with random weights, in the formats PyTorch writes.

Run with Debian's python (torch 1.13, onednn engine) from this folder:  /usr/bin/python3 make_fixtures.py
The outputs are committed, so the C# tests never need Python. Seeded: re-running gives the same tensors.
For every checkpoint it also writes <name>.keys.txt, the seed notebook's listing (key, dtype, size) as PyTorch
prints it, and for FP32 models <name>.folded.json, BatchNorm folded into the convolutions by torch itself.
"""
import collections
import io
import json
import os
import pickle
import zipfile

import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.ao.quantization import (DeQuantStub, QConfig, QuantStub, default_observer,
                                   default_per_channel_weight_observer, default_weight_observer,
                                   get_default_qat_qconfig, get_default_qconfig)
from torch.nn.utils.fusion import fuse_conv_bn_eval

HERE = os.path.dirname(os.path.abspath(__file__))


class M5(nn.Module):
    """The seed's M5 (torchaudio tutorial), with the quant/dequant stubs eager-mode quantization needs."""

    def __init__(self, n_input=1, n_output=35, stride=16, n_channel=32, kernels=(80, 3, 3, 3)):
        super().__init__()
        self.conv1 = nn.Conv1d(n_input, n_channel, kernel_size=kernels[0], stride=stride)
        self.bn1 = nn.BatchNorm1d(n_channel)
        self.relu1 = nn.ReLU()
        self.pool1 = nn.MaxPool1d(4)
        self.conv2 = nn.Conv1d(n_channel, n_channel, kernel_size=kernels[1])
        self.bn2 = nn.BatchNorm1d(n_channel)
        self.relu2 = nn.ReLU()
        self.pool2 = nn.MaxPool1d(4)
        self.conv3 = nn.Conv1d(n_channel, 2 * n_channel, kernel_size=kernels[2])
        self.bn3 = nn.BatchNorm1d(2 * n_channel)
        self.relu3 = nn.ReLU()
        self.pool3 = nn.MaxPool1d(4)
        self.conv4 = nn.Conv1d(2 * n_channel, 2 * n_channel, kernel_size=kernels[3])
        self.bn4 = nn.BatchNorm1d(2 * n_channel)
        self.relu4 = nn.ReLU()
        self.pool4 = nn.MaxPool1d(4)
        self.fc1 = nn.Linear(2 * n_channel, n_output)
        # Registered last, as in the seed, so quant.scale and quant.zero_point end the quantized state_dict.
        self.quant = QuantStub()
        self.dequant = DeQuantStub()

    def forward(self, x):
        x = self.quant(x)
        x = self.pool1(self.relu1(self.bn1(self.conv1(x))))
        x = self.pool2(self.relu2(self.bn2(self.conv2(x))))
        x = self.pool3(self.relu3(self.bn3(self.conv3(x))))
        x = self.pool4(self.relu4(self.bn4(self.conv4(x))))
        x = F.avg_pool1d(x, x.shape[-1])
        x = x.permute(0, 2, 1)
        x = self.fc1(x)
        x = self.dequant(x)
        return F.log_softmax(x, dim=2)

    def fuse(self, qat=False):
        fuse = torch.ao.quantization.fuse_modules_qat if qat else torch.ao.quantization.fuse_modules
        fuse(self, [[f"conv{i}", f"bn{i}", f"relu{i}"] for i in range(1, 5)], inplace=True)


def make_fp32(seed, **shape):
    torch.manual_seed(seed)
    model = M5(**shape)
    # Non-trivial BatchNorm statistics so that folding is really exercised.
    for i in range(1, 5):
        bn = getattr(model, f"bn{i}")
        n = bn.num_features
        bn.weight.data = torch.rand(n) + 0.5
        bn.bias.data = torch.randn(n) * 0.1
        bn.running_mean = torch.randn(n) * 0.1
        bn.running_var = torch.rand(n) + 0.5
        bn.num_batches_tracked = torch.tensor(123)
    return model.eval()


def calibrate(model, length=8000, batches=4):
    with torch.no_grad():
        for _ in range(batches):
            model(torch.randn(2, 1, length) * 0.3)


def make_ptq(fp32, qconfig):
    model = fp32
    model.fuse()
    model.qconfig = qconfig
    torch.ao.quantization.prepare(model, inplace=True)
    calibrate(model)
    return torch.ao.quantization.convert(model, inplace=False)


def make_qat(fp32):
    model = fp32.train()
    model.fuse(qat=True)
    model.qconfig = get_default_qat_qconfig("onednn")
    torch.ao.quantization.prepare_qat(model, inplace=True)
    return train_briefly_and_convert(model)


def train_briefly_and_convert(model):
    """Two SGD steps on noise, so QAT moves the weights and observers, then convert."""
    optimizer = torch.optim.SGD(model.parameters(), lr=0.01)
    for _ in range(2):
        loss = -model(torch.randn(2, 1, 8000) * 0.3).mean()
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
    model.eval()
    return torch.ao.quantization.convert(model, inplace=False)


def listing(state):
    lines = []
    for key, value in state.items():
        if isinstance(value, torch.Tensor):
            lines.append(f"{key} {value.dtype} {value.size()}")
        else:
            lines.append(f"{key} {type(value)}")
    return "\n".join(lines) + "\n"


def save(state, name, **kwargs):
    torch.save(state, os.path.join(HERE, name), **kwargs)
    with open(os.path.join(HERE, name.rsplit(".", 1)[0] + ".keys.txt"), "w") as f:
        f.write(listing(state))


def save_folded(fp32, name):
    """BatchNorm folded by torch (eps from each module), as the reference for kwsc's folding."""
    folded = {}
    for i in range(1, 5):
        conv = fuse_conv_bn_eval(getattr(fp32, f"conv{i}"), getattr(fp32, f"bn{i}"))
        folded[f"conv{i}"] = {"weight": conv.weight.detach().flatten().tolist(),
                              "bias": conv.bias.detach().tolist()}
    with open(os.path.join(HERE, name), "w") as f:
        json.dump(folded, f)


def write_config(name, n_output, stride, n_channel, kernels, input_length=8000, model_type=None, quantization=None):
    """A seed-style config; model_type and model.quantization (layer-wise blocks) as the seed's own configs have them."""
    kind = "" if model_type is None else "modular "
    model_type = "" if model_type is None else f"model_type: {model_type}\n"
    blocks = "" if quantization is None else f"  quantization: [{', '.join(map(str, quantization))}]\n"
    with open(os.path.join(HERE, name), "w") as f:
        f.write(f"""# seed-style config for a {kind}fixture checkpoint
data:
  sample_rate: 16000
  new_sample_rate: 8000
  input_length: {input_length}
{model_type}model:
  base_cnn:
    n_input: 1
    n_output: {n_output}
    stride: {stride}
    n_channel: {n_channel}
    conv_kernel_sizes: [{", ".join(str(k) for k in kernels)}]
{blocks}""")


class _AnyDict(dict):
    """Stands in for OrderedDict, which state_dicts BUILD with a _metadata attribute."""


class _StorageRecorder(pickle.Unpickler):
    """Reads data.pkl without torch, recording each storage's key and element size."""

    def __init__(self, data):
        super().__init__(io.BytesIO(data))
        self.storages = {}

    def find_class(self, module, name):
        if module == "torch" and name.endswith("Storage"):
            return name
        if module == "collections" and name == "OrderedDict":
            return _AnyDict
        if module == "torch._utils" or module == "torch":
            return lambda *args, **kwargs: None
        raise pickle.UnpicklingError(f"{module}.{name}")

    def persistent_load(self, pid):
        sizes = {"FloatStorage": 4, "LongStorage": 8, "IntStorage": 4, "DoubleStorage": 8, "HalfStorage": 2,
                 "BFloat16Storage": 2, "QInt8Storage": 1, "QUInt8Storage": 1, "ByteStorage": 1, "CharStorage": 1,
                 "BoolStorage": 1, "ShortStorage": 2, "QInt32Storage": 4}
        self.storages[pid[2]] = sizes[pid[1]]
        return None


def _write_entry(archive, name, data):
    """A zip entry with a fixed date, so that re-running the script gives the same bytes."""
    archive.writestr(zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0)), data)


def make_big_endian(source, target):
    """Rewrites a zip checkpoint as a big-endian machine would have written it: byteorder 'big', storages swapped."""
    with zipfile.ZipFile(source) as zin:
        names = zin.namelist()
        prefix = names[0].split("/")[0]
        recorder = _StorageRecorder(zin.read(f"{prefix}/data.pkl"))
        recorder.load()
        with zipfile.ZipFile(target, "w", zipfile.ZIP_STORED) as zout:
            for name in names:
                data = zin.read(name)
                key = name[len(prefix) + len("/data/"):] if name.startswith(f"{prefix}/data/") else None
                if key in recorder.storages:
                    size = recorder.storages[key]
                    data = b"".join(data[i:i + size][::-1] for i in range(0, len(data), size))
                _write_entry(zout, name, data)
            if f"{prefix}/byteorder" not in names:
                _write_entry(zout, f"{prefix}/byteorder", b"big")


class _Hostile:
    def __reduce__(self):
        return (os.system, ("echo pwned",))


def make_hostile(name):
    """A zip checkpoint whose data.pkl asks for os.system: kwsc must refuse it without running anything."""
    with zipfile.ZipFile(os.path.join(HERE, name), "w", zipfile.ZIP_STORED) as z:
        _write_entry(z, "hostile/data.pkl", pickle.dumps({"conv1.weight": _Hostile()}, protocol=2))
        _write_entry(z, "hostile/version", b"3\n")


def make_views(name):
    """Views whose strides and storage offsets must be honoured, and the other element types, with their values."""
    base = torch.arange(12, dtype=torch.float32)
    views = collections.OrderedDict([
        ("transposed", base.reshape(3, 4).t()),
        ("offset", torch.arange(10, dtype=torch.float32)[3:7]),
        ("expanded", torch.tensor([2.5]).expand(3)),
        ("half", torch.tensor([0.5, -1.25, 3.0], dtype=torch.float16)),
        ("bfloat16", torch.tensor([0.5, -1.25, 3.0], dtype=torch.bfloat16)),
        ("float64", torch.tensor([0.1, -2.0], dtype=torch.float64)),
        ("int32", torch.tensor([-7, 9], dtype=torch.int32)),
        ("int16", torch.tensor([-300, 301], dtype=torch.int16)),
        ("int8", torch.tensor([-128, 127], dtype=torch.int8)),
        ("uint8", torch.tensor([0, 255], dtype=torch.uint8)),
        ("bool", torch.tensor([True, False])),
        ("quint8", torch.quantize_per_tensor(torch.tensor([0.0, 1.0, 2.0]), 0.5, 3, torch.quint8)),
    ])
    torch.save(views, os.path.join(HERE, name))
    values = {key: [float(v) for v in (t.int_repr() if t.is_quantized else t).flatten().tolist()] for key, t in views.items()}
    with open(os.path.join(HERE, name.rsplit(".", 1)[0] + ".values.json"), "w") as f:
        json.dump(values, f)


def reference_input(length):
    """A deterministic input C# can rebuild exactly: integer arithmetic, then one correctly rounded float32 division."""
    return ((torch.arange(length) * 7919 % 2001 - 1000).to(torch.float32) / 1000).reshape(1, 1, length)


def save_reference(model, length, name):
    """PyTorch's log-probabilities for reference_input, to check the exported manifest end to end."""
    with torch.no_grad():
        log_probs = model.eval()(reference_input(length)).flatten().tolist()
    with open(os.path.join(HERE, name), "w") as f:
        json.dump({"inputLength": length, "logProbs": log_probs}, f)


def main():
    torch.backends.quantized.engine = "onednn"
    standard = dict(n_output=35, stride=16, n_channel=8, kernels=(80, 3, 3, 3))
    small = dict(n_output=5, stride=8, n_channel=6, kernels=(40, 5, 3, 3))

    fp32 = make_fp32(1, **standard)
    save(fp32.state_dict(), "m5_fp32.pth")
    save_reference(fp32, 8000, "m5_fp32.reference.json")
    save_folded(fp32, "m5_fp32.folded.json")
    write_config("m5.yaml", **standard)
    ptq = make_ptq(make_fp32(1, **standard), get_default_qconfig("onednn"))
    save(ptq.state_dict(), "m5_ptq.pth")
    save_reference(ptq, 8000, "m5_ptq.reference.json")
    save(make_qat(make_fp32(1, **standard)).state_dict(), "m5_qat.pth")
    # The same PTQ state_dict under newer pickle protocols (FRAME, MEMOIZE, STACK_GLOBAL, SHORT_BINUNICODE...).
    for protocol in (4, 5):
        ptq = make_ptq(make_fp32(1, **standard), get_default_qconfig("onednn")).state_dict()
        save(ptq, f"m5_ptq_protocol{protocol}.pth", pickle_protocol=protocol)
    per_tensor = QConfig(activation=default_observer, weight=default_weight_observer)
    save(make_ptq(make_fp32(1, **standard), per_tensor).state_dict(), "m5_per_tensor_ptq.pth")

    small_fp32 = make_fp32(2, **small)
    save(small_fp32.state_dict(), "m5_small_fp32.pth")
    save_folded(small_fp32, "m5_small_fp32.folded.json")
    write_config("m5_small.yaml", **small, input_length=4000)
    small_ptq = make_ptq(make_fp32(2, **small), get_default_qconfig("onednn"))
    save(small_ptq.state_dict(), "m5_small_ptq.pth")
    save_reference(small_ptq, 4000, "m5_small_ptq.reference.json")

    make_big_endian(os.path.join(HERE, "m5_fp32.pth"), os.path.join(HERE, "m5_fp32_big_endian.pth"))
    torch.save(fp32.state_dict(), os.path.join(HERE, "legacy_fp32.pth"), _use_new_zipfile_serialization=False)
    torch.jit.save(torch.jit.script(make_fp32(1, **standard)), os.path.join(HERE, "torchscript_fp32.pt"))
    make_hostile("hostile_os_system.pth")
    make_views("views.pth")


if __name__ == "__main__":
    main()
