"""Unit tests of `make bench`'s driver library: figures from raw documents, best-of rows and their
targets, the tables and the marked sections of BENCHMARKS.md. Stdlib only, no binary, no venv:
`python3 -m unittest Benchmarks/test_bench.py`."""
import os
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from benchlib import figures, report, rows  # noqa: E402


def engine_doc(ours_256, cblas_256, per_op, exp, copy, extra=()):
    return {"benchmarks": [
        {"name": "matmul", "params": {"n": "256", "blas": "OpenBLAS 0.3.21"}, "value": ours_256, "unit": "GFLOP/s",
         "peer": "cblas_sgemm", "peer_value": cblas_256, "ratio": ours_256 / cblas_256},
        {"name": "per-op overhead", "params": {}, "value": per_op, "unit": "µs", "peer": None, "peer_value": None, "ratio": None},
        {"name": "exp", "params": {"elements": "16777216"}, "value": exp, "unit": "GB/s", "peer": "memcpy",
         "peer_value": copy, "ratio": exp / copy},
    ] + list(extra)}


def opencl_doc(ours, blast, platform="Portable Computing Language"):
    return {"device": {"name": "pthread-cpu", "platform": platform},
            "benchmarks": [{"name": "gpu matmul", "params": {"n": "1024"}, "value": ours, "unit": "GFLOP/s",
                            "peer": "CLBlastSgemm", "peer_value": blast, "ratio": ours / blast}]}


class FiguresTest(unittest.TestCase):
    def test_engine_opencl_and_peer_documents_become_keyed_figures(self):
        found, generics = figures.round_figures({
            "streamtop engine": engine_doc(100.0, 95.0, 0.9, 8.0, 10.0),
            "streamtop opencl": opencl_doc(60.0, 30.0),
            "numpy": {"matmul_gflops": {"256": 80.0}, "per_op_us": 0.5, "exp_gbs": 4.0},
            "mlx": {"matmul_gflops": {"256": 2.0}, "seed_cpu_cpu_ms": 40.0, "lazy_us": 1.0},
            "torch": {"cpu_matmul_gflops": {"256": 70.0}, "device": "NVIDIA H200", "cublas_gflops": {"1024": 27000.0},
                      "gpu_per_op_us": 9.0},
            "streamtop seed": {"benchmarks": [
                {"name": "seed matmul-exp-split", "params": {"placement": "gpu,cpu"}, "value": 12.0},
                {"name": "seed exp step", "params": {"device": "gpu"}, "value": 30.0},
                {"name": "lazy-vs-eager lazy", "params": {"device": "cpu"}, "value": 0.2}]},
        })
        expected = {
            "matmul|streamtop CPU|256": 100.0, "matmul|cblas_sgemm direct|256": 95.0, "perop|streamtop CPU|cpu": 0.9,
            "bw|streamtop CPU|exp": 8.0, "bw|memcpy|exp": 10.0,
            "matmul|streamtop OpenCL (PoCL)|1024": 60.0, "matmul|CLBlast (PoCL)|1024": 30.0,
            "matmul|NumPy|256": 80.0, "perop|NumPy|cpu": 0.5, "bw|NumPy|exp": 4.0,
            "matmul|MLX CPU|256": 2.0, "seed|MLX CPU|cpu,cpu": 40.0, "lazy|MLX CPU|lazy": 1.0,
            "matmul|Torch CPU|256": 70.0, "matmul|cuBLAS (NVIDIA H200)|1024": 27000.0, "perop|Torch CUDA|gpu": 9.0,
            "seed|streamtop|gpu,cpu": 12.0, "expstep|streamtop OpenCL|gpu": 30.0, "perop|streamtop OpenCL|gpu": 30.0,
            "lazy|streamtop cpu|lazy": 0.2,
        }
        self.assertEqual(found, expected)
        self.assertEqual(generics, {})

    def test_unknown_rows_with_a_ratio_become_generic_and_others_are_dropped(self):
        fused = {"name": "gelu chain fused", "params": {"elements": "16777216", "timing": "x"}, "value": 30.0,
                 "unit": "GB/s", "peer": "unfused", "peer_value": 6.0, "ratio": 5.0}
        alone = {"name": "recorder", "params": {}, "value": 1.0, "unit": "ms", "peer": None, "peer_value": None, "ratio": None}
        found, generics = figures.round_figures({"streamtop engine": engine_doc(1, 1, 1, 1, 1, [fused, alone])})
        self.assertEqual(list(generics), ["gelu chain fused elements=16M"])
        self.assertEqual(found["generic|ours|gelu chain fused elements=16M"], 30.0)
        self.assertEqual(found["generic|peer|gelu chain fused elements=16M"], 6.0)

    def test_sgemm_kernel_rows_become_kernel_figures_not_generic_rows(self):
        h200 = {"name": "NVIDIA H200", "platform": "NVIDIA CUDA"}
        doc = {"device": h200, "benchmarks": [
            {"name": "gpu matmul", "params": {"n": "4096"}, "value": 38000.0, "unit": "GFLOP/s", "peer": "CLBlastSgemm",
             "peer_value": 30000.0, "ratio": 38000.0 / 30000.0},
            {"name": "gpu sgemm kernel", "params": {"n": "4096", "dtype": "float32", "tiles": "128x128x8/8x8",
             "timing": "OpenCL profiling events, best of N (kernel only)"}, "value": 41000.0, "unit": "GFLOP/s",
             "peer": "CLBlastSgemm kernel", "peer_value": 32000.0, "ratio": 41000.0 / 32000.0},
            {"name": "gpu sgemm kernel", "params": {"n": "1024"}, "value": 29000.0, "unit": "GFLOP/s", "peer": None,
             "peer_value": None, "ratio": None},
            {"name": "CLBlastSgemm kernel", "params": {"n": "8192"}, "value": 33000.0, "unit": "GFLOP/s"},
            {"name": "gpu per-op", "params": {"shape": "512x4"}, "value": 35.0, "unit": "µs/op", "peer": "raw OpenCL floor",
             "peer_value": 18.0, "ratio": 35.0 / 18.0},
        ]}
        found, generics = figures.round_figures({"streamtop opencl": doc})
        self.assertEqual(found, {
            "matmul|streamtop OpenCL (NVIDIA H200)|4096": 38000.0, "matmul|CLBlast (NVIDIA H200)|4096": 30000.0,
            "kernel|streamtop OpenCL (NVIDIA H200)|4096": 41000.0, "kernel|CLBlast (NVIDIA H200)|4096": 32000.0,
            "kernel|streamtop OpenCL (NVIDIA H200)|1024": 29000.0, "kernel|CLBlast (NVIDIA H200)|8192": 33000.0,
            "generic|ours|OpenCL (NVIDIA H200) gpu per-op shape=512x4": 35.0,
            "generic|peer|OpenCL (NVIDIA H200) gpu per-op shape=512x4": 18.0,
        })
        self.assertEqual(list(generics), ["OpenCL (NVIDIA H200) gpu per-op shape=512x4"])  # per-op stays generic

    def test_short_numbers(self):
        self.assertEqual([figures.short_number(v) for v in ("16777216", "1048576", "268435456", "1000", "cpu")],
                         ["16M", "1M", "256M", "1000", "cpu"])


class RowsTest(unittest.TestCase):
    def summarize(self, rounds, generics=None):
        return {(r.spec.name, r.spec.peer_label): r for r in rows.summarize(rounds, generics or {})}

    def test_best_of_rounds_and_spread_of_per_round_ratios(self):
        rounds = [
            {"matmul|streamtop CPU|512": 100.0, "matmul|NumPy|512": 125.0, "perop|streamtop CPU|cpu": 1.4, "perop|NumPy|cpu": 0.5},
            {"matmul|streamtop CPU|512": 120.0, "matmul|NumPy|512": 100.0, "perop|streamtop CPU|cpu": 0.8, "perop|NumPy|cpu": 0.6},
        ]
        table = self.summarize(rounds)
        matmul = table[("CPU matmul N=512", "NumPy a @ b")]
        self.assertEqual((matmul.ours, matmul.peer), (120.0, 125.0))  # the higher rate of each side
        self.assertAlmostEqual(matmul.ratio, 0.96)
        self.assertEqual(matmul.spread, (0.8, 1.2))  # 100/125 and 120/100
        self.assertFalse(matmul.met)  # ≥ 1.0 at N ≥ 512
        perop = table[("CPU per-op c = a + b; eval, 100 f32", "NumPy (eager)")]
        self.assertEqual((perop.ours, perop.peer), (0.8, 0.5))  # the lower time of each side
        self.assertTrue(perop.met)  # ≤ 1 µs is a bound on ours alone

    def test_targets_follow_the_issue(self):
        rounds = [{"matmul|streamtop CPU|256": 90.0, "matmul|NumPy|256": 100.0,
                   "matmul|streamtop OpenCL (PoCL)|1024": 50.0, "matmul|CLBlast (PoCL)|1024": 30.0,
                   "matmul|streamtop OpenCL (NVIDIA H200)|4096": 30000.0, "matmul|CLBlast (NVIDIA H200)|4096": 20000.0,
                   "matmul|cuBLAS (NVIDIA H200)|4096": 32000.0,
                   "perop|streamtop OpenCL|gpu": 12.0, "perop|Torch CUDA|gpu": 10.0}]
        table = self.summarize(rounds)
        self.assertIsNone(table[("CPU matmul N=256", "NumPy a @ b")].spec.target)  # only from N = 512
        pocl = table[("OpenCL matmul N=1024 (PoCL), wall clock", "CLBlast (PoCL)")]
        self.assertEqual((pocl.spec.target.text(), pocl.met), ("≥ 2.0", False))  # 1.67 < 2
        h200 = table[("OpenCL matmul N=4096 (NVIDIA H200), wall clock", "CLBlast (NVIDIA H200)")]
        self.assertEqual((h200.spec.target.text(), h200.met), ("≥ 1.4", True))  # 1.5
        # No kernel figures (an older binary): cuBLAS still compares with the wall-clock figure.
        cublas = table[("OpenCL matmul N=4096 (NVIDIA H200), wall clock", "cuBLAS (NVIDIA H200) fp32, TF32 off (CUDA events)")]
        self.assertEqual((cublas.spec.target.text(), cublas.met), ("≥ 0.9", True))  # 0.9375
        gpu = table[("GPU per-op b = exp(b); eval, 512×4", "Torch exp + cuda.synchronize")]
        self.assertEqual((gpu.spec.target.text(), gpu.met), ("≤ 1.0", False))  # 1.2× torch's time

    def test_kernel_rows_compare_kernel_times_and_cublas_leaves_the_wall_clock(self):
        h200, blast, cublas = "streamtop OpenCL (NVIDIA H200)", "CLBlast (NVIDIA H200)", "cuBLAS (NVIDIA H200)"
        rounds = [
            {"matmul|%s|1024" % h200: 7000.0, "matmul|%s|1024" % blast: 7100.0, "kernel|%s|1024" % h200: 29000.0,
             "kernel|%s|1024" % blast: 15000.0, "matmul|%s|1024" % cublas: 28000.0,
             "matmul|%s|4096" % h200: 38000.0, "matmul|%s|4096" % blast: 30000.0, "kernel|%s|4096" % h200: 40000.0,
             "kernel|%s|4096" % blast: 32000.0, "matmul|%s|4096" % cublas: 50000.0},
            {"kernel|%s|4096" % h200: 41000.0, "kernel|%s|4096" % blast: 31000.0, "matmul|%s|4096" % cublas: 51000.0},
        ]
        summary = rows.summarize(rounds, {})
        self.assertEqual([(r.spec.name, r.spec.peer_label) for r in summary], [
            ("OpenCL matmul N=1024 (NVIDIA H200), wall clock", "CLBlast (NVIDIA H200)"),
            ("OpenCL matmul N=4096 (NVIDIA H200), wall clock", "CLBlast (NVIDIA H200)"),
            ("OpenCL sgemm kernel N=1024 (NVIDIA H200)", "CLBlast (NVIDIA H200) kernel"),
            ("OpenCL sgemm kernel N=1024 (NVIDIA H200)", "cuBLAS (NVIDIA H200) fp32, TF32 off (CUDA events)"),
            ("OpenCL sgemm kernel N=4096 (NVIDIA H200)", "CLBlast (NVIDIA H200) kernel"),
            ("OpenCL sgemm kernel N=4096 (NVIDIA H200)", "cuBLAS (NVIDIA H200) fp32, TF32 off (CUDA events)"),
        ])  # no wall-clock row against cuBLAS once the kernel is timed
        table = {(r.spec.name, r.spec.peer_label): r for r in summary}
        wall = table[("OpenCL matmul N=4096 (NVIDIA H200), wall clock", "CLBlast (NVIDIA H200)")]
        self.assertEqual((wall.ours, wall.peer, wall.spec.target.text()), (38000.0, 30000.0, "≥ 1.4"))
        kernel = table[("OpenCL sgemm kernel N=4096 (NVIDIA H200)", "CLBlast (NVIDIA H200) kernel")]
        self.assertEqual((kernel.ours, kernel.peer), (41000.0, 32000.0))  # best of the rounds
        self.assertAlmostEqual(kernel.ratio, 41000.0 / 32000.0)
        self.assertEqual((kernel.spec.target.text(), kernel.met), ("≥ 1.4", False))  # 1.28
        self.assertEqual(kernel.spread, (40000.0 / 32000.0, 41000.0 / 31000.0))
        small = table[("OpenCL sgemm kernel N=1024 (NVIDIA H200)", "CLBlast (NVIDIA H200) kernel")]
        self.assertEqual((small.spec.target.text(), small.met), ("≥ 1.5", True))  # 1.93
        versus = table[("OpenCL sgemm kernel N=4096 (NVIDIA H200)", "cuBLAS (NVIDIA H200) fp32, TF32 off (CUDA events)")]
        self.assertEqual((versus.ours, versus.peer), (41000.0, 51000.0))
        self.assertAlmostEqual(versus.ratio, 41000.0 / 51000.0)
        self.assertEqual((versus.spec.target.text(), versus.met), ("≥ 0.9", False))
        self.assertIsNone(table[("OpenCL sgemm kernel N=1024 (NVIDIA H200)",
                                 "cuBLAS (NVIDIA H200) fp32, TF32 off (CUDA events)")].spec.target)  # only from N = 4096

    def test_a_clblast_kernel_figure_alone_keeps_its_row_and_pocl_has_no_cublas_row(self):
        rounds = [{"kernel|CLBlast (NVIDIA H200)|2048": 20000.0, "matmul|streamtop OpenCL (NVIDIA H200)|2048": 26000.0,
                   "kernel|streamtop OpenCL (PoCL)|512": 30.0, "kernel|CLBlast (PoCL)|512": 10.0,
                   "matmul|cuBLAS (NVIDIA H200)|2048": 47000.0, "matmul|cuBLAS (NVIDIA H200)|512": 9000.0}]
        table = {(r.spec.name, r.spec.peer_label): r for r in rows.summarize(rounds, {})}
        self.assertEqual(sorted(table), [
            ("OpenCL matmul N=2048 (NVIDIA H200), wall clock", "cuBLAS (NVIDIA H200) fp32, TF32 off (CUDA events)"),
            ("OpenCL sgemm kernel N=2048 (NVIDIA H200)", "CLBlast (NVIDIA H200) kernel"),
            ("OpenCL sgemm kernel N=512 (PoCL)", "CLBlast (PoCL) kernel"),
        ])  # our kernel missing on the H200: the wall-clock-vs-cuBLAS fallback; PoCL never meets cuBLAS
        alone = table[("OpenCL sgemm kernel N=2048 (NVIDIA H200)", "CLBlast (NVIDIA H200) kernel")]
        self.assertEqual((alone.ours, alone.peer, alone.ratio), (None, 20000.0, None))
        pocl = table[("OpenCL sgemm kernel N=512 (PoCL)", "CLBlast (PoCL) kernel")]
        self.assertEqual((pocl.ratio, pocl.spec.target.text(), pocl.met), (3.0, "≥ 2.0", True))

    def test_generic_rows_take_their_own_target_or_the_fusion_default(self):
        generics = {"a fused": figures.Generic("a fused", "ms", "unfused", None),
                    "b": figures.Generic("b", "GB/s", "copy", "≥ 0.5"),
                    "c": figures.Generic("c", "µs", "torch", "<= 2 µs")}
        rounds = [{"generic|ours|a fused": 2.0, "generic|peer|a fused": 7.0, "generic|ours|b": 4.0, "generic|peer|b": 10.0,
                   "generic|ours|c": 1.5, "generic|peer|c": 1.0}]
        table = self.summarize(rounds, generics)
        self.assertTrue(table[("a fused", "unfused")].met)  # 3.5× faster: time ratio 0.29 ≤ 1/3
        self.assertFalse(table[("b", "copy")].met)  # 0.4 < 0.5
        self.assertTrue(table[("c", "torch")].met)  # value target: 1.5 µs ≤ 2 µs

    def test_parse_target(self):
        self.assertEqual(vars(rows.parse_target("≥ 3", "GB/s")), {"kind": "ratio", "op": ">=", "bound": 3.0, "unit": ""})
        self.assertEqual(vars(rows.parse_target("<= 1.03", "ms")), {"kind": "ratio", "op": "<=", "bound": 1.03, "unit": ""})
        self.assertEqual(vars(rows.parse_target("≤ 1 µs", "µs")), {"kind": "value", "op": "<=", "bound": 1.0, "unit": "µs"})
        self.assertIsNone(rows.parse_target("fast", "ms"))

    def test_gflops_series_keeps_the_best_per_backend_and_n(self):
        series = rows.gflops_series([{"matmul|NumPy|256": 5.0, "perop|NumPy|cpu": 1.0}, {"matmul|NumPy|256": 7.0}])
        self.assertEqual(series, {"NumPy": {256: 7.0}})

    def test_gflops_series_draws_kernel_figures_as_their_own_lines(self):
        series = rows.gflops_series([{"matmul|streamtop OpenCL (NVIDIA H200)|1024": 7000.0,
                                      "kernel|streamtop OpenCL (NVIDIA H200)|1024": 29000.0,
                                      "kernel|CLBlast (NVIDIA H200)|1024": 15000.0, "matmul|cuBLAS (NVIDIA H200)|1024": 28000.0}])
        self.assertEqual(series, {"streamtop OpenCL (NVIDIA H200)": {1024: 7000.0},
                                  "streamtop OpenCL (NVIDIA H200) kernel": {1024: 29000.0},
                                  "CLBlast (NVIDIA H200) kernel": {1024: 15000.0}, "cuBLAS (NVIDIA H200)": {1024: 28000.0}})
        table = report.gflops_markdown(series).splitlines()
        self.assertEqual(table[0], "| N | streamtop OpenCL (NVIDIA H200) | streamtop OpenCL (NVIDIA H200) kernel | "
                                   "CLBlast (NVIDIA H200) kernel | cuBLAS (NVIDIA H200) |")
        self.assertEqual(table[2], "| 1024 | 7000 | 29000 | 15000 | 28000 |")
        text = report.section("bench-h200", "t", [], series, {}, {"rounds": 1}, [], None)
        self.assertIn('Columns named "… kernel" time the device from a marker enqueued just before the call', text)


class ReportTest(unittest.TestCase):
    def test_text_and_markdown_tables_show_every_column(self):
        summary = rows.summarize([{"matmul|streamtop CPU|512": 130.0, "matmul|NumPy|512": 100.0},
                                  {"matmul|streamtop CPU|512": 110.0, "matmul|NumPy|512": 110.0}], {})
        text = report.text_table(summary)
        self.assertIn("CPU matmul N=512", text)
        self.assertIn("130 GFLOP/s", text)
        self.assertIn("1.18 (1.00–1.30)", text)
        self.assertIn("✔", text)
        markdown = report.ratio_markdown(summary).splitlines()
        self.assertEqual(markdown[0], "| row | ours | peer | peer value | ratio (spread) | target | met? |")
        self.assertEqual(markdown[2], "| CPU matmul N=512 | 130 GFLOP/s | NumPy a @ b | 110 GFLOP/s | 1.18 (1.00–1.30) | ≥ 1.0 | ✔ |")

    def test_gflops_table_has_a_column_per_backend_in_order(self):
        table = report.gflops_markdown({"NumPy": {256: 50.0}, "streamtop CPU": {256: 60.0, 512: 70.0}}).splitlines()
        self.assertEqual(table[0], "| N | streamtop CPU | NumPy |")
        self.assertEqual(table[2:], ["| 256 | 60 | 50 |", "| 512 | 70 |  |"])

    def test_sections_are_replaced_between_markers_or_inserted(self):
        document = "# Benchmarks\n\nIntro.\n\n## History\n\nold rows\n"
        first = report.replace_section(document, "bench", "<!-- bench:begin -->\nA\n<!-- bench:end -->")
        self.assertEqual(first, "# Benchmarks\n\nIntro.\n\n<!-- bench:begin -->\nA\n<!-- bench:end -->\n\n## History\n\nold rows\n")
        second = report.replace_section(first, "bench", "<!-- bench:begin -->\nB\n<!-- bench:end -->")
        self.assertEqual(second, first.replace("\nA\n", "\nB\n"))
        h200 = report.replace_section(second, "bench-h200", "<!-- bench-h200:begin -->\nH\n<!-- bench-h200:end -->", after="bench")
        self.assertIn("<!-- bench:end -->\n\n<!-- bench-h200:begin -->\nH\n<!-- bench-h200:end -->\n\n## History", h200)
        again = report.replace_section(h200, "bench-h200", "<!-- bench-h200:begin -->\nI\n<!-- bench-h200:end -->", after="bench")
        self.assertEqual(again, h200.replace("\nH\n", "\nI\n"))

    def test_section_names_the_machine_run_and_plot(self):
        summary = rows.summarize([{"perop|streamtop CPU|cpu": 0.9, "perop|MLX CPU|cpu": 20.0}], {})
        text = report.section("bench", "title", summary, {"MLX CPU": {256: 1.5}}, {"cpu": "AMD EPYC", "cores": 2, "memory": "24 GiB"},
                              {"date": "2026-12-02", "rounds": 3, "load_before": 2.5, "load_after": 3.0}, ["torch not installed"],
                              "docs/bench-gflops.png")
        self.assertTrue(text.startswith("<!-- bench:begin -->\n## title"))
        self.assertTrue(text.endswith("<!-- bench:end -->"))
        for part in ("AMD EPYC, 2 cores, 24 GiB", "2026-12-02, 3 round(s)", "| CPU per-op c = a + b; eval, 100 f32 | 0.9 µs |",
                     "| 256 | 1.5 |", "before / after the run: 2.5 / 3.0 on 2 cores", "![float32 matmul GFLOP/s against N](docs/bench-gflops.png)", "- torch not installed"):
            self.assertIn(part, text)


if __name__ == "__main__":
    unittest.main()
