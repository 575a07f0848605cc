#!/usr/bin/python3
"""Merges ricci_bench and torch_bench.py results into one markdown report (bench/RESULTS.md).

usage: /usr/bin/python3 report.py --ricci bench-t1.json bench-t2.json \
           --torch torch-t1*.json torch-t2*.json --out RESULTS.md [--note TEXT]...

ricci_bench names its benchmarks `layer/program/dtype/level`, `layer/blas_gemm/dtype` and
`layer/builtin_gemm/dtype`, and records the thread settings in its JSON context; only the `median` aggregates are read. Its
programs are the four recomputing ones and the saved form's `evaluate_saved`, `pullback_saved`
and `pullback2_saved` (docs/generated-api.md), which PyTorch has no separate timing for.
"""

import argparse
import json
import pathlib
import sys
from collections import namedtuple

PROGRAMS = ("evaluate", "pullback", "pushforward", "pullback2")
# The saved form's programs and their labels in the tables.
SAVED_PROGRAMS = {"evaluate_saved": "evaluate (saved)", "pullback_saved": "pullback (saved)",
                  "pullback2_saved": "pullback2 (saved)"}
DTYPES = ("f32", "f64")
REFERENCE_GEMMS = ("blas_gemm", "builtin_gemm")
TIME_UNITS = {"ns": 1e-9, "us": 1e-6, "ms": 1e-3, "s": 1.0}

# The targets of the issue.
BLAS_FRACTION = 0.9            # GEMM-shaped layers with every GEMM extent >= 512: evaluate and
GEMM_MIN_EXTENT = 512          # pullback at >= 90% of the BLAS GEMM rate
BUILTIN_FRACTION = 0.5         # and the built-in kernel (no BLAS) at >= 50% of it
PULLBACK_LIMIT = 3.0           # pullback <= 3x evaluate (time)
PULLBACK2_LIMIT = 6.0          # pullback2 <= 6x evaluate (time)
SMALL_LAYER_FLOPS = 10e6       # layers under 10 MFLOP (evaluate, as ricci explain counts it)
SMALL_PULLBACK2_SPEEDUP = 3.0  # are >= 3x faster than PyTorch on pullback2
# Each form's pullbacks against its own evaluate; the keys name the targets too.
PER_EVALUATE_LIMITS = {"pullback": PULLBACK_LIMIT, "pullback2": PULLBACK2_LIMIT,
                       "pullback_saved": PULLBACK_LIMIT, "pullback2_saved": PULLBACK2_LIMIT}

# One median: time in seconds, rate, FLOPs per call; for the reference GEMM rows also the
# smallest GEMM extent.
Row = namedtuple("Row", "seconds gflops flops gemm_min")


def cpu_info():
    """The CPU model and its vector extensions, from /proc/cpuinfo."""
    model, flags = "unknown", []
    for line in pathlib.Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name") and model == "unknown":
            model = line.split(":", 1)[1].strip()
        elif line.startswith("flags") and not flags:
            flags = line.split(":", 1)[1].split()
    vector = [f for f in ("avx2", "fma", "avx512f") if f in flags]
    return model, ", ".join(vector) or "no AVX2/FMA/AVX-512"


def read_ricci(path):
    """(threads, context, {(layer, program, dtype, level): Row}); the reference GEMM rows have
    program `blas_gemm` or `builtin_gemm` and level None."""
    data = json.loads(pathlib.Path(path).read_text())
    rows = {}
    for b in data["benchmarks"]:
        if b.get("run_type") != "aggregate" or b.get("aggregate_name") != "median":
            continue
        # Google Benchmark appends settings (`/min_time:0.010`, `/real_time`) to the name.
        layer, program, dtype, *settings = b["run_name"].split("/")
        level = next((s for s in settings if s in ("O1", "O0")), None)
        gemm_min = min(b["m"], b["n"], b["k"]) if program in REFERENCE_GEMMS else None
        rows[(layer, program, dtype, level)] = Row(
            b["real_time"] * TIME_UNITS[b["time_unit"]], b["GFLOP/s"], b["flops"], gemm_min)
    return int(data["context"].get("RICCI_NUM_THREADS", "0")), data["context"], rows


def read_torch(path):
    """(threads, context, {(layer, program, dtype): seconds})."""
    data = json.loads(pathlib.Path(path).read_text())
    rows = {(r["layer"], r["program"], r["dtype"]): r["median_s"] for r in data["results"]}
    return data["context"]["threads"], data["context"], rows


def fmt_time(seconds):
    if seconds >= 1:
        return f"{seconds:.2f} s"
    if seconds >= 1e-3:
        return f"{seconds * 1e3:.2f} ms"
    return f"{seconds * 1e6:.1f} us"


def fmt_ratio(value):
    return "" if value is None else f"{value:.2f}x"


class Target:
    """One target: how many rows it was checked on, and the rows that miss it."""

    def __init__(self, text):
        self.text = text
        self.checked = 0
        self.misses = []
        self.flop_bound = 0

    def check(self, ok, row, flop_bound=False):
        """`flop_bound`: the row's program does more FLOPs than the target allows it time."""
        self.checked += 1
        if not ok:
            self.misses.append(row)
            self.flop_bound += flop_bound

    def summary(self):
        if self.checked == 0:
            return f"- **not measured**: {self.text}"
        met = self.checked - len(self.misses)
        verdict = "met" if not self.misses else "not met"
        bound = (f"; in {self.flop_bound} of the misses the FLOPs alone exceed the limit"
                 if self.flop_bound else "")
        return "\n".join([f"- **{verdict}** ({met} of {self.checked} rows meet it{bound}): {self.text}"] +
                          [f"  - misses: {m}" for m in self.misses])


def make_targets():
    return {
        "blas": Target(f"GEMM-shaped layers (n >= {GEMM_MIN_EXTENT}): evaluate and pullback at >= "
                       f"{BLAS_FRACTION:.0%} of the BLAS GEMM rate for the same FLOPs"),
        "builtin": Target(f"GEMM-shaped layers (n >= {GEMM_MIN_EXTENT}): the built-in GEMM kernel (what a build "
                          f"without BLAS runs) at >= {BUILTIN_FRACTION:.0%} of the BLAS GEMM rate on the layer's "
                          "GEMM shape"),
        "pullback": Target(f"pullback <= {PULLBACK_LIMIT:g}x evaluate (time), every layer; recomputing form"),
        "pullback2": Target(f"pullback2 <= {PULLBACK2_LIMIT:g}x evaluate (time), every layer; recomputing form"),
        "pullback_saved": Target(f"pullback <= {PULLBACK_LIMIT:g}x evaluate (time), every layer; saved form "
                                 "(pullback (saved) / evaluate (saved))"),
        "pullback2_saved": Target(f"pullback2 <= {PULLBACK2_LIMIT:g}x evaluate (time), every layer; saved form "
                                  "(pullback2 (saved) / evaluate (saved))"),
        "torch": Target("faster than PyTorch for every layer and program"),
        "torch_small": Target(f">= {SMALL_PULLBACK2_SPEEDUP:g}x faster than PyTorch on pullback2 for layers "
                              f"under {SMALL_LAYER_FLOPS / 1e6:g} MFLOP"),
    }


def table(threads, rows, torch_rows, targets):
    """The markdown table of one thread count; checks every row against `targets`."""
    plural = "s" if threads != 1 else ""
    lines = [f"### {threads} thread{plural}", "",
             "| layer | program | dtype | ricci -O1 | GFLOP/s | vs -O0 | of BLAS | vs torch | / evaluate |",
             "|---|---|---|---:|---:|---:|---:|---:|---:|"]
    for layer in dict.fromkeys(key[0] for key in rows):
        for dtype in DTYPES:
            evaluate = rows.get((layer, "evaluate", dtype, "O1"))
            evaluate_saved = rows.get((layer, "evaluate_saved", dtype, "O1"))
            blas = rows.get((layer, "blas_gemm", dtype, None))
            for program in PROGRAMS + tuple(SAVED_PROGRAMS):
                row = rows.get((layer, program, dtype, "O1"))
                if row is None:
                    continue
                saved = program in SAVED_PROGRAMS
                label = SAVED_PROGRAMS.get(program, program)
                where = f"{layer} {label} {dtype}, {threads} thread{plural}"
                o0 = rows.get((layer, program, dtype, "O0"))
                vs_o0 = o0.seconds / row.seconds if o0 else None
                # PyTorch's pullbacks run its forward too, and the BLAS rate is a target only of the
                # recomputing form, so the saved rows compare with neither.
                of_blas = row.gflops / blas.gflops if blas and not saved else None
                torch_seconds = None if saved else torch_rows.get((layer, program, dtype))
                vs_torch = torch_seconds / row.seconds if torch_seconds else None
                # The saved pullbacks against the saved evaluate; every other program, the saved
                # evaluate included (for what keeping the Saved costs), against evaluate.
                base = evaluate_saved if program in ("pullback_saved", "pullback2_saved") else evaluate
                per_evaluate = row.seconds / base.seconds if base and program != "evaluate" else None
                lines.append(f"| {layer} | {label} | {dtype} | {fmt_time(row.seconds)} | {row.gflops:.2f} | "
                             f"{fmt_ratio(vs_o0)} | {'' if of_blas is None else f'{of_blas:.0%}'} | "
                             f"{fmt_ratio(vs_torch)} | {fmt_ratio(per_evaluate)} |")

                if of_blas is not None and blas.gemm_min >= GEMM_MIN_EXTENT and program in ("evaluate", "pullback"):
                    targets["blas"].check(of_blas >= BLAS_FRACTION, f"{where}: {of_blas:.0%} of BLAS")
                if program in PER_EVALUATE_LIMITS and per_evaluate is not None:
                    of_what = SAVED_PROGRAMS["evaluate_saved"] if saved else "evaluate"
                    # A program doing more than the limit times evaluate's FLOPs meets it only
                    # by running at a higher rate than evaluate: the misses say which these are.
                    flop_ratio = row.flops / base.flops
                    limit = PER_EVALUATE_LIMITS[program]
                    targets[program].check(per_evaluate <= limit,
                                           f"{where}: {per_evaluate:.2f}x {of_what} "
                                           f"(FLOPs {flop_ratio:.2f}x)", flop_bound=flop_ratio > limit)
                if vs_torch is not None:
                    targets["torch"].check(vs_torch > 1, f"{where}: {vs_torch:.2f}x torch")
                    if program == "pullback2" and evaluate and evaluate.flops < SMALL_LAYER_FLOPS:
                        targets["torch_small"].check(vs_torch >= SMALL_PULLBACK2_SPEEDUP,
                                                     f"{where}: {vs_torch:.2f}x torch")
    return "\n".join(lines + builtin_table(threads, rows, targets))


def builtin_table(threads, rows, targets):
    """The built-in kernel against BLAS on each GEMM-shaped layer's shape, checked against its
    target where every extent is large enough."""
    plural = "s" if threads != 1 else ""
    lines = []
    for layer in dict.fromkeys(key[0] for key in rows):
        for dtype in DTYPES:
            blas = rows.get((layer, "blas_gemm", dtype, None))
            builtin = rows.get((layer, "builtin_gemm", dtype, None))
            if blas is None or builtin is None:
                continue
            fraction = builtin.gflops / blas.gflops
            lines.append(f"| {layer} | {dtype} | {blas.gflops:.1f} | {builtin.gflops:.1f} | {fraction:.0%} |")
            if blas.gemm_min >= GEMM_MIN_EXTENT:
                targets["builtin"].check(fraction >= BUILTIN_FRACTION,
                                         f"{layer} {dtype}, {threads} thread{plural}: {fraction:.0%} of BLAS")
    if not lines:
        return []
    return ["", f"Built-in GEMM kernel against BLAS, {threads} thread{plural}, on each layer's GEMM shape:", "",
            "| layer | dtype | BLAS GFLOP/s | built-in GFLOP/s | of BLAS |", "|---|---|---:|---:|---:|"] + lines


def report(ricci_runs, torch_runs, notes):
    model, vector = cpu_info()
    targets = make_targets()
    # Several PyTorch runs per thread count (one per wait policy): each row's fastest counts.
    torch_by_threads = {}
    for threads, _, rows in torch_runs:
        best = torch_by_threads.setdefault(threads, {})
        for key, seconds in rows.items():
            best[key] = min(seconds, best.get(key, seconds))
    tables = [table(threads, rows, torch_by_threads.get(threads, {}), targets)
              for threads, _, rows in sorted(ricci_runs, key=lambda run: run[0])]
    thread_counts = ", ".join(str(threads) for threads, _, _ in sorted(ricci_runs, key=lambda run: run[0]))
    context = ricci_runs[0][1]
    coretypes = sorted({ctx.get("OPENBLAS_CORETYPE", "unset") for _, ctx, _ in ricci_runs})
    coretype = ("unset for every tool (the environment's `Haswell` halves OpenBLAS's speed on this CPU)"
                if coretypes == ["unset"] else f"{', '.join(coretypes)} (set: OpenBLAS may run below its best)")
    loads = "; ".join(f"{threads} thread{'s' if threads != 1 else ''}: {ctx['load_avg'][0]:.2f}"
                      for threads, ctx, _ in sorted(ricci_runs, key=lambda run: run[0]) if "load_avg" in ctx)
    torch_version = torch_runs[0][1]["torch_version"] if torch_runs else "not run"
    policies = sorted({ctx.get("OMP_WAIT_POLICY", "unset") for _, ctx, _ in ricci_runs})
    torch_policies = sorted({ctx.get("OMP_WAIT_POLICY", "unset") for _, ctx, _ in torch_runs})
    header = [
        "# ricci benchmark results",
        "",
        "Written by `scripts/bench.sh` (bench/report.py); do not edit by hand.",
        "",
        f"- date: {context.get('date', '?')}",
        f"- CPU: {model} ({vector}), {context.get('num_cpus', '?')} logical CPUs at "
        f"{context.get('mhz_per_cpu', '?')} MHz",
        f"- threads measured: {thread_counts} (RICCI_NUM_THREADS = OMP_NUM_THREADS = OPENBLAS_NUM_THREADS, "
        "and torch.set_num_threads)",
        f"- OPENBLAS_CORETYPE: {coretype}",
        f"- OMP_WAIT_POLICY: ricci_bench {', '.join(policies)}; PyTorch {', '.join(torch_policies)}"
        " (each row: its fastest)",
        f"- PyTorch {torch_version} (CPU autograd)",
        f"- load average when ricci_bench started: {loads or '?'} (other work on the machine skews every time)",
    ] + [f"- {note}" for note in notes] + [
        "",
        "Every time is a median (ricci_bench: of its repetitions; PyTorch: of per-call times).",
        "GFLOP/s counts the FLOPs of the -O1 program as `ricci explain` reports them at the spec's `dims`.",
        "*vs -O0*: -O0 time / -O1 time, -O0 being one loop nest per term as written (TensorGrad/Tullio-style",
        "direct code). *of BLAS*: -O1 GFLOP/s / the GFLOP/s of `cblas_?gemm` on the layer's GEMM shape, for",
        "GEMM-shaped layers. *vs torch*: PyTorch time / ricci time (above 1: ricci is faster).",
        "*/ evaluate*: this program's time / evaluate's. A miss of a */ evaluate* target also gives",
        "*(FLOPs Nx)*, the program's FLOPs / evaluate's: where N is above the limit, the program meets it",
        "only by running at a higher GFLOP/s than evaluate.",
        "",
        "The *(saved)* rows time the saved-intermediates form (docs/generated-api.md): *evaluate (saved)*",
        "also fills a `Saved` with the values the pullbacks would compute again, and *pullback (saved)* and",
        "*pullback2 (saved)* read it instead of redoing the forward pass, as a training loop calls them. Their",
        "*/ evaluate* is against *evaluate (saved)*, and that row's against the recomputing evaluate (the cost",
        "of keeping the `Saved`). They have no *of BLAS* and no *vs torch*: PyTorch's timed pullback and",
        "pullback2 include its forward pass, which the saved rows leave out.",
        "",
        "## Targets",
        "",
        "",
    ]
    body = "\n".join(header) + "\n".join(t.summary() for t in targets.values())
    body += "\n\n## Results\n\n" + "\n\n".join(tables) + "\n"
    return body, targets


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--ricci", nargs="+", required=True, help="ricci_bench JSON files, one per thread count")
    parser.add_argument("--torch", nargs="*", default=[], help="torch_bench.py JSON files, one or more per thread count")
    parser.add_argument("--out", type=pathlib.Path, required=True)
    parser.add_argument("--note", action="append", default=[], help="an extra line for the header")
    args = parser.parse_args()
    text, targets = report([read_ricci(p) for p in args.ricci], [read_torch(p) for p in args.torch], args.note)
    args.out.write_text(text)
    print("\n".join(t.summary() for t in targets.values()), file=sys.stderr)


if __name__ == "__main__":
    main()
