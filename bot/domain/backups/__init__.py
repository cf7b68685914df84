"""The nightly backup (issue 15): a deadline each night copies the live database into the
folder the community file names and deletes copies older than its ``keep_days``."""

from __future__ import annotations

from bot.domain.backups.service import NightlyBackups

__all__ = ["NightlyBackups"]
