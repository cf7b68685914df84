"""The ``classify`` JSON-lines contract used by ``concierge classify``."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from datetime import datetime

from intents.classify import run_classify
from intents.pipeline import Understander

KEYS = {"text", "intent", "target", "score", "when", "duration_seconds", "respond",
        "unmatched_request", "emergency"}  # fmt: skip


def classify(
    lines: list[str], understander: Understander, now: datetime
) -> list[dict[str, object]]:
    """Run the classifier over the given lines and parse its output."""
    out = io.StringIO()
    run_classify(lines, out, understander, now=now)
    return [json.loads(line) for line in out.getvalue().splitlines()]


def test_one_output_line_per_input_with_exact_keys(
    understander: Understander, now: datetime
) -> None:
    lines = [
        json.dumps({"text": "明天下午帮我洗油烟机"}, ensure_ascii=False),
        json.dumps({"text": "谢谢", "chat": "group"}, ensure_ascii=False),
        json.dumps({"text": "狗狗需要托管一周", "chat": "private"}, ensure_ascii=False),
    ]
    results = classify(lines, understander, now)
    assert len(results) == 3
    for result in results:
        assert set(result) == KEYS
    booked, thanks, pet = results
    assert booked["intent"] == "service_request"
    assert booked["target"] == "range_hood_cleaning"
    assert isinstance(booked["score"], float)
    assert booked["when"] == {"start": "2026-11-26T13:00:00+08:00",
                              "end": "2026-11-26T18:00:00+08:00"}  # fmt: skip
    assert booked["duration_seconds"] is None
    assert (thanks["intent"], thanks["target"], thanks["when"]) == ("none", None, None)
    assert pet["duration_seconds"] == 7 * 24 * 3600


def test_bad_lines_become_error_records(understander: Understander, now: datetime) -> None:
    lines = ["not json", '{"chat": "group"}', '["a list"]', '{"text": 5}',
             '{"text": "hi", "chat": "channel"}', "", '{"text": "借个梯子"}']  # fmt: skip
    out = io.StringIO()
    errors = run_classify(lines, out, understander, now=now)
    results = [json.loads(line) for line in out.getvalue().splitlines()]
    assert errors == 5
    assert len(results) == 6  # the blank line is skipped
    assert all(set(r) == {"error"} for r in results[:5])
    assert results[5]["target"] == "ladder"


def test_emergency_is_its_own_intent_with_its_kind(
    understander: Understander, now: datetime
) -> None:
    lines = [
        json.dumps({"text": "救命，我家老人摔倒了"}, ensure_ascii=False),
        json.dumps({"text": "I smell gas in the stairwell", "chat": "private"}),
        json.dumps({"text": "洗油烟机多少钱"}, ensure_ascii=False),
    ]
    fall, gas, price = classify(lines, understander, now)
    assert (fall["intent"], fall["target"], fall["emergency"], fall["respond"]) == (
        "emergency",
        None,
        "fall",
        True,
    )
    assert (gas["intent"], gas["emergency"]) == ("emergency", "gas")
    assert (price["intent"], price["emergency"]) == ("price_query", None)


def test_output_keeps_chinese_readable(understander: Understander, now: datetime) -> None:
    out = io.StringIO()
    run_classify(['{"text": "借个梯子"}'], out, understander, now=now)
    assert "借个梯子" in out.getvalue()


def test_module_entry_point() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "intents.classify"],
        input='{"text": "借个疏通器"}\nbroken\n',
        capture_output=True,
        text=True,
        check=True,
    )
    first, second = (json.loads(line) for line in done.stdout.splitlines())
    assert (first["intent"], first["target"]) == ("borrow_tool", "drain_plunger")
    assert "error" in second
    assert "RuntimeWarning" not in done.stderr
