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
        (
            ('service = "window_cleaning"', 'service = "window_wiping"'),
            "providers[1].offers[1].service",
            "unknown service id 'window_wiping'",
        ),
        (
            ('service = "range_hood_cleaning"', 'service = "range_hood_cleanin"'),
            "providers[1].offers[2].service",
            "did you mean 'range_hood_cleaning'?",
        ),
        (
            ("[services.lock_service]", "[services.locksmith]"),
            "services.locksmith",
            "unknown service id 'locksmith'",
        ),
        (('id = "ladder"', 'id = "trampoline"'), "tools[0].id", "unknown tool id 'trampoline'"),
        (
            ("price = 180, unit_zh", "price = 300, unit_zh"),
            "providers[1].offers[2].market_price",
            "240 is below the price 300",
        ),
        (
            ('buildings = ["4", "5", "6"]', 'buildings = ["4", "5", "7"]'),
            "housekeepers[1].buildings",
            "no building '7' in community.buildings",
        ),
        (
            ('address = "5栋1单元302"', 'address = "9栋1单元302"'),
            "elders[1].address",
            "no building '9'",
        ),
        (
            ('buildings = ["1", "2", "3", "4", "5", "6"]', 'buildings = ["1", "2", "2"]'),
            "community.buildings",
            "listed twice",
        ),
        (
            ('buildings = ["1", "2", "3", "4", "5", "6"]', 'buildings = ["1号楼"]'),
            "community.buildings",
            "use its number or letters",
        ),
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
        "CONCIERGE_SECRET_KEY": "Xq7-pL2vN9sK4mR8tW1yB6cD",
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


def test_a_byte_order_mark_is_accepted(tmp_path: Path) -> None:
    """Windows editors save UTF-8 with a BOM: the file reads as if it had none."""
    path = tmp_path / "community.toml"
    path.write_bytes(b"\xef\xbb\xbf" + SAMPLE.encode("utf-8"))
    assert load_community(path) == load_community()


@pytest.mark.parametrize("encoding", ["gb18030", "utf-16"])
def test_not_utf8_names_the_file_and_the_fix(tmp_path: Path, encoding: str) -> None:
    """A file saved in GBK or UTF-16 is one line naming the file, the place and the fix."""
    path = tmp_path / "community.toml"
    path.write_bytes(SAMPLE.encode(encoding))
    with pytest.raises(ConfigError) as caught:
        load_community(path)
    message = str(caught.value)
    assert message.startswith(f"community file {path}: not UTF-8 (byte 0x")
    assert "line 1" in message and message.endswith("save it as UTF-8")


def _env(secret: str) -> dict[str, str]:
    return {"TELEGRAM_BOT_TOKEN": "123:ABC", "CONCIERGE_SECRET_KEY": secret}


@pytest.mark.parametrize(
    ("secret", "problem"),
    [
        ("", "is not set"),
        ("short-key", "too short (9 characters, at least 16)"),
        ("a" * 16, "too repetitive (1 different characters"),
        (" " * 20, "starts or ends with spaces"),
        ("abababab12121212", "too repetitive (4 different characters"),
        ("abcdefghijklmnopqrstuvwxyz", "is a run like"),
        ("0123456789abcdef" + " ", "starts or ends with spaces"),
        ("1234567890123456", "mostly common words or runs"),
        ("password12345678", "mostly common words or runs"),
        ("Password-Qwerty-2024", "mostly common words or runs"),
        ("concierge_telegram!", "mostly common words or runs"),
        ("0123456789abcdef0123", "mostly common words or runs"),
        ("zyxw-9876-admin-kq", "mostly common words or runs"),
    ],
)
def test_weak_secret_keys_are_refused_with_a_hint(secret: str, problem: str) -> None:
    """Length is not strength: each weak key is one line saying why and how to make one."""
    with pytest.raises(ConfigError) as caught:
        settings_from_env(_env(secret))
    message = str(caught.value)
    assert message.startswith("CONCIERGE_SECRET_KEY ") and problem in message
    assert message.endswith('python -c "import secrets; print(secrets.token_urlsafe(32))"')
    assert "\n" not in message


@pytest.mark.parametrize(
    "secret",
    [
        "correct horse battery staple",
        "my-password-is-Xq7pL2vN9s",
        "Xq7-pL2vN9sK4mR8tW1yB6cD",
    ],
)
def test_reasonable_secret_keys_are_accepted(secret: str) -> None:
    """Keys the docs, the tests and a passphrase use pass."""
    assert settings_from_env(_env(secret)).secret_key == secret


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


def test_buildings_listed_or_those_the_housekeepers_cover() -> None:
    """The sample lists its six buildings; a file listing none has those its housekeepers
    cover (an address elsewhere is refused), and one with neither accepts any building."""
    assert load_community(text=SAMPLE).building_ids() == ("1", "2", "3", "4", "5", "6")
    unlisted = SAMPLE.replace('buildings = ["1", "2", "3", "4", "5", "6"]', "", 1)
    unlisted = unlisted.replace('buildings = ["4", "5", "6"]', 'buildings = ["4", "5", "10"]')
    assert load_community(text=unlisted).building_ids() == ("1", "2", "3", "4", "5", "10")
