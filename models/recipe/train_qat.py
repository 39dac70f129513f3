"""Quantization-aware training from the FP32 checkpoint: x86 QAT qconfig, Adam lr 1e-4, 10 epochs, onednn engine."""
import copy
import os

import yaml

from common import MODELS, OUT, SMOKE, setup_torch
from m5 import from_config
from train import accuracy, load_inputs, train_epochs

torch = setup_torch(threads=2)
config = yaml.safe_load(open(os.path.join(MODELS, "configs", "cnn_qat.yaml")))
model = from_config(config)
model.load_state_dict(torch.load(os.path.join(OUT, "cnn_fp32_model.pth")))
model.train()
model.fuse_model(qat=True)
model.qconfig = torch.ao.quantization.get_default_qat_qconfig("x86")
torch.ao.quantization.prepare_qat(model, inplace=True)
train_x, train_y = load_inputs("train")
optimizer = torch.optim.Adam(model.parameters(), lr=1e-4)


def save_converted(epoch):
    """Converts a copy to int8 and saves it after every epoch, so a long run always leaves a usable checkpoint."""
    converted = torch.ao.quantization.convert(copy.deepcopy(model).eval())
    torch.save(converted.state_dict(), os.path.join(OUT, "cnn_qat_model.pth"))
    print(f"saved cnn_qat_model.pth after epoch {epoch}", flush=True)
    return converted


train_epochs(model, optimizer, None, 1 if SMOKE else 10, train_x, train_y, evaluate_on=load_inputs("validation"),
             after_epoch=save_converted)
model = torch.ao.quantization.convert(model.eval())  # the state saved after the last epoch
print(f"QAT test accuracy {accuracy(model, *load_inputs('test')):.2f}%")
