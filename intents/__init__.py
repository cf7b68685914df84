"""Pure text understanding: normalise, gate request vs chatter, match catalogue, parse times.

Nothing here imports Telegram or touches a database.
"""
