"""Writes one split of the data set as <out>/<word>/<n>.wav (16-bit mono, 16 kHz), the folder layout `kws eval` and
`kwsc analyze --samples` read, so the C# engines can be measured on the same clips as accuracy.py.
Arguments: split (validation or test) and output folder."""
import os
import sys

from common import WORDS, load_split, write_wav_int16


def main():
    if len(sys.argv) != 3:
        sys.exit("usage: write_split_wavs.py <validation|test> <output folder>")
    split, out = sys.argv[1], sys.argv[2]
    audio, labels, _ = load_split(split)
    for n, (clip, label) in enumerate(zip(audio, labels)):
        write_wav_int16(os.path.join(out, WORDS[label], f"{n}.wav"), clip)
    print(f"{len(labels)} clips of {split} in {out}")


if __name__ == "__main__":
    main()
