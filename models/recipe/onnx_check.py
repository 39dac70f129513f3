"""Runs the exported ONNX graphs with a small NumPy evaluator of the ONNX operators they use (no ONNX Runtime
for Debian's Python) and compares them with PyTorch on the committed 16 kHz clips."""
import glob
import os

import numpy as np
import onnx
import torch
from onnx import numpy_helper

from common import OUT, setup_torch
from checkpoints import load_trained
from make_references import model_input


def quantize_linear(x, scale, zero_point, axis=1):
    return np.clip(np.rint(x / scale) + zero_point, 0, 255).astype(np.uint8)  # rint: half to even


def dequantize_linear(x, scale, zero_point, axis=1):
    if scale.ndim == 1:  # per-channel along axis
        shape = [1] * x.ndim
        shape[axis] = -1
        scale, zero_point = scale.reshape(shape), zero_point.reshape(shape)
    return ((x.astype(np.int64) - zero_point.astype(np.int64)) * scale).astype(np.float32)


def conv(x, w, b=None, kernel_shape=None, strides=(1,), dilations=(1,), group=1, pads=(0, 0)):
    assert tuple(dilations) == (1,) and group == 1 and tuple(pads) == (0, 0)
    n, c, length = x.shape
    k, stride = w.shape[2], strides[0]
    out_len = (length - k) // stride + 1
    windows = np.stack([x[:, :, i * stride:i * stride + k] for i in range(out_len)], axis=2)  # n c t k
    y = np.einsum("nctk,ock->not", windows, w)
    return (y + (b[None, :, None] if b is not None else 0)).astype(np.float32)


def max_pool(x, kernel_shape, strides, ceil_mode=0, dilations=(1,), pads=(0, 0)):
    k = kernel_shape[0]
    t = x.shape[2] // k
    return x[:, :, :t * k].reshape(x.shape[0], x.shape[1], t, k).max(axis=3)


def log_softmax(x, axis):
    m = x.max(axis=axis, keepdims=True)
    return x - m - np.log(np.exp(x - m).sum(axis=axis, keepdims=True))


OPS = {
    "QuantizeLinear": quantize_linear,
    "DequantizeLinear": dequantize_linear,
    "Conv": conv,
    "Relu": lambda x: np.maximum(x, 0),
    "MaxPool": max_pool,
    "ReduceMean": lambda x, axes, keepdims=1: x.mean(axis=tuple(axes), keepdims=bool(keepdims)),
    "Flatten": lambda x, axis=1: x.reshape(x.shape[0], -1),
    "Gemm": lambda a, b, c, transB=0: a @ (b.T if transB else b) + c,
    "Unsqueeze": lambda x, axes: np.expand_dims(x, tuple(axes)),
    "Transpose": lambda x, perm: x.transpose(perm),
    "MatMul": lambda a, b: a @ b,
    "Add": lambda a, b: a + b,
    "LogSoftmax": log_softmax,
}


def run(model, x):
    values = {i.name: numpy_helper.to_array(i) for i in model.graph.initializer}
    values[model.graph.input[0].name] = x
    for node in model.graph.node:
        attrs = {a.name: onnx.helper.get_attribute_value(a) for a in node.attribute}
        values[node.output[0]] = OPS[node.op_type](*[values[i] for i in node.input], **attrs)
    return values[model.graph.output[0].name]


def main():
    setup_torch(threads=1)
    fp32, ptq = load_trained("fp32"), load_trained("ptq")
    files = sorted(glob.glob(os.path.join(OUT, "samples", "clips", "*", "*.wav")))
    x = torch.cat([model_input(f) for f in files])
    for name, torch_model in (("cnn_fp32.onnx", fp32), ("cnn_int8_qdq.onnx", ptq)):
        with torch.no_grad():
            expected = torch_model(x).numpy()
        actual = run(onnx.load(os.path.join(OUT, name)), x.numpy())
        same_top1 = (expected.argmax(-1) == actual.argmax(-1)).mean() * 100
        print(f"{name}: top-1 agrees with PyTorch on {same_top1:.1f}% of {len(files)} clips, "
              f"max |log-prob difference| {np.abs(expected - actual).max():.2e}")


if __name__ == "__main__":
    main()
