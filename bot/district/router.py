"""Whose is this update? The district's directory and router.

Each community of a district runs its own copy of the bot on its own store (see
:mod:`bot.district.app`); the first one's Application receives every update, and
:meth:`District.route`, its first handler, hands each update to the community it belongs to.
The directory is not a table of its own: it is read from the communities' stores and files
(a group bound to a community is bound in that community's store; a person known in a
community is named in its file or has a row in its store), with what it learned kept in
memory. Where a person last came and which community last wrote to them are noted in each
community's own store (:mod:`bot.district.whereabouts`), so they outlive a restart. So no
community's data is copied anywhere, and nothing can be routed into a store it does not belong
to by a stale copy.

How an update is routed (docs/deploy.md, "Many communities", has the table): a group by its
binding; ``/bind`` in an unbound group by the sender's staff memberships; a button press by the
community whose key signed it; ``/start <name>-…`` by the name every community's deep links
carry; a private message by the person's memberships, the answer a community awaits from them,
or the group they last wrote in; otherwise the person is asked which community.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from telegram import Update
from telegram.ext import ApplicationHandlerStop

from bot.district.whereabouts import Whereabouts
from bot.domain.people.model import Role
from bot.i18n import Lang, T, Text, both, normalise_lang, render
from bot.outbox import DISTRICT_KEY, Button
from bot.runtime import Runtime
from bot.storage import Tx
from handlers.context import ConciergeApp, Context

# Lists a person in several communities sees from all of them, each community answering with
# its own (the private messages of such a person are labelled with the community's name).
# /console: staff of several communities (the district's) get each community's sign-in link,
# labelled: the community picker.
FAN_OUT_COMMANDS = frozenset({"/mybookings", "/console"})
# The roles whose holders the bot writes to unasked (offers, alerts, ladder steps).
WORKING: tuple[Role, ...] = ("staff", "housekeeper", "provider", "elder", "family")


@dataclass(frozen=True)
class Member:
    """One community of the district: its name and its running copy of the bot."""

    name: str
    app: ConciergeApp

    @property
    def runtime(self) -> Runtime:
        """The community's runtime (its store, services, outbox)."""
        runtime: Runtime = self.app.bot_data.runtime
        return runtime

    def titles(self) -> tuple[str, str]:
        """The community's names in Chinese and English, from its (possibly edited) setup."""
        info = self.runtime.community.community
        return info.name_zh, info.name_en

    def answers_to(self, name: str) -> bool:
        """Whether ``/bind <name>`` means this community (its file name or either title)."""
        wanted = name.strip().casefold()
        return wanted in {self.name.casefold(), *(t.casefold() for t in self.titles())}


def _command(text: str | None) -> tuple[str, str]:
    """A message's command (without ``@bot``) and the rest, or ("", "")."""
    if not text or not text.startswith("/"):
        return "", ""
    head, _, rest = text.partition(" ")
    return head.split("@", 1)[0].lower(), rest.strip()


class District:
    """The communities of one deployment, and the routing of updates between them."""

    def __init__(self, members: list[Member]) -> None:
        if len({m.name for m in members}) != len(members):
            raise ValueError("two communities of a district share a name")
        self.members = members
        self.home = members[0]
        self._groups: dict[int, Member] = {}  # group chat -> the community it is bound to
        self._known: dict[int, frozenset[str]] = {}  # person -> communities that know them
        self._where = Whereabouts()  # who came where, who was written to from where
        self._passing: set[int] = set()  # updates being handed to the first community
        self._registered: set[int] = set()  # people named in files, registered where named
        self._asked: dict[int, dict[str, Any]] = {}  # person -> the update that got a picker
        self._picking: set[int] = set()  # people being sent the picker (never labelled)

    def by_name(self, name: str) -> Member | None:
        """The community with this name, if any."""
        return next((m for m in self.members if m.name == name), None)

    # -- what labels a message ---------------------------------------------------------

    def in_several(self, telegram_id: int) -> bool:
        """Whether this person is known in more than one community (as last read)."""
        return len(self._known.get(telegram_id, ())) > 1

    def labeller(self, member: Member) -> Any:
        """The outbox's label for this community: its name, for people known in several (read
        from memory: a label touches no store)."""

        def label(chat_id: int, key: str) -> str:
            if chat_id in self._picking or not self.in_several(chat_id):
                return ""  # (the picker speaks for no community)
            office = member.runtime.community.office
            if key.startswith(DISTRICT_KEY) and office is not None:  # the district's own
                zh, en = office.district.name_zh, office.district.name_en
            else:
                zh, en = member.titles()
            lang: Lang = member.runtime.community.community.language
            return render(T("district.label", community=both(zh, en)), lang)

        return label

    def teller(self, member: Member) -> Any:
        """What the outbox calls for each private message this community really queues: note,
        in the queuing transaction of this community's store, that it wrote to the person (read
        for awaited answers and commands)."""

        async def told(tx: Tx, chat_id: int) -> None:
            if chat_id not in self._picking:
                await self._where.told(tx, member, chat_id)

        return told

    async def learn(self) -> None:
        """Read, once at start, who works in several communities (the files' people and the
        stores' role holders: those written to by deadlines, before they write again), so their
        messages are labelled. Residents are read as they write (a hundred thousand of them
        per community are not worth holding in memory)."""
        seen: dict[int, set[str]] = {}
        for member in self.members:
            ids = set(self._file_ids(member.runtime))
            async with member.runtime.db.read() as tx:
                holders = await member.runtime.people.everyone_holding(tx, WORKING)
            ids |= {person.telegram_id for person, _, _ in holders}
            for telegram_id in ids:
                seen.setdefault(telegram_id, set()).add(member.name)
        self._known = {k: frozenset(v) for k, v in seen.items() if len(v) > 1}

    # -- routing -----------------------------------------------------------------------

    async def route(self, update: Update, context: Context) -> None:
        """The first handler of the first community: hand the update to its community (or
        to several, or answer it here), and stop it going further in this one unless it is
        this one's."""
        if id(update) in self._passing:
            return  # handed to the first community by this router: its own handlers run
        targets, rewritten = await self._targets(update)
        if targets == [self.home] and rewritten is None:
            await self._register(update, targets)
            return  # (a person's memberships were read before, and stay as they were)
        for member in targets:
            await self._hand(member, rewritten or update)
        await self._register(update, targets)
        chat, user = update.effective_chat, update.effective_user
        if chat is not None and user is not None and chat.type == "private":
            await self._knowing(user.id)  # an invite redeemed: now known in one more
        raise ApplicationHandlerStop

    async def _register(self, update: Update, handled: list[Member]) -> None:
        """Someone a community file names (its staff, the district's, a housekeeper...) wrote
        to the bot privately: the bot can write to them now, so every community naming them
        knows their chat, and its alerts reach them without a ``/start <name>`` there first
        (the communities handling this update register them themselves)."""
        chat, user = update.effective_chat, update.effective_user
        if chat is None or user is None or chat.type != "private" or update.message is None:
            return
        if user.id in self._registered:
            return
        self._registered.add(user.id)
        for member in self.members:
            rt = member.runtime
            if member in handled or user.id not in self._file_ids(rt):
                continue
            async with rt.db.tx() as tx:
                if await rt.people.reachable(tx, user.id) is None:
                    lang = normalise_lang(user.language_code)
                    await rt.people.ensure(tx, user.id, user.full_name, lang, private=True)

    async def _hand(self, member: Member, update: Update) -> None:
        """Let one community handle the update (its own handlers, store and context)."""
        if member is not self.home:
            await member.app.process_update(update)
            return
        self._passing.add(id(update))
        try:
            await member.app.process_update(update)
        finally:
            self._passing.discard(id(update))

    async def _targets(self, update: Update) -> tuple[list[Member], Update | None]:
        """The communities the update is for (none: answered here), and the update to give
        them when it had to be changed (a deep link's community name taken off)."""
        chat, user = update.effective_chat, update.effective_user
        if user is None or chat is None:
            return [self.home], None
        if update.callback_query is not None:
            return [self._signer_of(update.callback_query.data)], None
        if chat.type in ("group", "supergroup"):
            return await self._group_targets(update, chat.id, user.id), None
        return await self._private_targets(update, user.id)

    def _signer_of(self, data: str | None) -> Member:
        """The community whose key signed a button (each signs with its own)."""
        for member in self.members:
            if member.runtime.signer.verify(data) is not None:
                return member
        return self.home  # forged or stale: the first community refuses it as today

    # -- groups ------------------------------------------------------------------------

    async def _bound(self, chat_id: int) -> Member | None:
        """The community a group is bound to (file or /bind), if any."""
        if chat_id in self._groups:
            return self._groups[chat_id]
        for member in self.members:
            async with member.runtime.db.read() as tx:
                if await member.runtime.groups.is_bound(tx, chat_id):
                    self._groups[chat_id] = member
                    return member
        return None

    async def _group_targets(self, update: Update, chat_id: int, user_id: int) -> list[Member]:
        message = update.effective_message
        bound = await self._bound(chat_id)
        if bound is None and message is not None and message.migrate_from_chat_id is not None:
            bound = await self._bound(message.migrate_from_chat_id)
        command, rest = _command(message.text if message is not None else None)
        if bound is not None:
            if command == "/bind" and any(
                [await self._is_staff(m, user_id) for m in self.members]
            ):
                # staff (of it or of another): say whose the group is
                text = T("district.bound_to", community=both(*bound.titles()))
                await self._say(update, chat_id, text, "bound")
                return []
            await self._where.came(bound, user_id)
            return [bound]
        staff_of = [m for m in self.members if await self._is_staff(m, user_id)]
        if command == "/bind":
            named = [m for m in staff_of if rest and m.answers_to(rest)]
            if named:
                return named[:1]
            if rest and staff_of:  # a name that is not one of theirs: say so, and which are
                choices = self._bind_choices(staff_of)
                text = T("district.bind_unknown", name=rest, choices=choices)
                await self._say(update, chat_id, text, "bind")
                return []
            if len(staff_of) > 1:  # no name: which one?
                await self._ask_bind(update, chat_id, user_id, staff_of)
                return []
        # Not bound: the community the sender is staff of hears it (the bot added, /bind),
        # else the first, which answers an unbound group as one community does.
        return staff_of[:1] or [self.home]

    async def _is_staff(self, member: Member, telegram_id: int) -> bool:
        async with member.runtime.db.read() as tx:
            return await member.runtime.people.is_staff(tx, telegram_id)

    @staticmethod
    def _bind_choices(staff_of: list[Member]) -> list[Text]:
        return [
            T("district.bind_choice", name=m.name, community=both(*m.titles())) for m in staff_of
        ]

    async def _ask_bind(
        self, update: Update, chat_id: int, user_id: int, staff_of: list[Member]
    ) -> None:
        text = T("district.bind_which", choices=self._bind_choices(staff_of))
        await self._say(update, chat_id, text, "bind")

    async def _say(self, update: Update, chat_id: int, text: Text, what: str) -> None:
        """Answer here, before any community handles the update (a group's /bind)."""
        rt = self.home.runtime
        async with rt.db.tx() as tx:
            await rt.outbox.send(
                tx,
                chat_id,
                text,
                key=f"district:{what}:{chat_id}:{update.update_id}",
                lang=self._lang(update),
            )

    # -- private chats -----------------------------------------------------------------

    async def _private_targets(
        self, update: Update, user_id: int
    ) -> tuple[list[Member], Update | None]:
        message = update.effective_message
        command, rest = _command(message.text if message is not None else None)
        if command == "/start" and rest:
            name, _, payload = rest.partition("-")
            member = self.by_name(name)
            if member is not None:  # a community's deep link, or a choice of community
                await self._where.came(member, user_id)
                saved = self._asked.pop(user_id, None) if not payload else None
                if saved is not None:  # the picker's choice: what they asked, there
                    replayed = Update.de_json(saved, member.app.bot)
                    assert replayed is not None
                    return [member], replayed
                return [member], self._rewritten(update, member, f"/start {payload}".rstrip())
        if command and rest:  # "/bookings 银杏苑", "/booking yinxing-2": the community named
            named = self._named(rest)
            if named is not None:
                member, args = named
                await self._where.came(member, user_id)
                return [member], self._rewritten(update, member, f"{command} {args}".rstrip())
        if command == "/start" and not rest and self._officer(user_id):
            # The district's own welcome, the same whichever community says it: no picker.
            return [self.home], None
        known = await self._knowing(user_id)
        if command in FAN_OUT_COMMANDS and len(known) > 1:
            return known, None
        if not command:  # an awaited answer goes to the community that asked last
            asking = [m for m in known if await self._expecting(m, user_id)]
            if asking:
                return [await self._answered(known, asking, user_id)], None
        if update.my_chat_member is not None and known:
            return known, None  # blocked or unblocked: every community that knows them
        pool = await self._belonging(known, user_id)
        if len(pool) == 1:
            return pool, None
        last = await self._where.latest(pool, user_id, "told_at") if command else None
        if last is not None:
            return [last], None  # "/booking 2" after an alert: the alert's community
        current = await self._where.latest(pool or self.members, user_id, "came_at")
        if current is not None:
            return [current], None
        if len(self.members) == 1:
            return [self.home], None
        await self._ask_which(update, user_id, pool or self.members)
        return [], None

    def _officer(self, telegram_id: int) -> bool:
        """Whether this person is the district's own staff (named in district.toml)."""
        return any(telegram_id in m.runtime.community.district_staff_ids() for m in self.members)

    def _named(self, rest: str) -> tuple[Member, str] | None:
        """The community a command's first argument names (its file name or a title, alone or
        before ``-`` and a number), and the arguments without it."""
        head, _, tail = rest.partition(" ")
        for member in self.members:
            if member.answers_to(head):
                return member, tail.strip()
            prefix, dash, number = head.partition("-")
            if dash and number and member.answers_to(prefix):
                return member, f"{number} {tail}".strip()
        return None

    async def _knowing(self, telegram_id: int) -> list[Member]:
        """The communities that know this person (file or store), read afresh."""
        known: list[Member] = []
        for member in self.members:
            rt = member.runtime
            if telegram_id in self._file_ids(rt):
                known.append(member)
                continue
            async with rt.db.read() as tx:
                if await rt.people.get(tx, telegram_id) is not None:
                    known.append(member)
        names = frozenset(m.name for m in known)
        if len(names) > 1:
            self._known[telegram_id] = names
        else:
            self._known.pop(telegram_id, None)
        return known

    @staticmethod
    def _file_ids(rt: Runtime) -> set[int]:
        community = rt.community
        return community.staff_ids() | set(community.prelinked())

    async def _belonging(self, known: list[Member], user_id: int) -> list[Member]:
        """Of the communities that know someone, those they belong to: where they hold a role
        (staff, worker, elder, ...), not where they are only known for having written once;
        failing that, where staff revoked their role (that community knows who they are: a
        revoked person's emergency is raised there, tester t1, not where they once typed a
        command); failing that, all of them."""
        if len(known) < 2:
            return known
        ties = {m.name: await self._works(m, user_id) for m in known}
        best = max(ties.values())
        return [m for m in known if ties[m.name] == best] if best else known

    async def _works(self, member: Member, telegram_id: int) -> int:
        """2 when the person has a role in this community (its file names them, or they hold
        a role other than resident in its store), 1 when staff revoked theirs, else 0."""
        rt = member.runtime
        if telegram_id in self._file_ids(rt):
            return 2
        async with rt.db.read() as tx:
            person = await rt.people.get(tx, telegram_id)
            if person is None:
                return 0
            if any(role != "resident" for role, _ in await rt.people.roles(tx, person.id)):
                return 2
            return 1 if await rt.people.is_revoked(tx, telegram_id) else 0

    async def _answered(self, known: list[Member], asking: list[Member], user_id: int) -> Member:
        """Where a plain private message goes while communities wait for an answer from the
        person: the one that asked last, unless they have since come to another community
        (written in its group, opened its link, named it). Then they are there now, and a
        question left open elsewhere (a draft) does not take the message; it stays open, and
        the answer is labelled with the community that gives it."""
        last = await self._where.latest(asking, user_id, "told_at") or asking[0]
        moved = await self._where.latest(known, user_id, "came_at")
        if moved is None or moved is last:
            return last
        came = await self._where.stamp(moved, user_id, "came_at")
        asked = await self._where.stamp(last, user_id, "told_at")
        return moved if asked is None or (came is not None and came > asked) else last

    @staticmethod
    async def _expecting(member: Member, telegram_id: int) -> bool:
        rt = member.runtime
        async with rt.db.read() as tx:
            person = await rt.people.get(tx, telegram_id)
            return person is not None and await rt.people.expecting(tx, person.id) is not None

    async def _ask_which(self, update: Update, user_id: int, choices: list[Member]) -> None:
        """Ask someone the district cannot place which community they are in: one button
        per community, each a deep link that starts them there."""
        if update.message is not None and update.message.text:  # kept for after the choice
            if len(self._asked) > 10_000:
                self._asked.clear()
            self._asked[user_id] = update.to_dict()
        rt = self.home.runtime
        buttons = [
            [
                Button(
                    render(T("district.label", community=both(*m.titles())), self._lang(update)),
                    url=f"https://t.me/{rt.bot_username}?start={m.name}",
                )
            ]
            for m in choices
        ]
        self._picking.add(user_id)
        try:
            async with rt.db.tx() as tx:
                await rt.outbox.send(
                    tx,
                    user_id,
                    T("district.which"),
                    key=f"district:which:{user_id}:{update.update_id}",
                    buttons=buttons,
                    lang=self._lang(update),
                )
        finally:
            self._picking.discard(user_id)

    @staticmethod
    def _lang(update: Update) -> Lang:
        user = update.effective_user
        return normalise_lang(user.language_code if user is not None else None)

    @staticmethod
    def _rewritten(update: Update, member: Member, text: str) -> Update:
        """The update with its message's text replaced (the deep link's community taken off),
        bound to the community's bot."""
        data = update.to_dict()
        for key in ("message", "edited_message"):
            if key in data:
                data[key]["text"] = text
        rewritten = Update.de_json(data, member.app.bot)
        assert rewritten is not None
        return rewritten
