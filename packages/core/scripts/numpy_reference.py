#!/usr/bin/env python3
"""Writes test/fixtures/numpy-reference.json: the NumPy values that the
@lora-rank/core tests compare against. Run from packages/core:

    python3 scripts/numpy_reference.py

Needs NumPy >= 1.17 (legacy global RandomState). Floats are written with
repr (shortest round-trip), never rounded. The tests never run Python; rerun
this script only when adding cases, and commit the JSON.
"""

import json
import os
import platform

import numpy as np

OUT = os.path.join(os.path.dirname(__file__), "..", "test", "fixtures", "numpy-reference.json")
SEEDS = [0, 1, 42, 2**32 - 1, 123456789]


def flat(a):
    return np.asarray(a, dtype=np.float64).ravel().tolist()


def mat(a):
    a = np.atleast_2d(np.asarray(a, dtype=np.float64))
    return {"rows": a.shape[0], "cols": a.shape[1], "data": flat(a)}


def random_cases():
    cases = []
    for seed in SEEDS:
        np.random.seed(seed)
        sample = np.random.random_sample(7)
        np.random.seed(seed)
        # An odd count first, so the cached second Gaussian of a pair carries
        # into the next call; then a random_sample between two randn calls,
        # which must not disturb the cache.
        randn3 = np.random.randn(3)
        randn22 = np.random.randn(2, 2)
        randn1 = np.random.randn(1)
        mixed_sample = np.random.random_sample(3)
        mixed_randn = np.random.randn(3)
        np.random.seed(seed)
        uniform = np.random.uniform(-2.0, 3.0, 5)
        cases.append(
            {
                "seed": seed,
                "randomSample7": flat(sample),
                "randn3": flat(randn3),
                "randn2x2": flat(randn22),
                "randn1": flat(randn1),
                "mixedSample3": flat(mixed_sample),
                "mixedRandn3": flat(mixed_randn),
                "uniform": {"low": -2.0, "high": 3.0, "values": flat(uniform)},
            }
        )
    # Long sequences cross several MT19937 twists (624 words each).
    np.random.seed(123456789)
    long_sample = np.random.random_sample(1500)
    np.random.seed(7)
    long_randn = np.random.randn(40, 50)
    return {"cases": cases, "longSample": {"seed": 123456789, "values": flat(long_sample)},
            "longRandn": {"seed": 7, "rows": 40, "cols": 50, "values": flat(long_randn)}}


def linspace_cases():
    args = [
        (0.0, 1.0, 5), (5.0, 0.5, 4), (3.0, 0.5, 64), (0.0, 1.0, 1), (0.0, 1.0, 0),
        (-1.0, 1.0, 7), (1.0, 1.0, 5), (0.0, 1e-320, 5), (1e-300, 1e300, 11),
        (0.1, 0.7, 13), (2.0, 2.0, 1), (-3.5, 10.25, 100), (1.0, -1.0, 2),
    ]
    return [{"start": a, "stop": b, "n": n, "values": flat(np.linspace(a, b, n))} for a, b, n in args]


def qr_cases():
    rs = np.random.RandomState(2024)
    inputs = {
        "tall 8x5": rs.randn(8, 5),
        "square 6x6": rs.randn(6, 6),
        "wide 4x7": rs.randn(4, 7),
        "rank-deficient 7x5 (rank 2)": rs.randn(7, 2) @ rs.randn(2, 5),
        "zero column 5x3": np.column_stack([rs.randn(5), np.zeros(5), rs.randn(5)]),
        "upper triangular 4x4": np.triu(rs.randn(4, 4)),
        "1x1": np.array([[-2.5]]),
        "5x1": rs.randn(5, 1),
        "1x4": rs.randn(1, 4),
        "tall 64x4": rs.randn(64, 4),
    }
    out = []
    for name, a in inputs.items():
        q, r = np.linalg.qr(a)
        out.append({"name": name, "a": mat(a), "q": mat(q), "r": mat(r)})
    return out


def orthogonal(rs, n):
    q, _ = np.linalg.qr(rs.randn(n, n))
    return q


def svd_cases():
    rs = np.random.RandomState(7)
    base = rs.randn(5, 4)
    u6 = orthogonal(rs, 6)
    v6 = orthogonal(rs, 6)
    u3 = orthogonal(rs, 3)
    v3 = orthogonal(rs, 3)
    inputs = {
        "tall 9x4": rs.randn(9, 4),
        "wide 4x9": rs.randn(4, 9),
        "square 7x7": rs.randn(7, 7),
        "very tall 40x3": rs.randn(40, 3),
        "1x6": rs.randn(1, 6),
        "6x1": rs.randn(6, 1),
        "1x1": np.array([[-3.25]]),
        "zero 5x3": np.zeros((5, 3)),
        "rank-deficient 8x6 (rank 3)": rs.randn(8, 3) @ rs.randn(3, 6),
        "repeated 3,3,3,1,1,0.5": u6 @ np.diag([3, 3, 3, 1, 1, 0.5]) @ v6.T,
        "graded 1, 1e-8, 1e-16": u3 @ np.diag([1, 1e-8, 1e-16]) @ v3.T,
        "graded 10^0..10^-10 (6x6)": u6 @ np.diag(10.0 ** -np.arange(0, 12, 2)) @ v6.T,
        "identity 4x4": np.eye(4),
        "huge 1e300 scale": 1e300 * base,
        "tiny 1e-300 scale": 1e-300 * base,
        "subnormal 1e-310 scale": 1e-310 * base,
        "hilbert 8x8": 1.0 / (np.arange(8)[:, None] + np.arange(8)[None, :] + 1),
    }
    out = []
    for name, a in inputs.items():
        u, s, vt = np.linalg.svd(a, full_matrices=False)
        case = {"name": name, "a": mat(a), "s": flat(s), "rank": int(np.linalg.matrix_rank(a))}
        if name in ("tall 9x4", "wide 4x9", "square 7x7"):
            case["u"] = mat(u)
            case["vt"] = mat(vt)
        out.append(case)
    return out


def experiment():
    """The original experiment, as src/pages/original-experiment.md describes it."""
    np.random.seed(42)

    def planted(d, k, S, noise):
        U0 = np.random.randn(d, len(S))
        V0 = np.random.randn(k, len(S))
        U, _ = np.linalg.qr(U0)
        V, _ = np.linalg.qr(V0)
        return U @ np.diag(S) @ V.T + noise * np.random.randn(d, k)

    style = planted(64, 64, np.linspace(5, 0.5, 4), 0.01)
    facts = planted(64, 64, np.linspace(3, 0.5, 64), 0.01)
    alpha = 16

    def scaled_error(delta, r, c):
        u, s, vt = np.linalg.svd(delta)
        approx = u[:, :r] @ np.diag(s[:r]) @ vt[:r, :]
        return float(np.linalg.norm(delta - c * approx) / np.linalg.norm(delta))

    def energy(delta, r):
        s = np.linalg.svd(delta, compute_uv=False)
        return float(np.sum(s[:r] ** 2) / np.sum(s**2))

    errors = []
    for r in [2, 4, 8, 16, 32, 48]:
        errors.append({
            "r": r,
            "styleStandard": scaled_error(style, r, alpha / r),
            "factsStandard": scaled_error(facts, r, alpha / r),
            "factsRslora": scaled_error(facts, r, alpha / np.sqrt(r)),
            "styleRslora": scaled_error(style, r, alpha / np.sqrt(r)),
            "factsOptimal": scaled_error(facts, r, 1.0),
        })
    energies = [{"r": r, "style": energy(style, r), "facts": energy(facts, r)} for r in [2, 4, 8, 16, 32]]
    scales = [{"r": r, "standard": alpha / r, "rslora": float(alpha / np.sqrt(r))} for r in [1, 4, 8, 16, 32, 64]]
    s_style = np.linalg.svd(style, compute_uv=False)
    s_facts = np.linalg.svd(facts, compute_uv=False)

    def short(x):
        return f"{x:.3f}".rstrip("0").rstrip(".")

    # The four tables as the site prints them (the one copy every test compares with):
    # singular values to 2 decimals, errors to 3, energy in percent to 1, scales to at most 3.
    printed = {
        "top10": [["style", *[f"{x:.2f}" for x in s_style[:10]]], ["facts", *[f"{x:.2f}" for x in s_facts[:10]]]],
        "errors": [[str(e["r"]), *[f"{e[k]:.3f}" for k in ("styleStandard", "factsStandard", "factsRslora", "styleRslora", "factsOptimal")]]
                   for e in errors],
        "energy": [[str(e["r"]), f"{100 * e['style']:.1f}", f"{100 * e['facts']:.1f}"] for e in energies],
        "scales": [[str(s["r"]), short(s["standard"]), short(s["rslora"])] for s in scales],
    }
    return {
        "seed": 42,
        "alpha": alpha,
        "style": {"delta": mat(style), "s": flat(np.linalg.svd(style, compute_uv=False)),
                  "frobeniusNorm": float(np.linalg.norm(style))},
        "facts": {"delta": mat(facts), "s": flat(np.linalg.svd(facts, compute_uv=False)),
                  "frobeniusNorm": float(np.linalg.norm(facts))},
        "errors": errors,
        "energy": energies,
        "scales": scales,
        "printed": printed,
    }


def main():
    data = {
        "generator": {"numpy": np.__version__, "python": platform.python_version(),
                      "script": "packages/core/scripts/numpy_reference.py"},
        "random": random_cases(),
        "linspace": linspace_cases(),
        "qr": qr_cases(),
        "svd": svd_cases(),
        "experiment": experiment(),
    }
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with open(OUT, "w") as f:
        json.dump(data, f, separators=(",", ":"))
        f.write("\n")
    print(f"wrote {os.path.normpath(OUT)} ({os.path.getsize(OUT) / 1024:.0f} KiB)")


if __name__ == "__main__":
    main()
