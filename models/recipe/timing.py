"""PyTorch's figures on this machine, one thread: the seed's table (model size, accuracy and inference time per
batch of 256 on the full test split, for FP32 / PTQ / QAT) and per-sample latency at batch 1 and batch 256."""
import json
import os
import platform
import statistics
import sys
import time

import torch

from common import OUT, WORK, setup_torch
from checkpoints import load_trained
from train import BATCH_SIZE, load_inputs

KINDS = {"fp32": "FP32", "ptq": "PTQ (static)", "qat": "QAT (from checkpoint)"}


def seed_table_row(model, inputs, labels):
    """As the seed's evaluate.py: accuracy over the test batches, mean time of model(data) per batch of 256."""
    correct, times = 0, []
    with torch.no_grad():
        for i in range(0, len(inputs), BATCH_SIZE):
            started = time.perf_counter()
            output = model(inputs[i:i + BATCH_SIZE])
            times.append(time.perf_counter() - started)
            correct += (output.squeeze(1).argmax(-1) == labels[i:i + BATCH_SIZE]).sum().item()
    return 100.0 * correct / len(labels), 1000 * statistics.mean(times)


def latency_us(model, batch, repeats):
    """Median per-sample microseconds over `repeats` timed calls after warm-up."""
    times = []
    with torch.no_grad():
        for _ in range(3):
            model(batch)
        for _ in range(repeats):
            started = time.perf_counter()
            model(batch)
            times.append(time.perf_counter() - started)
    return 1e6 * statistics.median(times) / len(batch), 1e6 * min(times) / len(batch)


def main():
    setup_torch(threads=1)
    inputs, labels = load_inputs("test")
    results = {"torch": torch.__version__, "engine": torch.backends.quantized.engine, "threads": 1,
               "machine": f"{platform.processor() or platform.machine()}, {os.cpu_count()} cores",
               "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()), "testClips": len(labels), "kinds": {}}
    fp32_size = None
    for kind, title in KINDS.items():
        model = load_trained(kind)
        size_kb = os.path.getsize(os.path.join(OUT, f"cnn_{kind}_model.pth")) / 1024
        fp32_size = fp32_size or size_kb
        accuracy, batch_ms = seed_table_row(model, inputs, labels)
        b1_median, b1_min = latency_us(model, inputs[:1], 300)
        b256_median, b256_min = latency_us(model, inputs[:256], 15)
        results["kinds"][kind] = {"title": title, "sizeKB": round(size_kb, 2), "accuracy": round(accuracy, 2),
                                  "msPerBatch256": round(batch_ms, 3),
                                  "batch1MedianMicroseconds": round(b1_median, 1), "batch1MinMicroseconds": round(b1_min, 1),
                                  "batch256MedianMicrosecondsPerSample": round(b256_median, 1),
                                  "batch256MinMicrosecondsPerSample": round(b256_min, 1)}
        print(json.dumps({kind: results["kinds"][kind]}), flush=True)
    with open(os.path.join(WORK, "timing.json"), "w") as f:
        json.dump(results, f, indent=1)
    k = results["kinds"]
    print("\n| Metrics | " + " | ".join(v["title"] for v in k.values()) + " |")
    print("| --- | --- | --- | --- |")
    print("| Model Size | " + " | ".join(
        f"{v['sizeKB']:.2f} KB" + ("" if n == "fp32" else f" ({k['fp32']['sizeKB'] / v['sizeKB']:.2f}x)")
        for n, v in k.items()) + " |")
    print("| Accuracy | " + " | ".join(
        f"{v['accuracy']:.2f}%" + ("" if n == "fp32" else f" ({v['accuracy'] - k['fp32']['accuracy']:+.2f} points)")
        for n, v in k.items()) + " |")
    print("| Inference Time (batch of 256) | " + " | ".join(
        f"{v['msPerBatch256']:.3f} ms" + ("" if n == "fp32" else f" ({k['fp32']['msPerBatch256'] / v['msPerBatch256']:.1f}x)")
        for n, v in k.items()) + " |")
    print("\n| per-sample latency, 1 thread | " + " | ".join(v["title"] for v in k.values()) + " |")
    print("| --- | --- | --- | --- |")
    print("| batch 1, median (min) | " + " | ".join(
        f"{v['batch1MedianMicroseconds']:.1f} µs ({v['batch1MinMicroseconds']:.1f})" for v in k.values()) + " |")
    print("| batch 256, median (min) per sample | " + " | ".join(
        f"{v['batch256MedianMicrosecondsPerSample']:.1f} µs ({v['batch256MinMicrosecondsPerSample']:.1f})"
        for v in k.values()) + " |")


if __name__ == "__main__":
    sys.exit(main())
