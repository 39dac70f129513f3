"""Shared constants and helpers for the recipe: the 35 words, paths, audio I/O and the seed's input pipeline."""
import os
import wave

import numpy as np

# The 35 Speech Commands v2 words, sorted: the class order of every model and reference.
WORDS = sorted("""backward bed bird cat dog down eight five follow forward four go happy house learn left marvin
nine no off on one right seven sheila six stop three tree two up visual wow yes zero""".split())
assert len(WORDS) == 35
# The classic 10-word task, the vocabulary of the variant model (models/variant/): a subset of WORDS, sorted.
VARIANT_WORDS = sorted("yes no up down left right on off stop go".split())

RECIPE = os.path.dirname(os.path.abspath(__file__))
MODELS = os.path.dirname(RECIPE)
# Where the data set and smoke outputs go: KWS_WORK_DIR (e.g. a folder shared by several checkouts), else work/.
WORK = os.environ.get("KWS_WORK_DIR") or os.path.join(RECIPE, "work")
SMOKE = os.environ.get("KWS_SMOKE") == "1"
# The smoke mode (tiny data, 1 epoch) writes everything under work/smoke so the committed files stay untouched.
DATA = os.path.join(WORK, "smoke", "data") if SMOKE else os.path.join(WORK, "data")
OUT = os.path.join(WORK, "smoke", "models") if SMOKE else MODELS

SAMPLE_RATE = 16000   # the data set's rate
NEW_SAMPLE_RATE = 8000  # the model's rate (the seed's Resample(16000, 8000))
INPUT_LENGTH = 8000   # one second at the model's rate


def read_wav_int16(path):
    """A mono 16-bit WAV as int16 samples and its rate."""
    with wave.open(path, "rb") as w:
        assert w.getsampwidth() == 2 and w.getnchannels() == 1, path
        data = np.frombuffer(w.readframes(w.getnframes()), dtype="<i2").copy()
        return data, w.getframerate()


def write_wav_int16(path, samples, rate=SAMPLE_RATE):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with wave.open(path, "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(rate)
        w.writeframes(np.asarray(samples, dtype="<i2").tobytes())


def setup_torch(threads):
    import torch
    torch.set_num_threads(threads)
    # Denormal floats slow training on this CPU by an order of magnitude; flush them.
    torch.set_flush_denormal(True)
    # Debian's torch has no fbgemm; onednn runs the x86 qconfig's int8 kernels.
    torch.backends.quantized.engine = "onednn"
    torch.manual_seed(0)
    return torch


def load_split(name):
    """(int16 audio [N, 16000], labels [N], voices [N]) of one split of the synthesised data set."""
    d = np.load(os.path.join(DATA, name + ".npz"))
    return d["audio"], d["labels"], d["voices"]


def model_input_batches(audio_int16, batch_size=1024):
    """The seed's training input: float in [-1, 1] at 16 kHz through Resample(16000, 8000) -> [N, 1, 8000]."""
    import torch
    import torchaudio
    resample = torchaudio.transforms.Resample(SAMPLE_RATE, NEW_SAMPLE_RATE)
    out = []
    for i in range(0, len(audio_int16), batch_size):
        x = torch.from_numpy(audio_int16[i:i + batch_size].astype(np.float32) / 32768.0).unsqueeze(1)
        with torch.no_grad():
            out.append(resample(x))
    return torch.cat(out)
