"""Start-up refuses a button, awaited answer or deadline that nothing handles."""

from __future__ import annotations

from enum import StrEnum
from types import ModuleType

import pytest

from bot import wiring
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


async def test_the_built_application_handles_everything_it_mints(bot: Harness) -> None:
    """build_application ran the check; here the same holds on the running app."""
    app = bot.app
    assert app is not None
    handled = {
        "button": app.bot_data.router.buttons,
        "input": app.bot_data.router.inputs,
        "deadline": bot.runtime.deadlines.kinds(),
    }
    assert wiring.unhandled(handled) == []
