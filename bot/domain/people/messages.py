"""Getting people in, in words: the welcome, the address question, invites, /help, languages.

Every text and keyboard onboarding shows is made here (through :class:`~bot.i18n.Text`, so
both languages come from the catalogue); ``handlers/onboarding.py`` only sends them.
"""

from __future__ import annotations

from collections.abc import Iterable

from bot.callbacks import CallbackSigner
from bot.config import Community
from bot.domain.people.contract import Action
from bot.domain.people.model import INVITABLE, Address
from bot.i18n import LANGUAGES, T, Text, both
from bot.outbox import Button, Keyboard

Card = tuple[Text, Keyboard | None]

ROLE_WELCOME = {
    "housekeeper": "onboarding.joined_housekeeper",
    "provider": "onboarding.joined_provider",
    "elder": "onboarding.joined_elder",
    "family": "onboarding.joined_family",
    "staff": "onboarding.joined_staff",
}


class PeopleTexts:
    """Onboarding's texts and keyboards (the buttons signed with the application's key)."""

    def __init__(self, signer: CallbackSigner, community: Community) -> None:
        self._signer = signer
        self._community = community

    def welcome(self, name: str) -> Text:
        """The plain /start greeting, naming the community (in a district, the one whose link
        or name brought them)."""
        info = self._community.community
        return T("onboarding.welcome", name=name, community=both(info.name_zh, info.name_en))

    def worker_welcome(
        self, name: str, roles: Iterable[tuple[str, str]], telegram_id: int = 0
    ) -> Text | None:
        """Staff's, a provider member's or a housekeeper's welcome (one line per such role:
        their commands, or what they will receive and how to answer); None for anyone else,
        who gets the resident's."""
        community = self._community
        lines: list[Text] = []
        held = sorted(roles)
        if any(role == "staff" for role, _ in held):
            lines.append(self.staff_welcome(name, telegram_id))
        for role, ref in held:
            if role == "provider" and (provider := community.provider(ref)):
                what = both(provider.name_zh, provider.name_en)
                lines.append(T("onsite.welcome_provider", name=name, what=what))
            elif role == "housekeeper" and (keeper := community.housekeeper(ref)):
                buildings = "、".join(keeper.buildings)
                info = community.community  # named: two communities' keepers may share "1、2、3"
                where = both(info.name_zh, info.name_en)
                text = T(
                    "onsite.welcome_housekeeper", name=name, buildings=buildings, community=where
                )
                lines.append(text)
        return T("common.lines", lines=lines) if lines else None

    def staff_welcome(self, name: str, telegram_id: int) -> Text:
        """Staff's welcome, naming their community; the district's staff's names the district
        and promises only the alerts ``district.toml`` gives them."""
        info, office = self._community.community, self._community.office
        commands = T("help.staff")
        if office is None or self._community.district_staff(telegram_id) is None:
            community = both(info.name_zh, info.name_en)
            return T("onboarding.welcome_staff", name=name, community=community, commands=commands)
        key = "welcome_district_all" if office.district.alerts == "all" else "welcome_district"
        district = both(office.district.name_zh, office.district.name_en)
        at = office.district.digest_at.strftime("%H:%M")
        return T(f"onboarding.{key}", name=name, district=district, at=at, commands=commands)

    def district_only(self, roles: Iterable[tuple[str, str]], telegram_id: int) -> bool:
        """Whether this person's welcome is the district's alone: the district's staff, with
        no role of this community's own (a housekeeper's line would be this community's)."""
        if self._community.office is None or self._community.district_staff(telegram_id) is None:
            return False
        return all(role in ("staff", "resident") for role, _ in roles)

    def link_unknown(self) -> Text:
        """A group request link that is unknown or gone."""
        return T("onboarding.link_unknown")

    def ask_address(self) -> Card:
        """Building-unit-room, please; or give it when you first book."""
        later = Button(T("onboarding.address_later"), self._signer.make(Action.ADDRESS_LATER))
        return T("onboarding.ask_address"), [[later]]

    def chatted(self, said: str) -> Card:
        """Small talk at the address question ("我很好", "你好", "谢谢"): answered as what it
        is, the address still asked (with its "later" button), never "not an address"."""
        buttons = self.ask_address()[1]
        lines = [T(f"onboarding.chat_{said}"), T("onboarding.address_still")]
        return T("common.lines", lines=lines), buttons

    def address_saved(self, address: Address) -> Text:
        """The address as stored (only ever said in private)."""
        return T("onboarding.address_saved", address=address.label())

    def address_later_ok(self) -> Text:
        """The toast of "address later"."""
        return T("onboarding.address_later_ok")

    def joined(self, role: str, what: object) -> Text:
        """Welcome to a role granted by an invite, naming what it is about and the community
        (someone who joins two communities of a district can tell the welcomes apart)."""
        info = self._community.community
        return T(ROLE_WELCOME[role], what=what, community=both(info.name_zh, info.name_en))

    def invite_refused(self, outcome: str) -> Text:
        """The invite link is unknown, used by someone else, or expired."""
        return T(f"onboarding.invite_{outcome}")

    def invite_usage(self) -> Text:
        """How /invite is used, with the refs the community file knows."""
        community = self._community
        refs = "\n".join(
            [
                "housekeeper: " + ", ".join(h.key for h in community.housekeepers),
                "provider: " + ", ".join(p.id for p in community.providers),
                "elder / family: " + ", ".join(e.key for e in community.elders),
            ]
        )
        return T("onboarding.invite_usage", refs=refs)

    def invite_created(self, role: str, what: object, link: str) -> Card:
        """The one-time link, as a button to forward."""
        text = T("onboarding.invite_created", what=what, role=T(f"role.{role}"))
        return text, [[Button(T("onboarding.invite_button"), url=link)]]

    def help(self, roles: Iterable[str]) -> Text:
        """What the bot does for this person in private, section by role held."""
        held = set(roles)
        sections = [T("help.resident")] + [T(f"help.{r}") for r in INVITABLE if r in held]
        return T("help.private", sections=sections)

    def choose_language(self) -> Card:
        """One button per language."""
        buttons = [
            Button(T(f"language.name_{code}"), self._signer.make(Action.LANGUAGE, code))
            for code in LANGUAGES
        ]
        return T("language.choose"), [buttons]

    def language_set(self) -> Text:
        """Confirmation, in the language just chosen."""
        return T("language.set")

    def stale(self) -> Text:
        """A button that no longer (or never did) mean anything."""
        return T("common.stale_button")
