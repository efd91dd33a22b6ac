"""Rows of the ratio table: which figure is ours, which the peer's, the issue's target, and the
best-of over rounds with the spread of the per-round ratios."""
import re

from .figures import Generic, key, split_key

TIME_UNITS = {"s", "ms", "µs", "us", "ns"}


class Target:
    """`ratio` targets bound ours ÷ peer; `value` targets bound our own figure (e.g. ≤ 1 µs)."""

    def __init__(self, kind, op, bound, unit=""):
        self.kind, self.op, self.bound, self.unit = kind, op, bound, unit

    def text(self):
        sign = "≥" if self.op == ">=" else "≤"
        bound = ("%.2f" % self.bound).rstrip("0").rstrip(".") if self.bound != int(self.bound) else "%.1f" % self.bound
        if self.kind == "value":
            bound = ("%g" % self.bound) + (" " + self.unit if self.unit else "")
        return "%s %s" % (sign, bound)

    def met(self, ours, ratio):
        figure = ours if self.kind == "value" else ratio
        if figure is None:
            return None
        return figure >= self.bound if self.op == ">=" else figure <= self.bound


def parse_target(text, unit):
    """A target a row carries as text: "≥ 3", ">= 1.5", "≤ 1.03", "<= 1 µs" (a unit makes it a value
    target). None when it does not parse."""
    match = re.match(r"\s*(≥|>=|≤|<=)?\s*([0-9.]+)\s*(\S*)\s*$", text or "")
    if not match:
        return None
    op = ">=" if match.group(1) in (None, "≥", ">=") else "<="
    suffix = match.group(3)
    if suffix and suffix not in ("×", "x"):
        return Target("value", op, float(match.group(2)), suffix)
    return Target("ratio", op, float(match.group(2)))


class Spec:
    def __init__(self, name, ours, peer, peer_label, unit, target=None):
        self.name, self.ours, self.peer, self.peer_label, self.unit, self.target = name, ours, peer, peer_label, unit, target

    @property
    def higher_is_better(self):
        return self.unit not in TIME_UNITS


def backends(keys, kind):
    return sorted({split_key(k)[1] for k in keys if split_key(k)[0] == kind})


def details(keys, kind, backend):
    return [split_key(k)[2] for k in keys if split_key(k)[0] == kind and split_key(k)[1] == backend]


def sizes(keys, kind, backend):
    return sorted(int(d) for d in details(keys, kind, backend))


def pocl(backend):
    return "(PoCL)" in backend


def clblast_target(backend, n):
    """Issue 11: on PoCL ≥ 2× CLBlast; on a GPU ≥ 1.5× at N = 1024–2048 and ≥ 1.4× at N ≥ 4096."""
    if pocl(backend):
        return Target("ratio", ">=", 2.0)
    if 1024 <= n <= 2048:
        return Target("ratio", ">=", 1.5)
    if n >= 4096:
        return Target("ratio", ">=", 1.4)
    return None


def opencl_devices(keys):
    """The "(device)" suffixes of every OpenCL matmul backend, ours or CLBlast's, wall clock or kernel."""
    found = set()
    for kind in ("matmul", "kernel"):
        for backend in backends(keys, kind):
            for prefix in ("streamtop OpenCL ", "CLBlast "):
                if backend.startswith(prefix):
                    found.add(backend[len(prefix):])
    return sorted(found)


def cublas_specs(name, ours, n, cublas, keys):
    """Ours against every cuBLAS backend (torch_peer.py: CUDA events, fp32 with TF32 off) at N."""
    out = []
    for peer in cublas:
        if key("matmul", peer, n) in keys:
            target = Target("ratio", ">=", 0.9) if n >= 4096 else None
            out.append(Spec(name, ours, key("matmul", peer, n), peer + " fp32, TF32 off (CUDA events)", "GFLOP/s", target))
    return out


def specs(keys, generics):
    """Every row the figures of all rounds allow, in table order."""
    keys = set(keys)
    out = []
    cpu = key("matmul", "streamtop CPU", "")
    cpu_peers = [("cblas_sgemm direct", "cblas_sgemm (same OpenBLAS, in-process)"), ("NumPy", "NumPy a @ b"),
                 ("MLX CPU", "MLX CPU a @ b"), ("Torch CPU", "Torch CPU a @ b")]
    all_cpu_sizes = sorted({n for b, _ in cpu_peers + [("streamtop CPU", "")] for n in sizes(keys, "matmul", b)})
    for n in all_cpu_sizes:
        for backend, label in cpu_peers:
            peer = key("matmul", backend, n)
            if peer in keys:
                target = Target("ratio", ">=", 1.0) if backend == "NumPy" and n >= 512 else None
                out.append(Spec("CPU matmul N=%d" % n, cpu + str(n), peer, label, "GFLOP/s", target))
    cublas = [b for b in backends(keys, "matmul") if b.startswith("cuBLAS")]
    for device in opencl_devices(keys):
        ours, blast = "streamtop OpenCL " + device, "CLBlast " + device
        # Kernel-only figures (OpenCL profiling events) are what compare with cuBLAS (CUDA events); a device
        # without any (an older binary) keeps the wall-clock-vs-cuBLAS rows so that nothing disappears.
        timed_kernel = bool(sizes(keys, "kernel", ours))
        for n in sorted(set(sizes(keys, "matmul", ours)) | set(sizes(keys, "matmul", blast))):
            name = "OpenCL matmul N=%d %s, wall clock" % (n, device)
            if key("matmul", blast, n) in keys:
                out.append(Spec(name, key("matmul", ours, n), key("matmul", blast, n), blast, "GFLOP/s",
                                clblast_target(ours, n)))
            if not timed_kernel and not pocl(ours):
                out += cublas_specs(name, key("matmul", ours, n), n, cublas, keys)
        for n in sorted(set(sizes(keys, "kernel", ours)) | set(sizes(keys, "kernel", blast))):
            name = "OpenCL sgemm kernel N=%d %s" % (n, device)
            if key("kernel", blast, n) in keys:
                out.append(Spec(name, key("kernel", ours, n), key("kernel", blast, n), blast + " kernel", "GFLOP/s",
                                clblast_target(ours, n)))
            if timed_kernel and not pocl(ours):
                out += cublas_specs(name, key("kernel", ours, n), n, cublas, keys)
    for placement in ("cpu,cpu", "gpu,gpu", "cpu,gpu", "gpu,cpu"):
        ours = key("seed", "streamtop", placement)
        if ours in keys:
            out.append(Spec("seed matmul-exp-split %s" % placement, ours, key("seed", "MLX CPU", "cpu,cpu"),
                            "MLX CPU cpu,cpu", "ms"))
    for place in ("cpu", "gpu"):
        for loop in ("lazy", "forced"):
            ours = key("lazy", "streamtop " + place, loop)
            if ours in keys:
                out.append(Spec("seed lazy-vs-eager %s, %s (per a + b)" % (place, loop), ours,
                                key("lazy", "MLX CPU", loop), "MLX CPU", "µs"))
    perop = key("perop", "streamtop CPU", "cpu")
    for backend, label in (("MLX CPU", "MLX CPU (eval)"), ("NumPy", "NumPy (eager)")):
        out.append(Spec("CPU per-op c = a + b; eval, 100 f32", perop, key("perop", backend, "cpu"), label, "µs",
                        Target("value", "<=", 1.0, "µs")))
    gpu_perop = key("perop", "streamtop OpenCL", "gpu")
    if gpu_perop in keys:
        out.append(Spec("GPU per-op b = exp(b); eval, 512×4", gpu_perop, key("perop", "Torch CUDA", "gpu"),
                        "Torch exp + cuda.synchronize", "µs", Target("ratio", "<=", 1.0)))
    for op in ("add", "exp"):
        ours = key("bw", "streamtop CPU", op)
        target = Target("ratio", ">=", 0.8) if op == "exp" else None
        out.append(Spec("CPU %s GB/s" % op, ours, key("bw", "memcpy", op), "memcpy split over the cores", "GB/s", target))
        for backend in ("NumPy", "MLX CPU"):
            if key("bw", backend, op) in keys:
                out.append(Spec("CPU %s GB/s" % op, ours, key("bw", backend, op), backend, "GB/s"))
    for ours in [b for b in backends(keys, "bw") if b.startswith("streamtop OpenCL")]:
        device = ours[len("streamtop OpenCL "):]
        for op in ("add", "exp"):
            out.append(Spec("OpenCL %s GB/s %s" % (op, device), key("bw", ours, op), key("bw", "copy kernel " + device, op),
                            "copy kernel " + device, "GB/s", Target("ratio", ">=", 0.9)))
            if not pocl(ours) and key("bw", "Torch CUDA", op) in keys:
                out.append(Spec("OpenCL %s GB/s %s" % (op, device), key("bw", ours, op), key("bw", "Torch CUDA", op),
                                "Torch CUDA " + op, "GB/s"))
    for label, row in sorted(generics.items()):
        target = parse_target(row.target, row.unit) if row.target else default_target(label, row.unit)
        out.append(Spec(label, key("generic", "ours", label), key("generic", "peer", label), row.peer, row.unit, target))
    return [s for s in out if s.ours in keys or s.peer in keys]


def default_target(label, unit):
    """Issue 11: a fused chain ≥ 3× faster than unfused (as a ratio of times when the unit is one)."""
    if "fused" not in label:
        return None
    return Target("ratio", "<=", 1 / 3.0) if unit in TIME_UNITS else Target("ratio", ">=", 3.0)


class Row:
    def __init__(self, spec, ours, peer, ratio, spread, per_round):
        self.spec, self.ours, self.peer, self.ratio, self.spread, self.per_round = spec, ours, peer, ratio, spread, per_round

    @property
    def met(self):
        return self.spec.target.met(self.ours, self.ratio) if self.spec.target else None

    def as_json(self):
        s = self.spec
        return {"row": s.name, "unit": s.unit, "ours": self.ours, "peer": s.peer_label, "peer_value": self.peer,
                "ratio": self.ratio, "ratio_spread": list(self.spread) if self.spread else None,
                "target": s.target.text() if s.target else None, "met": self.met, "per_round": self.per_round}


def summarize(rounds_figures, generics):
    """Best-of per row over the rounds (max of a rate, min of a time); ratio = best ours ÷ best peer;
    spread = min and max of the per-round ratios where both sides ran in the same round."""
    keys = set().union(*[set(f) for f in rounds_figures]) if rounds_figures else set()
    rows = []
    for spec in specs(keys, generics):
        best = max if spec.higher_is_better else min
        ours = [f[spec.ours] for f in rounds_figures if spec.ours in f]
        peer = [f[spec.peer] for f in rounds_figures if spec.peer in f]
        pairs = [(f.get(spec.ours), f.get(spec.peer)) for f in rounds_figures]
        ratios = [o / p for o, p in pairs if o is not None and p]
        ours_best = best(ours) if ours else None
        peer_best = best(peer) if peer else None
        ratio = ours_best / peer_best if ours_best is not None and peer_best else None
        spread = (min(ratios), max(ratios)) if len(ratios) > 1 else None
        rows.append(Row(spec, ours_best, peer_best, ratio, spread, [list(p) for p in pairs]))
    return rows


def gflops_series(rounds_figures):
    """backend -> {N: best GFLOP/s over the rounds}, for the plot and the by-N table. Kernel-only figures
    (OpenCL profiling events) are series of their own, "<backend> kernel"."""
    series = {}
    for figures in rounds_figures:
        for k, value in figures.items():
            kind, backend, detail = split_key(k)
            if kind in ("matmul", "kernel"):
                backend += " kernel" if kind == "kernel" else ""
                n = int(detail)
                series.setdefault(backend, {})
                series[backend][n] = max(series[backend].get(n, 0.0), value)
    return series


__all__ = ["Generic", "Target", "Spec", "Row", "parse_target", "specs", "summarize", "gflops_series"]
