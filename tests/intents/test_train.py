"""Training: one command, the corpus plus a community's own examples, a file the bot loads."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import pytest

from bot.cli import main as concierge
from bot.config import ConfigError, settings_from_env
from intents.model import Model
from intents.pipeline import Understander
from intents.train import EXTRA_WEIGHT, Example, fit, load, parse, train


def _write(path: Path, rows: list[tuple[str, str, str]], writer: str = "c") -> Path:
    lines = [
        json.dumps({"text": t, "intent": i, "target": g, "chat": "group", "writer": writer},
                   ensure_ascii=False)
        for t, i, g in rows
    ]  # fmt: skip
    path.write_text("\n".join(lines) + "\n", "utf-8")
    return path


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ('{"text": "借梯子", "intent": "borrow_tool", "target": "ladder", "writer": "w1"}',
         Example("借梯子", "borrow_tool", "ladder", "group", "w1")),
        ('{"text": "谢谢", "intent": "none", "target": "", "chat": "private"}',
         Example("谢谢", "none", None, "private", "")),
        ('{"text": "谢谢"}', Example("谢谢", "none", None, "group", "")),
    ],
)  # fmt: skip
def test_a_corpus_line(line: str, expected: Example) -> None:
    assert parse(line, "f:1") == expected


@pytest.mark.parametrize(
    ("line", "problem"),
    [
        ("{", "f:1: not JSON"),
        ('{"intent": "none"}', 'f:1: expected an object with a string "text"'),
        ('{"text": "x", "intent": "book"}', "f:1: unknown intent 'book'"),
    ],
)
def test_a_bad_corpus_line_says_where_and_why(line: str, problem: str) -> None:
    with pytest.raises(ValueError, match=problem):
        parse(line, "f:1")


def test_fit_learns_a_tiny_separable_set() -> None:
    featuresets = [["g:修"], ["g:修", "g:坏"], ["g:谢"], ["g:谢", "g:好"]] * 3
    labels = ["service_request", "service_request", "none", "none"] * 3
    model = fit(featuresets, labels, c=10.0)
    assert set(model.classes) == {"none", "service_request"}
    assert model.probabilities(["g:修"])["service_request"] > 0.8
    assert model.probabilities(["g:谢"])["none"] > 0.8


def test_train_writes_a_model_the_bot_can_load(tmp_path: Path, now: datetime) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    rows = [
        ("马桶堵了 找人通", "service_request", "drain_unclogging"),
        ("下水道堵了 谁能来通一下", "service_request", "drain_unclogging"),
        ("谢谢大家", "none", ""),
        ("哈哈哈好的", "none", ""),
        ("借个梯子", "borrow_tool", "ladder"),
        ("谁有梯子借我用用", "borrow_tool", "ladder"),
    ]
    _write(corpus / "w01.jsonl", rows)
    out = tmp_path / "model.json"
    said = train(out=out, corpus=corpus)
    assert "trained on 6 corpus examples from 1 files and 0 extra" in said
    model = Model.load(out)
    assert model.meta["examples"] == 6
    assert len(load(corpus / "w01.jsonl")) == 6


# In this community a retired neighbour sharpens knives for everyone, and residents ask him in
# the group: the bot answering those asks is answering chatter, and its residents press ✖.
DISMISSED = [
    "谁能帮我磨下菜刀",
    "菜刀钝了 谁有空帮我磨磨",
    "剪刀不快了 有人会磨吗",
    "家里两把刀想磨一下 谁方便",
    "求磨刀 切肉都切不动了",
    "周末谁能帮忙磨个刀",
]


def test_retraining_with_a_communitys_dismissals_changes_the_answer(
    tmp_path: Path, understander: Understander, now: datetime
) -> None:
    """`concierge train --extra` folds a community's confirmed examples into its own model:
    the messages its residents dismissed are no longer answered by that model, while the
    shipped model still answers them and other requests stay requests."""
    for text in DISMISSED:
        got = understander.understand(text, now=now)
        assert (got.intent, got.target) == ("service_request", "knife_sharpening"), text
    extra = _write(tmp_path / "ours.jsonl", [(t, "none", "") for t in DISMISSED])
    out = tmp_path / "community-model.json"
    assert concierge(["train", "--extra", str(extra), "--out", str(out)]) == 0
    ours = Understander(understander.catalogue, understander.tz, model=out)
    assert ours.model.meta["extra"] == len(DISMISSED) and EXTRA_WEIGHT > 1
    assert [ours.understand(t, now=now).intent for t in DISMISSED] == ["none"] * len(DISMISSED)
    assert ours.understand("马桶堵了 谁能来通一下", now=now).target == "drain_unclogging"
    assert understander.understand(DISMISSED[0], now=now).intent == "service_request"


def test_the_bot_loads_a_community_model_when_its_file_is_there(tmp_path: Path) -> None:
    env = {"CONCIERGE_DB": str(tmp_path / "concierge.db")}
    assert settings_from_env(env, require_token=False).model is None  # the shipped one
    Model(("none", "faq"), (0.0, 0.0), {}).save(tmp_path / "community-model.json")
    assert settings_from_env(env, require_token=False).model is not None
    elsewhere = tmp_path / "elsewhere.json"
    elsewhere.write_text("not a model", "utf-8")
    with pytest.raises(ConfigError, match="CONCIERGE_MODEL"):
        settings_from_env({**env, "CONCIERGE_MODEL": str(elsewhere)}, require_token=False)
