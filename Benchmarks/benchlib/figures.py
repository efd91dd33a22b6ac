"""Flat figures from one round's raw documents.

A figure key is `kind|backend|detail`, e.g. `matmul|NumPy|1024` (GFLOP/s) or `perop|MLX CPU|cpu` (µs).
Kind `matmul` is the wall-clock GFLOP/s of a whole call (cuBLAS excepted: torch_peer.py times it by CUDA
events); kind `kernel` is the GFLOP/s of the sgemm kernel alone, timed by OpenCL profiling events
(`bench opencl`'s "gpu sgemm kernel" rows, ours and CLBlast's).
Rows of `bench engine` / `bench opencl` that no specific rule reads but that carry a ratio (the
fusion rows, log/tanh, the recorder) become generic figure pairs with their own row metadata.
"""
# Row names of `bench engine` / `bench opencl` read by the rules below (not repeated as generic rows).
ENGINE_NAMES = {"matmul", "matmul vs numpy", "matmul vs mlx", "per-op overhead", "seed workload", "add", "exp"}
OPENCL_NAMES = {"gpu matmul", "CLBlastSgemm", "gpu sgemm kernel", "CLBlastSgemm kernel", "gpu add", "gpu exp",
                "copy kernel"}
# sgemm rows of `bench opencl`: figure kind (wall clock or kernel span) and whose figure the value is.
SGEMM_ROWS = {"gpu matmul": ("matmul", "ours"), "CLBlastSgemm": ("matmul", "CLBlast"),
              "gpu sgemm kernel": ("kernel", "ours"), "CLBlastSgemm kernel": ("kernel", "CLBlast")}
# Params that vary run to run (or describe the run) and so do not name a row.
VOLATILE_PARAMS = {"timing", "samples", "best", "blas", "peer_blas", "simd", "target", "dtype", "ratio", "fused_ms", "unfused_ms"}


def key(kind, backend, detail=""):
    return "%s|%s|%s" % (kind, backend, detail)


def split_key(text):
    kind, backend, detail = text.split("|", 2)
    return kind, backend, detail


def device_label(device):
    """A short name for an OpenCL device: PoCL, or the device's own name (e.g. NVIDIA H200)."""
    if not device:
        return "?"
    if "portable" in device.get("platform", "").lower():
        return "PoCL"
    return device.get("name", "?")


def cuda_label(name):
    return (name or "CUDA").strip()


class Generic:
    """A row of `bench engine` / `bench opencl` taken as it is: ours and peer figures plus metadata."""

    def __init__(self, label, unit, peer, target):
        self.label, self.unit, self.peer, self.target = label, unit, peer, target


def generic_label(prefix, row):
    params = row.get("params") or {}
    shown = ["%s=%s" % (k, clip(short_number(v))) for k, v in sorted(params.items()) if k not in VOLATILE_PARAMS]
    return " ".join([prefix + row["name"]] + shown)


def clip(text, width=24):
    return text if len(text) <= width else text[: width - 1] + "…"


def short_number(text):
    """16777216 -> 16M, 1048576 -> 1M; other text unchanged."""
    try:
        value = int(text)
    except (TypeError, ValueError):
        return text
    for shift, suffix in ((30, "G"), (20, "M"), (10, "K")):
        if value >= 1 << shift and value % (1 << shift) == 0:
            return "%d%s" % (value >> shift, suffix)
    return str(value)


def row_target(row):
    """A target the row's JSON carries itself (a `target` key or param), as text; else None."""
    target = row.get("target")
    if target is None:
        target = (row.get("params") or {}).get("target")
    return None if target is None else str(target)


def engine_figures(doc, out, generics):
    for row in doc.get("benchmarks", []):
        name, params = row["name"], row.get("params") or {}
        value, peer = row.get("value"), row.get("peer_value")
        if name == "matmul":
            out[key("matmul", "streamtop CPU", params["n"])] = value
            if peer is not None:
                out[key("matmul", "cblas_sgemm direct", params["n"])] = peer
        elif name == "per-op overhead":
            out[key("perop", "streamtop CPU", "cpu")] = value
        elif name in ("add", "exp"):
            out[key("bw", "streamtop CPU", name)] = value
            if peer is not None:
                out[key("bw", "memcpy", name)] = peer
        elif name not in ENGINE_NAMES:
            generic(row, "", out, generics)


def opencl_figures(doc, out, generics):
    device = device_label(doc.get("device"))
    ours, blast, copy = "streamtop OpenCL (%s)" % device, "CLBlast (%s)" % device, "copy kernel (%s)" % device
    for row in doc.get("benchmarks", []):
        name, params = row["name"], row.get("params") or {}
        value, peer = row.get("value"), row.get("peer_value")
        if name in SGEMM_ROWS:
            kind, side = SGEMM_ROWS[name]
            out[key(kind, ours if side == "ours" else blast, params["n"])] = value
            if side == "ours" and peer is not None:
                out[key(kind, blast, params["n"])] = peer
        elif name in ("gpu add", "gpu exp"):
            op = name.split()[1]
            out[key("bw", ours, op)] = value
            if peer is not None:
                out[key("bw", copy, op)] = peer
        elif name == "copy kernel":
            out[key("bw", copy, "copy")] = value
        elif name not in OPENCL_NAMES:
            generic(row, "OpenCL (%s) " % device, out, generics)


def generic(row, prefix, out, generics):
    if row.get("ratio") is None or row.get("peer_value") is None:
        return
    label = generic_label(prefix, row)
    out[key("generic", "ours", label)] = row["value"]
    out[key("generic", "peer", label)] = row["peer_value"]
    generics[label] = Generic(label, row.get("unit", ""), row.get("peer") or "peer", row_target(row))


def seed_figures(doc, out):
    """`bench seed --json`: warm ms per matmul-exp-split placement, the GPU exp step (the per-op time of
    the seed's 500 × exp with an eval each, on 512×4) and the lazy-vs-eager loops (µs per iteration)."""
    for row in doc.get("benchmarks", []):
        name, params, value = row["name"], row.get("params") or {}, row.get("value")
        if name == "seed matmul-exp-split":
            out[key("seed", "streamtop", params["placement"])] = value
        elif name == "seed exp step":
            backend = "streamtop OpenCL" if params.get("device") == "gpu" else "streamtop CPU"
            out[key("expstep", backend, params.get("device", ""))] = value
            if params.get("device") == "gpu":
                out[key("perop", "streamtop OpenCL", "gpu")] = value
        elif name.startswith("lazy-vs-eager "):
            out[key("lazy", "streamtop " + params.get("device", "cpu"), name.split()[-1])] = value


def python_figures(doc, backend, out):
    """numpy_peer.py / mlx_peer.py documents."""
    for n, value in doc.get("matmul_gflops", {}).items():
        out[key("matmul", backend, n)] = value
    if "per_op_us" in doc:
        out[key("perop", backend, "cpu")] = doc["per_op_us"]
    for op in ("add", "exp"):
        if op + "_gbs" in doc:
            out[key("bw", backend, op)] = doc[op + "_gbs"]
    if "seed_cpu_cpu_ms" in doc:
        out[key("seed", backend, "cpu,cpu")] = doc["seed_cpu_cpu_ms"]
    for loop in ("lazy", "forced"):
        if loop + "_us" in doc:
            out[key("lazy", backend, loop)] = doc[loop + "_us"]


def torch_figures(doc, out):
    for n, value in doc.get("cpu_matmul_gflops", {}).items():
        out[key("matmul", "Torch CPU", n)] = value
    device = cuda_label(doc.get("device"))
    for n, value in doc.get("cublas_gflops", {}).items():
        out[key("matmul", "cuBLAS (%s)" % device, n)] = value
    if "gpu_per_op_us" in doc:
        out[key("perop", "Torch CUDA", "gpu")] = doc["gpu_per_op_us"]
    for op in ("add", "exp", "copy"):
        value = doc.get("gpu_bandwidth", {}).get(op + "_gbs")
        if value is not None:
            out[key("bw", "Torch CUDA", op)] = value


def round_figures(documents):
    """All figures of one round (participant name -> its raw document) and the generic rows seen."""
    out, generics = {}, {}
    for name, doc in documents.items():
        if doc is None:
            continue
        if name == "streamtop engine":
            engine_figures(doc, out, generics)
        elif name.startswith("streamtop opencl"):
            opencl_figures(doc, out, generics)
        elif name == "streamtop seed":
            seed_figures(doc, out)
        elif name == "numpy":
            python_figures(doc, "NumPy", out)
        elif name == "mlx":
            python_figures(doc, "MLX CPU", out)
        elif name == "torch":
            torch_figures(doc, out)
    return {k: v for k, v in out.items() if isinstance(v, (int, float))}, generics
