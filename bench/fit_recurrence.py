"""Fit the recurrence model's weights on the labelled pairs and print how well it does.

    .venv/bin/python -m bench.fit_recurrence [tests/recurrence_pairs/pairs.toml]

Features come from ``recurrence.similarity.compare`` over every labelled pair, plus pairs made of
the ``a`` of one pair and the ``b`` of another (other asks, as most candidates are; half of them of
the same theme), all labelled "different"; the inverse document frequencies are those of the pairs'
own texts. A logistic regression (Newton's method, a little L2) is fitted; ten-fold cross-validation
over the labelled pairs gives the figures to expect on pairs the fit has not seen. The printed
weights are the ones to copy into ``recurrence/similarity.py``. Pure Python, no Django.
"""

import math
import random
import sys
import tomllib
from collections import Counter
from pathlib import Path

from recurrence import similarity

FEATURES = list(similarity.WEIGHTS)
CROSS_PAIRS = 300
L2 = 0.01


def load(path: Path) -> list[dict]:
    return tomllib.loads(path.read_text(encoding="utf-8"))["pair"]


def idf_of(pairs: list[dict]):
    texts = {p["a"] for p in pairs} | {p["b"] for p in pairs}
    df = Counter(t for text in texts for t in set(similarity.terms(text)))
    return similarity.idf_from(df, len(texts))


def features(a: str, b: str, a_meta: dict, b_meta: dict, idf) -> list[float]:
    found = similarity.compare(
        similarity.Wording.of(a), similarity.Wording.of(b), idf=idf,
        shared_theme=a_meta["theme"] == b_meta["theme"],
        shared_actor=bool(set(a_meta["actors"]) & set(b_meta["actors"])))
    return [found.features[name] for name in FEATURES]


def fit(rows: list[list[float]], labels: list[float]) -> list[float]:
    """Logistic regression by Newton's method; the last coefficient is the intercept."""
    xs = [[*row, 1.0] for row in rows]
    k = len(xs[0])
    w = [0.0] * k
    for _ in range(25):
        grad = [L2 * w[j] if j < k - 1 else 0.0 for j in range(k)]
        hess = [[(L2 if i == j and i < k - 1 else 0.0) for j in range(k)] for i in range(k)]
        for x, y in zip(xs, labels):
            p = 1 / (1 + math.exp(-sum(a * b for a, b in zip(w, x))))
            for i in range(k):
                grad[i] += (p - y) * x[i]
                for j in range(k):
                    hess[i][j] += p * (1 - p) * x[i] * x[j]
        step = _solve(hess, grad)
        w = [a - b for a, b in zip(w, step)]
        if max(abs(s) for s in step) < 1e-6:
            break
    return w


def _solve(a: list[list[float]], b: list[float]) -> list[float]:
    """Gaussian elimination with partial pivoting (the matrices are 7 x 7)."""
    n = len(b)
    m = [row[:] + [b[i]] for i, row in enumerate(a)]
    for c in range(n):
        pivot = max(range(c, n), key=lambda r: abs(m[r][c]))
        m[c], m[pivot] = m[pivot], m[c]
        for r in range(c + 1, n):
            f = m[r][c] / m[c][c]
            for j in range(c, n + 1):
                m[r][j] -= f * m[c][j]
    x = [0.0] * n
    for r in range(n - 1, -1, -1):
        x[r] = (m[r][n] - sum(m[r][j] * x[j] for j in range(r + 1, n))) / m[r][r]
    return x


def score(w: list[float], row: list[float], cosine: float) -> float:
    if cosine < similarity.MIN_COSINE:
        return 0.0
    return 1 / (1 + math.exp(-(w[-1] + sum(a * b for a, b in zip(w, row)))))


def precision_recall(scores: list[float], labels: list[float], threshold: float) -> tuple[float, float]:
    tp = sum(1 for s, y in zip(scores, labels) if s >= threshold and y)
    fp = sum(1 for s, y in zip(scores, labels) if s >= threshold and not y)
    positives = sum(labels)
    return tp / (tp + fp) if tp + fp else 1.0, tp / positives if positives else 1.0


def main(path: Path) -> None:
    pairs = load(path)
    idf = idf_of(pairs)
    rows = [features(p["a"], p["b"], p["a_meta"], p["b_meta"], idf) for p in pairs]
    labels = [1.0 if p["label"] == "same" else 0.0 for p in pairs]
    rng = random.Random(7)
    cross = []
    by_theme = {}
    for n, p in enumerate(pairs):
        by_theme.setdefault(p["b_meta"]["theme"], []).append(n)
    while len(cross) < CROSS_PAIRS:
        # Half from the same theme: a shared theme alone must not make a repeat.
        i = rng.randrange(len(pairs))
        same_theme = by_theme.get(pairs[i]["a_meta"]["theme"], [])
        j = rng.choice(same_theme) if same_theme and len(cross) % 2 else rng.randrange(len(pairs))
        if pairs[i]["a"] != pairs[j]["a"]:
            cross.append(features(pairs[i]["a"], pairs[j]["b"], pairs[i]["a_meta"], pairs[j]["b_meta"], idf))
    folds = [list(range(n, len(pairs), 10)) for n in range(10)]
    held = [0.0] * len(pairs)
    for fold in folds:
        out = set(fold)
        w = fit([r for i, r in enumerate(rows) if i not in out] + cross,
                [y for i, y in enumerate(labels) if i not in out] + [0.0] * len(cross))
        for i in fold:
            held[i] = score(w, rows[i], rows[i][0])
    w = fit(rows + cross, labels + [0.0] * len(cross))
    fitted = [score(w, r, r[0]) for r in rows]
    print(f"{len(pairs)} labelled pairs ({int(sum(labels))} same), {len(cross)} cross pairs")
    print("threshold  in-sample P / R     10-fold P / R")
    for threshold in (0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7):
        p1, r1 = precision_recall(fitted, labels, threshold)
        p2, r2 = precision_recall(held, labels, threshold)
        print(f"  {threshold:.2f}     {p1:6.1%} / {r1:6.1%}     {p2:6.1%} / {r2:6.1%}")
    print("WEIGHTS = {" + ", ".join(f'"{n}": {v:.2f}' for n, v in zip(FEATURES, w)) + "}")
    print(f"INTERCEPT = {w[-1]:.2f}")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path("tests/recurrence_pairs/pairs.toml"))
