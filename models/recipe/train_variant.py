"""The variant: a modular M5 of another size and vocabulary, so tests can show the product is not tied to the
bundled shape. The classic 10 words (VARIANT_WORDS) from the same data set, n_channel 24, stride 8, kernels
[40, 5, 3, 3] (lengths at 8000 samples: 996 -> 249 -> 245 -> 61 -> 59 -> 14 -> 12 -> 3). The FP32 recipe's
optimizer for 7 epochs with the learning-rate step at 5 (10 words give 40 steps per epoch, 280 in all): short,
because it was trained under a load average of 30-45 where one epoch took about 4 minutes; 30 epochs with the
step at 20 would make a better classifier on a quiet machine. Validation is logged every epoch (it chooses
nothing). Writes variant/cnn_fp32_model.pth and variant/labels.txt."""
import os

from checkpoints import BY_KIND
from common import OUT, SMOKE, setup_torch
from train import accuracy, load_inputs, train_epochs

EPOCHS = 7
LR_STEP = 5

torch = setup_torch(threads=2)
checkpoint = BY_KIND["variant_fp32"]
model = checkpoint.float_model()
train_x, train_y = load_inputs("train", checkpoint.words)
optimizer = torch.optim.Adam(model.parameters(), lr=1e-3, weight_decay=1e-4)
scheduler = torch.optim.lr_scheduler.StepLR(optimizer, step_size=LR_STEP, gamma=0.1)
train_epochs(model, optimizer, scheduler, 1 if SMOKE else EPOCHS, train_x, train_y,
             evaluate_on=load_inputs("validation", checkpoint.words))
folder = os.path.dirname(os.path.join(OUT, checkpoint.path))
os.makedirs(folder, exist_ok=True)
torch.save(model.state_dict(), os.path.join(OUT, checkpoint.path))
with open(os.path.join(folder, "labels.txt"), "w") as f:
    f.write("\n".join(checkpoint.words) + "\n")
for split in ("validation", "test"):
    print(f"variant FP32 {split} accuracy {accuracy(model, *load_inputs(split, checkpoint.words)):.2f}%")
