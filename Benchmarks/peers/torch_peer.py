"""PyTorch peers for `make bench` on a machine that has torch (the lent H200 has; PyPI's wheel is
gigabytes of CUDA libraries, so it is not installed here). Prints one JSON document.

- Torch CPU float32 matmul GFLOP/s, N = --sizes (256…4096)
- on CUDA: cuBLAS float32 matmul with TF32 off (CUDA events), N = --gpu-sizes (256…8192);
  per-op µs of the seed's exp step, `b = torch.exp(b); torch.cuda.synchronize()` on 512×4;
  add / exp / copy GB/s (bytes read + written) on --gpu-elements float32 (256M)
"""
import argparse

import torch

from peer_timing import emit, median, per_call_us, samples, sizes_argument


def cpu_matmul(sizes, budget):
    out = {}
    for n in sizes:
        a = torch.randn(n, n)
        b = torch.randn(n, n)
        out[str(n)] = 2 * n**3 / median(samples(lambda: a @ b, seconds=budget)) / 1e9
    return out


def cuda_seconds(body, repeats):
    """Median device time of `body` by CUDA events, after three warm-up calls."""
    for _ in range(3):
        body()
    torch.cuda.synchronize()
    times = []
    for _ in range(repeats):
        start, end = torch.cuda.Event(enable_timing=True), torch.cuda.Event(enable_timing=True)
        start.record()
        body()
        end.record()
        torch.cuda.synchronize()
        times.append(start.elapsed_time(end) / 1e3)
    return median(times)


def gpu_matmul(sizes, repeats):
    torch.backends.cuda.matmul.allow_tf32 = False
    torch.backends.cudnn.allow_tf32 = False
    out = {}
    for n in sizes:
        a = torch.randn(n, n, device="cuda", dtype=torch.float32)
        b = torch.randn(n, n, device="cuda", dtype=torch.float32)
        out[str(n)] = 2 * n**3 / cuda_seconds(lambda: a @ b, repeats) / 1e9
    return out


def gpu_per_op_us(steps=500):
    state = {"b": torch.rand(512, 4, device="cuda")}

    def step():
        state["b"] = torch.exp(state["b"])
        torch.cuda.synchronize()

    us = per_call_us(step, calls=steps, repeats=5)
    return us


def gpu_bandwidth(count, repeats):
    x = torch.rand(count, device="cuda")
    y = torch.rand(count, device="cuda")
    z = torch.empty_like(x)
    gigabytes = count * 4 / 1e9
    return {
        "elements": count,
        "add_gbs": 3 * gigabytes / cuda_seconds(lambda: torch.add(x, y, out=z), repeats),
        "exp_gbs": 2 * gigabytes / cuda_seconds(lambda: torch.exp(x, out=z), repeats),
        "copy_gbs": 2 * gigabytes / cuda_seconds(lambda: z.copy_(x), repeats),
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=sizes_argument, default=[256, 512, 1024, 2048, 4096])
    parser.add_argument("--gpu-sizes", type=sizes_argument, default=[256, 512, 1024, 2048, 4096, 8192])
    parser.add_argument("--gpu-elements", type=int, default=1 << 28)
    parser.add_argument("--no-cpu", action="store_true", help="skip the CPU matmul")
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args()
    out = {"library": "torch", "version": torch.__version__, "threads": torch.get_num_threads()}
    if not args.no_cpu:
        out["cpu_matmul_gflops"] = cpu_matmul(args.sizes, 0.3 if args.quick else 1.0)
    if torch.cuda.is_available():
        repeats = 3 if args.quick else 10
        out["device"] = torch.cuda.get_device_name(0)
        out["cuda"] = torch.version.cuda
        out["cublas_gflops"] = gpu_matmul(args.gpu_sizes, repeats)
        out["gpu_per_op_us"] = gpu_per_op_us()
        out["gpu_bandwidth"] = gpu_bandwidth(args.gpu_elements, repeats)
    emit(out)


if __name__ == "__main__":
    main()
