"""PyTorch's accuracy of every checkpoint on the full validation and test splits (the training pipeline: int16
clips / 32768 through Resample(16000, 8000), batches of 256), written to references/accuracy.json so `kws eval`
can be compared with it. Arguments: checkpoint kinds or families (checkpoints.py) to (re)measure; none: all.
Entries of other kinds already in the file are kept."""
import json
import os
import sys

import torch

from checkpoints import CHECKPOINTS, select
from common import OUT, setup_torch
from train import accuracy, load_inputs

PATH = os.path.join(OUT, "references", "accuracy.json")


def measure(checkpoint):
    model = checkpoint.load()
    entry = {"kind": checkpoint.kind, "checkpoint": checkpoint.path, "engine": checkpoint.engine,
             "labels": len(checkpoint.words), "stateDictKeys": len(model.state_dict())}
    for split in ("validation", "test"):
        inputs, labels = load_inputs(split, checkpoint.words)
        entry[split] = {"clips": len(labels), "accuracy": round(accuracy(model, inputs, labels), 2)}
    print(json.dumps(entry), flush=True)
    return entry


def main():
    setup_torch(threads=2)
    entries = {}
    if os.path.exists(PATH):
        with open(PATH) as f:
            entries = {e["kind"]: e for e in json.load(f)["checkpoints"]}
    for checkpoint in select(sys.argv[1:], [c.kind for c in CHECKPOINTS]):
        entries[checkpoint.kind] = measure(checkpoint)
    order = [c.kind for c in CHECKPOINTS]
    document = {"torch": torch.__version__.split("a")[0], "command": "/usr/bin/python3 models/recipe/accuracy.py",
                "checkpoints": sorted(entries.values(), key=lambda e: order.index(e["kind"]))}
    os.makedirs(os.path.dirname(PATH), exist_ok=True)
    with open(PATH, "w") as f:
        json.dump(document, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
