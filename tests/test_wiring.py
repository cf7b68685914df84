"""Start-up refuses a button, awaited answer or deadline that nothing handles."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from types import ModuleType

import pytest
from telegram.ext import CommandHandler

from bot import wiring
from bot.app import build_application, feature_handlers, telegram_handlers
from bot.bootstrap import build_services
from bot.web.server import ConsoleServer
from tests.harness import Harness


def _contract(**enums: type[StrEnum]) -> ModuleType:
    module = ModuleType("fake_contract")
    for name, enum in enums.items():
        setattr(module, name, enum)
    return module


class _Action(StrEnum):
    GO = "x_go"
    STOP = "x_stop"


class _Deadline(StrEnum):
    DUE = "x_due"


class _Pending(StrEnum):
    NOTE = "x_note"


FAKE = _contract(Action=_Action, DeadlineKind=_Deadline, Pending=_Pending)


@pytest.mark.parametrize(
    ("handled", "missing"),
    [
        (
            {"button": ["x_go", "x_stop"], "deadline": ["x_due"], "input": ["x_note"]},
            [],
        ),
        (
            {"button": ["x_go"], "deadline": ["x_due"], "input": ["x_note"]},
            ["button:x_stop"],
        ),
        ({}, ["button:x_go", "button:x_stop", "deadline:x_due", "input:x_note"]),
    ],
)
def test_unhandled_names_what_is_missing(
    handled: dict[str, list[str]], missing: list[str]
) -> None:
    assert wiring.unhandled(handled, [FAKE]) == missing


def test_every_feature_contract_is_read() -> None:
    """The real contracts mint buttons, deadlines and inputs of every feature."""
    found = wiring.minted()
    assert {"bk_acc", "ci_help", "inc_safe", "tres"} <= found["button"]
    assert {"bk_offer", "ci_ping", "inc_ack_timeout", "notice", "tool_due"} <= found["deadline"]
    assert {"booking_note", "ci_visit_note", "inc_note"} <= found["input"]


def test_every_contract_in_the_domain_is_discovered() -> None:
    """No hand-written list: every contract.py under bot/domain/ is read, people's too (its
    language and "address later" buttons and the awaited address were once raw strings no
    check saw), and the tool cabinet's item button."""
    domain = Path(wiring.__file__).parent / "domain"
    on_disk = {p.parent.name for p in domain.rglob("contract.py")}
    read = {m.__name__.split(".")[-2] for m in wiring.CONTRACTS}
    assert read == on_disk
    assert {"bookings", "checkins", "incidents", "notices", "people", "requests", "tools"} <= read
    found = wiring.minted()
    assert {"lang", "addr_later", "cat", "item"} <= found["button"]
    assert "address" in found["input"]


def test_a_new_features_unhandled_action_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A feature added with a contract but no handler is found on disk and named."""
    package = tmp_path / "newdomain"
    (package / "parcels").mkdir(parents=True)
    for init in (package / "__init__.py", package / "parcels" / "__init__.py"):
        init.write_text("")
    (package / "parcels" / "contract.py").write_text(
        "from enum import StrEnum\n\n\nclass Action(StrEnum):\n    PICK = 'pcl_pick'\n\n\n"
        "class DeadlineKind(StrEnum):\n    LATE = 'pcl_late'\n"
    )
    monkeypatch.syspath_prepend(str(tmp_path))
    found = wiring.discover(package, "newdomain")
    assert [m.__name__ for m in found] == ["newdomain.parcels.contract"]
    assert wiring.unhandled({"button": ["pcl_pick"]}, found) == ["deadline:pcl_late"]


def test_the_built_application_handles_everything_it_mints(harness: Harness) -> None:
    """build_application ran the check; here the same holds on the app it built (no I/O)."""
    app = build_application(harness.settings, clock=harness.clock)
    handled = {
        "button": app.bot_data.router.buttons,
        "input": app.bot_data.router.inputs,
        "deadline": app.bot_data.runtime.deadlines.kinds(),
    }
    assert wiring.unhandled(handled) == []


def test_the_app_holds_exactly_the_listed_handlers_in_their_groups(harness: Harness) -> None:
    """Nothing adds a Telegram handler behind bot/app.py's list: one group, free text last in
    it, each command handled once; signs of life are the private handlers' first look, then a
    grid worker's or family's words about an elder on her ladder ("我刚上门看过了 没事": one
    tap to confirm, never the service menu), then a plain answer on the private line (an
    elder's answer to a worker is a sign of life too)."""
    app = build_application(harness.settings, clock=harness.clock)
    assert sorted(app.handlers) == [0]
    names = {g: [h.callback.__name__ for h in handlers] for g, handlers in app.handlers.items()}
    looks = [look.__name__ for look in app.bot_data.router.first_looks]
    assert looks == ["sign_of_life", "hearsay", "plain_look"]
    assert names[0][-3:] == ["group_message", "private_message", "private_media"]
    commands = [c for h in app.handlers[0] if isinstance(h, CommandHandler) for c in h.commands]
    assert len(commands) == len(set(commands))
    assert {"start", "invite", "enroll", "notice", "misses"} <= set(commands)
    services = build_services(app.bot_data.runtime)
    web = ConsoleServer(app.bot_data.runtime.settings, app.bot_data.runtime.db, services.console)
    listed = telegram_handlers(feature_handlers(services, web))
    assert [(g, h.callback.__name__) for g, h in listed] == [
        (g, name) for g in sorted(names) for name in names[g]
    ]
