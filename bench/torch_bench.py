#!/usr/bin/python3
"""PyTorch CPU autograd on the bench layers: the four programs, timed like ricci_bench.

Sizes come from the `dims` line of each bench/layers/<layer>.ricci, so both sides run the same
shapes. Each layer is written as a PyTorch user would write it (matmul where it is a matrix
product, multi_dot where the order matters), and its programs are autograd's:
  evaluate     f(X) under no_grad
  pullback     d_X = vjp of f at X for d_Y (the forward included, as ricci's pullback recomputes it)
  pushforward  Y and t_Y with forward-mode AD (torch.autograd.forward_ad)
  pullback2    double backward: grad of <pullback(d_Y, X), dd_X> with respect to (d_Y, X)
Writes a JSON list of {layer, program, dtype, threads, median_s, samples}.

usage: /usr/bin/python3 torch_bench.py --layers bench/layers --threads 1 --out torch-t1.json
"""

import argparse
import json
import os
import pathlib
import re
import statistics
import sys
import time

import torch
import torch.autograd.forward_ad as fwad

PROGRAMS = ("evaluate", "pullback", "pushforward", "pullback2")
DTYPES = {"f32": torch.float32, "f64": torch.float64}


def dense(W, x, bias):
    return (torch.tanh(x @ W.T + bias),)


def attention(q, k, scale):
    return (torch.sigmoid(q @ k.T / scale),)


def mlp2(W1, x, b1, W2):
    return (torch.tanh(x @ W1.T + b1) @ W2.T,)


# Each layer: its function, its inputs as (name, indices) in the order of ricci's API, and the
# domain its inputs are drawn from (as bench/layers.cpp draws them).
LAYERS = {
    "gemm": (lambda A, B: (A @ B,), [("A", "ij"), ("B", "jk")], "symmetric"),
    "dense": (dense, [("W", "oi"), ("x", "bi"), ("bias", "o")], "symmetric"),
    "attention": (attention, [("q", "nd"), ("k", "md"), ("scale", "")], "positive"),
    "mlp2": (mlp2, [("W1", "ji"), ("x", "bi"), ("b1", "j"), ("W2", "oj")], "symmetric"),
    "chain3": (lambda A, B, C: (A @ B @ C,), [("A", "ij"), ("B", "jk"), ("C", "kl")], "symmetric"),
    "chain5": (lambda A, B, C, D, x: (torch.linalg.multi_dot([A, B, C, D, x]),),
               [("A", "ij"), ("B", "jk"), ("C", "kl"), ("D", "lm"), ("x", "m")], "symmetric"),
    "bilinear": (lambda B, C, D: ((B @ C) * torch.trace(D),),
                 [("B", "ij"), ("C", "jk"), ("D", "ll")], "symmetric"),
    "bilinear_form": (lambda x, A, y: (x @ (A @ y),), [("x", "i"), ("A", "ij"), ("y", "j")], "symmetric"),
    "trace3": (lambda A, B, C: (((A @ B) * C.T).sum(),),
               [("A", "ij"), ("B", "jk"), ("C", "ki")], "symmetric"),
    "batched_small": (lambda x, y: (torch.bmm(x, y),), [("x", "bij"), ("y", "bjk")], "symmetric"),
    "elementwise": (lambda x, g, p: (torch.tanh(x) * torch.sigmoid(g) + torch.exp(-0.5 * torch.square(x))
                                     + torch.sqrt(p) / p,),
                    [("x", "i"), ("g", "i"), ("p", "i")], "positive"),
    "scale_shift": (lambda x, gamma, beta, r: (torch.relu(x * gamma + beta) * r[:, None],),
                    [("x", "bf"), ("gamma", "f"), ("beta", "f"), ("r", "b")], "symmetric"),
}


def read_dims(spec):
    """The extents of the `dims` line of a spec: {"i": 512, ...}."""
    match = re.search(r"^\s*dims\s+([^#\n]*)", spec.read_text(), re.MULTILINE)
    if match is None:
        sys.exit(f"error: {spec}: no `dims` line")
    return {name.strip(): int(size) for name, size in
            (item.split("=") for item in match.group(1).split(","))}


def uniform(shape, dtype, low, high, generator):
    return torch.rand(shape, dtype=dtype, generator=generator) * (high - low) + low


class Operands:
    """Seeded inputs X, tangents t_X, seeds dd_X and cotangents d_Y for one layer and dtype."""

    def __init__(self, fn, inputs, domain, dims, dtype):
        generator = torch.Generator().manual_seed(1)
        low, high = (0.5, 1.5) if domain == "positive" else (-1.0, 1.0)
        shapes = [tuple(dims[index] for index in indices) for _, indices in inputs]
        self.fn = fn
        self.x = [uniform(s, dtype, low, high, generator) for s in shapes]
        self.t_x = [uniform(s, dtype, -1.0, 1.0, generator) for s in shapes]
        self.dd_x = [uniform(s, dtype, -1.0, 1.0, generator) for s in shapes]
        with torch.no_grad():
            outputs = fn(*self.x)
        self.d_y = [uniform(y.shape, dtype, -1.0, 1.0, generator) for y in outputs]

    def evaluate(self):
        with torch.no_grad():
            return self.fn(*self.x)

    def pullback(self):
        x = [v.detach().requires_grad_() for v in self.x]
        return torch.autograd.grad(self.fn(*x), x, self.d_y)

    def pushforward(self):
        with fwad.dual_level():
            duals = [fwad.make_dual(v, t) for v, t in zip(self.x, self.t_x)]
            return [fwad.unpack_dual(y) for y in self.fn(*duals)]

    def pullback2(self):
        x = [v.detach().requires_grad_() for v in self.x]
        d_y = [v.detach().requires_grad_() for v in self.d_y]
        d_x = torch.autograd.grad(self.fn(*x), x, d_y, create_graph=True)
        return torch.autograd.grad(d_x, d_y + x, self.dd_x, allow_unused=True)


def median_seconds(call, min_time, min_samples, max_samples):
    """Median of per-call times after one warm-up, over at least `min_samples` calls and at
    least `min_time` seconds (at most `max_samples` calls)."""
    call()
    samples = []
    start = time.perf_counter()
    while len(samples) < max_samples and (len(samples) < min_samples or time.perf_counter() - start < min_time):
        t0 = time.perf_counter()
        call()
        samples.append(time.perf_counter() - t0)
    return statistics.median(samples), len(samples)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--layers", type=pathlib.Path, required=True, help="directory of the bench specs")
    parser.add_argument("--threads", type=int, required=True)
    parser.add_argument("--out", type=pathlib.Path, required=True, help="JSON file to write")
    parser.add_argument("--min-time", type=float, default=0.25, help="seconds per program at least")
    parser.add_argument("--min-samples", type=int, default=5)
    parser.add_argument("--max-samples", type=int, default=1000)
    parser.add_argument("--filter", default="", help="a regex: only `layer/program/dtype` names it matches")
    args = parser.parse_args()

    torch.set_num_threads(args.threads)
    results = []
    for layer, (fn, inputs, domain) in LAYERS.items():
        dims = read_dims(args.layers / f"{layer}.ricci")
        for dtype_name, dtype in DTYPES.items():
            selected = [p for p in PROGRAMS if re.search(args.filter, f"{layer}/{p}/{dtype_name}")]
            operands = Operands(fn, inputs, domain, dims, dtype) if selected else None
            for program in selected:
                median, count = median_seconds(getattr(operands, program), args.min_time, args.min_samples,
                                               args.max_samples)
                results.append({"layer": layer, "program": program, "dtype": dtype_name,
                                "threads": args.threads, "median_s": median, "samples": count})
                print(f"torch {layer}/{program}/{dtype_name} threads={args.threads}: {median * 1e6:.1f} us",
                      flush=True)
    context = {"torch_version": torch.__version__, "threads": torch.get_num_threads(),
               "OMP_WAIT_POLICY": os.environ.get("OMP_WAIT_POLICY", "unset")}
    args.out.write_text(json.dumps({"context": context, "results": results}, indent=1) + "\n")


if __name__ == "__main__":
    main()
