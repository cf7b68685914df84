"""Pure text understanding: normalise, gate request vs chatter, match catalogue, parse times.

Nothing here imports Telegram or touches a database.
"""

from intents.catalogue import Catalogue, Entry
from intents.emergency import Emergency, EmergencyKind, detect_emergency
from intents.normalize import normalize
from intents.pipeline import Chat, Intent, Understander, Understanding
from intents.times import TimeSpan, parse_duration, parse_when

__all__ = [
    "Catalogue",
    "Chat",
    "Emergency",
    "EmergencyKind",
    "Entry",
    "Intent",
    "TimeSpan",
    "Understander",
    "Understanding",
    "detect_emergency",
    "normalize",
    "parse_duration",
    "parse_when",
]
