"""Every checkpoint the recipe makes, where it lives and how to load it: the one list the quantization, accuracy
and reference scripts share. Paths are relative to models/ (in smoke mode, to work/smoke/models/)."""
import functools
import os
from dataclasses import dataclass
from typing import Callable, Optional

import torch
import yaml

from common import MODELS, OUT, VARIANT_WORDS, WORDS
from m5 import M5
from m5_modular import M5Modular, PTQM5LayerWise, PTQM5Modular
from quantization import converted, prepared


@dataclass(frozen=True)
class Checkpoint:
    kind: str                         # references/<kind>.json
    path: str                         # the state_dict
    config: str                       # the seed-style YAML (model.base_cnn)
    model: Callable                   # base_cnn keyword arguments -> the float module of this layout
    qconfig: Optional[str] = None     # get_default_qconfig's backend name; None: an FP32 checkpoint
    engine: str = "onednn"            # torch.backends.quantized.engine for calibration, conversion and inference
    words: tuple = tuple(WORDS)       # class order
    ptq_from: Optional[str] = None    # kind of the FP32 checkpoint quantize_ptq.py calibrates this one from
    intermediates: bool = True        # quantized: the references record the int_repr() of every quantized tensor
                                      # on every committed clip of one of `words` and every format sample

    @property
    def quantized(self):
        return self.qconfig is not None

    def base_cnn(self):
        with open(os.path.join(MODELS, self.config)) as f:
            return yaml.safe_load(f)["model"]["base_cnn"]

    def float_model(self):
        return self.model(**self.base_cnn())

    def load(self):
        """The checkpoint ready for inference; quantized weights are packed for this checkpoint's engine."""
        torch.backends.quantized.engine = self.engine
        model = self.float_model()
        if self.quantized:
            model = converted(prepared(model, torch.ao.quantization.get_default_qconfig(self.qconfig)))
        model.load_state_dict(torch.load(os.path.join(OUT, self.path)))
        return model.eval()


def layerwise_blocks(config):
    with open(os.path.join(MODELS, config)) as f:
        return yaml.safe_load(f)["model"]["quantization"]


def modular_family(family, words):
    """FP32, whole-model PTQ and layer-wise PTQ of one modular model, named as the seed's main.py names them."""
    fp32, ptq, layerwise = (f"{family}/configs/{name}.yaml" for name in ("cnn_fp32", "cnn_ptq_static",
                                                                         "cnn_ptq_LayerWiseQuant"))
    return [Checkpoint(f"{family}_fp32", f"{family}/cnn_fp32_model.pth", fp32, M5Modular, words=words),
            Checkpoint(f"{family}_ptq", f"{family}/cnn_ptq_static_model.pth", ptq, PTQM5Modular, "x86",
                       words=words, ptq_from=f"{family}_fp32")] + [
            Checkpoint(f"{family}_layerwise_q{i}", f"{family}/cnn_ptq_LayerWiseQuant_q{i}_model.pth", layerwise,
                       functools.partial(PTQM5LayerWise, i), "x86", words=words, ptq_from=f"{family}_fp32")
            for i in layerwise_blocks(layerwise)]


CHECKPOINTS = [
    Checkpoint("fp32", "cnn_fp32_model.pth", "configs/cnn_fp32.yaml", M5),
    Checkpoint("ptq", "cnn_ptq_model.pth", "configs/cnn_ptq.yaml", M5, "x86", ptq_from="fp32"),
    Checkpoint("qat", "cnn_qat_model.pth", "configs/cnn_qat.yaml", M5, "x86"),
    # qnnpack's qconfig: per-tensor weights, activations over the full 0..255. Its references run on qnnpack; the
    # same checkpoint's outputs on onednn (log-probabilities only) show how far apart the two engines are.
    Checkpoint("ptq_qnnpack", "cnn_ptq_qnnpack_model.pth", "configs/cnn_ptq_qnnpack.yaml", M5, "qnnpack",
               engine="qnnpack", ptq_from="fp32"),
    Checkpoint("ptq_qnnpack_onednn", "cnn_ptq_qnnpack_model.pth", "configs/cnn_ptq_qnnpack.yaml", M5, "qnnpack",
               intermediates=False),
    *modular_family("modular", tuple(WORDS)),
    *modular_family("variant", tuple(VARIANT_WORDS)),
]
BY_KIND = {c.kind: c for c in CHECKPOINTS}


FAMILIES = ("modular", "variant")


def select(arguments, default):
    """Checkpoints named on the command line: kinds (`modular_ptq`) or families (`modular`: all its kinds)."""
    def matches(checkpoint, argument):
        return checkpoint.kind == argument or (argument in FAMILIES and checkpoint.kind.startswith(argument + "_"))
    wanted = arguments or default
    unknown = [a for a in wanted if not any(matches(c, a) for c in CHECKPOINTS)]
    if unknown:
        raise SystemExit(f"unknown checkpoint kind {' '.join(unknown)}; known: {' '.join(BY_KIND)} "
                         f"and the families {' '.join(FAMILIES)}")
    return [c for c in CHECKPOINTS if any(matches(c, a) for a in wanted)]


def load_trained(kind):
    return BY_KIND[kind].load()
