#!/usr/bin/python3
"""The one-hour stream figures of docs/kws.md (issue 18): memory of `kws listen` after 1 and after 60 minutes of
audio, its speed against real time, and that `kws detect` on the same audio reports the same detections.

The hour is made from the committed clips (models/samples/clips, 16 kHz PCM16), in a fixed shuffled order, each
followed by 1-3 s of quiet noise, until 3600 s. Usage, from the repository root, after publishing kws:
    /usr/bin/python3 bench/Kws.Benchmarks/Scripts/one-hour-stream.py /tmp/kws-audio/kws
"""
import glob, os, random, struct, subprocess, sys, time, wave

kws = sys.argv[1]
rate = 16000
random.seed(18)
clips = sorted(glob.glob("models/samples/clips/*/*.wav"))
pieces, total = [], 0
while total < 3600 * rate:
    path = random.choice(clips)
    with wave.open(path) as w:
        assert w.getframerate() == rate and w.getnchannels() == 1 and w.getsampwidth() == 2
        pieces.append(w.readframes(w.getnframes()))
        total += w.getnframes()
    gap = random.randint(rate, 3 * rate)
    pieces.append(struct.pack("<%dh" % gap, *(random.randint(-30, 30) for _ in range(gap))))
    total += gap
audio = b"".join(pieces)[: 3600 * rate * 2]
path = "/tmp/kws-one-hour.wav"
with wave.open(path, "wb") as w:
    w.setnchannels(1); w.setsampwidth(2); w.setframerate(rate); w.writeframes(audio)

def rss_kb(pid):
    fields = dict(line.split(":", 1) for line in open(f"/proc/{pid}/status"))
    return int(fields["VmRSS"].split()[0]), int(fields["VmHWM"].split()[0])

listen = subprocess.Popen([kws, "listen", "--json", "--raw", "--rate", str(rate)], stdin=subprocess.PIPE, stdout=subprocess.PIPE)
minute = rate * 2 * 60
start = time.process_time()
listen.stdin.write(audio[:minute]); listen.stdin.flush(); time.sleep(1)
at_1 = rss_kb(listen.pid)
listen.stdin.write(audio[minute:]); listen.stdin.flush(); time.sleep(2)
at_60 = rss_kb(listen.pid)
listen.stdin.close()
out = listen.stdout.read().decode().splitlines()
listen.wait()
usage = os.wait4 if False else None
t0 = time.time()
detect = subprocess.run(["/usr/bin/time", "-f", "%e s wall, %U s user, %M KB max RSS", kws, "detect", path, "--json"], capture_output=True, text=True)
import json
detected = [json.dumps(d, separators=(",", ":")) for d in json.loads(detect.stdout)["detections"]]
listened = [json.dumps(json.loads(l), separators=(",", ":")) for l in out]
print(f"kws listen: RSS after 1 min {at_1[0] / 1024:.1f} MB, after 60 min {at_60[0] / 1024:.1f} MB, peak {at_60[1] / 1024:.1f} MB; exit {listen.returncode}")
print(f"kws detect on the same hour: {detect.stderr.strip()} -> {3600 / float(detect.stderr.split()[0]):.0f}x real time")
print(f"detections: listen {len(listened)}, detect {len(detected)}, identical: {listened == detected}")
