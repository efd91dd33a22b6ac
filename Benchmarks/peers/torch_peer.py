"""PyTorch peers for `make bench` on a machine that has torch (the lent H200 has; PyPI's wheel is
gigabytes of CUDA libraries, so it is not installed here). Prints one JSON document.

- cuBLAS float32 matmul with TF32 off, best-of-N with CUDA events, N = 1024…8192
- per-op overhead on the GPU: b = torch.exp(b); torch.cuda.synchronize() on 512×4 (the seed's exp step)
- Torch CPU float32 matmul, N = 256…4096
"""
import json
import sys
import time

import torch


def gpu_matmul(sizes, repeats=10):
    torch.backends.cuda.matmul.allow_tf32 = False
    torch.backends.cudnn.allow_tf32 = False
    rows = []
    for n in sizes:
        a = torch.randn(n, n, device="cuda", dtype=torch.float32)
        b = torch.randn(n, n, device="cuda", dtype=torch.float32)
        for _ in range(3):
            a @ b
        torch.cuda.synchronize()
        best = float("inf")
        for _ in range(repeats):
            start, end = torch.cuda.Event(enable_timing=True), torch.cuda.Event(enable_timing=True)
            start.record()
            a @ b
            end.record()
            torch.cuda.synchronize()
            best = min(best, start.elapsed_time(end) / 1e3)
        rows.append({"n": n, "tflops": 2 * n**3 / best / 1e12, "seconds": best})
    return rows


def gpu_per_op(steps=500):
    b = torch.randn(512, 4, device="cuda")
    for _ in range(50):
        b = torch.exp(b) * 0 + 1
        torch.cuda.synchronize()
    samples = []
    for _ in range(5):
        t0 = time.perf_counter()
        for _ in range(steps):
            b = torch.exp(b)
            torch.cuda.synchronize()
        samples.append((time.perf_counter() - t0) / steps * 1e6)
        b = torch.randn(512, 4, device="cuda")
    samples.sort()
    return {"steps": steps, "us_per_op_median": samples[len(samples) // 2], "us_per_op_best": samples[0]}


def cpu_matmul(sizes, seconds=0.5):
    rows = []
    for n in sizes:
        a = torch.randn(n, n)
        b = torch.randn(n, n)
        a @ b
        best = float("inf")
        t_end = time.perf_counter() + seconds
        count = 0
        while count < 3 or time.perf_counter() < t_end:
            t0 = time.perf_counter()
            a @ b
            best = min(best, time.perf_counter() - t0)
            count += 1
        rows.append({"n": n, "gflops": 2 * n**3 / best / 1e9})
    return rows


if __name__ == "__main__":
    out = {"torch": torch.__version__, "threads": torch.get_num_threads()}
    if torch.cuda.is_available():
        out["device"] = torch.cuda.get_device_name(0)
        out["cublas_fp32_tf32_off"] = gpu_matmul([1024, 2048, 4096, 8192])
        out["gpu_exp_sync_per_op"] = gpu_per_op()
    out["cpu_matmul"] = cpu_matmul([256, 512, 1024, 2048, 4096])
    json.dump(out, sys.stdout, indent=1)
    print()
