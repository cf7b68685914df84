"""Assembling a district: one running copy of the bot per community, and the router in front.

Each community's copy is built exactly like a single community's (``bot/app.py``), from its own
settings (:func:`bot.district.sites.site_settings`: its file, its store, its key, its console
port), so everything that runs per community — deadlines, check-in ladders, the outbox sender,
the console — runs unchanged, each on its own store. The first community's Application is the
one that polls (or receives webhooks); the others are started and stopped with it, as servers
of its runtime (:class:`MemberRunner`), and never poll. Every sender shares one rate limiter.
"""

from __future__ import annotations

import contextlib
from collections.abc import Awaitable, Callable
from functools import partial

from bot.clock import Clock
from bot.config import Settings
from bot.district.digest import DigestClock, DistrictDigest
from bot.district.router import District, Member
from bot.district.sites import add_office_staff, site_settings
from bot.lanes import RateLimiter
from bot.runtime import Runtime
from handlers.context import ConciergeApp

Build = Callable[[Settings, Clock], ConciergeApp]
StartMember = Callable[[ConciergeApp], Awaitable[None]]


class MemberRunner:
    """Starts and stops one community's copy (not the first's) with the first's runtime."""

    def __init__(self, member: Member, start_member: StartMember) -> None:
        self.member = member
        self._start_member = start_member

    @property
    def runtime(self) -> Runtime:
        """The community's runtime."""
        return self.member.runtime

    async def start(self) -> None:
        """``getMe``, open the store, start the sender and the scheduler; never poll."""
        app = self.member.app
        await app.initialize()
        await self._start_member(app)
        await app.start()
        self.runtime.ready = True

    def catch_up(self) -> None:
        """Run the deadlines that fell due while down (after the queued updates were read)."""
        self.runtime.catch_up()

    async def stop(self) -> None:
        """Nothing yet: the first community's own servers (console, webhook inbox) stop first,
        since they may still hand this community an update; :class:`Closer` stops it after."""
        return None

    async def close(self) -> None:
        """Stop the scheduler, let sends finish, close the store (whatever fails on the way)."""
        app = self.member.app
        self.runtime.ready = False
        try:
            if app.running:
                await app.stop()
        finally:
            try:
                await self.runtime.stop()
            finally:
                await app.shutdown()


class Closer:
    """The last of the first community's servers: stops the other communities, once nothing
    can hand them an update any more."""

    def __init__(self, runners: list[MemberRunner]) -> None:
        self.runners = runners

    async def start(self) -> None:
        return None

    async def stop(self) -> None:
        for runner in self.runners:
            with contextlib.suppress(Exception):
                await runner.close()


class Directory:
    """Reads who is known where once every community's store is open (a server started after
    the communities' runners)."""

    def __init__(self, district: District) -> None:
        self.district = district

    async def start(self) -> None:
        await self.district.learn()

    async def stop(self) -> None:
        return None


def assemble(
    settings: Settings, clock: Clock, build: Build, start_member: StartMember
) -> District:
    """Every community's copy of the bot, wired to the district: shared limiter, deep links
    naming their community, labels for people in several, the others run with the first."""
    limiter = RateLimiter(settings.rate_limits)
    members: list[Member] = []
    for index, site in enumerate(settings.district):
        app = build(site_settings(settings, site, index), clock)
        runtime: Runtime = app.bot_data.runtime
        runtime.limiter = limiter
        runtime.link_prefix = f"{site.name}-"
        members.append(Member(site.name, app))
    district = District(members)
    for member in members:
        member.runtime.outbox.label(
            district.labeller(member), f"{member.name}-", district.teller(member)
        )
    runners = [MemberRunner(m, start_member) for m in members[1:]]
    servers = district.home.runtime.servers
    servers[:0] = [*runners, Directory(district)]
    servers.append(Closer(runners))
    if settings.office is not None:
        office = settings.office
        for member in members:  # the district's staff are staff of every community
            add = partial(add_office_staff, member.runtime.community, office)
            add()
            member.runtime.setup.on_change(add)
        digest = DistrictDigest(district, office)
        home = district.home.runtime
        home.planners.append(digest.plan)
        # After the other communities' runners (their stores open), before the Closer.
        servers.insert(len(servers) - 1, DigestClock(digest, home.settings.tick_seconds))
    return district


def runners(runtime: Runtime) -> list[MemberRunner]:
    """The other communities' runners started with this (the first) community's runtime."""
    return [s for s in runtime.servers if isinstance(s, MemberRunner)]
