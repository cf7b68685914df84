"""Writing a community's confirmed examples to a file, for ``concierge train --extra FILE``.

The one function the CLI calls: it opens the database (applying migrations, as the bot does),
reads the confirmed examples in one read transaction and writes them as JSON lines.
"""

from __future__ import annotations

import asyncio
from pathlib import Path

from bot.config import Community
from bot.domain.corrections.export import export_lines
from bot.domain.corrections.repo import CorrectionsRepo
from bot.storage import Database


async def export_confirmed(db_path: Path | str, community: str, out: Path) -> int:
    """Write the community's confirmed examples to ``out`` as JSON lines; how many lines."""
    db = Database(db_path)
    await db.open()
    try:
        async with db.read() as tx:
            examples = await CorrectionsRepo().examples(tx, community, confirmed=True)
    finally:
        await db.close()
    text = export_lines(examples)
    await asyncio.to_thread(out.write_text, text, encoding="utf-8")
    return text.count("\n")


def key_of(community: Community) -> str:
    """The key a community's examples are kept under: its English name, as in the file."""
    return community.community.name_en
