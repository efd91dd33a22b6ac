"""The participants of one round: streamtop's bench commands and the Python peers, each a child
process that prints JSON. A participant that cannot run is skipped for the rest of the run, with
the reason kept as a notice."""
import json
import os
import subprocess

PEERS = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "peers")


class Skipped(Exception):
    pass


def parse(stdout):
    """The whole output as one JSON document, or else its last line that is one."""
    try:
        return json.loads(stdout)
    except ValueError:
        for line in reversed(stdout.strip().splitlines()):
            try:
                return json.loads(line)
            except ValueError:
                continue
    raise Skipped("printed no JSON")


def run_json(argv, env, timeout):
    try:
        result = subprocess.run(argv, capture_output=True, text=True, env=env, timeout=timeout)
    except subprocess.TimeoutExpired:
        raise Skipped("ran past %d s" % timeout)
    except OSError as error:
        raise Skipped(str(error))
    if result.returncode != 0:
        last = (result.stderr.strip().splitlines() or ["no message"])[-1]
        raise Skipped("exit status %d: %s" % (result.returncode, last[:200]))
    return parse(result.stdout)


class Participant:
    """`argv` is the command; `ours` says which side of the alternation it is on."""

    def __init__(self, name, argv, ours, env=None, timeout=900):
        self.name, self.argv, self.ours, self.env, self.timeout = name, argv, ours, env, timeout

    def run(self, base_env):
        env = dict(base_env)
        env.update(self.env or {})
        return run_json(self.argv, env, self.timeout)


def join(values):
    return ",".join(str(v) for v in values)


def ours(binary, settings):
    quick = ["--quick"] if settings["quick"] else []
    out = [Participant("streamtop engine", [binary, "bench", "engine", "--json", "--skip", "python",
                                           "--sizes", join(settings["cpu_sizes"])] + quick, True)]
    for device in settings["opencl_devices"] or [None]:
        name = "streamtop opencl" + (" " + device if device else "")
        env = {"STREAMTOP_OPENCL_DEVICE": device} if device else None
        out.append(Participant(name, [binary, "bench", "opencl", "--json", "--sizes", join(settings["gpu_sizes"]),
                                      "--elements", str(settings["gpu_elements"])] + quick, True, env))
    out.append(Participant("streamtop seed", [binary, "bench", "seed", "--json"] + quick, True))
    return out


def peers(pythons, settings):
    """`pythons`: module -> the python that imports it (absent: that peer is skipped)."""
    quick = ["--quick"] if settings["quick"] else []
    cpu = ["--sizes", join(settings["cpu_sizes"]), "--elements", str(settings["cpu_elements"])]
    out = []
    if "numpy" in pythons:
        out.append(Participant("numpy", [pythons["numpy"], os.path.join(PEERS, "numpy_peer.py")] + cpu + quick, False))
    if "mlx" in pythons:
        out.append(Participant("mlx", [pythons["mlx"], os.path.join(PEERS, "mlx_peer.py")] + cpu + quick
                               + ["--max-call-seconds", str(settings["mlx_max_call_seconds"])], False))
    if "torch" in pythons:
        out.append(Participant("torch", [pythons["torch"], os.path.join(PEERS, "torch_peer.py"), "--sizes",
                                         join(settings["cpu_sizes"]), "--gpu-sizes", join(settings["cublas_sizes"]),
                                         "--gpu-elements", str(settings["gpu_elements"])] + quick, False))
    return out
