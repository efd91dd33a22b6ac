#!/usr/bin/env python3
"""`make bench`: streamtop against every peer in one run, ours and peers alternating.

    python3 Benchmarks/bench.py --bin .build/release/streamtop --write      # measure, print, write
    python3 Benchmarks/bench.py --bin ./streamtop --no-venv --json-out h200.json   # on a lent machine
    python3 Benchmarks/bench.py --render h200.json --section h200 --write    # draw/write it here

Each of R rounds runs `streamtop bench engine|opencl|seed --json` and the Python peers
(Benchmarks/peers/: NumPy, MLX CPU, Torch where installed), the order flipped every round. Every row
keeps the best of its per-round figures; the table shows ours, the peer, ours ÷ peer with the spread
of the per-round ratios, and the issue's target. `--write` replaces the section between
`<!-- bench:begin -->` and `<!-- bench:end -->` of BENCHMARKS.md (`bench-h200` with `--section h200`)
and draws docs/bench-gflops.png (docs/bench-gflops-h200.png). Measuring needs only the standard
library; matplotlib only draws.
"""
import argparse
import datetime
import json
import os
import shutil
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from benchlib import figures, machine, plot, report, rows, runners, venv  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
VENV = os.path.join(ROOT, ".venv-bench")
IN_VENV = "STREAMTOP_BENCH_IN_VENV"


def log(message):
    print(message, file=sys.stderr, flush=True)


def sizes(text):
    values = [int(v) for v in text.split(",") if v.strip()]
    if not values or min(values) <= 0:
        raise argparse.ArgumentTypeError("expected a comma-separated list of positive integers, got %r" % text)
    return values


def arguments(argv):
    has_cuda = shutil.which("nvidia-smi") is not None
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--bin", default=os.path.join(ROOT, ".build", "release", "streamtop"), help="the streamtop binary")
    parser.add_argument("--rounds", type=int, help="rounds of ours and every peer (default 3; 1 with --quick)")
    parser.add_argument("--quick", action="store_true", help="one round, fewer samples (about 3 minutes here)")
    parser.add_argument("--cpu-sizes", type=sizes, default=[256, 512, 1024, 2048, 4096], help="CPU matmul N")
    parser.add_argument("--gpu-sizes", type=sizes, help="OpenCL matmul N (default 256…2048; 256…8192 where nvidia-smi is)")
    parser.add_argument("--cublas-sizes", type=sizes, default=[256, 512, 1024, 2048, 4096, 8192], help="cuBLAS matmul N")
    parser.add_argument("--gpu-elements", type=int, help="float32 elements for OpenCL/CUDA add, exp, copy (default 2^26; 2^28 with nvidia-smi)")
    parser.add_argument("--opencl-devices", default="", help="STREAMTOP_OPENCL_DEVICE values, comma-separated: one opencl bench per device")
    parser.add_argument("--mlx-max-call-seconds", type=float, help="MLX skips a matmul N whose one call would take longer (default 20; 3 with --quick)")
    parser.add_argument("--no-venv", action="store_true", help="use the system python3 as it is (no .venv-bench, no pip)")
    parser.add_argument("--json-out", help="write every raw figure and the rows to this JSON file")
    parser.add_argument("--render", metavar="RESULTS.json", help="measure nothing: print and write from a --json-out file")
    parser.add_argument("--section", default="bench", help="section of BENCHMARKS.md and plot name: bench (default) or e.g. h200")
    parser.add_argument("--write", action="store_true", help="replace the section in BENCHMARKS.md and draw the plot")
    parser.add_argument("--benchmarks-md", default=os.path.join(ROOT, "BENCHMARKS.md"))
    args = parser.parse_args(argv)
    args.rounds = args.rounds or (1 if args.quick else 3)
    args.gpu_sizes = args.gpu_sizes or ([256, 512, 1024, 2048, 4096, 8192] if has_cuda else [256, 512, 1024, 2048])
    args.gpu_elements = args.gpu_elements or (1 << 28 if has_cuda else 1 << 26)
    args.mlx_max_call_seconds = args.mlx_max_call_seconds or (3.0 if args.quick else 20.0)
    return args


def settings_of(args):
    return {
        "date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "rounds": args.rounds, "quick": args.quick, "cpu_sizes": args.cpu_sizes, "gpu_sizes": args.gpu_sizes,
        "cublas_sizes": args.cublas_sizes, "gpu_elements": args.gpu_elements,
        # `bench engine` measures add/exp on 2^24 floats (2^20 with --quick); the peers match it.
        "cpu_elements": 1 << 20 if args.quick else 1 << 24,
        "opencl_devices": [d for d in args.opencl_devices.split(",") if d], "mlx_max_call_seconds": args.mlx_max_call_seconds,
    }


def peer_pythons(notices):
    """module -> python that imports it: ours (the venv's, when in it) first, then the system python3."""
    candidates = [sys.executable]
    system = shutil.which("python3", path=os.environ.get("STREAMTOP_BENCH_SYSTEM_PATH", os.environ.get("PATH", "")))
    if system and os.path.realpath(system) != os.path.realpath(sys.executable):
        candidates.append(system)
    out = {}
    for module, statement, missing in (
        ("numpy", "import numpy", "NumPy not importable: NumPy peer skipped"),
        ("mlx", "import mlx.core", "MLX not importable: MLX CPU peer skipped"),
        ("torch", "import torch", "torch not installed: Torch CPU and cuBLAS peers skipped (not installed here on purpose)"),
    ):
        found = next((python for python in candidates if venv.imports(python, statement)), None)
        if found:
            out[module] = found
        else:
            notices.append(missing)
    return out


def measure(args, notices):
    if not os.access(args.bin, os.X_OK):
        raise SystemExit("bench: no streamtop binary at %s (make release, or --bin PATH)" % args.bin)
    settings = settings_of(args)
    env = dict(os.environ)
    if os.environ.get(IN_VENV):
        # The venv's bin first, so any Python child of streamtop finds NumPy and MLX too.
        env["PATH"] = os.path.join(VENV, "bin") + os.pathsep + env.get("PATH", "")
    participants = runners.ours(args.bin, settings) + runners.peers(peer_pythons(notices), settings)
    settings["load_before"] = os.getloadavg()[0]
    skipped = set()
    all_rounds = []
    for index in range(args.rounds):
        order = participants if index % 2 == 0 else list(reversed(participants))
        documents = {}
        for participant in order:
            if participant.name in skipped:
                continue
            log("bench: round %d/%d: %s" % (index + 1, args.rounds, participant.name))
            start = time.time()
            try:
                documents[participant.name] = participant.run(env)
            except runners.Skipped as reason:
                skipped.add(participant.name)
                notices.append("%s skipped: %s" % (participant.name, reason))
            log("bench:   %.1f s" % (time.time() - start))
        all_rounds.append(documents)
    settings["load_after"] = os.getloadavg()[0]
    return settings, all_rounds


def collect_notices(all_rounds, notices):
    for documents in all_rounds:
        for name, doc in documents.items():
            for text in (doc or {}).get("notices", []) + (doc or {}).get("skipped", []):
                if isinstance(text, str):
                    notices.append("%s: %s" % (name, text))
    seen, out = set(), []
    for text in notices:
        if text not in seen:
            seen.add(text)
            out.append(text)
    return out


def results_document(settings, all_rounds, notices, host):
    per_round = [figures.round_figures(documents) for documents in all_rounds]
    generics = {}
    for _, found in per_round:
        generics.update(found)
    summary = rows.summarize([f for f, _ in per_round], generics)
    described = dict(host)
    for documents in all_rounds:
        described.update(machine.from_documents(documents))
    return {
        "schema": "streamtop.bench/1", "machine": described, "settings": settings, "notices": notices,
        "rounds": all_rounds, "rows": [r.as_json() for r in summary],
        "gflops": {name: {str(n): v for n, v in sorted(values.items())}
                   for name, values in rows.gflops_series([f for f, _ in per_round]).items()},
    }, summary


def summary_of(document):
    """Rows and GFLOP/s series recomputed from a results document's raw rounds."""
    per_round = [figures.round_figures(documents) for documents in document["rounds"]]
    generics = {}
    for _, found in per_round:
        generics.update(found)
    return rows.summarize([f for f, _ in per_round], generics), rows.gflops_series([f for f, _ in per_round])


def write(args, document, summary, series):
    name = "bench" if args.section == "bench" else "bench-" + args.section
    plot_name = "bench-gflops.png" if args.section == "bench" else "bench-gflops-%s.png" % args.section
    plot_path = os.path.join(ROOT, "docs", plot_name)
    machine_text = document["machine"].get("gpu") or document["machine"].get("cpu", "")
    problem = plot.draw(series, plot_path, "float32 matmul, GFLOP/s against N — %s, %s" % (machine_text, document["settings"].get("date"))) \
        if series else "no matmul figures: plot not drawn"
    notices = list(document["notices"]) + ([problem] if problem else [])
    title = "`make bench` — this machine" if args.section == "bench" else "`make bench` — %s (%s)" % (machine_text, args.section)
    text = report.section(name, title, summary, series, document["machine"], document["settings"], notices,
                          None if problem else "docs/" + plot_name)
    with open(args.benchmarks_md) as handle:
        current = handle.read()
    updated = report.replace_section(current, name, text, after=None if name == "bench" else "bench")
    with open(args.benchmarks_md, "w") as handle:
        handle.write(updated)
    log("bench: wrote section %s of %s%s" % (name, args.benchmarks_md, "" if problem else " and " + plot_path))


def reexec_in_venv(args, notices):
    """Make or complete .venv-bench, then run this driver again inside it (so matplotlib and the
    peers' modules are there). Returns only when staying outside it."""
    if args.no_venv or os.environ.get(IN_VENV):
        return
    python = venv.ensure(VENV, notices, log)
    if python is None:
        return
    env = dict(os.environ)
    env[IN_VENV] = "1"
    env["STREAMTOP_BENCH_SYSTEM_PATH"] = os.environ.get("PATH", "")
    env["STREAMTOP_BENCH_NOTICES"] = json.dumps(notices)
    os.execve(python, [python, os.path.abspath(__file__)] + sys.argv[1:], env)


def main(argv):
    args = arguments(argv)
    notices = json.loads(os.environ.get("STREAMTOP_BENCH_NOTICES", "[]"))
    reexec_in_venv(args, notices)
    if args.render:
        with open(args.render) as handle:
            document = json.load(handle)
    else:
        settings, all_rounds = measure(args, notices)
        document, _ = results_document(settings, all_rounds, collect_notices(all_rounds, notices), machine.host())
    summary, series = summary_of(document)
    print(report.text_table(summary))
    for text in document["notices"]:
        print("note: " + text)
    if args.json_out:
        with open(args.json_out, "w") as handle:
            json.dump(document, handle, indent=1, sort_keys=True)
        log("bench: raw figures in %s" % args.json_out)
    if args.write:
        write(args, document, summary, series)


if __name__ == "__main__":
    main(sys.argv[1:])
