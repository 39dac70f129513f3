"""ONNX exports of the trained model for the ONNX Runtime comparison (issue #2).

cnn_fp32.onnx: the FP32 checkpoint through torch.onnx.export, global average pooling written as a mean.
cnn_int8_qdq.onnx: the PTQ checkpoint written as a QDQ graph with onnx.helper: per-tensor uint8 activations
(QuantizeLinear/DequantizeLinear with the checkpoint's scales and zero points), per-channel int8 weights, int32
biases quantized with scale = input scale x weight scale (what ONNX Runtime fuses into QLinearConv). Writing the
graph directly keeps PyTorch's exact parameters: torch 1.13 cannot export the default QAT qconfig's fused
fake-quant op, and its observers would re-derive different scales. One difference remains: the x86 qconfig
limits activations to 0..127 (reduce_range), while ONNX's uint8 QuantizeLinear clamps to 0..255.
"""
import os

import numpy as np
import onnx
import torch
from onnx import TensorProto, helper, numpy_helper

from common import INPUT_LENGTH, OUT, setup_torch
from checkpoints import load_trained

OPSET = 13  # per-channel DequantizeLinear needs opset 13


def export_fp32():
    model = load_trained("fp32")
    model.pool_as_mean = True
    path = os.path.join(OUT, "cnn_fp32.onnx")
    torch.onnx.export(model, torch.zeros(1, 1, INPUT_LENGTH), path, input_names=["input"],
                      output_names=["log_probs"], opset_version=OPSET,
                      dynamic_axes={"input": {0: "batch"}, "log_probs": {0: "batch"}})
    return path


class QdqGraph:
    """Accumulates nodes and initializers; every helper returns the name of the tensor it produced."""

    def __init__(self):
        self.nodes, self.initializers, self._count = [], [], 0

    def name(self, base):
        self._count += 1
        return f"{base}_{self._count}"

    def constant(self, base, array):
        name = self.name(base)
        self.initializers.append(numpy_helper.from_array(array, name))
        return name

    def node(self, op, inputs, base, **attrs):
        out = self.name(base)
        self.nodes.append(helper.make_node(op, inputs, [out], name=out, **attrs))
        return out

    def qdq(self, x, scale, zero_point, base):
        """Quantize to uint8 and back: the activation's quantization as ONNX Runtime sees it."""
        s = self.constant(base + "_scale", np.array(scale, dtype=np.float32))
        z = self.constant(base + "_zero_point", np.array(zero_point, dtype=np.uint8))
        q = self.node("QuantizeLinear", [x, s, z], base + "_q")
        return self.node("DequantizeLinear", [q, s, z], base + "_dq")

    def weight(self, qweight, base):
        w = self.constant(base + "_w_int8", qweight.int_repr().numpy().astype(np.int8))
        s = self.constant(base + "_w_scale", qweight.q_per_channel_scales().numpy().astype(np.float32))
        z = self.constant(base + "_w_zero_point", qweight.q_per_channel_zero_points().numpy().astype(np.int8))
        return self.node("DequantizeLinear", [w, s, z], base + "_w", axis=0)

    def bias(self, bias, input_scale, qweight, base):
        scale = (np.float32(input_scale) * qweight.q_per_channel_scales().numpy()).astype(np.float32)
        q = np.round(bias.detach().numpy() / scale).astype(np.int32)
        b = self.constant(base + "_b_int32", q)
        s = self.constant(base + "_b_scale", scale)
        z = self.constant(base + "_b_zero_point", np.zeros(len(q), dtype=np.int32))
        return self.node("DequantizeLinear", [b, s, z], base + "_b", axis=0)


def export_int8_qdq():
    model = load_trained("ptq")
    g = QdqGraph()
    scale, zero_point = float(model.quant.scale), int(model.quant.zero_point)
    x = g.qdq("input", scale, zero_point, "quant")
    for i in range(1, 5):
        conv = getattr(model, f"conv{i}")
        w = conv.weight()
        x = g.node("Conv", [x, g.weight(w, f"conv{i}"), g.bias(conv.bias(), scale, w, f"conv{i}")], f"conv{i}",
                   kernel_shape=[w.shape[2]], strides=[conv.stride[0]])
        x = g.node("Relu", [x], f"relu{i}")
        scale, zero_point = float(conv.scale), int(conv.zero_point)
        x = g.qdq(x, scale, zero_point, f"conv{i}_out")
        x = g.qdq(g.node("MaxPool", [x], f"pool{i}", kernel_shape=[4], strides=[4]), scale, zero_point, f"pool{i}")
    x = g.qdq(g.node("ReduceMean", [x], "avgpool", axes=[2], keepdims=1), scale, zero_point, "avgpool")
    x = g.node("Flatten", [x], "flatten", axis=1)
    fc = model.fc1
    w, b = fc._packed_params._weight_bias()
    x = g.node("Gemm", [x, g.weight(w, "fc1"), g.bias(b, scale, w, "fc1")], "fc1", transB=1)
    x = g.qdq(x, float(fc.scale), int(fc.zero_point), "fc1_out")
    x = g.node("Unsqueeze", [x, g.constant("axis1", np.array([1], dtype=np.int64))], "unsqueeze")
    g.nodes.append(helper.make_node("LogSoftmax", [x], ["log_probs"], name="log_softmax", axis=2))
    graph = helper.make_graph(
        g.nodes, "m5_int8_qdq",
        [helper.make_tensor_value_info("input", TensorProto.FLOAT, ["batch", 1, INPUT_LENGTH])],
        [helper.make_tensor_value_info("log_probs", TensorProto.FLOAT, ["batch", 1, len(w)])],
        g.initializers)
    onnx_model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", OPSET)],
                                   producer_name="kws recipe export_onnx.py")
    onnx_model.ir_version = 7
    onnx.checker.check_model(onnx_model, full_check=True)
    path = os.path.join(OUT, "cnn_int8_qdq.onnx")
    onnx.save(onnx_model, path)
    return path


def main():
    setup_torch(threads=1)
    for path in (export_fp32(), export_int8_qdq()):
        onnx.checker.check_model(onnx.load(path), full_check=True)
        print(f"{path}: {os.path.getsize(path)} bytes")


if __name__ == "__main__":
    main()
