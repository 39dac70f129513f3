"""Golden references from PyTorch (docs/references.md) for every committed sample and each checkpoint:
log-probabilities and top-1 through the full user pipeline, the int_repr() of every quantized intermediate,
torchaudio's resampler on test signals, and the model input of every other-format sample."""
import glob
import gzip
import json
import os
import sys

import numpy as np
import torch
import torchaudio
from scipy.signal import resample_poly

from checkpoints import CHECKPOINTS, select
from common import NEW_SAMPLE_RATE, INPUT_LENGTH, OUT, load_split, setup_torch

REFERENCES = os.path.join(OUT, "references")
RESAMPLE_RATES = (8000, 16000, 22050, 44100, 48000)
RESAMPLE_SECONDS = 0.25
_resamplers = {}


def model_input(path):
    """The user pipeline: torchaudio.load, mean to mono, Resample(orig, 8000) with defaults, pad/crop to 8000."""
    waveform, rate = torchaudio.load(path)
    x = waveform.mean(dim=0, keepdim=True)
    if rate != NEW_SAMPLE_RATE:
        if rate not in _resamplers:
            _resamplers[rate] = torchaudio.transforms.Resample(rate, NEW_SAMPLE_RATE)
        x = _resamplers[rate](x)
    x = x[:, :INPUT_LENGTH]
    x = torch.nn.functional.pad(x, (0, INPUT_LENGTH - x.shape[-1]))
    return x.unsqueeze(0)  # [1, 1, 8000]


def sample_files():
    clips = sorted(glob.glob(os.path.join(OUT, "samples", "clips", "*", "*.wav")))
    formats = sorted(glob.glob(os.path.join(OUT, "samples", "formats", "*.wav")))
    return [os.path.relpath(p, OUT) for p in clips], [os.path.relpath(p, OUT) for p in formats]


def label_of(file, format_labels):
    return format_labels[file] if file in format_labels else file.split("/")[2]


def records_intermediates(checkpoint, file, label):
    """Every sample the checkpoint could classify: all of them for the 35 words; for the variant, the clips of its
    10 words and every format sample (they exercise the front end whatever their word)."""
    return checkpoint.quantized and checkpoint.intermediates and (
        file.startswith("samples/formats/") or label in checkpoint.words)


def write_kind(checkpoint, files, format_labels):
    model = checkpoint.load()
    blob, samples = bytearray(), []
    for file in files:
        x, label = model_input(os.path.join(OUT, file)), label_of(file, format_labels)
        with torch.no_grad():
            log_probs = model(x).reshape(-1)
            intermediates, with_intermediates = [], records_intermediates(checkpoint, file, label)
            for name, t in model.features(x):
                if with_intermediates and t.is_quantized:  # a layer-wise model's float blocks are not recorded
                    values = t.int_repr().reshape(-1).numpy().astype(np.uint8).tobytes()
                    intermediates.append({"name": name, "shape": list(t.shape[1:]), "scale": float(t.q_scale()),
                                          "zeroPoint": int(t.q_zero_point()), "offset": len(blob),
                                          "length": len(values)})
                    blob += values
            # The last step (fc1), dequantized if need be, must give exactly the model's answer.
            output = t.dequantize() if t.is_quantized else t
            assert torch.equal(torch.log_softmax(output, dim=2).reshape(-1), log_probs), file
        argmax = int(log_probs.argmax())
        entry = {"file": file, "label": label, "argmax": argmax,
                 "predicted": checkpoint.words[argmax],
                 # float32 -> Python float is exact, and json writes the shortest text that reads back the same.
                 "logProbs": [float(v) for v in log_probs.numpy().astype(np.float32)]}
        if with_intermediates:
            entry["intermediates"] = intermediates
        samples.append(entry)
    document = {"kind": checkpoint.kind, "checkpoint": checkpoint.path, "torch": torch.__version__.split("a")[0],
                "engine": checkpoint.engine, "labels": list(checkpoint.words), "samples": samples}
    with open(os.path.join(REFERENCES, checkpoint.kind + ".json"), "w") as f:
        json.dump(document, f, indent=None, separators=(",", ":"))
        f.write("\n")
    if blob:
        # mtime=0: the same references give the same bytes, so a re-run does not churn the repository.
        with gzip.GzipFile(os.path.join(REFERENCES, checkpoint.kind + ".bin.gz"), "wb", compresslevel=9,
                           mtime=0) as f:
            f.write(bytes(blob))
    correct = sum(s["predicted"] == s["label"] for s in samples)
    print(f"{checkpoint.kind}: {len(samples)} samples, {correct} correct, {len(blob)} intermediate bytes")
    return samples


def compare_engines(on, off, names):
    """How far the same checkpoint's answers are apart on two engines: |delta log-prob| and top-1 flips."""
    deltas = np.array([abs(a - b) for x, y in zip(on, off) for a, b in zip(x["logProbs"], y["logProbs"])])
    flips = [x["file"] for x, y in zip(on, off) if x["argmax"] != y["argmax"]]
    print(f"{names}: |delta log-prob| median {np.median(deltas):.3g}, max {deltas.max():.3g} over {len(on)} "
          f"samples; top-1 differs on {len(flips)}: {' '.join(flips)}")


def write_resample_cases():
    audio, _, _ = load_split("test")
    speech16k = audio[0].astype(np.float64) / 32768.0
    rng = np.random.default_rng(11)
    cases, blob = [], []
    offset = 0
    for rate in RESAMPLE_RATES:
        n = int(rate * RESAMPLE_SECONDS)
        t = np.arange(n) / rate
        signals = {
            "chirp": 0.8 * np.sin(2 * np.pi * (50 * t + (rate / 2 - 50) / (2 * RESAMPLE_SECONDS) * t * t)),
            "noise": np.clip(rng.standard_normal(n) * 0.3, -1, 1),
            "speech": resample_poly(speech16k, rate, 16000)[:n],
        }
        for name, signal in signals.items():
            x = torch.from_numpy(signal.astype(np.float32))
            y = x if rate == NEW_SAMPLE_RATE else torchaudio.transforms.Resample(rate, NEW_SAMPLE_RATE)(x)
            cases.append({"name": name, "origRate": rate, "newRate": NEW_SAMPLE_RATE, "inputOffset": offset,
                          "inputLength": len(x), "outputOffset": offset + len(x), "outputLength": len(y)})
            offset += len(x) + len(y)
            blob += [x.numpy(), y.numpy()]
    with open(os.path.join(REFERENCES, "resample.json"), "w") as f:
        json.dump({"cases": cases}, f, indent=1)
        f.write("\n")
    np.concatenate(blob).astype("<f4").tofile(os.path.join(REFERENCES, "resample.bin"))


def write_frontend_cases(format_files):
    cases, blob = [], []
    for file in format_files:
        x = model_input(os.path.join(OUT, file)).reshape(-1).numpy()
        cases.append({"file": file, "offset": len(blob) * INPUT_LENGTH, "length": len(x)})
        blob.append(x)
    with open(os.path.join(REFERENCES, "frontend.json"), "w") as f:
        json.dump({"cases": cases}, f, indent=1)
        f.write("\n")
    np.concatenate(blob).astype("<f4").tofile(os.path.join(REFERENCES, "frontend.bin"))


def main():
    setup_torch(threads=2)
    os.makedirs(REFERENCES, exist_ok=True)
    clips, formats = sample_files()
    with open(os.path.join(OUT, "samples", "formats", "index.json")) as f:
        format_labels = {e["file"]: e["label"] for e in json.load(f)}
    # Arguments choose what to (re)write: checkpoint kinds or families (checkpoints.py), resample, frontend;
    # none means everything.
    wanted = sys.argv[1:] or [c.kind for c in CHECKPOINTS] + ["resample", "frontend"]
    written = {c.kind: write_kind(c, clips + formats, format_labels)
               for c in select([w for w in wanted if w not in ("resample", "frontend")], [])}
    if "ptq_qnnpack" in written and "ptq_qnnpack_onednn" in written:
        compare_engines(written["ptq_qnnpack"], written["ptq_qnnpack_onednn"], "ptq_qnnpack on qnnpack vs onednn")
    if "resample" in wanted:
        write_resample_cases()
    if "frontend" in wanted:
        write_frontend_cases(formats)


if __name__ == "__main__":
    main()
