"""Static post-training quantization from an FP32 checkpoint: fuse, qconfig, prepare, calibrate on the validation
split (in order, batches of 256), convert, save the state_dict. Arguments: the checkpoint kinds or families to make
(checkpoints.py; none: `ptq`), e.g. `quantize_ptq.py ptq_qnnpack modular`. x86 qconfigs run on onednn (Debian's
torch has no fbgemm), the qnnpack qconfig on qnnpack."""
import os
import sys

from checkpoints import BY_KIND, select
from common import OUT, setup_torch
from quantization import calibrate, converted, prepared
from train import accuracy, load_inputs

torch = setup_torch(threads=2)
for checkpoint in select(sys.argv[1:], ["ptq"]):
    if checkpoint.ptq_from is None:
        continue  # FP32, QAT, or another engine's view of a checkpoint made elsewhere
    torch.backends.quantized.engine = checkpoint.engine
    model = checkpoint.float_model()
    model.load_state_dict(torch.load(os.path.join(OUT, BY_KIND[checkpoint.ptq_from].path)))
    prepared(model, torch.ao.quantization.get_default_qconfig(checkpoint.qconfig))
    calibrate(model, load_inputs("validation", checkpoint.words)[0])
    converted(model)
    os.makedirs(os.path.dirname(os.path.join(OUT, checkpoint.path)), exist_ok=True)
    torch.save(model.state_dict(), os.path.join(OUT, checkpoint.path))
    print(f"{checkpoint.path}: {len(model.state_dict())} keys, test accuracy "
          f"{accuracy(model, *load_inputs('test', checkpoint.words)):.2f}%", flush=True)
