"""Group chats: staff /bind a group to the community; unbound groups hear one polite message;
a group upgraded to a supergroup keeps its binding under the new id."""

from __future__ import annotations

from telegram import ChatMemberUpdated, Update

from bot.i18n import T, both
from bot.storage import Tx
from handlers.base import reply, staff_sender, transactional
from handlers.context import Context


@transactional
async def bind(update: Update, context: Context, tx: Tx) -> None:
    """Staff: attach this group to the community so the bot serves it."""
    rt = context.runtime
    chat = update.effective_chat
    assert chat is not None
    person = await staff_sender(update, context, tx)
    if person is None:
        return
    if not await rt.groups.bind(tx, chat.id, chat.title or "", person.id):
        await reply(update, context, tx, T("groups.already_bound"))
        return
    await rt.audit.record(tx, f"person:{person.id}", "group_bound", f"group:{chat.id}")
    await reply(
        update, context, tx, T("groups.bound", community=_community_name(context)), quote=False
    )


def _community_name(context: Context) -> dict[str, str]:
    info = context.runtime.community.community
    return both(info.name_zh, info.name_en)


@transactional
async def bot_added(update: Update, context: Context, tx: Tx) -> None:
    """When the bot joins a group: greet a bound one, explain /bind to an unbound one once."""
    rt = context.runtime
    change: ChatMemberUpdated | None = update.my_chat_member
    if change is None or change.chat.type not in ("group", "supergroup"):
        return
    if change.new_chat_member.status not in ("member", "administrator"):
        return
    chat = change.chat
    if await rt.groups.is_bound(tx, chat.id):
        await reply(update, context, tx, T("groups.hello", community=_community_name(context)))
    elif await rt.groups.first_unbound_contact(tx, chat.id, chat.title or ""):
        await reply(update, context, tx, T("groups.unbound"))


@transactional
async def migrated(update: Update, context: Context, tx: Tx) -> None:
    """Telegram upgraded a group to a supergroup (its service message in the old chat names the
    new id, the one in the new chat the old id): the binding moves at once, before anyone
    writes in the new chat (which would otherwise be taken for an unbound group)."""
    chat, message = update.effective_chat, update.effective_message
    if chat is None or message is None:
        return
    if message.migrate_to_chat_id is not None:
        old, new = chat.id, message.migrate_to_chat_id
    elif message.migrate_from_chat_id is not None:
        old, new = message.migrate_from_chat_id, chat.id
    else:
        return
    await context.runtime.groups.migrate(tx, old, new)
