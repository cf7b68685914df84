"""The model's features, as pure tables: what a message looks like and what the rules read."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from intents.catalogue import Catalogue
from intents.features import NGRAM_CHARS, features, gram_set, ngrams
from intents.normalize import normalize
from intents.pipeline import Understander


def _features(understander: Understander, text: str, chat: str = "group") -> set[str]:
    return set(understander.read(text, chat, None)[1])  # type: ignore[arg-type]


def test_ngrams_are_one_to_three_characters_with_marked_ends_and_folded_digits() -> None:
    assert ngrams("修5") == [
        "g:修", "g:0",  # unigrams, the digit folded
        "g:<修", "g:修0", "g:0>",  # bigrams, with the start and end marks
        "g:<修0", "g:修0>",  # trigrams
    ]  # fmt: skip


def test_only_the_start_of_a_long_post_gives_ngrams() -> None:
    grams = ngrams("好" * (NGRAM_CHARS + 100))
    assert len(grams) == NGRAM_CHARS + (NGRAM_CHARS + 1) + NGRAM_CHARS


@pytest.mark.parametrize(
    ("text", "present", "absent"),
    [
        # a request: the cue, the target's kind, id, category and strength, the rules' verdict
        ("马桶堵了，谁能来通一下", {"s:request", "s:problem", "t:service", "t:id:drain_unclogging",
         "chat:group"}, {"s:unread"}),
        # borrowing a tool
        ("谁有梯子借我用一下", {"s:borrow", "t:tool", "t:id:ladder"}, set()),
        # a story of past work: the narrative cues, and the rules said none
        ("上周请人洗了油烟机 挺干净", {"s:past", "s:narrative"}, {"s:request"}),
        # nothing named and nothing asked: the cues are not even read
        ("今天天气真不错", {"s:unread", "len:8"}, {"s:request", "t:service"}),
        # a time said is read ("明天下午3点"), with its hour
        ("明天下午3点来洗空调", {"w:any", "w:hour", "t:id:ac_cleaning"}, {"w:asap"}),
        # English words are features too, stemmed
        ("can someone fix my fridges", {"w:fridge", "w:someone"}, {"w:fridges"}),
        # emoji survive as features although normalisation drops them; 🙏 also pleads
        ("开荒保洁🙏", {"e:🙏", "f:pleading"}, set()),
        # raw-text flags: a door number, a reschedule, asking for the worker's number
        ("送两桶水到5-2-301", {"f:door"}, set()),
        ("能不能改到下午", {"f:moving"}, set()),
        ("师傅电话多少", {"f:contact", "s:status"}, set()),
        # shared cues: the same question in two languages gives the same cues
        ("What time does the parcel station close?", {"k:faq_topic", "k:info_question", "k:faq"},
         set()),
        ("快递驿站几点关门", {"k:faq_topic", "k:info_question", "k:faq"}, set()),
        ("物业费咋交啊 我不会用手机", {"k:faq"}, set()),
        ("Is the plumber still coming? Waited all morning", {"k:status_question"}, {"k:faq"}),
        ("师傅怎么还没来", {"k:status_question"}, set()),
        ("Fixed my own blocked sink with a coat hanger, no plumber needed",
         {"k:told", "k:no_ask"}, set()),
        ("马桶堵了 明天来修", set(), {"k:faq", "k:told", "k:no_ask", "k:status_question"}),
    ],
)  # fmt: skip
def test_what_the_rules_read_becomes_features(
    understander: Understander, text: str, present: set[str], absent: set[str]
) -> None:
    found = _features(understander, text)
    assert present <= found, sorted(present - found)
    assert not (absent & found), sorted(absent & found)


def test_the_chat_is_a_feature(understander: Understander) -> None:
    assert "chat:private" in _features(understander, "保洁", "private")
    assert "chat:group" not in _features(understander, "保洁", "private")


def test_features_are_deterministic_and_need_no_model(
    understander: Understander, now: datetime
) -> None:
    text = "空调不制冷了，能修吗？"
    reading, found = understander.read(text, "group", now)
    assert found == features(text, reading, "group")
    assert reading.normalized == normalize(text)
    assert found == understander.read(text, "group", now)[1]


@pytest.mark.parametrize(
    "text",
    ["修5", "", "a", "马桶堵了，谁能来通一下", "can someone fix my fridge tomorrow?", "好" * 300,
     "哈哈哈 lol 😂 3栋", "我家的热水器坏了 明天下午3点来修 多少钱"],
)  # fmt: skip
def test_the_bare_grams_and_the_rest_are_the_features_and_score_alike(text: str) -> None:
    """The request model sums the bare n-grams and the other features (no prefixed string
    per n-gram): the same features, so the same probabilities to the last bit, for both
    models."""
    understander = Understander(Catalogue.default(), ZoneInfo("Asia/Shanghai"))
    for chat in ("group", "private"):
        seen = understander.see(text, chat, datetime(2026, 11, 25, 10, 0))
        if seen.reading is None:
            continue
        grams, others = seen.split
        assert {"g:" + g for g in grams} | set(others) == set(seen.features)
        model = understander.model
        assert model.probabilities_of(grams, others) == model.probabilities(seen.features)
        assert model.targets is not None
        assert model.targets.probabilities_of(grams, others) == model.targets.probabilities(
            seen.features
        )
        assert gram_set(seen.reading.normalized) == {
            g[2:] for g in ngrams(seen.reading.normalized)
        }
