"""Compares two int8 manifests layer by layer (docs/PERFORMANCE.md, docs/calibration.md): weight codes, weight scales,
biases and activation quantizers, e.g. kwsc quantize's model against `kwsc export` of PyTorch's own PTQ from the
same clips. Standard library only.
  python3 bench/quantize/compare_manifests.py a.kws.json b.kws.json"""
import base64
import json
import struct
import sys


def values(tensor):
    data = base64.b64decode(tensor["data"])
    fmt = {"int8": "b", "float32": "f"}[tensor["dtype"]]
    return struct.unpack(f"<{len(data) // struct.calcsize(fmt)}{fmt}", data)


def ulps(a, b):
    def bits(x):
        return struct.unpack("<i", struct.pack("<f", x))[0]
    return abs(bits(a) - bits(b))


def main(first, second):
    a_layers, b_layers = (json.load(open(p))["layers"] for p in (first, second))
    assert [layer["name"] for layer in a_layers] == [layer["name"] for layer in b_layers], "different layouts"
    for a, b in zip(a_layers, b_layers):
        notes = []
        for key in ("output", "quantization"):
            if key in a:
                notes.append(f"{key} scale {ulps(a[key]['scale'], b[key]['scale'])} ulp, zero point {a[key]['zeroPoint']} vs {b[key]['zeroPoint']}")
        if "weights" in a:
            wa, wb = values(a["weights"]), values(b["weights"])
            notes.append(f"codes differ {sum(x != y for x, y in zip(wa, wb))}/{len(wa)}")
            sa, sb = a["weightQuantization"]["scales"], b["weightQuantization"]["scales"]
            notes.append(f"weight scales differ {sum(x != y for x, y in zip(sa, sb))}/{len(sa)}")
            ba, bb = values(a["bias"]), values(b["bias"])
            notes.append(f"biases differ {sum(x != y for x, y in zip(ba, bb))}/{len(ba)}")
        if notes:
            print(f"{a['name']}: " + "; ".join(notes))


if __name__ == "__main__":
    main(*sys.argv[1:3])
