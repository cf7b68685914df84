"""Builds every feature's use cases from the runtime's shared parts, each dependency named.

The composition root's first half (the second, registering the handlers, is ``bot/app.py``):
the runtime holds what every feature shares (storage, outbox writer, people, audit, signer,
clock, catalogue); here each feature's services are made from exactly the parts they use, so a
feature never reaches into the runtime for something it was not given. No I/O.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.domain import bookings
from bot.domain.bookings import BookingService
from bot.domain.checkins import Checkins
from bot.domain.incidents.emergencies import Emergencies
from bot.domain.incidents.repo import IncidentRepo
from bot.domain.incidents.responses import Responses
from bot.domain.incidents.service import Incidents
from bot.domain.notices import Notices
from bot.domain.notices.repo import NoticeRepo
from bot.domain.tools import Tools
from bot.runtime import Runtime


@dataclass(frozen=True)
class Services:
    """The use cases of every feature, built once per Application."""

    incidents: Incidents
    responses: Responses
    emergencies: Emergencies
    checkins: Checkins
    bookings: BookingService
    tools: Tools
    notices: Notices


def build_services(rt: Runtime) -> Services:
    """Each feature's services from the shared parts it needs (incidents first: check-ins raise
    their help calls through them)."""
    community, clock, people, outbox = rt.community, rt.clock, rt.people, rt.outbox
    audit, signer = rt.audit, rt.signer
    incidents = Incidents(IncidentRepo(), people, outbox, audit, signer, clock, community)
    return Services(
        incidents=incidents,
        responses=Responses(incidents),
        emergencies=Emergencies(incidents),
        checkins=Checkins.build(community, clock, people, outbox, audit, signer, incidents),
        bookings=bookings.build(
            community=community,
            services=rt.catalogue,
            people=people,
            outbox=outbox,
            audit=audit,
            signer=signer,
            clock=clock,
            secret_key=rt.settings.secret_key,
        ),
        tools=Tools.build(community, rt.catalogue, people, outbox, audit, clock, signer),
        notices=Notices(community, NoticeRepo(), rt.groups, people, outbox, audit, clock),
    )
