"""The community file and settings: validated once, with one clear line when wrong."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest

from bot.config import ConfigError, load_community, parse_duration, settings_from_env

SAMPLE = (Path(__file__).parents[1] / "bot" / "data" / "sample-community.toml").read_text("utf-8")
LABELS = Path(__file__).parents[2] / "shared" / "eval" / "labels.toml"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("30s", timedelta(seconds=30)),
        ("10m", timedelta(minutes=10)),
        ("2h", timedelta(hours=2)),
        ("3d", timedelta(days=3)),
        ("1w", timedelta(weeks=1)),
        ("1.5h", timedelta(minutes=90)),
        (45, timedelta(seconds=45)),
    ],
)
def test_durations(text: str | int, expected: timedelta) -> None:
    """Durations accept s/m/h/d/w suffixes (and plain seconds)."""
    assert parse_duration(text) == expected


@pytest.mark.parametrize("text", ["10", "ten minutes", "5x", "", "-3m"])
def test_bad_durations(text: str) -> None:
    """Anything else is an error naming the value."""
    with pytest.raises(ValueError, match="duration"):
        parse_duration(text)


def test_sample_community_covers_the_label_contract() -> None:
    """Every service id is offered by someone and every tool id is in the cabinet."""
    import tomllib

    labels = tomllib.loads(LABELS.read_text("utf-8")) if LABELS.exists() else None
    community = load_community()
    offered = {o.service for p in community.providers for o in p.offers}
    tools = {t.id for t in community.tools}
    if labels is not None:
        assert set(labels["services"]) <= offered
        assert set(labels["tools"]) <= tools
    assert {p.kind for p in community.providers} == {"property", "third_party"}
    assert sum(p.kind == "third_party" for p in community.providers) == 2
    assert len(community.housekeepers) == 2 and len(community.elders) == 2
    hood = {
        p.id: o
        for p in community.providers
        for o in p.offers
        if o.service == "range_hood_cleaning"
    }
    assert hood["jiejia"].price == 180 and hood["jiejia"].market_price == 240


@pytest.mark.parametrize(
    ("change", "where", "what"),
    [
        (("price = 180,", 'price = "cheap",'), "providers[1].offers[2].price", "number"),
        (
            ('timezone = "Asia/Shanghai"', 'timezone = "Mars/Olympus"'),
            "community.timezone",
            "Mars",
        ),
        (
            ('reminder_after = "30m"', 'reminder_after = "half an hour"'),
            "checkins.reminder_after",
            "duration",
        ),
        (
            ('grid_worker = "hk_zhang"', 'grid_worker = "hk_nobody"'),
            "elders[0].grid_worker",
            "hk_nobody",
        ),
        (
            ("rating_floor = 3.5", "rating_floor = 3.5\nratingfloor = 2"),
            "policy.ratingfloor",
            "Extra",
        ),
        (('post_at = "07:30"', 'post_at = "25:99"'), "notices[0].post_at", "time of day"),
    ],
)
def test_broken_file_names_field_and_problem(
    change: tuple[str, str], where: str, what: str
) -> None:
    """A broken value yields one line naming the file, the field and what is wrong."""
    text = SAMPLE.replace(*change, 1)
    assert text != SAMPLE
    with pytest.raises(ConfigError) as caught:
        load_community(Path("mine.toml"), text=text)
    message = str(caught.value)
    assert message.startswith("community file mine.toml: ")
    assert where in message and what in message
    assert "\n" not in message


def test_not_toml_at_all() -> None:
    """Invalid TOML is reported as such, with the file name."""
    with pytest.raises(ConfigError, match=r"mine\.toml: not valid TOML"):
        load_community(Path("mine.toml"), text="[community\nname = ")


def test_missing_token_is_reported() -> None:
    """Running needs a token; the message says where to get one."""
    with pytest.raises(ConfigError, match="TELEGRAM_BOT_TOKEN"):
        settings_from_env({})


def test_cli_broken_file_exits_2_with_one_line(tmp_path: Path) -> None:
    """`concierge run` with a broken community file: one line on stderr, status 2, no traceback."""
    broken = tmp_path / "community.toml"
    broken.write_text(SAMPLE.replace("units = 2", "units = 0", 1), "utf-8")
    env = {
        **os.environ,
        "TELEGRAM_BOT_TOKEN": "123:ABC",
        "CONCIERGE_SECRET_KEY": "0123456789abcdef0123",
        "CONCIERGE_COMMUNITY": str(broken),
        "CONCIERGE_DB": str(tmp_path / "db.sqlite"),
    }
    done = subprocess.run(
        [sys.executable, "-m", "bot.cli", "run"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 2
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    assert lines[0].startswith(f"concierge: community file {broken}: tools[0].units:")
    assert "Traceback" not in done.stderr


def test_retention_defaults_and_overrides() -> None:
    """Thirty days unless the file says otherwise; too short a retention is refused."""
    default = load_community(text=SAMPLE).retention
    assert (default.processed_updates, default.outbox_sent, default.deadlines_finished) == (
        timedelta(days=30),
    ) * 3
    text = SAMPLE.replace('outbox_sent = "30d"', 'outbox_sent = "7d"')
    assert load_community(text=text).retention.outbox_sent == timedelta(days=7)
    with pytest.raises(ConfigError) as caught:
        load_community(
            text=SAMPLE.replace('deadlines_finished = "30d"', 'deadlines_finished = "1d"')
        )
    assert "retention" in str(caught.value) and "at least 2d" in str(caught.value)
