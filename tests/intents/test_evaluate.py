"""Quality gates on labelled sets, scored through the same code path as ``make eval``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from intents.evaluate import MEASURE, Report, evaluate, load, main, render
from intents.pipeline import Understander
from intents.train import CORPUS


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


def test_labels_without_a_target_accept_any_target_on_what_needs_none(
    understander: Understander,
) -> None:
    """A cancel labelled without a target ("" or null) is right whatever it names; one that
    names a service, and a service request, must name the right one."""
    examples: list[dict[str, object]] = [
        {"text": "取消明天的保洁", "intent": "cancel", "target": ""},
        {"text": "取消明天的保洁", "intent": "cancel", "target": "window_cleaning"},
        {"text": "马桶堵了，谁能来通一下", "intent": "service_request", "target": ""},
    ]
    report = evaluate(examples, understander)
    assert (report.caught, report.target_right) == (3, 1), render(report)


def test_main_prints_figures(capsys: pytest.CaptureFixture[str]) -> None:
    path = CORPUS / "p-dev.jsonl"
    assert main([str(path)]) == 0
    out = capsys.readouterr().out
    for label in ("chatter answered", "requests missed", "emergencies missed", "intent accuracy",
                  "target accuracy"):  # fmt: skip
        assert label in out


def test_the_measurement_sets_are_never_training_data() -> None:
    """The untouched sets score the model; none of their messages may be in the corpus."""
    measured = {str(e["text"]) for path in MEASURE.glob("*.jsonl") for e in load(path)}
    trained = {str(e["text"]) for path in CORPUS.glob("*.jsonl") for e in load(path)}
    assert len(measured) >= 300
    assert measured & trained == set()


def test_main_without_files_cross_validates_and_scores_the_untouched_sets(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`make eval`: leave-one-writer-out on the corpus, then the shipped model on the
    measurement sets (here two tiny writers and one tiny set)."""
    corpus, measure = tmp_path / "corpus", tmp_path / "measure"
    corpus.mkdir()
    measure.mkdir()
    rows = {
        "w01": [("马桶堵了，谁能来通一下", "service_request", "drain_unclogging"),
                ("谢谢大家", "none", ""), ("借个梯子", "borrow_tool", "ladder")],
        "w02": [("下水道堵了 求师傅", "service_request", "drain_unclogging"),
                ("哈哈哈好的", "none", ""), ("谁有梯子借我用下", "borrow_tool", "ladder")],
    }  # fmt: skip
    for writer, lines in rows.items():
        text = "\n".join(
            json.dumps({"text": t, "intent": i, "target": g, "writer": writer}, ensure_ascii=False)
            for t, i, g in lines
        )
        (corpus / f"{writer}.jsonl").write_text(text + "\n", "utf-8")
    (measure / "m.jsonl").write_text('{"text": "谢谢", "intent": "none"}\n', "utf-8")
    assert main([], corpus=corpus, measure=measure) == 0
    out = capsys.readouterr().out
    assert "leave-one-writer-out" in out
    assert "  w01 " in out and "  w02 " in out and "all held out" in out
    assert "group bar sweep" in out
    assert "  m " in out and "all untouched" in out
