"""Writes a split of the recipe's data set (models/recipe/README.md: <split>.npz, int16 audio at 16 kHz, labels as
class indices) as <out>/<label>/<index>.wav, the layout kwsc quantize --calibrate/--eval and kws eval read.
  python3 bench/quantize/npz_to_wavs.py models/recipe/work/data/validation.npz /tmp/kws-data/validation"""
import os
import sys
import wave

import numpy as np

WORDS_FILE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "models", "labels.txt")


def main(npz, out):
    words = [w.strip() for w in open(WORDS_FILE) if w.strip()]
    data = np.load(npz)
    for index, (audio, label) in enumerate(zip(data["audio"], data["labels"])):
        folder = os.path.join(out, words[int(label)])
        os.makedirs(folder, exist_ok=True)
        with wave.open(os.path.join(folder, f"{index:05d}.wav"), "wb") as w:
            w.setnchannels(1)
            w.setsampwidth(2)
            w.setframerate(16000)
            w.writeframes(np.asarray(audio, dtype="<i2").tobytes())
    print(f"{len(data['labels'])} clips -> {out}")


if __name__ == "__main__":
    main(*sys.argv[1:3])
