"""GFLOP/s against N for every backend measured (matplotlib, imported only here). A "… kernel" series is
the sgemm kernel alone (OpenCL profiling events), drawn dotted with square markers in its backend's colour."""
from .report import series_order


def draw(series, path, title):
    """Writes a PNG; returns None, or why it could not (matplotlib missing)."""
    try:
        import matplotlib
        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError as error:
        return "plot not drawn (%s): install matplotlib, or let the bench make .venv-bench" % error
    figure, axes = plt.subplots(figsize=(9, 5.5), dpi=110)
    palette = plt.rcParams["axes.prop_cycle"].by_key().get("color") or ["C%d" % i for i in range(10)]
    colors = {}
    for name in sorted(series, key=series_order):
        points = sorted(series[name].items())
        ours = name.startswith("streamtop")
        kernel = name.endswith(" kernel")  # kernel-only (OpenCL profiling events): its backend's colour, dotted
        base = name[: -len(" kernel")] if kernel else name
        color = colors.setdefault(base, palette[len(colors) % len(palette)])
        style = ":" if kernel else "-" if ours else "--"
        axes.plot([n for n, _ in points], [v for _, v in points], style, color=color, marker="s" if kernel else "o",
                  label=name, linewidth=2 if ours else 1.3)
    axes.set_xscale("log", base=2)
    axes.set_yscale("log")
    sizes = sorted({n for values in series.values() for n in values})
    axes.set_xticks(sizes)
    axes.set_xticklabels([str(n) for n in sizes])
    axes.set_xlabel("N (N×N · N×N, float32)")
    axes.set_ylabel("GFLOP/s (best of the rounds)")
    axes.set_title(title, fontsize=10)
    axes.grid(True, which="both", alpha=0.3)
    axes.legend(fontsize=8, loc="best")
    figure.tight_layout()
    figure.savefig(path)
    plt.close(figure)
    return None
