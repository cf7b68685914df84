"""Builds every feature's use cases from the runtime's shared parts, each dependency named.

The composition root's first half (the second, registering the handlers, is ``bot/app.py``):
the runtime holds what every feature shares (storage, outbox writer, people, audit, signer,
clock, catalogue); here each feature's services are made from exactly the parts they use, so a
feature never reaches into the runtime for something it was not given. No I/O.

Three services are built by :meth:`bot.runtime.Runtime.build` instead: ``people`` and
``groups`` because the outbox sender needs them before any feature (the undelivered-message
notice, a group that migrated to a supergroup), and ``requests`` because the handlers of more
than one feature read group requests from the runtime (``/start req_…`` and the requests
handlers). The features built here are given those from the runtime.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.domain import bookings
from bot.domain.backups import NightlyBackups
from bot.domain.bookings import BookingService
from bot.domain.checkins import Checkins, enrolled_name
from bot.domain.console import Console
from bot.domain.console.insight.service import Insight
from bot.domain.corrections import Corrections
from bot.domain.corrections.files import key_of
from bot.domain.faq import CommunityFaq
from bot.domain.incidents.emergencies import Emergencies
from bot.domain.incidents.repo import IncidentRepo
from bot.domain.incidents.responses import Responses
from bot.domain.incidents.service import Incidents
from bot.domain.incidents.timeline import Lookup
from bot.domain.incidents.withdraw import AlertWithdrawal
from bot.domain.notices import Notices
from bot.domain.notices.repo import NoticeRepo
from bot.domain.onboard import ProviderOnboarding
from bot.domain.people.messages import PeopleTexts
from bot.domain.people.onboarding import Onboarding
from bot.domain.reports import Reports
from bot.domain.tools import Tools
from bot.runtime import Runtime


@dataclass(frozen=True)
class Services:
    """The use cases of every feature, built once per Application."""

    onboarding: Onboarding
    incidents: Incidents
    responses: Responses
    lookup: Lookup
    emergencies: Emergencies
    checkins: Checkins
    bookings: BookingService
    tools: Tools
    notices: Notices
    corrections: Corrections
    faq: CommunityFaq
    backups: NightlyBackups
    reports: Reports
    console: Console
    onboard: ProviderOnboarding  # new providers from the console (bot/domain/onboard)


def build_services(rt: Runtime) -> Services:
    """Each feature's services from the shared parts it needs (incidents first: check-ins raise
    their help calls through them)."""
    community, clock, people, outbox = rt.community, rt.clock, rt.people, rt.outbox
    audit, signer = rt.audit, rt.signer
    incidents = Incidents(IncidentRepo(), people, outbox, audit, signer, clock, community)
    booking_service = bookings.build(
        community=community,
        services=rt.catalogue,
        people=people,
        outbox=outbox,
        audit=audit,
        signer=signer,
        clock=clock,
        secret_key=rt.settings.secret_key,
    )
    notices = Notices(community, NoticeRepo(), rt.groups, people, outbox, audit, clock)
    corrections = Corrections(key_of(community), clock, rt.catalogue.vocabulary, community.tz)
    console = Console(
        community,
        clock,
        people,
        notices,
        booking_service,
        rt.catalogue,
        audit,
        rt.setup,
        Insight(community, clock, booking_service, corrections),
        rt.settings.token,
        outbox=outbox,
    )
    tools = Tools.build(community, rt.catalogue, people, outbox, audit, clock, signer)
    console.revoking.on_revoke.append(AlertWithdrawal(incidents.repo, outbox, clock.now).withdraw)
    console.revoking.on_revoke.append(tools.withdrawal.withdraw)
    checkins = Checkins.build(community, clock, people, outbox, audit, signer, incidents)
    return Services(
        onboarding=Onboarding(
            people,
            audit,
            community,
            PeopleTexts(signer, community),
            enrolled_name=enrolled_name,
            deep_link=rt.deep_link,
            join_staff=rt.setup.join_staff,
        ),
        incidents=incidents,
        responses=Responses(incidents),
        lookup=Lookup(incidents.repo, audit, people, community.tz),
        # an elder's fall is hers, and so is an emergency at her flat
        emergencies=Emergencies(incidents, checkins.help.own_call, checkins.help.elder_at),
        checkins=checkins,
        bookings=booking_service,
        tools=tools,
        notices=notices,
        corrections=corrections,
        faq=CommunityFaq(community),
        backups=NightlyBackups(community, rt.db.path if rt.db.local else None, audit),
        reports=Reports(community, rt.catalogue, people, outbox, audit, clock),
        console=console,
        onboard=ProviderOnboarding(
            community, clock, people, rt.catalogue, rt.setup, audit, rt.deep_link
        ),
    )
