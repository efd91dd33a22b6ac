"""What the machine line names: CPU model, cores, memory, OS, and the libraries and devices the
round's documents report."""
import os
import platform
import shutil
import subprocess


def read(path):
    try:
        with open(path) as handle:
            return handle.read()
    except OSError:
        return ""


def field(text, name):
    for line in text.splitlines():
        if line.split(":")[0].strip() == name:
            return line.split(":", 1)[1].strip()
    return None


def host():
    cpu = field(read("/proc/cpuinfo"), "model name") or platform.processor() or platform.machine()
    flags = field(read("/proc/cpuinfo"), "flags") or ""
    simd = "AVX-512" if "avx512f" in flags.split() else "AVX2" if "avx2" in flags.split() else ""
    kib = field(read("/proc/meminfo"), "MemTotal")
    memory = "%.0f GiB" % (int(kib.split()[0]) / 2**20) if kib else "?"
    os_name = field(read("/etc/os-release").replace("=", ":"), "PRETTY_NAME")
    out = {"cpu": cpu + (" (%s)" % simd if simd else ""), "cores": os.cpu_count(), "memory": memory,
           "os": (os_name or platform.platform()).strip('"')}
    if shutil.which("dpkg-query"):
        result = subprocess.run(["dpkg-query", "-W", "-f=${Version}", "libclblast1"], capture_output=True, text=True)
        if result.returncode == 0 and result.stdout:
            out["clblast"] = "CLBlast %s (Debian)" % result.stdout.split("-")[0]
    return out


def from_documents(documents):
    """Library and device names from one round's raw documents."""
    out = {}
    engine = documents.get("streamtop engine") or {}
    for row in engine.get("benchmarks", []):
        if row["name"] == "matmul" and row.get("params", {}).get("blas"):
            out["openblas"] = "streamtop links " + row["params"]["blas"]
            break
    devices = []
    for name, doc in documents.items():
        if name.startswith("streamtop opencl") and doc and doc.get("device"):
            d = doc["device"]
            devices.append("%s (%s, %s)" % (d.get("name"), d.get("platform"), d.get("driver")))
    if devices:
        out["opencl"] = "OpenCL: " + ", ".join(devices)
    numpy = documents.get("numpy")
    if numpy:
        out["numpy"] = "NumPy %s (%s)" % (numpy.get("version"), numpy.get("blas") or "?")
    mlx = documents.get("mlx")
    if mlx:
        out["mlx"] = "MLX %s CPU build" % mlx.get("version")
    torch = documents.get("torch")
    if torch:
        out["torch"] = "PyTorch %s (%s threads)" % (torch.get("version"), torch.get("threads"))
        if torch.get("device"):
            out["gpu"] = "%s (CUDA %s)" % (torch["device"], torch.get("cuda"))
    return out
