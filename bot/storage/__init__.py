"""Storage: one connection, explicit transactions, one migration list. SQLite by default
(migrations by PRAGMA user_version); PostgreSQL when CONCIERGE_DB is a postgresql:// URL
(bot/storage/pg.py, behind the same Database and Tx)."""

from bot.storage.db import LANGUAGES, Database, Tx

__all__ = ["LANGUAGES", "Database", "Tx"]
