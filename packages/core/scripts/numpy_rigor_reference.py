#!/usr/bin/env python3
"""Writes test/fixtures/rigor-reference.json: reference values for the
best rank-r fit of a regression task (reduced-rank regression floor), the
best rank-r recall of key -> value associations, and the first-order loss
decrease of a LoRA adapter's first step, computed with NumPy by routes
independent of the TypeScript core's. Run from packages/core:

    python3 scripts/numpy_rigor_reference.py

Inputs are regenerated from the same seeds and in the same draw order as the
TypeScript core (np.random.seed is bit-compatible with RandomState):
regressionTask (x = randn(n, k), then one random_sample for the shuffle
seed), associationTask (keys = randn(n, k)/sqrt(k), values = randn(n, d)/sqrt(d))
and loraAdapter (A = uniform(-1/sqrt(k), 1/sqrt(k), r*k)). Targets are plain
Gaussian matrices drawn with np.random.seed(target_seed).

Routes used here (the core uses others):
- floor: Sigma = x'x/n, Sigma^(1/2) and its pseudo-inverse by eigh,
  M = (y'x/n) Sigma^(+1/2) (= T Sigma^(1/2) when y = x T'), floor(r) =
  c0 - |M|^2/d + sum_{i>r} s_i(M)^2 / d;
- recall: Delta_r = [W* Sigma^(1/2)]_r Sigma^(+1/2) with W* from np.linalg.pinv;
- first-order decrease: G = dL/dDelta at Delta = 0 = -(2/(n d)) y'x, the
  gradient of B is gamma G A', SGD: |g_B|^2, Adam: sum g^2/(|g| + eps).
Floats are written with repr (round-trip). The tests never run Python;
rerun only when changing cases, and commit the JSON.
"""

import json
import os
import platform

import numpy as np

OUT = os.path.join(os.path.dirname(__file__), "..", "test", "fixtures", "rigor-reference.json")
EPS = 2.0**-52


def flat(a):
    return np.asarray(a, dtype=np.float64).ravel().tolist()


def mat(a):
    a = np.atleast_2d(np.asarray(a, dtype=np.float64))
    return {"rows": a.shape[0], "cols": a.shape[1], "data": flat(a)}


def gaussian_target(d, k, scale, seed):
    np.random.seed(seed)
    return np.random.randn(d, k) * scale


def regression_inputs(n, k, seed):
    """regressionTask({ target, n, seed }): x = randn(n, k)."""
    np.random.seed(seed)
    return np.random.randn(n, k)


def sqrt_and_pinv_sqrt(sigma):
    w, v = np.linalg.eigh(sigma)
    w = np.clip(w, 0.0, None)
    tol = sigma.shape[0] * w.max() * EPS
    root = np.sqrt(w)
    inv = np.where(w > tol, 1.0 / np.where(root > 0, root, 1.0), 0.0)
    return v @ np.diag(root) @ v.T, v @ np.diag(inv) @ v.T


def floor_by_sigma(x, y):
    n = x.shape[0]
    d = y.shape[1]
    sigma = x.T @ x / n
    _, pinv_root = sqrt_and_pinv_sqrt(sigma)
    m = (y.T @ x / n) @ pinv_root
    s = np.linalg.svd(m, compute_uv=False)
    c0 = np.sum(y**2) / (n * d)
    resid = max(c0 - np.sum(s**2) / d, 0.0)
    max_rank = min(d, x.shape[1])
    out = []
    for r in range(max_rank + 1):
        out.append(resid + np.sum(s[r:] ** 2) / d)
    return out


def truncation_losses(x, y, target):
    n = x.shape[0]
    d = y.shape[1]
    u, s, vt = np.linalg.svd(target, full_matrices=False)
    out = []
    for r in range(min(target.shape) + 1):
        tr = (u[:, :r] * s[:r]) @ vt[:r]
        out.append(np.sum((x @ tr.T - y) ** 2) / (n * d))
    return out


def floor_cases():
    cases = []
    # (name, d, k, n, target_seed, task_seed, scale)
    for name, d, k, n, ts, xs, scale in [
        ("tall: n = 2k", 9, 7, 14, 11, 12, 0.5),
        ("wide target, singular Sigma: n < k", 6, 10, 7, 21, 22, 1.0),
        ("square, n = k + 1", 8, 8, 9, 31, 32, 2.0),
    ]:
        target = gaussian_target(d, k, scale, ts)
        x = regression_inputs(n, k, xs)
        y = x @ target.T
        cases.append({
            "name": name, "d": d, "k": k, "n": n, "targetSeed": ts, "taskSeed": xs, "scale": scale,
            "floor": floor_by_sigma(x, y),
            "truncation": truncation_losses(x, y, target),
        })
    return cases


def data_case():
    """Explicit data whose outputs are not a linear function of the inputs."""
    np.random.seed(41)
    x = np.random.randn(12, 5)
    y = np.random.randn(12, 4)
    return {"x": mat(x), "y": mat(y), "floor": floor_by_sigma(x, y)}


def association(n, d, k, seed):
    np.random.seed(seed)
    keys = np.random.randn(n, k) / np.sqrt(k)
    values = np.random.randn(n, d) / np.sqrt(d)
    return keys, values


def recall(values, out, threshold=0.9):
    n = values.shape[0]
    rel = np.linalg.norm(out - values) / np.linalg.norm(values)
    pn = np.linalg.norm(out, axis=1)
    vn = np.linalg.norm(values, axis=1)
    cos = np.where(pn > 0, np.sum(out * values, axis=1) / np.where(pn > 0, pn * vn, 1.0), 0.0)
    score = out @ values.T - 0.5 * np.sum(values**2, axis=1)[None, :]
    own = score[np.arange(n), np.arange(n)]
    others = score.copy()
    others[np.arange(n), np.arange(n)] = -np.inf
    found = own > others.max(axis=1)
    return {"relativeError": rel, "cosineShare": float(np.mean(cos >= threshold)),
            "retrievalAccuracy": float(np.mean(found))}


def recall_cases():
    cases = []
    for n, d, k, seed in [(24, 16, 20, 5), (48, 24, 32, 6)]:
        keys, values = association(n, d, k, seed)
        w = (np.linalg.pinv(keys) @ values).T  # W*, d x k
        sigma = keys.T @ keys / n
        root, pinv_root = sqrt_and_pinv_sqrt(sigma)
        m = w @ root
        u, s, vt = np.linalg.svd(m, full_matrices=False)
        wu, ws, wvt = np.linalg.svd(w, full_matrices=False)
        ranks = [1, 2, 4, 8, min(d, k)]
        best = []
        trunc = []
        for r in ranks:
            delta = ((u[:, :r] * s[:r]) @ vt[:r]) @ pinv_root
            best.append({"rank": r, **recall(values, keys @ delta.T)})
            wr = (wu[:, :r] * ws[:r]) @ wvt[:r]
            trunc.append({"rank": r, **recall(values, keys @ wr.T)})
        cases.append({"n": n, "d": d, "k": k, "seed": seed, "best": best, "truncation": trunc})
    return cases


def first_order_cases():
    d, k, n = 10, 8, 16
    target = gaussian_target(d, k, 1.0, 51)
    x = regression_inputs(n, k, 52)
    y = x @ target.T
    g = -(2.0 / (n * d)) * (y.T @ x)  # dL/dDelta at Delta = 0
    out = []
    for rank, alpha, scaling, seed in [(1, 8, "standard", 3), (3, 8, "rslora", 3), (5, 2, "standard", 9)]:
        gamma = alpha / rank if scaling == "standard" else alpha / np.sqrt(rank)
        np.random.seed(seed)
        bound = 1 / np.sqrt(k)
        a = np.random.uniform(-bound, bound, rank * k).reshape(rank, k)
        gb = gamma * g @ a.T
        sgd = float(np.sum(gb**2))
        adam = float(np.sum(gb**2 / (np.abs(gb) + 1e-8)))
        out.append({"rank": rank, "alpha": alpha, "scaling": scaling, "seed": seed, "gamma": gamma,
                    "sgd": sgd, "adam": adam})
    return {"d": d, "k": k, "n": n, "targetSeed": 51, "taskSeed": 52, "cases": out}


def main():
    ref = {
        "generator": {"numpy": np.__version__, "python": platform.python_version(),
                      "script": "scripts/numpy_rigor_reference.py"},
        "floor": floor_cases(),
        "dataFloor": data_case(),
        "recall": recall_cases(),
        "firstOrder": first_order_cases(),
    }
    with open(OUT, "w") as f:
        json.dump(ref, f, indent=1)
        f.write("\n")
    print("wrote", os.path.normpath(OUT))


if __name__ == "__main__":
    main()
