"""Getting people in: /start (plain, invite link, group request link), address, /help, /language,
and staff /invite."""

from __future__ import annotations

from typing import Any

from telegram import Update

from bot.domain.checkins import enrolled_name
from bot.domain.people import INVITABLE, Address, Person, parse_address
from bot.i18n import LANGUAGES, T, Text
from bot.outbox import Button
from bot.storage import Tx
from handlers.base import reply, sender, staff_sender, transactional
from handlers.context import Context, Feature, Press
from handlers.requests import show_request

ROLE_WELCOME = {
    "housekeeper": "onboarding.joined_housekeeper",
    "provider": "onboarding.joined_provider",
    "elder": "onboarding.joined_elder",
    "family": "onboarding.joined_family",
    "staff": "onboarding.joined_staff",
}


@transactional
async def start(update: Update, context: Context, tx: Tx) -> None:
    """Welcome someone in private; redeem an invite or continue a request from a group."""
    rt = context.runtime
    person = await sender(update, context, tx)
    payload = context.args[0] if context.args else ""
    if payload.startswith("inv_"):
        await _redeem(update, context, tx, person, payload)
        return
    roles = await rt.people.roles(tx, person.id)
    if not any(role != "resident" for role, _ in roles):
        await rt.people.grant(tx, person.id, "resident")
    if payload.startswith("req_"):
        request = await rt.requests.find(tx, payload)
        if request is None:
            await reply(update, context, tx, T("onboarding.link_unknown"))
            return
        await show_request(update, context, tx, person, request)
        return
    welcome = worker_welcome(context, person, roles)
    if welcome:  # workers and housekeepers: what they will receive and how to answer
        await reply(update, context, tx, T("common.lines", lines=welcome))
        return
    await reply(update, context, tx, T("onboarding.welcome", name=person.name))
    if ("resident", "") in await rt.people.roles(tx, person.id) and not await rt.people.address(
        tx, person.id
    ):
        await ask_address(update, context, tx, person, n=1)


def worker_welcome(context: Context, person: Person, roles: set[tuple[str, str]]) -> list[Text]:
    """The welcome of a provider member or housekeeper (one per role they hold); [] for
    anyone else, who gets the resident welcome."""
    community = context.runtime.community
    lines: list[Text] = []
    for role, ref in sorted(roles):
        if role == "provider" and (provider := community.provider(ref)):
            what = {"zh": provider.name_zh, "en": provider.name_en}
            lines.append(T("onsite.welcome_provider", name=person.name, what=what))
        elif role == "housekeeper" and (keeper := community.housekeeper(ref)):
            buildings = "、".join(keeper.buildings)
            lines.append(T("onsite.welcome_housekeeper", name=person.name, buildings=buildings))
    return lines


async def ask_address(
    update: Update, context: Context, tx: Tx, person: Person, *, n: int = 0
) -> None:
    """Ask a resident for building-unit-room once; the answer is kept private."""
    rt = context.runtime
    await rt.people.expect(tx, person.id, "address")
    later = Button(T("onboarding.address_later"), rt.signer.make("addr_later"))
    await reply(update, context, tx, T("onboarding.ask_address"), buttons=[[later]], n=n)


async def address_given(
    update: Update, context: Context, tx: Tx, person: Person, data: dict[str, Any]
) -> bool:
    """Store the address the resident typed, or ask again politely.

    A message that is clearly a request instead ("马桶堵了") is not an unclear address: the
    question is dropped and the message handled as a request.
    """
    rt = context.runtime
    address = await typed_address(update, context, tx, person)
    if not isinstance(address, Address):
        return address
    await rt.people.set_address(tx, person.id, address)
    await rt.people.done_expecting(tx, person.id)
    await rt.audit.record(tx, f"person:{person.id}", "address_set", f"person:{person.id}")
    await reply(update, context, tx, T("onboarding.address_saved", address=address.label()))
    return True


async def typed_address(
    update: Update, context: Context, tx: Tx, person: Person
) -> Address | bool:
    """The address a person typed when asked for one; otherwise whether the text was consumed.

    An unreadable address is asked for again (True: consumed). A message that is clearly a
    request instead ("马桶堵了") drops the question (False: handle it as a request).
    """
    message = update.effective_message
    text = (message.text or "") if message else ""
    address = parse_address(text)
    if address is not None:
        return address
    rt = context.runtime
    if rt.understander.understand(text, chat="private").intent != "none":
        await rt.people.done_expecting(tx, person.id)
        return False
    await reply(update, context, tx, T("onboarding.address_unclear"))
    return True


async def address_later(press: Press, context: Context, tx: Tx) -> None:
    """The resident would rather give the address when they first book."""
    await context.runtime.people.done_expecting(tx, press.person.id)
    press.set_toast(T("onboarding.address_later_ok"))


async def _redeem(update: Update, context: Context, tx: Tx, person: Person, token: str) -> None:
    rt = context.runtime
    outcome, invite = await rt.people.redeem_invite(tx, token, person)
    if outcome != "ok" or invite is None:
        await reply(update, context, tx, T(f"onboarding.invite_{outcome}"))
        return
    await rt.audit.record(
        tx, f"person:{person.id}", "joined", f"{invite.role}:{invite.ref}", role=invite.role
    )
    await reply(
        update,
        context,
        tx,
        T(ROLE_WELCOME[invite.role], what=await _ref_name(context, tx, invite.role, invite.ref)),
    )


async def _ref_name(context: Context, tx: Tx, role: str, ref: str) -> Any:
    """The name of what an invite is about: a housekeeper, a provider, or an elder (the file's
    or one staff enrolled with /enroll)."""
    community = context.runtime.community
    if role == "housekeeper" and (keeper := community.housekeeper(ref)):
        return keeper.name
    if role == "provider" and (provider := community.provider(ref)):
        return {"zh": provider.name_zh, "en": provider.name_en}
    if role in ("elder", "family"):
        elder = community.elder(ref)
        return elder.name if elder else await enrolled_name(tx, ref) or ref
    return ref


@transactional
async def invite(update: Update, context: Context, tx: Tx) -> None:
    """Staff: create a one-time join link for a housekeeper, provider member, elder or family."""
    rt = context.runtime
    person = await staff_sender(update, context, tx)
    if person is None:
        return
    args = context.args or []
    role = args[0].lower() if args else ""
    ref = args[1] if len(args) > 1 else ""
    if role not in INVITABLE or not await _valid_ref(context, tx, role, ref):
        await reply(update, context, tx, T("onboarding.invite_usage", refs=_refs(context)))
        return
    created = await rt.people.create_invite(
        tx,
        role,
        ref,
        person.id,
        rt.community.policy.invite_ttl,
    )
    await rt.audit.record(tx, f"person:{person.id}", "invite_created", f"{role}:{ref}")
    await reply(
        update,
        context,
        tx,
        T(
            "onboarding.invite_created",
            what=await _ref_name(context, tx, role, ref),
            role=T(f"role.{role}"),
        ),
        buttons=[[Button(T("onboarding.invite_button"), url=rt.deep_link(created.token))]],
    )


async def _valid_ref(context: Context, tx: Tx, role: str, ref: str) -> bool:
    """Whether an invite may be made for this ref: a known housekeeper or provider, an elder
    in the file or enrolled by staff, or no ref for staff."""
    community = context.runtime.community
    if role in ("elder", "family"):
        return community.elder(ref) is not None or await enrolled_name(tx, ref) is not None
    return {
        "housekeeper": community.housekeeper(ref) is not None,
        "provider": community.provider(ref) is not None,
        "staff": ref == "",
    }[role]


def _refs(context: Context) -> str:
    community = context.runtime.community
    return "\n".join(
        [
            "housekeeper: " + ", ".join(h.key for h in community.housekeepers),
            "provider: " + ", ".join(p.id for p in community.providers),
            "elder / family: " + ", ".join(e.key for e in community.elders),
        ]
    )


@transactional
async def help_command(update: Update, context: Context, tx: Tx) -> None:
    """Explain what the bot does for this person, by the roles they hold."""
    rt = context.runtime
    person = await sender(update, context, tx)
    chat = update.effective_chat
    if chat is not None and chat.type != "private":
        await reply(update, context, tx, T("help.group"))
        return
    roles = {role for role, _ in await rt.people.roles(tx, person.id)}
    sections: list[Text] = [T("help.resident")]
    sections += [
        T(f"help.{role}")
        for role in ("housekeeper", "provider", "elder", "family", "staff")
        if role in roles
    ]
    await reply(update, context, tx, T("help.private", sections=sections))


@transactional
async def language(update: Update, context: Context, tx: Tx) -> None:
    """Switch the person's language: `/language en`, or buttons."""
    rt = context.runtime
    person = await sender(update, context, tx)
    wanted = context.args[0].lower()[:2] if context.args else ""
    if wanted in LANGUAGES:
        await rt.people.set_language(tx, person.id, wanted)
        await reply(update, context, tx, T("language.set"), n=0)
        return
    buttons = [
        [Button(T(f"language.name_{code}"), rt.signer.make("lang", code)) for code in LANGUAGES]
    ]
    await reply(update, context, tx, T("language.choose"), buttons=buttons)


async def language_pressed(press: Press, context: Context, tx: Tx) -> None:
    """Apply the language chosen with a button and confirm in it."""
    code = press.callback.arg(0)
    if code not in LANGUAGES:
        press.set_toast(T("common.stale_button"))
        return
    await context.runtime.people.set_language(tx, press.person.id, code)
    press.set_toast(None)
    message = press.update.effective_message
    if message is not None:
        await context.runtime.outbox.edit(
            tx,
            message.chat_id,
            T("language.set"),
            key=f"u{press.update.update_id}:0",
            message_id=message.message_id,
            lang=code,
        )


def feature() -> Feature:
    """The language buttons, "address later", and the awaited address."""
    return Feature(
        buttons={"lang": language_pressed, "addr_later": address_later},
        inputs={"address": address_given},
    )
