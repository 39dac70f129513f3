# Check data for the C# SincResampler: torchaudio 0.13.1 Resample(orig, new) with defaults on deterministic signals
# that C# regenerates bit for bit (32-bit LCG noise plus integer steps, as int16 codes / 32768).
import json, struct, torch, torchaudio
def signal(n, seed):
    s = seed & 0xffffffff; out = []
    for i in range(n):
        s = (s * 1664525 + 1013904223) & 0xffffffff
        v = ((s >> 16) & 0xffff) - 32768
        v = v // 4 + (8000 if (i // 200) % 2 else -8000)
        out.append(v / 32768.0)
    return torch.tensor(out, dtype=torch.float32)
cases = []; blob = b""
for orig, new in [(8000, 8000), (16000, 8000), (22050, 8000), (44100, 8000), (48000, 8000), (8000, 16000), (11025, 8000),
                  # rate pairs whose filter bank is large or whose rates are odd or tiny (issue 19 item 4)
                  (7919, 8000), (44056, 8000), (44101, 8000), (2, 8000), (1, 8000)]:
    n = orig // 4 + 37
    x = signal(n, orig)
    y = torchaudio.transforms.Resample(orig, new)(x[None])[0]
    cases.append({"origRate": orig, "newRate": new, "inputLength": n, "seed": orig, "outputOffset": len(blob) // 4, "outputLength": y.numel()})
    blob += struct.pack("<%df" % y.numel(), *y.tolist())
import sys
d = sys.argv[1]
json.dump({"torchaudio": torchaudio.__version__, "cases": cases}, open(d + "/resample-check.json", "w"), indent=1)
open(d + "/resample-check.bin", "wb").write(blob)
print(cases)
