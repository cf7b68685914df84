"""The nightly backup: its planner and deadline (no Telegram side; ``concierge backup`` and
``restore`` are commands of the CLI)."""

from __future__ import annotations

from bot.domain.backups import NightlyBackups
from bot.domain.backups.contract import DeadlineKind
from handlers.context import Feature


def feature(nightly: NightlyBackups) -> Feature:
    """The nightly backup's planner and deadline."""
    return Feature(deadlines={DeadlineKind.NIGHTLY: nightly.run}, planners=(nightly.plan,))
