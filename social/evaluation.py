"""How far to trust the sentiment analyser: accuracy and per-class recall on a labelled set."""

import csv
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from social.sentiment import NEGATIVE, NEUTRAL, POSITIVE, classify

LABELLED_SET = Path(__file__).resolve().parent.parent / "tests" / "social" / "data" / "sentiment_labelled.csv"
CLASSES = (POSITIVE, NEUTRAL, NEGATIVE)


@dataclass(frozen=True)
class Evaluation:
    total: int
    correct: int
    recall: dict  # class -> share of its items labelled right
    support: dict  # class -> items
    mistakes: list  # (expected, got, text)

    @property
    def accuracy(self):
        return self.correct / self.total if self.total else 0.0


def evaluate(path=LABELLED_SET):
    with open(path, encoding="utf-8", newline="") as handle:
        rows = [(row["label"], row["text"]) for row in csv.DictReader(handle)]
    hits, support, mistakes = Counter(), Counter(), []
    for label, text in rows:
        got = classify(text)
        support[label] += 1
        if got == label:
            hits[label] += 1
        else:
            mistakes.append((label, got, text))
    return Evaluation(total=len(rows), correct=sum(hits.values()),
                      recall={label: hits[label] / support[label] for label in CLASSES if support[label]},
                      support=dict(support), mistakes=mistakes)
