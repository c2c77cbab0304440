#!/usr/bin/env python3
"""Writes test/fixtures/train-reference.json: LoRA training steps computed
with NumPy, which test/train.test.ts compares against step by step. Run from
packages/core:

    python3 scripts/numpy_train_reference.py

Every input is regenerated here from the same seeds, in the same draw order
as the TypeScript core (np.random.seed is bit-compatible with RandomState):
the target, the inputs and the shuffle seed (regressionTask), A (loraAdapter),
the association task (associationTask) and the batch order (createTrainer's
Fisher-Yates shuffle). The algorithms are written out independently with
whole-matrix NumPy operations. Floats are written with repr (round-trip).
The tests never run Python; rerun only when changing cases, and commit the
JSON.
"""

import json
import os
import platform

import numpy as np

OUT = os.path.join(os.path.dirname(__file__), "..", "test", "fixtures", "train-reference.json")
STEPS = 10


def flat(a):
    return np.asarray(a, dtype=np.float64).ravel().tolist()


def mat(a):
    a = np.atleast_2d(np.asarray(a, dtype=np.float64))
    return {"rows": a.shape[0], "cols": a.shape[1], "data": flat(a)}


def regression_task(target, n, seed):
    """regressionTask({ target, n, seed })"""
    np.random.seed(seed)
    x = np.random.randn(n, target.shape[1])
    shuffle_seed = int(np.floor(np.random.random_sample(1)[0] * 2**32))
    return {"x": x, "y": x @ target.T, "shuffle_seed": shuffle_seed}


def association_task(n, d, k, labels, seed):
    """associationTask({ kind: 'facts', n, d, k, labels, seed })"""
    np.random.seed(seed)
    keys = np.random.randn(n, k) / np.sqrt(k)
    e = np.random.randn(labels, d) / np.sqrt(d)
    lab = np.floor(labels * np.random.random_sample(n)).astype(int)
    return {"x": keys, "candidates": e, "labels": lab}


def init_a(r, k, init, seed):
    """loraAdapter: the first r*k draws of RandomState(seed)."""
    np.random.seed(seed)
    if init == "kaiming-uniform":
        bound = 1 / np.sqrt(k)
        return np.random.uniform(-bound, bound, r * k).reshape(r, k)
    return np.random.randn(r, k) * (1.0 / r)  # PEFT's gaussian: std = 1/r


def batches(n, batch_size, shuffle_seed):
    """createTrainer's batch order: Fisher-Yates per epoch from its own stream."""
    if batch_size >= n:
        while True:
            yield np.arange(n)
    rs = np.random.RandomState(shuffle_seed)
    while True:
        u = rs.random_sample(n - 1)
        perm = np.arange(n)
        for i in range(n - 1, 0, -1):
            j = int(np.floor(u[n - 1 - i] * (i + 1)))
            perm[i], perm[j] = perm[j], perm[i]
        for s in range(0, n, batch_size):
            yield perm[s : s + batch_size]


def loss_and_grads(task, a, b, gamma, rows):
    x = task["x"][rows]
    u = x @ a.T
    p = gamma * u @ b.T
    m = x.shape[0]
    if "y" in task:
        res = p - task["y"][rows]
        loss = np.sum(res**2) / res.size
        dp = 2 * res / res.size
    else:
        c = task["candidates"]
        z = (p @ c.T - 0.5 * np.sum(c**2, axis=1)) / task["temperature"]
        z = z - z.max(axis=1, keepdims=True)
        prob = np.exp(z) / np.exp(z).sum(axis=1, keepdims=True)
        lab = task["labels"][rows]
        loss = -np.mean(np.log(prob[np.arange(m), lab]))
        onehot = np.zeros_like(prob)
        onehot[np.arange(m), lab] = 1
        dp = (prob - onehot) @ c / (m * task["temperature"])
    grad_b = gamma * dp.T @ u
    grad_a = gamma * (dp @ b).T @ x
    return loss, grad_a, grad_b


def train(task, case):
    d = task["candidates"].shape[1] if "candidates" in task else task["y"].shape[1]
    n, k = task["x"].shape
    r = case["rank"]
    gamma = case["alpha"] / (r if case["scaling"] == "standard" else np.sqrt(r))
    a = init_a(r, k, case["init"], case["seed"])
    b = np.zeros((d, r))
    opt = case["optimizer"]
    lr_a = opt["lr"]
    lr_b = opt["lr"] * opt.get("lrRatio", 1)
    state = {"a": [np.zeros_like(a), np.zeros_like(a)], "b": [np.zeros_like(b), np.zeros_like(b)]}
    order = batches(n, case.get("batchSize", n), task["shuffle_seed"])
    steps = []
    for t in range(1, STEPS + 1):
        rows = next(order)
        loss, ga, gb = loss_and_grads(task, a, b, gamma, rows)
        new = {}
        for name, p, g, lr in (("a", a, ga, lr_a), ("b", b, gb, lr_b)):
            m, v = state[name]
            if opt["type"] == "sgd":
                mu = opt.get("momentum", 0)
                m[...] = mu * m + g
                new[name] = p - lr * m
            else:
                b1, b2, eps, wd = opt.get("beta1", 0.9), opt.get("beta2", 0.999), opt.get("eps", 1e-8), opt.get("weightDecay", 0)
                p = p * (1 - lr * wd)
                m[...] = b1 * m + (1 - b1) * g
                v[...] = b2 * v + (1 - b2) * g * g
                mhat = m / (1 - b1**t)
                vhat = v / (1 - b2**t)
                new[name] = p - lr * mhat / (np.sqrt(vhat) + eps)
        a, b = new["a"], new["b"]
        steps.append(
            {
                "loss": float(loss),
                "gradNormA": float(np.linalg.norm(ga)),
                "gradNormB": float(np.linalg.norm(gb)),
                "deltaNorm": float(np.linalg.norm(gamma * b @ a)),
                "a": flat(a),
                "b": flat(b),
            }
        )
    return {"gamma": float(gamma), "a0": flat(init_a(r, k, case["init"], case["seed"])), "steps": steps}


def regression_cases():
    np.random.seed(5)
    target = np.random.randn(6, 5)
    task = regression_task(target, 8, 11)
    cases = [
        {"name": "adam, alpha/r, full batch", "rank": 3, "alpha": 4, "scaling": "standard",
         "init": "kaiming-uniform", "seed": 21, "optimizer": {"type": "adam", "lr": 0.05}},
        {"name": "adamw, alpha/sqrt(r), LoRA+ ratio 4, batches of 3, gaussian init", "rank": 2, "alpha": 2,
         "scaling": "rslora", "init": "gaussian", "seed": 22, "batchSize": 3,
         "optimizer": {"type": "adam", "lr": 0.02, "lrRatio": 4, "beta1": 0.8, "beta2": 0.99, "eps": 1e-6,
                       "weightDecay": 0.1}},
        {"name": "sgd with momentum, alpha/r, full batch", "rank": 4, "alpha": 8, "scaling": "standard",
         "init": "kaiming-uniform", "seed": 23, "optimizer": {"type": "sgd", "lr": 0.01, "momentum": 0.9}},
    ]
    out = []
    for case in cases:
        out.append({**case, **train(task, case)})
    return {"target": mat(target), "n": 8, "taskSeed": 11, "shuffleSeed": task["shuffle_seed"],
            "x": mat(task["x"]), "cases": out}


def retrieval_cases():
    assoc = association_task(6, 5, 4, 3, 31)
    task = {**assoc, "temperature": 0.5, "shuffle_seed": 0}
    case = {"name": "adam on the cross-entropy retrieval objective", "rank": 2, "alpha": 2, "scaling": "standard",
            "init": "kaiming-uniform", "seed": 32, "optimizer": {"type": "adam", "lr": 0.1}}
    return {"n": 6, "d": 5, "k": 4, "labels": 3, "seed": 31, "temperature": 0.5,
            "keys": mat(assoc["x"]), "candidates": mat(assoc["candidates"]), "labelsDrawn": assoc["labels"].tolist(),
            "cases": [{**case, **train(task, case)}]}


def main():
    ref = {
        "generator": {"numpy": np.__version__, "python": platform.python_version(),
                      "script": "scripts/numpy_train_reference.py"},
        "steps": STEPS,
        "regression": regression_cases(),
        "retrieval": retrieval_cases(),
    }
    with open(OUT, "w") as f:
        json.dump(ref, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
