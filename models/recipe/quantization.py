"""Eager-mode static quantization as every recipe script does it: fuse, qconfig, prepare, calibrate, convert."""
import torch

from train import BATCH_SIZE


def prepared(model, qconfig):
    """Fuses conv/bn/relu in eval mode and inserts observers. A layer-wise model takes the qconfig on its one
    block and the stubs only; every other model takes it as a whole."""
    model.eval()
    model.fuse_model()
    if hasattr(model, "set_qconfig_for_layerwise"):
        model.set_qconfig_for_layerwise(qconfig)
    else:
        model.qconfig = qconfig
    torch.ao.quantization.prepare(model, inplace=True)
    return model


def calibrate(model, inputs):
    """Runs the inputs through the observers in batches, in order (the data loader's batches, no shuffling)."""
    with torch.no_grad():
        for i in range(0, len(inputs), BATCH_SIZE):
            model(inputs[i:i + BATCH_SIZE])


def converted(model):
    return torch.ao.quantization.convert(model, inplace=True)
