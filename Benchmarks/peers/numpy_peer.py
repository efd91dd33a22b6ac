"""NumPy peer for `make bench`: float32 matmul GFLOP/s (`a @ b`), per-op µs of the eager
`c = a + b` on 100 floats, and add/exp GB/s (bytes read + written) on large float32 vectors.
Prints one JSON document; `--help` lists the options."""
import argparse

import numpy as np

from peer_timing import emit, median, per_call_us, samples, sizes_argument


def blas_name():
    try:
        blas = np.show_config(mode="dicts")["Build Dependencies"]["blas"]
        return "%s %s" % (blas.get("name", "?"), blas.get("version", "?"))
    except Exception:  # older NumPy: no dict mode
        return None


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=sizes_argument, default=[256, 512, 1024, 2048, 4096])
    parser.add_argument("--elements", type=int, default=1 << 24)
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args()
    budget = 0.3 if args.quick else 1.0
    rng = np.random.default_rng(0)
    out = {"library": "numpy", "version": np.__version__, "blas": blas_name(), "matmul_gflops": {}}
    for n in args.sizes:
        a = rng.random((n, n), dtype=np.float32)
        b = rng.random((n, n), dtype=np.float32)
        out["matmul_gflops"][str(n)] = 2 * n**3 / median(samples(lambda: a @ b, seconds=budget)) / 1e9
    x = rng.random(100, dtype=np.float32)
    y = rng.random(100, dtype=np.float32)
    out["per_op_us"] = per_call_us(lambda: x + y, repeats=3 if args.quick else 5)
    # The peer at its best: outputs preallocated, so no page faults from fresh 64 MiB arrays.
    count = args.elements
    u = rng.random(count, dtype=np.float32)
    v = rng.random(count, dtype=np.float32)
    w = np.empty_like(u)
    gigabytes = count * 4 / 1e9
    out["elements"] = count
    out["add_gbs"] = 3 * gigabytes / median(samples(lambda: np.add(u, v, out=w), seconds=budget))
    out["exp_gbs"] = 2 * gigabytes / median(samples(lambda: np.exp(u, out=w), seconds=budget))
    emit(out)


if __name__ == "__main__":
    main()
