"""Emergencies now vs the same words in chatter, on a labelled table of varied messages.

``emergency_table.jsonl`` holds one message a line: ``text``, ``kind`` (an
:class:`EmergencyKind` value or ``"none"``) and ``lang`` (``zh``, ``zh-hant``, ``en``). Missing an
emergency is the worst error the bot can make, so none may be missed; a near miss alarmed costs
a phone call, so a couple are tolerated.
"""

from __future__ import annotations

import json
import re._constants as sre
import re._parser as sre_parse
import tomllib
from collections import Counter
from datetime import datetime
from importlib import resources
from pathlib import Path
from typing import Any

import pytest

from intents.emergency import Emergency, EmergencyKind, detect_emergency, might_be_emergency
from intents.pipeline import Understander

TABLE = Path(__file__).resolve().parent / "emergency_table.jsonl"
MAX_NEAR_MISSES_ALARMED = 2


def _rows() -> list[dict[str, str]]:
    with TABLE.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


ROWS = _rows()
EMERGENCIES = [r for r in ROWS if r["kind"] != "none"]
NEAR_MISSES = [r for r in ROWS if r["kind"] == "none"]


def _kind(found: Emergency | None) -> str:
    return "none" if found is None else str(found.kind)


def test_table_is_large_and_varied() -> None:
    assert len(ROWS) >= 150
    assert len(EMERGENCIES) >= 60
    assert len(NEAR_MISSES) >= 90
    kinds = Counter(r["kind"] for r in EMERGENCIES)
    assert set(kinds) == {str(k) for k in EmergencyKind}
    assert min(kinds.values()) >= 6, kinds
    langs = Counter((r["kind"] != "none", r["lang"]) for r in ROWS)
    for is_emergency in (True, False):
        for lang in ("zh", "zh-hant", "en"):
            assert langs[(is_emergency, lang)] >= 3, langs
    assert len({r["text"] for r in ROWS}) == len(ROWS), "duplicate messages"


def test_no_emergency_is_missed_and_few_near_misses_alarm() -> None:
    missed = [
        f"  {r['kind']}: got {_kind(detect_emergency(r['text']))}: {r['text']}"
        for r in EMERGENCIES
        if _kind(detect_emergency(r["text"])) != r["kind"]
    ]
    alarmed = [
        f"  alarmed as {_kind(found)} ({found.evidence}): {r['text']}"
        for r in NEAR_MISSES
        if (found := detect_emergency(r["text"])) is not None
    ]
    print(f"emergencies missed or misread: {len(missed)}/{len(EMERGENCIES)}", *missed, sep="\n")
    print(f"near misses alarmed: {len(alarmed)}/{len(NEAR_MISSES)}", *alarmed, sep="\n")
    assert not missed, "\n".join(missed)
    assert len(alarmed) <= MAX_NEAR_MISSES_ALARMED, "\n".join(alarmed)


@pytest.mark.parametrize("row", EMERGENCIES, ids=lambda r: r["text"][:30])
def test_the_pipeline_puts_every_emergency_first(
    understander: Understander, now: datetime, row: dict[str, str]
) -> None:
    for chat in ("group", "private"):
        got = understander.understand(row["text"], chat=chat, now=now)
        assert (got.intent, got.target, got.respond) == ("emergency", None, True)
        assert got.emergency == EmergencyKind(row["kind"])
        assert (got.when, got.duration, got.unmatched_request) == (None, None, False)


@pytest.mark.parametrize("row", NEAR_MISSES, ids=lambda r: r["text"][:30])
def test_the_pipeline_never_alarms_on_a_near_miss_it_does_not_detect(
    understander: Understander, now: datetime, row: dict[str, str]
) -> None:
    got = understander.understand(row["text"], now=now)
    if detect_emergency(row["text"]) is None:
        assert got.intent != "emergency"
        assert got.emergency is None


@pytest.mark.parametrize(
    ("text", "kind", "evidence"),
    [
        ("家里煤气味很重", EmergencyKind.GAS, "煤气味"),
        ("煤汽味好大", EmergencyKind.GAS, "煤气味"),  # typo folded before matching
        ("樓道裡有煙味…著火了", EmergencyKind.FIRE, "着火"),  # traditional folded too
        ("奶奶摔到了 起不来", EmergencyKind.FALL, "摔倒"),
        ("救明", EmergencyKind.HELP, "救命"),
        (
            "elevator stuck with ppl inside",
            EmergencyKind.LIFT,
            "elevator stuck with people inside",
        ),
    ],
)
def test_evidence_is_the_normalised_words_that_matched(
    text: str, kind: EmergencyKind, evidence: str
) -> None:
    found = detect_emergency(text)
    assert found == Emergency(kind, evidence)


@pytest.mark.parametrize("text", ["help!", "HELP", "help me", "Emergency!!", "please help"])
def test_a_shouted_or_addressed_help_is_a_cry(text: str) -> None:
    assert _kind(detect_emergency(text)) == "help"


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("救命 电梯停了 我在里面", EmergencyKind.LIFT),  # detail beats the bare cry
        ("快来人 奶奶晕倒了", EmergencyKind.MEDICAL),
        ("着火了 有人被困在电梯里", EmergencyKind.FIRE),  # fire first: it threatens everyone
        ("help my dad fell down the stairs", EmergencyKind.FALL),
    ],
)
def test_the_most_specific_kind_wins(text: str, kind: EmergencyKind) -> None:
    assert _kind(detect_emergency(text)) == kind


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "谢谢师傅",
        "明天下午帮我洗油烟机",
        "need help " * 400,  # a long repetition is noise, not a cry
        "/help",  # a command, not a cry
        "help",  # a quiet "help" asks how to use the bot
        "emergency contact form for the new tenants",
        "今天天气不错" * 100,
    ],
)
def test_ordinary_and_odd_text_is_quiet(text: str) -> None:
    assert detect_emergency(text) is None


def _samples(tokens: Any, cap: int = 3000) -> list[str]:
    """Strings a parsed regex matches, one per combination of alternatives (up to ``cap``)."""
    results = [""]
    for op, av in tokens:
        results = [r + o for r in results for o in _options(op, av, cap)][:cap]
    return results


def _options(op: Any, av: Any, cap: int) -> list[str]:
    """What one regex token may stand for; lookbehinds and lookaheads count as text."""
    if op is sre.LITERAL:
        return [chr(av)]
    if op is sre.IN:
        return [chr(v) for o, v in av if o is sre.LITERAL] or ["#"]
    if op is sre.BRANCH:
        return [s for branch in av[1] for s in _samples(branch, cap)]
    if op is sre.SUBPATTERN:
        return _samples(av[3], cap)
    if op in (sre.MAX_REPEAT, sre.MIN_REPEAT):
        low, _, inner = av
        once = _samples(inner, cap)
        return ["", *once] if low == 0 else [s * low for s in once]
    if op is sre.ASSERT:
        return _samples(av[1], cap)
    if op is sre.CATEGORY:
        return [" "] if av is sre.CATEGORY_SPACE else ["x"]
    return [""]  # \b, ^, $, negative lookarounds, "."


def _data() -> dict[str, Any]:
    text = resources.files("intents.data").joinpath("emergency.toml").read_text("utf-8")
    return tomllib.loads(text)


def test_every_pattern_and_typo_passes_the_pre_filter() -> None:
    """A pattern whose words miss the trigger list could never fire (a silent miss)."""
    data = _data()
    patterns = [p for p, _ in data["typos"]]
    for table in data["kinds"].values():
        # "support" never counts alone, so its words need not pass the pre-filter
        for tier in ("strong", "plain", "weak", "cries", "bare", "shouted"):
            patterns += table.get(tier, [])
    blind = {
        f"{pattern!r} can match {sample!r}"
        for pattern in patterns
        for sample in _samples(sre_parse.parse(pattern))
        if not might_be_emergency(sample)
    }
    assert not blind, "\n".join(sorted(blind))


HERE = Path(__file__).resolve().parent
MAX_BLIND_FALSE_ALARMS = 2


def _blind_rows(name: str) -> list[dict[str, Any]]:
    with (HERE / name).open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


@pytest.mark.parametrize(
    "name",
    [
        # scored before any tuning on it: 10/76 missed, 5/86 false alarms
        "emergency_blind1.jsonl",
        # a second writer (guards, dialects, clinical words): 18/76 missed, 2 false alarms
        "emergency_blind2.jsonl",
        # a third writer, eight personas (violence, stroke, poison, fumes, water on electrics):
        # 35/120 missed, 7/80 false alarms; kinds are the rules' reading after the fixes (the
        # writer labelled only emergency or not)
        "emergency_blind3.jsonl",
        # a fourth writer, eight more personas (a night nurse, a rider, Dongbei and Sichuan
        # dialect, a Korean resident, a retired cadre, a child, a guard): 36/120 missed on main,
        # still 34/120 after the third set's fixes, 3/80 false alarms; kinds as for the third
        "emergency_blind4.jsonl",
        # a fifth writer, eight more personas (a Shanghainese grandmother, a Minnan speaker, a
        # deaf resident, a student renter, a pregnant woman, a night dog walker, a kindergarten
        # teacher, the property's electrician), measured once and then read: 30/120 missed and
        # 5/80 false alarms on main, 0/120 and 0/80 after its misses were fixed as classes
        # (Minnan and Shanghainese words, an elder lost, a child alone, taken or shut in a car,
        # an electric shock, a pregnancy in trouble); kinds as for the third
        "emergency_blind5.jsonl",
    ],
)
def test_an_independent_writers_batch_stays_caught(name: str) -> None:
    """A regression guard: an independent writer's blind batch, now used for development.

    Borderline lines, on which reasonable readers disagree, are left out. Only detection is
    asserted here: the kind a writer chose ("跌倒 … 头流好多血": fall or medical) is printed
    when it differs.
    """
    rows = [r for r in _blind_rows(name) if not r["borderline"]]
    emergencies = [r for r in rows if r["label"] == "emergency"]
    quiet = [r for r in rows if r["label"] == "none"]
    assert len(emergencies) >= 70 and len(quiet) >= 80
    found = {r["text"]: detect_emergency(r["text"]) for r in rows}
    missed = [f"  {r['kind']}: {r['text']}" for r in emergencies if found[r["text"]] is None]
    misread = [
        f"  {r['kind']} read as {_kind(found[r['text']])}: {r['text']}"
        for r in emergencies
        if found[r["text"]] is not None and _kind(found[r["text"]]) != r["kind"]
    ]
    alarmed = [
        f"  alarmed as {_kind(hit)} ({hit.evidence}): {r['text']}"
        for r in quiet
        if (hit := found[r["text"]]) is not None
    ]
    print(f"blind emergencies missed: {len(missed)}/{len(emergencies)}", *missed, sep="\n")
    print(f"blind kinds read differently: {len(misread)}", *misread, sep="\n")
    print(f"blind false alarms: {len(alarmed)}/{len(quiet)}", *alarmed, sep="\n")
    assert not missed, "\n".join(missed)
    assert len(alarmed) <= MAX_BLIND_FALSE_ALARMS, "\n".join(alarmed)


# Written a word at a time with spaces between (a learner's or a deaf resident's typing, some
# voice input): the same danger the joined words tell, and the same quiet for chatter.
@pytest.mark.parametrize(
    ("spaced", "kind"),
    [
        ("厨房 有 煤气 味道 很 大 我 害怕", "gas"),
        ("爸爸 倒 在 地上 叫 不 醒", "medical"),
        ("电梯 停 了 我 在 里面 出 不 去 救 命", "lift"),
        ("楼下 着火 了 好多 烟", "fire"),
    ],
)
def test_a_message_typed_word_by_word_is_read_as_the_joined_words(spaced: str, kind: str) -> None:
    joined = spaced.replace(" ", "")
    assert _kind(detect_emergency(joined)) == kind  # the table's premise: joined, it is caught
    assert _kind(detect_emergency(spaced)) == kind


@pytest.mark.parametrize(
    "spaced",
    [
        "昨天 爸爸 摔 了 一 跤 现在 好 了 谢谢 大家",
        "明天 消防 演习 大家 下楼",
        "我 想 洗 油烟机 多少 钱",
    ],
)
def test_chatter_typed_word_by_word_stays_quiet(spaced: str) -> None:
    assert detect_emergency(spaced) is None


def test_ordinary_clauses_are_not_joined_across() -> None:
    # Two clauses of ordinary length keep their boundary: the reassurance still frames the past.
    assert detect_emergency("前年我妈摔倒了 现在好了") is None


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("我妈家漏水漏得像下雨 楼上没人 水已经淹到脚脖子了", "flood"),
        ("隔壁没人在家 门缝里冒黑烟", "fire"),
        ("没有煤气味 放心", "none"),
        ("there is no real smoke, just steam", "none"),
    ],
)
def test_a_denial_covers_its_own_clause_only(text: str, kind: str) -> None:
    # "楼上没人" denies that anyone is upstairs, not the water in the next clause
    assert _kind(detect_emergency(text)) == kind
