"""MLX (CPU build) peer for `make bench`: float32 matmul GFLOP/s, per-op µs of `c = a + b; eval(c)`
on 100 floats, the seed's workloads in MLX's own form (matmul 4096×512·512×4 then 500 × exp with an
eval each step, on the CPU; the lazy-vs-eager loop on 4 floats) and add/exp GB/s with eval.
Prints one JSON document; `--help` lists the options."""
import argparse
import time

import mlx.core as mx

from peer_timing import emit, median, per_call_us, samples, sizes_argument


def seed_fun(a, b, d1, d2):
    x = mx.matmul(a, b, stream=d1)
    mx.eval(x)
    for _ in range(500):
        b = mx.exp(b, stream=d2)
        mx.eval(b)
    return x, b


def lazy_vs_eager(iterations):
    """µs per iteration of the seed's two loops: `c = a + b` built lazily, then with eval each time."""
    a = mx.random.normal((4,))
    b = mx.random.normal((4,))
    mx.eval(a, b)
    t0 = time.perf_counter()
    for _ in range(iterations):
        c = a + b
    lazy = (time.perf_counter() - t0) / iterations * 1e6
    mx.eval(c)
    t0 = time.perf_counter()
    for _ in range(iterations):
        c = a + b
        mx.eval(c)
    forced = (time.perf_counter() - t0) / iterations * 1e6
    return lazy, forced


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=sizes_argument, default=[256, 512, 1024, 2048, 4096])
    parser.add_argument("--elements", type=int, default=1 << 24)
    parser.add_argument("--iterations", type=int, default=10000, help="lazy-vs-eager loop length")
    parser.add_argument(
        "--max-call-seconds", type=float, default=20.0,
        help="skip a matmul size whose one call would take longer (estimated from the size before)")
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args()
    mx.set_default_device(mx.cpu)
    budget = 0.3 if args.quick else 1.0
    out = {"library": "mlx", "version": mx.__version__, "device": str(mx.default_device()),
           "matmul_gflops": {}, "skipped": []}
    rate = None
    for n in args.sizes:
        if rate is not None and 2 * n**3 / rate > args.max_call_seconds:
            # The same text every round, so the driver lists it once; the estimate goes beside it.
            out["skipped"].append("matmul n=%d skipped: one call would take over %g s" % (n, args.max_call_seconds))
            out.setdefault("skipped_estimates_s", {})[str(n)] = 2 * n**3 / rate
            continue
        a = mx.random.uniform(shape=(n, n))
        b = mx.random.uniform(shape=(n, n))
        mx.eval(a, b)
        rate = 2 * n**3 / median(samples(lambda: mx.eval(a @ b), seconds=budget))
        out["matmul_gflops"][str(n)] = rate / 1e9
    x = mx.random.uniform(shape=(100,))
    y = mx.random.uniform(shape=(100,))
    mx.eval(x, y)
    out["per_op_us"] = per_call_us(lambda: mx.eval(x + y), repeats=3 if args.quick else 5)
    a = mx.random.uniform(shape=(4096, 512))
    b = mx.random.uniform(shape=(512, 4))
    mx.eval(a, b)
    out["seed_cpu_cpu_ms"] = median(samples(lambda: seed_fun(a, b, mx.cpu, mx.cpu), minimum=5, seconds=budget)) * 1e3
    lazy, forced = lazy_vs_eager(args.iterations)
    out["lazy_us"], out["forced_us"], out["lazy_iterations"] = lazy, forced, args.iterations
    count = args.elements
    u = mx.random.uniform(shape=(count,))
    v = mx.random.uniform(shape=(count,))
    mx.eval(u, v)
    gigabytes = count * 4 / 1e9
    out["elements"] = count
    out["add_gbs"] = 3 * gigabytes / median(samples(lambda: mx.eval(u + v), seconds=budget))
    out["exp_gbs"] = 2 * gigabytes / median(samples(lambda: mx.eval(mx.exp(u)), seconds=budget))
    emit(out)


if __name__ == "__main__":
    main()
