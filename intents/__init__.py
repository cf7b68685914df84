"""Pure text understanding: normalise, read cues, decide request vs chatter with a learned model,
match the catalogue, parse times.

Nothing here imports Telegram or touches a database.
"""

from intents.addresses import address_answer, address_change, corrects_address, door_fix
from intents.asks import asks_worker_contact, building_outage
from intents.catalogue import Catalogue, Entry
from intents.context import Context
from intents.emergency import Emergency, EmergencyKind, detect_emergency
from intents.language import written_in
from intents.normalize import normalize
from intents.pipeline import Chat, Intent, Understander, Understanding
from intents.times import TimeSpan, parse_duration, parse_when
from intents.welfare import Welfare, WelfareLevel, is_trip, read_welfare

__all__ = [
    "Catalogue",
    "Chat",
    "Context",
    "Emergency",
    "EmergencyKind",
    "Entry",
    "Intent",
    "TimeSpan",
    "Understander",
    "Understanding",
    "Welfare",
    "WelfareLevel",
    "address_answer",
    "address_change",
    "asks_worker_contact",
    "building_outage",
    "corrects_address",
    "detect_emergency",
    "door_fix",
    "is_trip",
    "normalize",
    "parse_duration",
    "parse_when",
    "read_welfare",
    "written_in",
]
