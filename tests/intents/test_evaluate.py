"""Quality gates on labelled sets, scored through the same code path as ``make eval``."""

from __future__ import annotations

from pathlib import Path

import pytest

from intents.evaluate import DEFAULT_FILE, Report, default_sets, evaluate, load, main, render
from intents.pipeline import Understander

HERE = Path(__file__).resolve().parent
SETS = [
    pytest.param(DEFAULT_FILE.resolve(), id="dev"),
    pytest.param(HERE / "heldout.jsonl", id="heldout"),
    pytest.param(HERE / "heldout2.jsonl", id="heldout2"),
    pytest.param(HERE / "heldout3.jsonl", id="heldout3"),
    pytest.param(HERE / "heldout4.jsonl", id="heldout4"),
    pytest.param(HERE / "heldout5.jsonl", id="heldout5"),
    # Written blind to the code by someone else, then used for tuning: regression guards now.
    *(pytest.param(HERE / f"blind{n}.jsonl", id=f"blind{n}") for n in range(1, 7)),
]


@pytest.mark.parametrize("path", SETS)
def test_quality_thresholds(path: Path, understander: Understander) -> None:
    if not path.exists():
        pytest.skip(f"{path} not available in this checkout")
    report = evaluate(load(path), understander)
    assert report.total >= 55
    assert report.chatter_answered_rate <= 3.0, render(report)
    assert report.requests_missed_rate <= 5.0, render(report)
    assert report.wrong_target_rate <= 5.0, render(report)
    assert report.wrong_intent_rate <= 5.0, render(report)
    assert report.emergencies_missed == 0, render(report)


def test_held_out_sets_cover_every_intent_and_id(understander: Understander) -> None:
    targets: set[str] = set()
    intents: set[str] = set()
    for name in (
        "heldout.jsonl",
        "heldout2.jsonl",
        "heldout3.jsonl",
        "heldout4.jsonl",
        "heldout5.jsonl",
    ):
        for example in load(HERE / name):
            intents.add(str(example["intent"]))
            if example.get("target"):
                targets.add(str(example["target"]))
    assert intents == {
        "service_request",
        "price_query",
        "borrow_tool",
        "cancel",
        "status",  # round 2 (labels.toml): one follow-up on a booking in heldout5
        "emergency",
        "none",
    }
    missing = {e.id for e in understander.catalogue.services()} - targets
    assert not missing


def test_report_counts_mistakes(understander: Understander) -> None:
    examples: list[dict[str, object]] = [
        {"text": "谢谢", "intent": "none", "target": None},
        {"text": "借个梯子", "intent": "borrow_tool", "target": "ladder"},
        {"text": "借个梯子", "intent": "borrow_tool", "target": "wheelchair"},  # wrong label
        {"text": "今天好冷", "intent": "service_request", "target": "home_cleaning"},
    ]
    report = evaluate(examples, understander)
    assert isinstance(report, Report)
    assert (report.chatter, report.chatter_answered) == (1, 0)
    assert (report.requests, report.requests_missed, report.caught) == (3, 1, 2)
    assert report.target_right == 1
    assert report.confusions[("borrow_tool/wheelchair", "borrow_tool/ladder")] == 1
    assert "今天好冷" in render(report)


def test_emergencies_are_counted_apart_and_per_writer(understander: Understander) -> None:
    examples: list[dict[str, object]] = [
        {"text": "家里煤气味很重", "intent": "emergency", "writer": "a"},
        {"text": "借个梯子", "intent": "emergency", "writer": "b"},  # a miss: the worst error
        {"text": "借个梯子", "intent": "borrow_tool", "target": "ladder", "writer": "a"},
        {"text": "救命", "intent": "none", "writer": "b"},  # a false alarm
        {"text": "谢谢", "intent": "none", "chat": "private"},
    ]
    report = evaluate(examples, understander)
    assert (report.emergencies, report.emergencies_missed, report.false_alarms) == (2, 1, 1)
    assert (report.requests, report.requests_missed) == (1, 0)
    assert (report.chatter, report.chatter_answered) == (2, 1)
    a, b = report.writers["a"], report.writers["b"]
    assert (a.total, a.emergencies, a.emergencies_missed, a.requests) == (2, 1, 0, 1)
    assert (b.total, b.emergencies_missed, b.chatter_answered) == (2, 1, 1)
    assert set(report.writers) == {"a", "b"}
    text = render(report)
    assert "emergencies missed: 1/2" in text
    assert "writer b:" in text


def test_main_prints_figures(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([str(HERE / "heldout.jsonl")]) == 0
    out = capsys.readouterr().out
    for label in ("chatter answered", "requests missed", "emergencies missed", "intent accuracy",
                  "target accuracy"):  # fmt: skip
        assert label in out


def test_without_shared_eval_the_projects_own_sets_are_scored(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`make eval` on a fresh clone (no ../shared beside it) scores the held-out and blind sets."""
    missing = tmp_path / "shared" / "eval" / "intents-dev.jsonl"
    sets = default_sets(missing)
    assert {p.name for p in sets} >= {"heldout.jsonl", "blind1.jsonl", "blind6.jsonl"}
    assert all(p.parent == HERE for p in sets)  # never the measurement sets in measure/
    assert main([], shared=missing) == 0
    out = capsys.readouterr().out
    assert "is not here: scoring the project's own sets" in out
    assert out.count("file: ") == len(sets)
    total = sum(len(load(p)) for p in sets)
    assert f"messages:           {total}\n" in out


def test_the_shared_dev_set_is_the_default_when_present(tmp_path: Path) -> None:
    """Next to ../shared, the dev set alone is scored, as before."""
    shared = tmp_path / "intents-dev.jsonl"
    shared.write_text('{"text": "马桶堵了", "intent": "service_request"}\n', "utf-8")
    assert default_sets(shared) == [shared.resolve()]
