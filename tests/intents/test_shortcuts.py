"""The shortcuts that make group chatter cheap, on every message the project holds (the
corpus, the emergency tables):

- a message that names nothing and asks nothing skips the forty patterns of the full reading
  (the model sees that as its ``s:unread`` feature, in training and at run time alike);
- the typo pass tries only the aliases that share enough characters to reach its cutoff, and
  every alias rapidfuzz would have found among all of them is among those.
"""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from rapidfuzz import fuzz, process

from intents import rules
from intents.catalogue import Catalogue
from intents.gate import FirstCues, Signals
from intents.matching import FUZZY_CUTOFF, Matcher
from intents.normalize import normalize
from intents.pipeline import MAX_CHARS, Understander

HERE = Path(__file__).resolve().parent
CORPUS = HERE.parent.parent / "intents" / "corpus"
EXTRA = [
    "今天天气真不错，晚上一起去散步吗",
    "哈哈哈好的",
    "好的",
    "谢谢大家",
    "抽油烟的机子太脏",  # a typo of an alias
    "洗衣级不脱水了",
    "can someone fix my refrigirator",
    "🙏🙏",
    "救命",
]


def _messages() -> list[str]:
    texts = list(EXTRA)
    for path in [*sorted(HERE.glob("*.jsonl")), *sorted(CORPUS.glob("*.jsonl"))]:
        if path.exists():
            rows = path.read_text(encoding="utf-8").splitlines()
            texts += [json.loads(line)["text"] for line in rows if line.strip()]
    return sorted(set(texts))


MESSAGES = _messages()


def test_there_are_enough_messages_to_mean_something() -> None:
    assert len(MESSAGES) >= 1500


def test_the_shortcut_is_taken_by_plain_chatter(
    catalogue: Catalogue, tz: ZoneInfo, now: datetime, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Not a timing: that the cheap ending is reached at all. The full reading calls the
    signal reader; counted, not replaced."""
    fast = Understander(catalogue, tz)
    calls: list[str] = []
    reader = rules.read_signals

    def counted(normalized: str, first: FirstCues | None = None) -> Signals:
        calls.append(normalized)
        return reader(normalized, first)

    monkeypatch.setattr(rules, "read_signals", counted)
    for text in ("今天天气真不错，晚上一起去散步吗", "哈哈哈好的", "谢谢大家"):
        fast.understand(text, chat="group", now=now)
    assert calls == []
    fast.understand("马桶堵了，谁能来通一下", chat="group", now=now)
    assert len(calls) == 1


def test_the_typo_pass_skips_only_aliases_it_could_not_reach(catalogue: Catalogue) -> None:
    matcher = Matcher(catalogue)
    near = matcher._fuzzy_cjk
    missed = {}
    for text in MESSAGES:
        compact = normalize(text[:MAX_CHARS]).replace(" ", "")
        if len(compact) < 3 or compact.isascii():
            continue
        found = process.extract(
            compact,
            near.choices,
            scorer=fuzz.partial_ratio,
            score_cutoff=FUZZY_CUTOFF,
            limit=None,
        )
        reached = set(near.reachable(compact))
        lost = [alias for alias, _, index in found if index not in reached]
        if lost:
            missed[text] = lost
    assert missed == {}
