"""Two communities side by side in one deployment, for the district's tests.

香溪美地 (``xiangxi``, the sample community, staff 1001) and 银杏苑 (``yinxing``, the same
file renamed, staff 1002, its own cabinet code): each on a store of its own (two SQLite files,
or two PostgreSQL schemas), one bot in front. :class:`Side` is a :class:`Harness` seen from one
community: its staff, its runtime.
"""

from __future__ import annotations

from datetime import timedelta
from importlib import resources
from pathlib import Path

from bot.config import DistrictFile, Settings, Site, load_community
from bot.devtools.sandbox import Sandbox, SandboxMessage
from bot.district.app import runners
from bot.runtime import Runtime
from tests.harness import Harness, make_settings

XIANGXI_STAFF, YINXING_STAFF = 1001, 1002
# Staff of both communities (a street office's officer, say): /bind must name the community.
BOTH_STAFF = 1009
_BOTH = f'\n[[staff]]\ntelegram_id = {BOTH_STAFF}\nname = "区长"\n'


def sample_text() -> str:
    """The sample community file."""
    return resources.files("bot.data").joinpath("sample-community.toml").read_text("utf-8")


def yinxing_text() -> str:
    """The second community: the sample renamed, with its own staff and cabinet code."""
    return (
        sample_text()
        .replace("香溪美地", "银杏苑")
        .replace("Xiangxi Meidi", "Yinxing Yuan")
        .replace("telegram_id = 1001", "telegram_id = 1002")
        .replace('name = "刘主任"', 'name = "周主任"')
        .replace('cabinet_code = "2580"', 'cabinet_code = "7391"')
    )


def write_folder(folder: Path) -> Path:
    """A folder with the two community files (as CONCIERGE_COMMUNITY would name it)."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "xiangxi.toml").write_text(sample_text() + _BOTH, encoding="utf-8")
    (folder / "yinxing.toml").write_text(yinxing_text() + _BOTH, encoding="utf-8")
    return folder


OFFICE = DistrictFile.model_validate(
    {
        "district": {"name_zh": "西溪街道", "name_en": "Xixi Street", "digest_at": "08:00"},
        "staff": [{"telegram_id": BOTH_STAFF + 1, "name": "街道办王主任"}],
    }
)


def district_settings(
    sb: Sandbox,
    folder: Path,
    stores: tuple[Path | str, Path | str],
    office: DistrictFile | None = None,
) -> Settings:
    """Settings for the two communities on the sandbox, each on its own store."""
    for store in stores:
        if isinstance(store, Path):
            store.parent.mkdir(parents=True, exist_ok=True)
    sites = tuple(
        Site(name, load_community(folder / f"{name}.toml"), folder / f"{name}.toml", store)
        for name, store in zip(("xiangxi", "yinxing"), stores, strict=True)
    )
    base = make_settings(sb, stores[0], sites[0].community)
    return base.__class__(**{**base.__dict__, "district": sites, "office": office})


class District(Harness):
    """The running district, driven like one bot; ``side(name)`` views one community."""

    def runtimes(self) -> list[Runtime]:
        """Every community's runtime, the first one's first."""
        return [self.runtime, *(r.runtime for r in runners(self.runtime))]

    def runtime_of(self, name: str) -> Runtime:
        """One community's runtime."""
        index = {"xiangxi": 0, "yinxing": 1}[name]
        return self.runtimes()[index]

    def side(self, name: str) -> Side:
        """The district as one community's staff see it."""
        return Side(self, name)

    async def advance(self, delta: timedelta) -> None:
        """Move time forward; every community acts on what fell due."""
        self.clock.advance(delta)
        for runtime in self.runtimes():
            await runtime.plan()
            await runtime.tick()


class Side(Harness):
    """One community of a running district: its staff and runtime (same sandbox and bot)."""

    def __init__(self, district: District, name: str) -> None:
        super().__init__(district.sb, district.settings, district.clock)
        self.district = district
        self.name = name
        self.app = district.app
        staff = XIANGXI_STAFF if name == "xiangxi" else YINXING_STAFF
        self.staff = district.sb.user(staff, "刘主任" if staff == XIANGXI_STAFF else "周主任")

    @property
    def runtime(self) -> Runtime:
        """This community's runtime."""
        return self.district.runtime_of(self.name)

    async def advance(self, delta: timedelta) -> None:
        """Time moves for the whole district."""
        await self.district.advance(delta)


def texts(messages: list[SandboxMessage]) -> str:
    """Everything in these messages, buttons included, as one string to search."""
    return "\n".join(m.content + " " + " ".join(m.button_texts) for m in messages)
