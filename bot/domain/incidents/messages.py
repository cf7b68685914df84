"""What incidents say, to whom: texts and keyboards, rendered later in each reader's language.

Responders (grid workers, housekeepers, staff) see the address, in private chats only. Family
never see it. Whatever is said about what happened is what actually happened: the button pressed,
the words written, the voice note sent.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence

from bot.callbacks import CallbackSigner
from bot.domain.incidents.contract import Action
from bot.domain.incidents.model import Cause, Incident, Kind
from bot.i18n import LANGUAGES, T, Text, render
from bot.outbox import Button, Keyboard
from intents.welfare import (
    cannot_call,
    is_animal,
    is_away,
    is_choking,
    is_electrical,
    is_found_child,
    is_missing_person,
)

# Whom staff call for a writer who cannot phone: the number the words name, else the kind's.
_NUMBERS = {Kind.FIRE: "119", Kind.GAS: "119", Kind.VIOLENCE: "110"}
_NAMED = re.compile(r"119|120|110")

MEDIA = ("voice", "photo", "video_note", "video", "location", "sticker")


def buttons(signer: CallbackSigner, incident: Incident) -> Keyboard:
    """I'm going / confirmed safe / need support, for responders."""
    return [
        [Button(T("incidents.btn_ack"), signer.make(Action.ACKNOWLEDGE, incident.id))],
        [Button(T("incidents.btn_safe"), signer.make(Action.CONFIRM_SAFE, incident.id))],
        [Button(T("incidents.btn_support"), signer.make(Action.ASK_SUPPORT, incident.id))],
    ]


def kind(incident: Incident) -> Text:
    """What kind of incident, in words: a person missing or a lost child found reads 走失,
    not a bare 呼救, so responders know to search rather than to look for a cry."""
    if incident.kind == Kind.HELP and missing(incident.words):
        return T("incidents.kind_missing")
    return T(f"incidents.kind_{incident.kind}")


def missing(words: str) -> bool:
    """Whether the words tell of a person missing, or of a lost child someone found."""
    return is_missing_person(words) or is_found_child(words)


def about(incident: Incident) -> Text | str:
    """Whom or what an update is about, for those on the incident: an elder's help call is
    about her; an emergency about the incident its writer reported ("#3 烟雾/火情（小芳 报告）"),
    never about the writer as if they were the person in danger (tester 1, session 15)."""
    if incident.kind == Kind.HELP_CALL:
        return incident.subject_name
    return T("incidents.about_emergency", id=incident.id, kind=kind(incident),
             name=incident.subject_name)  # fmt: skip


def media(name: str) -> Text:
    """A kind of media message, in words."""
    return T(f"incidents.media_{name if name in MEDIA else 'other'}")


def how(incident: Incident, worker: str) -> Text:
    """What the person actually did that raised the incident."""
    if incident.cause == Cause.PRESSED:
        return T("incidents.how_pressed")
    if incident.cause == Cause.SUPPORT:
        return T("incidents.how_support", worker=worker)
    if incident.cause == Cause.WORSE:
        return T("incidents.how_worse", words=incident.words)
    if incident.cause == Cause.MEDIA:
        return T("incidents.how_media", media=media(incident.words))
    return T("incidents.how_wrote", words=incident.words)


def _address(incident: Incident, home: str) -> Text:
    """Where it is (the place the words name, or that none was said); for staff, the
    writer's own flat after it (`home`), labelled as theirs: it is not the place."""
    where = incident.address or T("incidents.place_none")
    if home:
        return T("incidents.place_reporter", place=where, address=home)
    return T("incidents.place_line", place=where)


def place(incident: Incident) -> Text | str:
    """The place in a reminder: an elder's address, the place said, or "not said"."""
    if incident.address or incident.kind == Kind.HELP_CALL:
        return incident.address or "—"
    return T("incidents.place_none")


def responder_alert(
    incident: Incident, worker: str, worker_missing: bool = False, home: str = ""
) -> Text:
    """The private alert to a grid worker, housekeeper or staff member (staff also read the
    writer's own flat, `home`)."""
    gap = T("incidents.staff_no_worker") if worker_missing else ""
    if incident.kind == Kind.HELP_CALL:
        text = T(
            "incidents.responder_help",
            name=incident.subject_name,
            how=how(incident, worker),
            address=incident.address or "—",
        )
        return T("common.lines", lines=[text, gap]) if worker_missing else text
    where = (
        T("incidents.where_group", chat=incident.chat_title)
        if incident.chat_id < 0
        else T("incidents.where_private")
    )
    link = T("incidents.link_line", link=incident.link) if incident.link else ""
    if electrical(incident.kind, incident.words):  # sparks: an electrician, not a booking
        link = T("common.lines", lines=[link, T("incidents.electrician_line")])
    if cannot_call(incident.words):  # a deaf writer: staff make the call for him
        named = _NAMED.search(incident.words)
        number = named.group(0) if named else _NUMBERS.get(incident.kind, "120")
        link = T("common.lines", lines=[link, T("incidents.cannot_call_line", number=number)])
    text = T(
        "incidents.responder_emergency",
        kind=kind(incident),
        id=incident.id,
        name=incident.subject_name,
        where=where,
        words=incident.words,
        link=link,
        address=_address(incident, home),
    )
    return T("common.lines", lines=[text, gap]) if worker_missing else text


def other_chat(incident: Incident, chat_id: int, title: str, writer_chat: int) -> Text | None:
    """Where a writer wrote again when it is not the incident's chat (None when it is)."""
    if chat_id == incident.chat_id:
        return None
    if chat_id == writer_chat:
        return T("incidents.where_private")
    return T("incidents.where_group", chat=title)


def wrote(incident: Incident, who: str, words: str, reporter: bool, where: Text | None) -> Text:
    """Someone's later words about an open emergency, for those on it: the reporter writing
    again (in another chat: which), or someone else who also wrote."""
    said = {"id": incident.id, "who": who, "words": words}
    if not reporter:
        return T("incidents.also_reported", **said)
    if where is None:
        return T("incidents.wrote_again", **said)
    return T("incidents.wrote_again_in", where=where, **said)


def reached(roles: Collection[str]) -> list[Text]:
    """Who a message really reached, as phrases, from the roles on the incident of those it
    was queued for (a revoked housekeeper, or one who never opened a chat, is not among them):
    housekeepers, staff, family. Nobody is named who was not reached."""
    parts: list[Text] = []
    if set(roles) & {"grid_worker", "responder"}:
        parts.append(T("incidents.told_housekeepers"))
    if "staff" in roles:
        parts.append(T("incidents.told_staff"))
    if "family" in roles:
        parts.append(T("incidents.told_family"))
    return parts


def joined(parts: Sequence[Text]) -> dict[str, str]:
    """Several names as one phrase ("网格员 张管家、社区工作人员"), in every language."""
    return {
        lang: render(T("incidents.told_sep"), lang).join(render(p, lang) for p in parts)
        for lang in LANGUAGES
    }


def advice(kind: Kind, lift_phone: str, office_phone: str, words: str = "") -> list[Text]:
    """The first lines of an emergency answer: what to do now (for what the `words` say: a
    missing person, choking, sparks at the electrics), the number to call, and the property
    office's public number, whatever the emergency (in a group too: it is the office's,
    never a resident's)."""
    if kind == Kind.HELP_CALL:
        kind = Kind.HELP
    lines: list[Text] = [T(f"incidents.advice_{kind}", lift_phone=lift_phone)]
    if kind == Kind.HELP and is_found_child(words):
        lines.append(T("incidents.advice_found_child"))  # stay with the child, 110, the gate
    elif kind == Kind.HELP and is_missing_person(words):
        lines.append(T("incidents.advice_missing"))  # "我们家老人找不到了"
    if kind in (Kind.MEDICAL, Kind.HELP) and is_choking(words):
        lines[0] = T("incidents.advice_choking")  # back blows, never "lie them down"
    if electrical(kind, words):
        lines[0] = T("incidents.advice_electrical")  # cut the power, never water
    if kind == Kind.GAS and is_away(words):
        lines[0] = T("incidents.advice_gas_away")  # someone who can get there shuts it
    if kind == Kind.VIOLENCE and is_animal(words):
        lines[0] = T("incidents.advice_animal")  # a dog, not a person
    if office_phone:
        lines.append(T("incidents.office_line", phone=office_phone))
    return lines


def electrical(kind: Kind, words: str) -> bool:
    """Whether a fire or burnt smell is at the electrics ("插座冒火花", "电箱有焦味")."""
    return kind == Kind.FIRE and is_electrical(words)
