"""The Concierge application: settings, storage, domain services, outbox, scheduling, sandbox."""

import os

# Opt into python-telegram-bot's timedelta time periods now (RetryAfter.retry_after and friends);
# without it every 429 raises a deprecation warning from inside the library.
os.environ.setdefault("PTB_TIMEDELTA", "true")
