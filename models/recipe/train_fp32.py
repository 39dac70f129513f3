"""FP32 training as the seed did: Adam lr 1e-3, weight decay 1e-4, StepLR(10, 0.1), 20 epochs, batch 256, 8 kHz input."""
import os

import yaml

from common import MODELS, OUT, SMOKE, setup_torch
from m5 import from_config
from train import accuracy, load_inputs, train_epochs

torch = setup_torch(threads=2)
config = yaml.safe_load(open(os.path.join(MODELS, "configs", "cnn_fp32.yaml")))
model = from_config(config)
train_x, train_y = load_inputs("train")
optimizer = torch.optim.Adam(model.parameters(), lr=1e-3, weight_decay=1e-4)
scheduler = torch.optim.lr_scheduler.StepLR(optimizer, step_size=10, gamma=0.1)
# Validation is scored once at the end: training does not depend on it (and the split can still be synthesising).
train_epochs(model, optimizer, scheduler, 1 if SMOKE else 20, train_x, train_y)
os.makedirs(OUT, exist_ok=True)
torch.save(model.state_dict(), os.path.join(OUT, "cnn_fp32_model.pth"))
print(f"FP32 validation accuracy {accuracy(model, *load_inputs('validation')):.2f}%")
print(f"FP32 test accuracy {accuracy(model, *load_inputs('test')):.2f}%")
