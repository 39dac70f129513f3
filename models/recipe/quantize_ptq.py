"""Static post-training quantization from the FP32 checkpoint: x86 qconfig, onednn engine, calibrated on validation."""
import os

import yaml

from common import MODELS, OUT, setup_torch
from m5 import from_config
from train import BATCH_SIZE, accuracy, load_inputs

torch = setup_torch(threads=2)
config = yaml.safe_load(open(os.path.join(MODELS, "configs", "cnn_ptq.yaml")))
model = from_config(config)
model.load_state_dict(torch.load(os.path.join(OUT, "cnn_fp32_model.pth")))
model.eval()
model.fuse_model()
model.qconfig = torch.ao.quantization.get_default_qconfig("x86")
torch.ao.quantization.prepare(model, inplace=True)
val_x, _ = load_inputs("validation")
with torch.no_grad():
    for i in range(0, len(val_x), BATCH_SIZE):
        model(val_x[i:i + BATCH_SIZE])
torch.ao.quantization.convert(model, inplace=True)
torch.save(model.state_dict(), os.path.join(OUT, "cnn_ptq_model.pth"))
print(f"PTQ test accuracy {accuracy(model, *load_inputs('test')):.2f}%")
