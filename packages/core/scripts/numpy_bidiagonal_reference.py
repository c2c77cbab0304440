#!/usr/bin/env python3
"""Writes test/fixtures/bidiagonal-reference.json: singular values of upper
bidiagonal matrices as NumPy computes them, for the tests of dqds and of the
divide-and-conquer bidiagonal SVD. Run from packages/core:

    python3 scripts/numpy_bidiagonal_reference.py

np.linalg.svd(B, compute_uv=False) calls LAPACK's dgesdd with JOBZ = 'N'.
On a square matrix that is already upper bidiagonal, dgebrd's reflectors are
all the identity (tau = 0), so B reaches dbdsdc unchanged, and dbdsdc's
values-only path (dlasdq -> dbdsqr without vectors -> dlasq1) is dqds: the
values below are LAPACK's dqds values of (d, e), up to dgesdd's scaling of
matrices whose largest entry is below ~1e-138 or above ~1e138 (the scaled
cases). With vectors ("vectors", n > 25), dgesdd runs dbdsdc's divide and
conquer and dormbr applies identity reflectors, so U and Vt are dbdsdc's. Every matrix is drawn from a seeded RandomState and written with
repr (shortest round-trip). The tests never run Python; rerun this script
only when adding cases, and commit the JSON.
"""

import json
import os
import platform

import numpy as np

OUT = os.path.join(os.path.dirname(__file__), "..", "test", "fixtures", "bidiagonal-reference.json")


def dense(d, e):
    n = len(d)
    b = np.diag(np.asarray(d, dtype=np.float64))
    if n > 1:
        b += np.diag(np.asarray(e, dtype=np.float64), 1)
    return b


def case(name, d, e):
    d = np.asarray(d, dtype=np.float64)
    e = np.asarray(e, dtype=np.float64)
    s = np.linalg.svd(dense(d, e), compute_uv=False)
    return {"name": name, "d": d.tolist(), "e": e.tolist(), "s": s.tolist()}


def cases():
    rs = np.random.RandomState(14)
    out = []
    out.append(case("1x1", [-3.0], []))
    out.append(case("2x2", [1.0, -2.0], [3.0]))
    out.append(case("2x2 graded", [1.0, 1e-20], [1e-10]))
    out.append(case("2x2 large off-diagonal", [1.0, 1.0], [1e10]))
    out.append(case("2x2 zero diagonal", [0.0, 0.0], [1.0]))
    out.append(case("3x3", [2.0, -1.0, 0.5], [0.25, 4.0]))

    n = 40
    grade = 10.0 ** (-np.arange(n) / 2.0)
    out.append(case("graded 1..1e-19.5 (40)", grade * (1 + rs.random_sample(n)), 0.5 * grade[:-1] * rs.randn(n - 1)))
    out.append(case("graded upwards (40)", grade[::-1] * (1 + rs.random_sample(n)), 0.5 * grade[::-1][1:] * rs.randn(n - 1)))
    steep = 10.0 ** (-4.0 * np.arange(30))
    out.append(case("steeply graded 1..1e-116 (30)", steep, 0.7 * steep[:-1]))

    out.append(case("clustered near 1 (60)", 1 + 1e-10 * rs.randn(60), 1e-8 * rs.randn(59)))
    pairs = 25
    out.append(case("repeated 2x2 blocks (50)", np.tile([2.0, 1.0], pairs), np.tile([1.0, 0.0], pairs)[:-1]))
    out.append(case("ones (100)", np.ones(100), np.ones(99)))
    out.append(case("diagonal (20)", rs.randn(20), np.zeros(19)))

    for scale in (1e-300, 1e300, 1e-160):
        out.append(case(f"scaled by {scale:g} (30)", scale * rs.randn(30), scale * rs.randn(29)))

    d = rs.randn(50)
    d[::4] = 0.0
    out.append(case("zero diagonal entries (50)", d, rs.randn(49)))
    d = rs.randn(30)
    d[-1] = 0.0
    out.append(case("zero last diagonal (30)", d, rs.randn(29)))
    e = rs.randn(39)
    e[[5, 17, 30]] = 0.0
    out.append(case("split by zero off-diagonals (40)", rs.randn(40), e))
    e = rs.randn(39)
    e[[9, 21]] = 1e-300
    out.append(case("tiny off-diagonals (40)", rs.randn(40), e))

    out.append(case("gaussian (200)", rs.randn(200), rs.randn(199)))
    return out


def vector_cases():
    """U and Vt of bidiagonals large enough for dbdsdc's divide and conquer
    (n > 25), with well separated singular values so that each vector is
    determined to ~1e-14 up to its sign."""
    rs = np.random.RandomState(41)
    out = []
    for n in (40, 60):
        d = np.arange(n, 0, -1) + 0.2 * rs.random_sample(n)
        e = 0.3 * rs.randn(n - 1)
        u, s, vt = np.linalg.svd(dense(d, e))
        out.append({"name": f"separated values ({n})", "d": d.tolist(), "e": e.tolist(), "s": s.tolist(),
                    "u": u.ravel().tolist(), "vt": vt.ravel().tolist()})
    return out


def main():
    ref = {
        "generator": {
            "numpy": np.__version__,
            "python": platform.python_version(),
            "script": "scripts/numpy_bidiagonal_reference.py",
        },
        "cases": cases(),
        "vectors": vector_cases(),
    }
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with open(OUT, "w") as f:
        json.dump(ref, f, separators=(",", ":"))
        f.write("\n")


if __name__ == "__main__":
    main()
