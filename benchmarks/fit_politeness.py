"""Fit the politeness weights on the fitting half of the Stack Exchange politeness corpus.

    .venv/bin/python -m benchmarks.fit_politeness [--csv PATH] [--out PATH]

Uses only the rows with an even Id (the fitting half of benchmarks/politeness_corpus.py; odd
rows are skipped before anything but their Id is looked at) and writes
scoring/politeness_weights.json. Needs numpy (the `bench` extra); the scorer itself only reads
the JSON. The result is deterministic.

The model is a logistic regression telling the top quarter of `Normalized Score` from the
bottom quarter, so its weights are already log-odds of the politeness score. Its features are
the ones the scorer computes: the decayed uses of each strategy (scoring/strategies.py), of
each phrase of fitted wording and the reply's length (scoring/politeness_model.py), which may
not weigh below zero. The support rules and TextBlob's
polarity enter with the scorer's fixed weights, so the fit works around them. Each fitted
strategy is pulled towards its hand-set weight (PRIOR_PENALTY) rather than towards zero, and
keeps at least MIN_SHARE of it: requests between peers are not support replies, and the corpus
may refine a courtesy, not cancel it.

The wording is chosen in two stages: a ridge fit of the human score on every candidate used by
at least MIN_DOCUMENTS requests ranks them by |weight| x sqrt(requests using it); the best
`size` are refitted as the scorer finds them (longest phrase first, no overlap). The size and
the wording penalty are chosen by 5-fold cross-validation within the fitting half (mean
Spearman's rho over the folds).
"""

from __future__ import annotations

import argparse
import csv
import json
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, NamedTuple

import numpy as np

from benchmarks.agreement import spearman
from benchmarks.politeness_corpus import DEFAULT_CSV, is_fitting_half
from scoring.formula import POLARITY_WEIGHT
from scoring.politeness import decayed_uses, find_signals, residual_polarity, sentiment_words
from scoring.politeness_model import (
    WEIGHTS_PATH,
    PolitenessModel,
    candidate_wording,
    length_feature,
)
from scoring.strategies import RULES, Strategy, StrategyRule
from scoring.text import Analysis

MIN_DOCUMENTS = 5
VOCABULARY_SIZES = (100, 200, 400)
PENALTIES = (10.0, 30.0, 100.0)
# How firmly a fitted strategy stays near its hand-set weight (same units as PENALTIES), and
# the share of that weight it keeps at least: the corpus may shrink a courtesy, not cancel it.
PRIOR_PENALTY = 100.0
MIN_SHARE = 0.25
# The length is one column, used by every request: it needs little restraint.
LENGTH_PENALTY = 3.0
SELECTION_PENALTY = 100.0
FOLDS = 5
WORDING_DECAY = 0.5
# No single phrase may move a score by more than this (log-odds), nor by less than MIN_WEIGHT.
WORDING_CAP = 0.5
MIN_WEIGHT = 0.02
POLARITY = "polarity"
LENGTH = "length"


@dataclass
class Request:
    human: float
    analysis: Analysis
    candidates: frozenset[str]


def load_fitting_half(path: Path) -> list[Request]:
    """The even-Id requests, analysed; odd-Id rows are skipped on their Id alone."""
    evaluative = sentiment_words()
    requests = []
    with path.open(newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            if not is_fitting_half(int(row["Id"])):
                continue
            analysis = Analysis(row["Request"])
            _, claimed = find_signals(analysis, None)
            candidates = frozenset(candidate_wording(analysis.tokens, claimed, evaluative))
            requests.append(Request(float(row["Normalized Score"]), analysis, candidates))
    return requests


def features(request: Request, model: PolitenessModel) -> dict[str, float]:
    """Decayed uses per strategy and per fitted phrase, plus the residual polarity and the
    length."""
    signals, claimed = find_signals(request.analysis, model)
    values: dict[str, float] = {
        POLARITY: residual_polarity(request.analysis, claimed),
        LENGTH: length_feature(len(request.analysis.tokens)),
    }
    for signal, share in decayed_uses(signals, model):
        name = signal.feature if signal.strategy is Strategy.WORDING else signal.strategy.value
        key = f"{signal.strategy.value}:{name}"
        values[key] = values.get(key, 0.0) + share
    return values


class Settings(NamedTuple):
    """What the cross-validation chooses: the wording's size and penalty."""

    size: int
    penalty: float


@dataclass
class Design:
    """Feature matrix and, per column, its name, prior weight, penalty and whether it is fixed
    (support rules and polarity keep the scorer's weights and only shift the fit)."""

    matrix: np.ndarray
    names: list[str]
    prior: np.ndarray
    fixed: np.ndarray

    def penalties(self, settings: Settings) -> np.ndarray:
        return np.array([_penalty(name, settings) for name in self.names])


def _penalty(name: str, settings: Settings) -> float:
    if _is_fitted_strategy(name):
        return PRIOR_PENALTY
    return LENGTH_PENALTY if name == LENGTH else settings.penalty


def design(requests: Sequence[Request], vocabulary: Sequence[str]) -> Design:
    """The scorer's features with `vocabulary` as its wording."""
    model = PolitenessModel({}, dict.fromkeys(vocabulary, 1.0), WORDING_DECAY, {})
    names = [POLARITY, LENGTH]
    names += [f"{strategy}:{strategy}" for strategy in RULES if strategy is not Strategy.NEUTRAL]
    names += [f"{Strategy.WORDING}:{phrase}" for phrase in vocabulary]
    column = {name: index for index, name in enumerate(names)}
    matrix = np.zeros((len(requests), len(names)))
    for row, request in enumerate(requests):
        for name, value in features(request, model).items():
            matrix[row, column[name]] = value
    prior = np.array([_hand_weight(name) for name in names])
    fixed = np.array(
        [
            name == POLARITY or (_rule(name) is not None and not _is_fitted_strategy(name))
            for name in names
        ]
    )
    return Design(matrix, names, prior, fixed)


def _rule(name: str) -> StrategyRule | None:
    kind = name.split(":", 1)[0]
    return RULES.get(Strategy(kind)) if kind in Strategy._value2member_map_ else None


def _is_fitted_strategy(name: str) -> bool:
    rule = _rule(name)
    return rule is not None and rule.fitted


def _hand_weight(name: str) -> float:
    if name == POLARITY:
        return POLARITY_WEIGHT
    rule = _rule(name)
    return 0.0 if rule is None else rule.weight


def logistic(
    data: Design, rows: np.ndarray, labels: np.ndarray, settings: Settings
) -> tuple[np.ndarray, float]:
    """Weights and intercept (log-odds of "top quarter") of an L2-penalised logistic fit
    pulled towards each column's prior; fixed columns keep their prior. A fitted strategy
    pushed below MIN_SHARE of its hand weight (or past zero) is fixed there and the rest
    refitted; so is a length weighing below zero."""
    matrix = data.matrix[rows]
    weights = data.prior.copy()
    free = ~data.fixed
    penalties = data.penalties(settings)
    while True:
        columns = np.flatnonzero(free)
        offset = matrix[:, ~free] @ weights[~free]
        part = np.column_stack([matrix[:, columns], np.ones(len(rows))])
        beta = np.append(weights[columns], 0.0)
        prior = np.append(data.prior[columns], 0.0)
        ridge = np.diag(np.append(penalties[columns], 0.0))
        for _ in range(25):
            p = 1.0 / (1.0 + np.exp(-(part @ beta + offset)))
            gradient = part.T @ (p - labels) + ridge @ (beta - prior)
            hessian = part.T @ (part * (p * (1 - p))[:, None]) + ridge
            step = np.linalg.solve(hessian, gradient)
            beta -= step
            if np.abs(step).max() < 1e-7:
                break
        weights[columns] = beta[:-1]
        floor = MIN_SHARE * data.prior
        short = [
            index
            for index in columns
            if (
                _is_fitted_strategy(data.names[index])
                and weights[index] * np.sign(floor[index]) < abs(floor[index])
            )
            or (data.names[index] == LENGTH and weights[index] < 0)
        ]
        if not short:
            return weights, float(beta[-1])
        weights[short] = floor[short]
        free[short] = False


def quartiles(human: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Indices of the bottom and top quarter by human score, and their labels (0, 1)."""
    order = np.argsort(human, kind="stable")
    quarter = len(order) // 4
    rows = np.concatenate([order[:quarter], order[-quarter:]])
    return rows, np.concatenate([np.zeros(quarter), np.ones(quarter)])


def select_vocabulary(requests: Sequence[Request], size: int) -> list[str]:
    """The `size` candidates that move a ridge fit of the human score most over the requests
    (|weight| x sqrt(requests using it)), among those used by MIN_DOCUMENTS requests."""
    documents = Counter(phrase for request in requests for phrase in request.candidates)
    pool = sorted(phrase for phrase, count in documents.items() if count >= MIN_DOCUMENTS)
    column = {phrase: index for index, phrase in enumerate(pool)}
    matrix = np.zeros((len(requests), len(pool)))
    for row, request in enumerate(requests):
        for phrase in request.candidates:
            if phrase in column:
                matrix[row, column[phrase]] = 1.0
    target = np.array([request.human for request in requests])
    centred = matrix - matrix.mean(axis=0)
    gram = centred.T @ centred + SELECTION_PENALTY * np.eye(len(pool))
    weights = np.linalg.solve(gram, centred.T @ (target - target.mean()))
    impact = np.abs(weights) * np.sqrt([documents[phrase] for phrase in pool])
    return sorted(pool[index] for index in np.argsort(-impact)[:size])


def cross_validate(requests: Sequence[Request]) -> Settings:
    """The settings with the best mean out-of-fold Spearman's rho (quartile accuracy, with the
    median of the fold's fitted quartiles as threshold, is printed alongside)."""
    folds = np.arange(len(requests)) % FOLDS
    human = np.array([request.human for request in requests])
    scores: dict[Settings, list[tuple[float, float]]] = {}
    for size in VOCABULARY_SIZES:
        for fold in range(FOLDS):
            inside = np.flatnonzero(folds != fold)
            outside = np.flatnonzero(folds == fold)
            vocabulary = select_vocabulary([requests[index] for index in inside], size)
            data = design(requests, vocabulary)
            chosen, labels = quartiles(human[inside])
            held, held_labels = quartiles(human[outside])
            for penalty in PENALTIES:
                settings = Settings(size, penalty)
                weights, intercept = logistic(data, inside[chosen], labels, settings)
                predicted = data.matrix @ weights + intercept
                cut = np.median(predicted[inside[chosen]])
                rho = spearman(predicted[outside].tolist(), human[outside].tolist())
                right = (predicted[outside[held]] > cut) == (held_labels == 1)
                scores.setdefault(settings, []).append((rho, float(right.mean())))
    for (size, penalty), values in scores.items():
        rho, accuracy = np.mean(values, axis=0)
        print(
            f"vocabulary {size:>4}, penalty {penalty:>5g}: "
            f"out-of-fold rho {rho:.3f}, quartile accuracy {accuracy:.3f}"
        )
    return max(scores, key=lambda key: float(np.mean([rho for rho, _ in scores[key]])))


def fitted_model(requests: Sequence[Request]) -> dict[str, Any]:
    """Choose, fit and cap the model; the JSON document the scorer reads."""
    settings = cross_validate(requests)
    human = np.array([request.human for request in requests])
    data = design(requests, select_vocabulary(requests, settings.size))
    rows, labels = quartiles(human)
    weights, intercept = logistic(data, rows, labels, settings)
    strategies, wording = {}, {}
    length = 0.0
    for name, weight in zip(data.names, weights, strict=True):
        kind, _, feature = name.partition(":")
        if name == LENGTH:
            length = round(float(weight), 4)
        elif kind == Strategy.WORDING and abs(weight) >= MIN_WEIGHT:
            wording[feature] = round(float(np.clip(weight, -WORDING_CAP, WORDING_CAP)), 4)
        elif _is_fitted_strategy(name):
            strategies[feature] = round(float(weight), 4)
    return {
        "provenance": {
            "corpus": DEFAULT_CSV.name,
            "rows": "even Id (the fitting half); odd Ids skipped",
            "requests": len(requests),
            "fitted": date.today().isoformat(),
            "script": "benchmarks/fit_politeness.py",
            "model": "logistic regression, top vs bottom quarter of Normalized Score",
            "vocabulary_size": settings.size,
            "penalty": settings.penalty,
            "prior_penalty": PRIOR_PENALTY,
            "length_penalty": LENGTH_PENALTY,
            "min_share_of_hand_weight": MIN_SHARE,
            "wording_cap": WORDING_CAP,
            "intercept": round(intercept, 4),
        },
        "wording_decay": WORDING_DECAY,
        "length": length,
        "strategies": strategies,
        "wording": dict(sorted(wording.items())),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--csv", type=Path, default=DEFAULT_CSV)
    parser.add_argument("--out", type=Path, default=WEIGHTS_PATH)
    args = parser.parse_args()
    document = fitted_model(load_fitting_half(args.csv))
    text = json.dumps(document, indent=1, ensure_ascii=False)
    args.out.write_text(text + "\n", encoding="utf-8")
    ranked = sorted(document["wording"].items(), key=lambda item: item[1])
    print(f"wrote {args.out}: {len(ranked)} phrases")
    print("length:", document["length"], "strategies:", document["strategies"])
    print("most negative wording:", ranked[:15])
    print("most positive wording:", ranked[-15:][::-1])


if __name__ == "__main__":
    main()
