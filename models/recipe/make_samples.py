"""Commits test-split audio (issue #2): 4 clips per word at 16 kHz 16-bit, the same kind of clip in other WAV
formats (rates, bit depths, float, stereo, shorter and longer) with an index, and 2 long recordings of several
test-voice words with silence and noise between them, with ground truth. Only test voices are used."""
import json
import os
import random
import shutil
import subprocess
import tempfile

import numpy as np

from common import OUT, SAMPLE_RATE, WORDS, load_split, write_wav_int16
from synthesize import FLITE_SPLITS, ESPEAK_ACCENTS, background_noise, espeak_variants, split_variants, synthesize_word

CLIPS_PER_WORD = 4
SAMPLES = os.path.join(OUT, "samples")

# (id, sample rate, channels, sox encoding args, our encoding name, seconds)
FORMATS = [
    ("pcm16_8k", 8000, 1, ["-e", "signed", "-b", "16"], "pcm16", 1.0),
    ("pcm16_22k", 22050, 1, ["-e", "signed", "-b", "16"], "pcm16", 1.0),
    ("pcm16_44k", 44100, 1, ["-e", "signed", "-b", "16"], "pcm16", 1.0),
    ("pcm16_48k", 48000, 1, ["-e", "signed", "-b", "16"], "pcm16", 1.0),
    ("pcm8u_16k", 16000, 1, ["-e", "unsigned", "-b", "8"], "pcm8u", 1.0),
    ("pcm8u_8k", 8000, 1, ["-e", "unsigned", "-b", "8"], "pcm8u", 1.0),
    ("pcm24_16k", 16000, 1, ["-e", "signed", "-b", "24"], "pcm24", 1.0),
    ("pcm24_48k", 48000, 1, ["-e", "signed", "-b", "24"], "pcm24", 1.0),
    ("pcm32_16k", 16000, 1, ["-e", "signed", "-b", "32"], "pcm32", 1.0),
    ("float32_16k", 16000, 1, ["-e", "floating-point", "-b", "32"], "float32", 1.0),
    ("short_float32_44k", 44100, 1, ["-e", "floating-point", "-b", "32"], "float32", 0.6),
    ("float32_8k", 8000, 1, ["-e", "floating-point", "-b", "32"], "float32", 1.0),
    ("stereo_pcm16_16k", 16000, 2, ["-e", "signed", "-b", "16"], "pcm16", 1.0),
    ("stereo_pcm16_44k", 44100, 2, ["-e", "signed", "-b", "16"], "pcm16", 1.0),
    ("stereo_float32_22k", 22050, 2, ["-e", "floating-point", "-b", "32"], "float32", 1.0),
    ("stereo_pcm16_48k", 48000, 2, ["-e", "signed", "-b", "16"], "pcm16", 0.75),
    ("stereo_pcm8u_8k", 8000, 2, ["-e", "unsigned", "-b", "8"], "pcm8u", 1.0),
    ("short_pcm16_16k", 16000, 1, ["-e", "signed", "-b", "16"], "pcm16", 0.7),
    ("short_pcm16_8k", 8000, 1, ["-e", "signed", "-b", "16"], "pcm16", 0.5),
    ("short_float32_22k", 22050, 1, ["-e", "floating-point", "-b", "32"], "float32", 0.8),
    ("long_pcm16_16k", 16000, 1, ["-e", "signed", "-b", "16"], "pcm16", 1.5),
    ("long_pcm16_48k", 48000, 1, ["-e", "signed", "-b", "16"], "pcm16", 1.2),
    ("long_pcm24_22k", 22050, 1, ["-e", "signed", "-b", "24"], "pcm24", 1.25),
    ("long_stereo_pcm16_8k", 8000, 2, ["-e", "signed", "-b", "16"], "pcm16", 3.0),
]


def pick_clips(labels, voices, per_word, skip=0):
    """`per_word` clips of each word, from the `skip`-th on, distinct voices first."""
    chosen = []
    for label in range(len(WORDS)):
        indices = list(np.nonzero(labels == label)[0])
        indices = indices[skip:] + indices[:skip]
        picked, seen = [], set()
        for i in indices:  # first pass: one clip per voice
            if len(picked) < per_word and voices[i] not in seen:
                picked.append(i)
                seen.add(voices[i])
        picked += [i for i in indices if i not in picked][:per_word - len(picked)]
        chosen.extend(picked)
    return chosen


def write_clips(audio, labels, voices):
    root = os.path.join(SAMPLES, "clips")
    shutil.rmtree(root, ignore_errors=True)
    for n, i in enumerate(pick_clips(labels, voices, CLIPS_PER_WORD)):
        word = WORDS[labels[i]]
        write_wav_int16(os.path.join(root, word, f"{word}_{n % CLIPS_PER_WORD}.wav"), audio[i])


def write_formats(audio, labels, voices):
    root = os.path.join(SAMPLES, "formats")
    shutil.rmtree(root, ignore_errors=True)
    os.makedirs(root)
    # Clips not among the 16 kHz ones, one word each, spread over the vocabulary.
    candidates = pick_clips(labels, voices, 1, skip=CLIPS_PER_WORD + 2)
    index = []
    for n, (name, rate, channels, encoding, encoding_name, seconds) in enumerate(FORMATS):
        i = candidates[(n * 3) % len(candidates)]
        mono = audio[i].astype(np.float32) / 32768.0
        length = int(round(seconds * SAMPLE_RATE))
        signal = np.zeros(length, dtype=np.float32)
        signal[:min(length, SAMPLE_RATE)] = mono[:length]
        if length > SAMPLE_RATE:  # longer than 1 s: the word in the first second, faint noise after it
            tail = background_noise(length - SAMPLE_RATE, random.Random(n))
            signal[SAMPLE_RATE:] = 0.003 * tail / (np.abs(tail).max() + 1e-9)
        if channels == 2:  # the second channel quieter and slightly delayed, so the mono mix is not a copy
            right = np.concatenate([np.zeros(40, np.float32), signal[:-40]]) * 0.6
            signal = np.stack([signal, right], axis=1)
        with tempfile.TemporaryDirectory() as tmp:
            raw = os.path.join(tmp, "in.f32")
            (signal.astype("<f4")).tofile(raw)
            path = os.path.join(root, name + ".wav")
            # -R: repeatable dither (SoX seeds it from the clock otherwise).
            subprocess.run(["sox", "-R", "-t", "raw", "-r", str(SAMPLE_RATE), "-c", str(channels),
                            "-e", "floating-point", "-b", "32", "-L", raw,
                            "-r", str(rate), *encoding, "-t", "wav", path, "rate", "-v"],
                           check=True, capture_output=True)
        real_seconds = float(subprocess.run(["soxi", "-D", path], capture_output=True, text=True, check=True).stdout)
        index.append({"file": f"samples/formats/{name}.wav", "label": WORDS[labels[i]], "sampleRate": rate,
                      "channels": channels, "encoding": encoding_name, "seconds": round(real_seconds, 6)})
    with open(os.path.join(root, "index.json"), "w") as f:
        json.dump(index, f, indent=1)
        f.write("\n")


def write_long_recordings():
    root = os.path.join(SAMPLES, "long")
    shutil.rmtree(root, ignore_errors=True)
    os.makedirs(root)
    test_variants = split_variants(espeak_variants())["test"]
    voices = [f"espeak:{a}+{v}" for a in ESPEAK_ACCENTS for v in test_variants] + \
        [f"flite:{v}" for v in FLITE_SPLITS["test"]]
    for n, seconds in enumerate((12.0, 15.0)):
        rng = random.Random(100 + n)
        length = int(seconds * SAMPLE_RATE)
        signal = np.zeros(length, dtype=np.float32)
        words, position = [], rng.uniform(0.6, 1.2)
        while True:
            word = rng.choice(WORDS)
            with tempfile.TemporaryDirectory() as tmp:
                x = synthesize_word(word, rng.choice(voices), rng, tmp)[: int(0.95 * SAMPLE_RATE)]
            start = int(position * SAMPLE_RATE)
            if start + len(x) > length - int(0.5 * SAMPLE_RATE):
                break
            signal[start:start + len(x)] = x / (np.abs(x).max() + 1e-9) * 10 ** (rng.uniform(-10, -2) / 20)
            words.append({"word": word, "start": round(start / SAMPLE_RATE, 4),
                          "end": round((start + len(x)) / SAMPLE_RATE, 4)})
            position = (start + len(x)) / SAMPLE_RATE + rng.uniform(0.8, 2.0)
        noise = background_noise(length, rng)
        signal += noise / (np.sqrt(np.mean(noise ** 2)) + 1e-9) * 10 ** (-38 / 20)
        name = f"long_{n}"
        write_wav_int16(os.path.join(root, name + ".wav"), np.clip(np.round(signal * 32767), -32768, 32767))
        with open(os.path.join(root, name + ".json"), "w") as f:
            json.dump({"sampleRate": SAMPLE_RATE, "words": words}, f, indent=1)
            f.write("\n")


def main():
    audio, labels, voices = load_split("test")
    write_clips(audio, labels, voices)
    write_formats(audio, labels, voices)
    write_long_recordings()
    with open(os.path.join(OUT, "labels.txt"), "w") as f:
        f.write("\n".join(WORDS) + "\n")


if __name__ == "__main__":
    main()
