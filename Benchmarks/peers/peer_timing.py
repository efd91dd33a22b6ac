"""Timing shared by the Python peers of `make bench` (stdlib only): every figure is the median of
samples taken until a time budget is spent, so a peer gets as many samples as ours."""
import json
import sys
import time


def samples(body, minimum=3, maximum=25, seconds=1.0):
    """Seconds per call of `body`, after one untimed warm-up call. A call that takes longer than
    `seconds` counts its warm-up as the only sample (a slow peer at a large size)."""
    t0 = time.perf_counter()
    body()
    first = time.perf_counter() - t0
    if first > seconds:
        return [first]
    out = []
    spent = 0.0
    while len(out) < maximum and (len(out) < minimum or spent < seconds):
        t0 = time.perf_counter()
        body()
        out.append(time.perf_counter() - t0)
        spent += out[-1]
    return out


def median(values):
    ordered = sorted(values)
    return ordered[len(ordered) // 2]


def per_call_us(body, calls=2000, repeats=5):
    """Median over `repeats` of the mean µs per call over `calls` back-to-back calls."""
    body()
    out = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        for _ in range(calls):
            body()
        out.append((time.perf_counter() - t0) / calls * 1e6)
    return median(out)


def sizes_argument(text):
    return [int(v) for v in text.split(",") if v.strip()]


def emit(document):
    """The peer's one JSON document, last on stdout (the driver reads the last line)."""
    sys.stdout.write(json.dumps(document, sort_keys=True) + "\n")
