"""The model at run time: a linear model read from a small file and evaluated in pure Python."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest

from intents.evaluate import load
from intents.model import SHIPPED, Model, ModelError, build
from intents.pipeline import Understander
from intents.train import CORPUS, FIXED_NOW

TINY = build(
    classes=["none", "service_request"],
    bias=[0.5, -0.5],
    weights={"g:修": [-1.0, 2.0], "g:谢": [2.0, -2.0]},
)


@pytest.mark.parametrize(
    ("features", "sums"),
    [
        ([], (0.5, -0.5)),  # the biases alone
        (["g:修"], (-0.5, 1.5)),
        (["g:修", "g:修"], (-0.5, 1.5)),  # a feature counts once
        (["g:修", "g:谢"], (1.5, -0.5)),
        (["unknown"], (0.5, -0.5)),  # a feature the model never saw weighs nothing
    ],
)
def test_probabilities_are_the_softmax_of_the_summed_weights(
    features: list[str], sums: tuple[float, float]
) -> None:
    probs = TINY.probabilities(features)
    total = sum(math.exp(s) for s in sums)
    assert probs["none"] == pytest.approx(math.exp(sums[0]) / total)
    assert probs["service_request"] == pytest.approx(math.exp(sums[1]) / total)


def test_the_file_form_round_trips_at_its_scale(tmp_path: Path) -> None:
    path = tmp_path / "m.json"
    TINY.save(path)
    again = Model.load(path)
    assert again.classes == TINY.classes
    assert again.weights == TINY.weights
    assert again.probabilities(["g:修"]) == pytest.approx(TINY.probabilities(["g:修"]))


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        ("not json", "Expecting value"),
        ('{"format": 2}', "model format 2"),
        ('{"format": 1, "classes": ["a"], "bias": [0], "scale": 1, "weights": {}}', "'none'"),
        (
            '{"format": 1, "classes": ["none", "a"], "bias": [0, 0], "scale": 1,'
            ' "weights": {"x": [1]}}',
            "one weight per class",
        ),
        ('{"format": 1}', "not a model file"),
    ],
)
def test_a_broken_model_file_is_refused_with_its_reason(
    tmp_path: Path, content: str, problem: str
) -> None:
    path = tmp_path / "m.json"
    path.write_text(content, "utf-8")
    with pytest.raises(ModelError, match=problem):
        Model.load(path)


def test_a_missing_model_file_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ModelError):
        Model.load(tmp_path / "absent.json")


def test_the_shipped_model_is_small_and_read_once() -> None:
    assert SHIPPED.stat().st_size < 4_000_000
    assert Model.shipped() is Model.shipped()
    data = json.loads(SHIPPED.read_text("utf-8"))
    assert set(data["classes"]) >= {"none", "service_request", "price_query", "borrow_tool"}


def test_the_shipped_model_agrees_with_its_training_corpus(understander: Understander) -> None:
    """Not an estimate of quality (that is `make eval`, on writers it never saw): a model
    that does not fit its own corpus was trained wrong or shipped stale."""
    wrong = total = 0
    for path in sorted(CORPUS.glob("*.jsonl")):
        for example in load(path):
            chat = "private" if example.get("chat") == "private" else "group"
            got = understander.understand(str(example["text"]), chat=chat, now=FIXED_NOW)
            total += 1
            wrong += got.intent != example["intent"]
    assert total >= 2000
    assert wrong / total <= 0.05, f"{wrong}/{total} answered against the corpus's label"
