"""`.venv-bench/`: NumPy, matplotlib and MLX's CPU build for the bench, made when missing. A pip
that fails (no network, no wheel for this platform) costs only the peers that need it."""
import os
import subprocess
import sys

GROUPS = [
    (["numpy", "matplotlib"], "import numpy, matplotlib", "NumPy peer and the plot"),
    # MLX on Linux: the `mlx` package holds the Python API, `mlx-cpu` the CPU backend's library.
    (["mlx", "mlx-cpu"], "import mlx.core", "MLX CPU peer"),
]


def python_of(venv):
    return os.path.join(venv, "bin", "python")


def imports(python, statement):
    try:
        return subprocess.run([python, "-c", statement], capture_output=True, timeout=120).returncode == 0
    except (OSError, subprocess.TimeoutExpired):
        return False


def ensure(venv, notices, log=print):
    """The venv's python, with whatever of GROUPS could be installed; None when no venv can be made."""
    python = python_of(venv)
    if not os.path.exists(python):
        log("bench: making %s (python3 -m venv)" % venv)
        result = subprocess.run([sys.executable, "-m", "venv", venv], capture_output=True, text=True)
        if result.returncode != 0:
            notices.append("no .venv-bench (python3 -m venv failed: %s); peers use the system python3 as it is"
                           % (result.stderr.strip().splitlines() or ["?"])[-1])
            return None
    for packages, statement, purpose in GROUPS:
        if imports(python, statement):
            continue
        log("bench: pip install %s into %s" % (" ".join(packages), venv))
        command = [python, "-m", "pip", "install", "-q", "--disable-pip-version-check", "--timeout", "20",
                   "--retries", "1"] + packages
        result = subprocess.run(command, capture_output=True, text=True)
        if result.returncode != 0 or not imports(python, statement):
            reason = (result.stderr.strip().splitlines() or ["import failed after install"])[-1]
            notices.append("pip install %s failed (%s): %s skipped" % (" ".join(packages), reason[:160], purpose))
    return python
