"""Settings from the environment and the community file, validated once at start.

A broken community file must produce one clear line (file, field, what is wrong) and exit
status 2, so validation errors are collected into :class:`ConfigError` with that line ready.
"""

from __future__ import annotations

import os
import re
import socket
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, time, timedelta
from importlib import resources
from pathlib import Path
from typing import Annotated, Any, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PrivateAttr,
    ValidationError,
    field_validator,
    model_validator,
)

from bot.config_checks import catalogue_problem, decode_community, secret_key_problem
from bot.storage.dialect import is_postgres
from intents.addresses import door_number
from intents.model import Model, ModelError

DEFAULT_API_URL = "https://api.telegram.org"
SAMPLE_COMMUNITY = "sample-community.toml"

_DURATION = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(s|m|h|d|w)\s*$")
_UNIT_SECONDS = {"s": 1, "m": 60, "h": 3600, "d": 86400, "w": 604800}


class ConfigError(Exception):
    """A setting or the community file is wrong; ``str()`` is the one line to show."""


def parse_duration(value: object) -> timedelta:
    """Parse ``30s``, ``10m``, ``2h``, ``3d``, ``1w`` (or a number of seconds) into a timedelta."""
    if isinstance(value, timedelta):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        return timedelta(seconds=value)
    if isinstance(value, str) and (m := _DURATION.match(value)):
        return timedelta(seconds=float(m.group(1)) * _UNIT_SECONDS[m.group(2)])
    raise ValueError(f"expected a duration like 30s, 10m, 2h or 3d, got {value!r}")


def _parse_clock(value: object) -> time:
    """Parse ``HH:MM`` into a time of day."""
    if isinstance(value, time):
        return value
    if isinstance(value, str) and re.fullmatch(r"\d{1,2}:\d{2}", value.strip()):
        hours, minutes = (int(part) for part in value.strip().split(":"))
        if hours < 24 and minutes < 60:
            return time(hours, minutes)
    raise ValueError(f"expected a time of day like 07:30, got {value!r}")


Duration = Annotated[timedelta, BeforeValidator(parse_duration)]
ClockTime = Annotated[time, BeforeValidator(_parse_clock)]
LinkedRole = Literal["housekeeper", "provider", "elder", "family"]
Weekday = Literal["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
WEEKDAYS: tuple[Weekday, ...] = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


class _Model(BaseModel):
    """Strict base: unknown keys are typos, and typos must be reported, not ignored."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class CommunityInfo(_Model):
    """Who the community is and how it speaks."""

    name_zh: str
    name_en: str
    timezone: str = "Asia/Shanghai"
    language: Literal["zh", "en"] = "zh"
    # The buildings of the community ("1"…"6", "A"): an address in any other is refused.
    # Left out, the buildings the housekeepers cover are the community's.
    buildings: list[str] = []

    @field_validator("buildings")
    @classmethod
    def _buildings_named(cls, value: list[str]) -> list[str]:
        names = [b.strip().upper() for b in value]
        for name in names:
            if not re.fullmatch(r"[0-9A-Z]{1,4}", name):
                raise ValueError(f'building {name!r}: use its number or letters ("3", "A")')
        duplicates = sorted({n for n in names if names.count(n) > 1})
        if duplicates:
            raise ValueError(f"building {duplicates[0]!r} is listed twice")
        return names

    @field_validator("timezone")
    @classmethod
    def _known_timezone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError(f"unknown timezone {value!r}") from None
        return value


class Policy(_Model):
    """Community-wide rules for bookings, ratings and loans."""

    cancel_free_hours: float = 4
    rating_floor: float = 3.5
    rating_floor_min_count: int = 5
    reminder_before: Duration = timedelta(hours=2)
    max_tools_at_once: int = 2
    notice_stale_after: Duration = timedelta(hours=3)  # a notice this late is skipped, not posted
    invite_ttl: Duration = timedelta(days=7)
    # A worker not arrived this long after the time they promised: the resident is asked.
    arrival_grace: Duration = timedelta(minutes=10)


class Windows(_Model):
    """One duration for urgent work orders and one for the others."""

    urgent: Duration
    normal: Duration


class WorkOrderPolicy(_Model):
    """Common-area work orders: how long the property team has to accept one, and how long an
    accepted one may stay undone before staff are alerted (as Building Engines does)."""

    response_window: Windows = Windows(urgent=timedelta(minutes=15), normal=timedelta(hours=1))
    escalate_after: Windows = Windows(urgent=timedelta(hours=4), normal=timedelta(hours=24))


class CheckinPolicy(_Model):
    """The welfare check-in escalation ladder and its limits."""

    reminder_after: Duration = timedelta(minutes=30)
    grid_worker_after: Duration = timedelta(minutes=60)
    staff_after: Duration = timedelta(minutes=120)
    quiet_start: ClockTime = time(22, 0)
    quiet_end: ClockTime = time(7, 0)
    max_pause: Duration = timedelta(days=30)
    # Kept so existing community files load: a late greeting now goes while its day lasts
    # (bot.domain.checkins.schedule.day_over), whatever this says.
    late_ping_limit: Duration = timedelta(hours=3)
    visit_every_high: Duration = timedelta(days=7)
    visit_every_normal: Duration = timedelta(days=30)

    @model_validator(mode="after")
    def _ladder_in_order(self) -> CheckinPolicy:
        if not self.reminder_after < self.grid_worker_after < self.staff_after:
            raise ValueError("reminder_after < grid_worker_after < staff_after must hold")
        return self


class EmergencyPolicy(_Model):
    """Who answers an emergency or a help call, how fast, and the numbers people are given."""

    ack_window: Duration = timedelta(minutes=5)  # nobody said "I'm going" -> escalate
    unresolved_after: Duration = timedelta(minutes=60)  # going, never confirmed safe -> staff
    max_rounds: int = Field(default=6, ge=1)  # brisk rounds (every ack_window), then slower
    on_duty: list[str] = []  # housekeeper keys asked first when the responsible one is silent
    lift_phone: str = "96333"  # the lift rescue line (96333 in most Chinese cities)
    office_phone: str = ""  # the property office's public number, given with the advice


class Retention(_Model):
    """How long finished bookkeeping is kept before it is pruned (the audit is always kept).

    At least two days each: Telegram redelivers an update within a day, the planner looks a
    day back, and a pruned name or key could otherwise be used again.
    """

    processed_updates: Duration = timedelta(days=30)  # ids of updates already handled
    outbox_sent: Duration = timedelta(days=30)  # messages delivered (edits of older ones fail)
    deadlines_finished: Duration = timedelta(days=30)  # done, cancelled or failed deadlines
    group_replies: Duration = timedelta(days=30)  # a group reply's ✖ (and the text it keeps)

    @model_validator(mode="after")
    def _long_enough(self) -> Retention:
        for name in ("processed_updates", "outbox_sent", "deadlines_finished", "group_replies"):
            if getattr(self, name) < timedelta(days=2):
                raise ValueError(f"{name}: keep at least 2d")
        return self


class BackupPolicy(_Model):
    """The nightly backup: a consistent copy of the database at ``time`` (community time) into
    ``folder`` (relative to the database's folder; empty: no nightly backup), kept
    ``keep_days`` days."""

    folder: str = ""
    time: ClockTime = time(3, 30)
    keep_days: int = Field(default=14, ge=1)


class Group(_Model):
    """A group chat known in advance (staff can also /bind one at run time)."""

    chat_id: int
    name: str


class Staff(_Model):
    """Community staff: the root of trust, so their Telegram ids come from the file."""

    telegram_id: int
    name: str
    language: Literal["zh", "en"] = "zh"


class Housekeeper(_Model):
    """A property housekeeper and grid worker, and the buildings they cover."""

    key: str
    name: str
    buildings: list[str]
    telegram_id: int | None = None


class Member(_Model):
    """A person who works for a provider and receives its offers."""

    name: str
    telegram_id: int | None = None


class Offer(_Model):
    """What a provider charges for one service, against the market reference."""

    service: str
    price: float = Field(ge=0)
    unit_zh: str = "次"
    unit_en: str = "visit"
    market_price: float | None = Field(default=None, ge=0)
    response_window: Duration | None = None


class Provider(_Model):
    """The property's own team or a vetted third party."""

    id: str
    name_zh: str
    name_en: str
    kind: Literal["property", "third_party"] = "third_party"
    licence_expires: date | None = None
    insurance_expires: date | None = None
    members: list[Member] = []
    offers: list[Offer] = []


class ServiceOverride(_Model):
    """Per-service settings: extra aliases, response window, urgency."""

    aliases: list[str] = []
    response_window: Duration | None = None
    urgent: bool = False


class Tool(_Model):
    """A kind of tool in the cabinet, with how many units and how long a loan lasts."""

    id: str
    units: int = Field(ge=1)
    loan: Duration = timedelta(days=3)
    hold: Duration = timedelta(days=1)
    location_zh: str = "物业服务中心工具柜"
    location_en: str = "the tool cabinet at the property office"
    self_service: bool = False
    # Shown only in the borrower's private chat, never in groups, logs or the audit trail.
    cabinet_code: str = ""


class FamilyMember(_Model):
    """Someone to tell when an elder misses a check-in."""

    name: str
    relation: str = ""
    telegram_id: int | None = None
    daily_all_clear: bool = False


class Elder(_Model):
    """An older resident living alone, enrolled for welfare check-ins."""

    key: str
    name: str
    address: str = ""
    checkin_times: list[ClockTime] = [time(9, 0)]
    grid_worker: str
    risk: Literal["high", "normal"] = "normal"
    has_telegram: bool = True
    telegram_id: int | None = None
    family: list[FamilyMember] = []


class Notice(_Model):
    """A recurring community notice posted to the groups."""

    id: str
    text_zh: str
    text_en: str
    days: list[Weekday]
    post_at: ClockTime


class FaqEntry(_Model):
    """A question the community desk answers: its ways of asking and its answer, in both
    languages; ``notice`` names a file notice whose text is the answer on its days."""

    id: str
    ask_zh: list[str] = []
    ask_en: list[str] = []
    # Topic words ("驿站", "物业+电话": every part joined by + must appear), any language.
    keywords_zh: list[str] = []
    keywords_en: list[str] = []
    answer_zh: str
    answer_en: str
    notice: str | None = None
    # What the notice announces ("菜摊"), for "今天没有菜摊（没有通知）" on the other days.
    topic_zh: str | None = None
    topic_en: str | None = None

    @model_validator(mode="after")
    def _asked_somehow(self) -> FaqEntry:
        if not [a for a in self.ask_zh + self.ask_en if a.strip()]:
            raise ValueError(f"faq {self.id!r}: give at least one way of asking (ask_zh, ask_en)")
        return self


class Community(_Model):
    """The whole community file."""

    community: CommunityInfo
    policy: Policy = Policy()
    checkins: CheckinPolicy = CheckinPolicy()
    emergency: EmergencyPolicy = EmergencyPolicy()
    work_orders: WorkOrderPolicy = WorkOrderPolicy()
    retention: Retention = Retention()
    backup: BackupPolicy = BackupPolicy()
    groups: list[Group] = []
    staff: list[Staff] = Field(min_length=1)
    housekeepers: list[Housekeeper] = []
    _office: Any = PrivateAttr(default=None)  # the DistrictFile of a district's community
    providers: list[Provider] = []
    services: dict[str, ServiceOverride] = {}
    tools: list[Tool] = []
    elders: list[Elder] = []
    notices: list[Notice] = []
    faq: list[FaqEntry] = []

    @model_validator(mode="after")
    def _references_resolve(self) -> Community:
        housekeepers = {h.key for h in self.housekeepers}
        for index, elder in enumerate(self.elders):
            if elder.grid_worker not in housekeepers:
                raise ValueError(
                    f"elders[{index}].grid_worker: no housekeeper with key {elder.grid_worker!r}"
                )
        for index, key in enumerate(self.emergency.on_duty):
            if key not in housekeepers:
                raise ValueError(f"emergency.on_duty[{index}]: no housekeeper with key {key!r}")
        for kind, keys in (
            ("providers", [p.id for p in self.providers]),
            ("housekeepers", [h.key for h in self.housekeepers]),
            ("elders", [e.key for e in self.elders]),
            ("tools", [t.id for t in self.tools]),
            ("notices", [n.id for n in self.notices]),
            ("faq", [f.id for f in self.faq]),
        ):
            duplicates = sorted({k for k in keys if keys.count(k) > 1})
            if duplicates:
                raise ValueError(f"{kind}: duplicate id {duplicates[0]!r}")
        notices = {n.id for n in self.notices}
        for index, entry in enumerate(self.faq):
            if entry.notice is not None and entry.notice not in notices:
                raise ValueError(f"faq[{index}].notice: no notice with id {entry.notice!r}")
        problem = catalogue_problem(self) or self._buildings_problem()
        if problem:
            raise ValueError(problem)
        return self

    def _buildings_problem(self) -> str | None:
        """Housekeepers cover, and elders live in, buildings the community has."""
        known = set(self.building_ids())
        if not known:
            return None
        for index, keeper in enumerate(self.housekeepers):
            for building in keeper.buildings:
                if building.strip().upper() not in known:
                    return (
                        f"housekeepers[{index}].buildings: no building {building!r} in "
                        "community.buildings"
                    )
        for index, elder in enumerate(self.elders):
            found = door_number(elder.address) if elder.address else None
            if elder.address and found is None:
                return f"elders[{index}].address: {elder.address!r} is not building-unit-room"
            if found is not None and found[0] not in known:
                return f"elders[{index}].address: no building {found[0]!r} in community.buildings"
        return None

    def building_ids(self) -> tuple[str, ...]:
        """The community's buildings: the listed ones, else those the housekeepers cover
        (empty: any building is accepted)."""
        if self.community.buildings:
            return tuple(self.community.buildings)
        covered = {b.strip().upper() for h in self.housekeepers for b in h.buildings}
        return tuple(sorted(covered, key=lambda b: (len(b), b)))

    @property
    def tz(self) -> ZoneInfo:
        """The community's timezone."""
        return ZoneInfo(self.community.timezone)

    def staff_ids(self) -> set[int]:
        """Telegram ids of community staff."""
        return {s.telegram_id for s in self.staff}

    def district_staff_ids(self) -> set[int]:
        """Telegram ids of the district's staff among them (a district: ``district.toml``;
        marked by :meth:`mark_district_staff`, since a setup change rebuilds the staff list)."""
        office = self.office
        return set() if office is None else {s.telegram_id for s in office.staff}

    def mark_district_staff(self, office: DistrictFile) -> None:
        """Record the district this community belongs to: which staff are the district's (not
        this community's own to revoke), their names, and which alerts they get."""
        self._office = office

    @property
    def office(self) -> DistrictFile | None:
        """The district's file (``district.toml``), when this community belongs to one."""
        office: DistrictFile | None = self._office
        return office

    def staff_member(self, telegram_id: int) -> Staff | None:
        """Staff of this id as staff named them: ``district.toml``'s entry for the district's,
        else the community's list (the file's, or the name given at ``/invite staff``)."""
        found = [s for s in self.staff if s.telegram_id == telegram_id]
        return self.district_staff(telegram_id) or (found[0] if found else None)

    def district_staff(self, telegram_id: int) -> Staff | None:
        """The district's staff member of this id (their name is ``district.toml``'s)."""
        office = self.office
        found = [] if office is None else [s for s in office.staff if s.telegram_id == telegram_id]
        return found[0] if found else None

    def alert_staff_ids(self) -> tuple[set[int], set[int]]:
        """Whom a routine staff alert goes to: the community's own staff (with the district's
        when ``district.toml`` says every alert), and the district's staff, who stand in when
        none of those can be reached."""
        district = self.district_staff_ids()
        if self.office is not None and self.office.district.alerts == "all":
            return self.staff_ids(), district
        return self.staff_ids() - district, district

    def prelinked(self) -> dict[int, set[tuple[LinkedRole, str]]]:
        """Roles the file grants by Telegram id, so those people need no invite link."""
        links: dict[int, set[tuple[LinkedRole, str]]] = {}
        entries: list[tuple[int | None, LinkedRole, str]] = [
            *((h.telegram_id, "housekeeper", h.key) for h in self.housekeepers),
            *((m.telegram_id, "provider", p.id) for p in self.providers for m in p.members),
            *((e.telegram_id, "elder", e.key) for e in self.elders),
            *((f.telegram_id, "family", e.key) for e in self.elders for f in e.family),
        ]
        for telegram_id, role, ref in entries:
            if telegram_id is not None:
                links.setdefault(telegram_id, set()).add((role, ref))
        return links

    def provider(self, provider_id: str) -> Provider | None:
        """The provider with this id, if any."""
        return next((p for p in self.providers if p.id == provider_id), None)

    def housekeeper(self, key: str) -> Housekeeper | None:
        """The housekeeper with this key, if any."""
        return next((h for h in self.housekeepers if h.key == key), None)

    def elder(self, key: str) -> Elder | None:
        """The elder with this key, if any."""
        return next((e for e in self.elders if e.key == key), None)

    def tool(self, tool_id: str) -> Tool | None:
        """The cabinet tool with this id, if any."""
        return next((t for t in self.tools if t.id == tool_id), None)


class DistrictInfo(_Model):
    """A district's name, and when its daily digest goes out (district time: the first
    community's timezone)."""

    name_zh: str
    name_en: str
    digest_at: ClockTime = time(8, 0)
    # Which staff alerts the district's staff get: "escalations" (an emergency nobody of the
    # community took in time, and every alert of a community none of whose own staff can be
    # reached), or "all" (every community's every staff alert, as its own staff get them).
    alerts: Literal["escalations", "all"] = "escalations"


class DistrictFile(_Model):
    """``district.toml`` in a folder of community files: the district role. Its staff are
    staff of every community of the folder (each community's console, lists and alerts) and
    receive the daily district digest."""

    district: DistrictInfo
    staff: list[Staff] = Field(min_length=1)


def _location(loc: tuple[int | str, ...]) -> str:
    """Render a pydantic error location as ``providers[0].offers[1].price``."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out or "(top level)"


def load_community(path: Path | None = None, *, text: str | None = None) -> Community:
    """Read and validate a community file; raise ConfigError with one clear line if wrong."""
    if text is None:
        if path is None:
            text = resources.files("bot.data").joinpath(SAMPLE_COMMUNITY).read_text("utf-8")
            path = Path(SAMPLE_COMMUNITY)
        else:
            try:
                raw = path.read_bytes()
            except OSError as exc:
                raise ConfigError(
                    f"community file {path}: cannot read it ({exc.strerror})"
                ) from None
            try:
                text = decode_community(raw)
            except ValueError as exc:
                raise ConfigError(f"community file {path}: {exc}") from None
    text = text.removeprefix("\ufeff")
    name = str(path) if path is not None else "<community>"
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"community file {name}: not valid TOML: {exc}") from None
    try:
        return Community.model_validate(data)
    except ValidationError as exc:
        error = exc.errors()[0]
        message = str(error["msg"]).removeprefix("Value error, ")
        where = _location(tuple(error["loc"]))
        if where == "(top level)" and ": " in message:
            where, message = message.split(": ", 1)
        raise ConfigError(f"community file {name}: {where}: {message}") from None


@dataclass(frozen=True)
class RateLimits:
    """Telegram's flood limits, which the outbox sender stays within."""

    global_per_second: float = 30.0
    per_chat_interval: float = 1.0
    group_per_minute: int = 20


@dataclass(frozen=True)
class Site:
    """One community of a district: its name (its file's, without ``.toml``), its validated
    file, and the store it keeps its data in (a SQLite file or a PostgreSQL URL)."""

    name: str
    community: Community
    path: Path
    store: Path | str


@dataclass(frozen=True)
class Settings:
    """Everything the application needs, read once at start."""

    token: str
    api_url: str
    db_path: Path
    community: Community
    community_path: Path | None
    secret_key: str
    tick_seconds: float = 1.0
    rate_limits: RateLimits = field(default_factory=RateLimits)
    request_timeout: float = 10.0
    # The web console (bot/web): where it listens, and the address staff reach it at (links
    # use it; without it, http://host:port). Port 0 picks a free port (tests).
    web_host: str = "127.0.0.1"
    web_port: int = 8080
    public_url: str = ""
    # `concierge run --webhook`: Telegram posts updates to public_url (bot/webhook), instead
    # of the bot polling for them.
    webhook: bool = False
    # CONCIERGE_INSTANCE: this instance's name among several sharing one PostgreSQL (the
    # webhook inbox's claims carry it). Empty: host name and web port, the same after a
    # restart, so a restarted instance takes back its own claims at once.
    instance: str = ""
    # CONCIERGE_DB as a postgresql:// URL: the PostgreSQL store (db_path then only places
    # files kept beside a database, such as the community's model). Empty: SQLite at db_path.
    db_url: str = ""
    # A community's own request model (`concierge train --extra ...`), read at start when its
    # file exists; None: the model shipped in the package.
    model: Model | None = None
    # CONCIERGE_COMMUNITY naming a folder of two or more community files: every community of
    # the district, the first one's also in ``community`` (bot/district). Empty: one community.
    district: tuple[Site, ...] = ()
    # The folder's district.toml, if any: the district role and its digest.
    office: DistrictFile | None = None
    # In a district, the community this copy of the bot serves (its file's name): its console's
    # cookie carries it, so one browser stays signed in to every community's console. Empty:
    # one community.
    site: str = ""

    @property
    def store(self) -> Path | str:
        """What to open: the PostgreSQL URL when one is set, else the SQLite file."""
        return self.db_url or self.db_path

    @property
    def instance_id(self) -> str:
        """This instance's name for its claims (CONCIERGE_INSTANCE, else host and port; with
        port 0, which picks a free one, the process id too: two such instances differ)."""
        if self.instance:
            return self.instance
        host = socket.gethostname()
        return f"{host}:{self.web_port}" if self.web_port else f"{host}:pid{os.getpid()}"

    @property
    def base_url(self) -> str:
        """Bot API base URL in python-telegram-bot's form (``<root>/bot``)."""
        return f"{self.api_url.rstrip('/')}/bot"

    @property
    def base_file_url(self) -> str:
        """Bot API file URL in python-telegram-bot's form."""
        return f"{self.api_url.rstrip('/')}/file/bot"


def _port(raw: str) -> int:
    """CONCIERGE_WEB_PORT: a TCP port (0 picks a free one)."""
    if raw.strip().isdigit() and int(raw) < 65536:
        return int(raw)
    raise ConfigError(f"CONCIERGE_WEB_PORT must be a port number, got {raw!r}")


def web_settings(env: Mapping[str, str], default_port: int = 8080) -> dict[str, Any]:
    """The console's host, port and public address from the environment (CONCIERGE_WEB_*)."""
    return {
        "web_host": env.get("CONCIERGE_WEB_HOST", "127.0.0.1"),
        "web_port": _port(env.get("CONCIERGE_WEB_PORT", str(default_port))),
        "public_url": env.get("CONCIERGE_PUBLIC_URL", "").rstrip("/"),
        "instance": env.get("CONCIERGE_INSTANCE", "").strip(),
    }


def settings_from_env(
    env: Mapping[str, str] | None = None, *, require_token: bool = True, **overrides: Any
) -> Settings:
    """Build Settings from the environment; raise ConfigError naming what is missing or wrong."""
    env = os.environ if env is None else env
    token = env.get("TELEGRAM_BOT_TOKEN", "")
    if require_token and not token:
        raise ConfigError("TELEGRAM_BOT_TOKEN is not set (get one from @BotFather)")
    community_path = Path(env["CONCIERGE_COMMUNITY"]) if env.get("CONCIERGE_COMMUNITY") else None
    secret = env.get("CONCIERGE_SECRET_KEY", "")
    if require_token and (problem := secret_key_problem(secret)):
        raise ConfigError(problem)
    district: tuple[Site, ...] = ()
    office: DistrictFile | None = None
    if community_path is not None and community_path.is_dir():
        from bot.district.sites import community_files, load_office, load_sites

        files = community_files(community_path)
        office = load_office(community_path)
        if len(files) == 1 and office is None:  # one file: exactly that file, as before
            community_path = files[0]
        else:
            db = env.get("CONCIERGE_DB", "concierge.db")
            district = load_sites(community_path, db)
            community_path = district[0].path
    values: dict[str, Any] = {
        "token": token,
        "api_url": env.get("TELEGRAM_API_URL", DEFAULT_API_URL),
        "db_path": Path(env.get("CONCIERGE_DB", "concierge.db")),
        "db_url": "",
        "community": district[0].community if district else load_community(community_path),
        "community_path": community_path,
        "district": district,
        "office": office,
        "secret_key": secret or "concierge-insecure-development-key",
        **web_settings(env),
    }
    if is_postgres(env.get("CONCIERGE_DB", "")):
        values["db_url"], values["db_path"] = env["CONCIERGE_DB"], Path("concierge.db")
    if district:  # the first community's store (what the one-store commands act on)
        first = district[0].store
        values["db_url"] = str(first) if is_postgres(first) else ""
        values["db_path"] = Path("concierge.db") if is_postgres(first) else Path(first)
    values["model"] = community_model(model_path(env, values["db_path"]))
    values.update(overrides)
    return Settings(**values)


COMMUNITY_MODEL = "community-model.json"


def model_path(env: Mapping[str, str], db_path: Path) -> Path:
    """Where a community's own model lives: ``CONCIERGE_MODEL``, else beside the database."""
    given = env.get("CONCIERGE_MODEL", "")
    return Path(given) if given else db_path.parent / COMMUNITY_MODEL


def community_model(path: Path) -> Model | None:
    """The community's model when its file exists (a broken one is a ConfigError), else None."""
    if not path.exists():
        return None
    try:
        return Model.load(path)
    except ModelError as exc:
        raise ConfigError(f"CONCIERGE_MODEL: {exc}") from None
