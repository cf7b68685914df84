"""A local, offline Bot API server the real PTB `Application` runs against (demo, shell, tests).

async with Sandbox() as sb:
    app = ApplicationBuilder().token("123:ABC").base_url(f"{sb.root_url}/bot")...
    alice = sb.user(1001, "Alice")
    await sb.send(alice, "/start")
    reply = await sb.wait_for_message(alice.id)
"""

from bot.devtools.sandbox.faults import Fault, FaultKind, FaultPlan, FloodLimits, RandomFaults
from bot.devtools.sandbox.models import (
    ApiError,
    CallbackQuery,
    CallRecord,
    SandboxChat,
    SandboxEvent,
    SandboxMessage,
    SandboxUser,
)
from bot.devtools.sandbox.server import BOT_USER_ID, Sandbox
from bot.devtools.sandbox.transcript import render_event

__all__ = [
    "BOT_USER_ID",
    "ApiError",
    "CallRecord",
    "CallbackQuery",
    "Fault",
    "FaultKind",
    "FaultPlan",
    "FloodLimits",
    "RandomFaults",
    "Sandbox",
    "SandboxChat",
    "SandboxEvent",
    "SandboxMessage",
    "SandboxUser",
    "render_event",
]
