"""Run a standalone sandbox for out-of-process bots and drivers: `python -m bot.devtools.sandbox`.

Prints the Bot API URLs, then every event as a transcript line until interrupted. Drive the
people with the `/control/<action>` routes (see `bot.devtools.sandbox.control`).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib

from bot.devtools.sandbox.server import Sandbox
from bot.devtools.sandbox.transcript import render_event


async def _serve(port: int, bot_username: str, enforce_flood_limits: bool) -> None:
    """Serve until cancelled, printing the transcript live."""
    async with Sandbox(bot_username, enforce_flood_limits=enforce_flood_limits, port=port) as sb:
        print(f"base_url      = {sb.root_url}/bot")
        print(f"base_file_url = {sb.root_url}/file/bot")
        print(f"control       = {sb.root_url}/control/<action>", flush=True)
        sb.on_event(
            lambda event: (
                print(render_event(event), flush=True) if event.kind != "chat_action" else None
            )
        )
        await asyncio.Event().wait()


def main() -> None:
    """Parse arguments and serve."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--port", type=int, default=8081)
    parser.add_argument("--bot-username", default="concierge_demo_bot")
    parser.add_argument("--enforce-flood-limits", action="store_true")
    args = parser.parse_args()
    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(_serve(args.port, args.bot_username, args.enforce_flood_limits))


if __name__ == "__main__":
    main()
