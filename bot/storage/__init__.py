"""SQLite storage: one connection, explicit transactions, migrations by PRAGMA user_version."""

from bot.storage.db import Database, Tx

__all__ = ["Database", "Tx"]
