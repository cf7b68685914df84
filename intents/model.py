"""The learned request model at run time: a multinomial logistic regression, in pure Python.

Trained by :mod:`intents.train` (``make train``, ``concierge train``) and shipped as
``intents/data/model.json``; a community may train its own file with its residents' confirmed
examples and give its path to the :class:`~intents.pipeline.Understander`. The file holds the
classes, one bias per class and, per feature, one weight per class as integers scaled by
``scale`` (compact, exact across platforms, and quick to load). No numpy at run time: a
message has a few hundred features, each a dictionary look-up and a sum of short tuples.
"""

from __future__ import annotations

import json
import math
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Any

SHIPPED = Path(__file__).resolve().parent / "data" / "model.json"
FORMAT = 1
# Packed rows (see ``Model._packed``): a weight is kept within +-_OFFSET (131 at scale 1000, far
# beyond any trained weight) and a message's features (at most a few hundred) cannot overflow
# a field: (2 * _OFFSET) * 2**13 == 2**_FIELD.
_FIELD = 32
_OFFSET = 1 << 17
_MASK = (1 << _FIELD) - 1


class ModelError(ValueError):
    """A model file that cannot be used (missing, not JSON, or not a model)."""


@dataclass(frozen=True)
class Model:
    """Classes, biases and sparse per-feature weights of a linear model."""

    classes: tuple[str, ...]
    bias: tuple[float, ...]
    # Per feature, one integer weight per class; the real weight is the integer / ``scale``
    # (summed as integers, divided once per class: loading stays fast).
    weights: Mapping[str, tuple[int, ...]]
    meta: Mapping[str, Any] = field(default_factory=dict)
    scale: float = 1000.0
    # The second model, over catalogue ids: which service or tool a request names, learned
    # from the corpus's targets (None: the rules' choice alone).
    targets: Model | None = None

    def with_targets(self, targets: Model | None) -> Model:
        """This model with another target model."""
        return Model(self.classes, self.bias, self.weights, self.meta, self.scale, targets)

    @cached_property
    def _packed(self) -> dict[str, int]:
        """Each row as one integer, a ``_FIELD``-bit field per class holding weight + offset:
        summing a message's rows is then one ``sum`` of integers, not a loop per class."""
        packed = {}
        for name, row in self.weights.items():
            value = 0
            for k, weight in enumerate(row):
                value |= (max(-_OFFSET + 1, min(_OFFSET - 1, weight)) + _OFFSET) << (_FIELD * k)
            packed[name] = value
        return packed

    @cached_property
    def _grams(self) -> dict[str, int]:
        """The packed rows of the character n-grams keyed by the gram itself, without its
        ``g:`` prefix: a message's grams are looked up without building a string each."""
        return {name[2:]: row for name, row in self._packed.items() if name.startswith("g:")}

    def probabilities(self, features: Iterable[str]) -> dict[str, float]:
        """The probability of each class given a message's features (softmax of the sums)."""
        # (a packed row is never 0: every field holds its weight plus the offset)
        return self._softmax(list(filter(None, map(self._packed.get, set(features)))))

    def probabilities_of(self, grams: Collection[str], others: Iterable[str]) -> dict[str, float]:
        """``probabilities(["g:" + g for g in grams] + others)`` for a set of n-grams given
        bare (:func:`intents.features.gram_set`): the same integer sums, so the same floats,
        without a prefixed string per gram (the no-cue chatter's largest cost)."""
        rows = list(filter(None, map(self._grams.get, grams)))
        rows += filter(None, map(self._packed.get, set(others)))
        return self._softmax(rows)

    def _softmax(self, rows: list[int]) -> dict[str, float]:
        """Softmax of the biases plus the summed packed rows of a message's features."""
        packed, base = sum(rows), len(rows) * _OFFSET
        sums = [
            b + (((packed >> (_FIELD * k)) & _MASK) - base) / self.scale
            for k, b in enumerate(self.bias)
        ]
        top = max(sums)
        exps = [math.exp(s - top) for s in sums]
        total = sum(exps)
        return {name: e / total for name, e in zip(self.classes, exps, strict=True)}

    def to_json(self) -> dict[str, Any]:
        """The file form; rows of zeros are dropped."""
        weights = {name: list(row) for name, row in sorted(self.weights.items()) if any(row)}
        return {
            "format": FORMAT,
            "classes": list(self.classes),
            "bias": [round(b, 6) for b in self.bias],
            "scale": self.scale,
            "meta": dict(self.meta),
            "weights": weights,
            **({} if self.targets is None else {"targets": self.targets.to_json()}),
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any], *, nested: bool = False) -> Model:
        """Rebuild a model from its file form; a wrong shape raises :class:`ModelError`."""
        try:
            if data["format"] != FORMAT:
                raise ModelError(f"model format {data['format']!r}, expected {FORMAT}")
            classes = tuple(str(c) for c in data["classes"])
            bias = tuple(float(b) for b in data["bias"])
            scale = float(data["scale"])
            weights = {name: tuple(row) for name, row in data["weights"].items()}
        except (KeyError, TypeError, AttributeError) as exc:
            raise ModelError(f"not a model file: {exc!r}") from exc
        if ("none" not in classes and not nested) or len(bias) != len(classes):
            raise ModelError("a model needs the class 'none' and one bias per class")
        if {len(row) for row in weights.values()} - {len(classes)}:
            raise ModelError("a weight row does not have one weight per class")
        targets = cls.from_json(data["targets"], nested=True) if "targets" in data else None
        return cls(classes, bias, weights, dict(data.get("meta", {})), scale, targets)

    @classmethod
    def load(cls, path: Path) -> Model:
        """Read a model file."""
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise ModelError(f"{path}: {exc}") from exc
        return cls.from_json(data)

    @classmethod
    def shipped(cls) -> Model:
        """The model shipped inside the package, read once per process."""
        return _shipped()

    def save(self, path: Path) -> None:
        """Write the model file (compact JSON, UTF-8)."""
        text = json.dumps(self.to_json(), ensure_ascii=False, separators=(",", ":"))
        path.write_text(text + "\n", encoding="utf-8")


@lru_cache(maxsize=1)
def _shipped() -> Model:
    return Model.load(SHIPPED)


def build(
    classes: Sequence[str],
    bias: Sequence[float],
    weights: Mapping[str, Sequence[float]],
    meta: Mapping[str, Any] | None = None,
    scale: float = 1000.0,
) -> Model:
    """A model from real-valued weights (what training produces), rounded to ``1 / scale``."""
    return Model(
        tuple(classes),
        tuple(float(b) for b in bias),
        {name: tuple(round(w * scale) for w in row) for name, row in weights.items()},
        dict(meta or {}),
        scale,
    )
