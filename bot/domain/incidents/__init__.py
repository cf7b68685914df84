"""Help calls and emergencies as one state machine: raised, escalated until someone answers,
closed only when a responder confirms the person is safe.

Rooms: :mod:`.model` (pure: states, events, who may cause each transition, the escalation plan,
the language a report is answered in), :mod:`.repo` (the only SQL), :mod:`.service` (raising
and escalating), :mod:`.responses` (the responders' answers), :mod:`.emergencies` (reports
written in a chat), :mod:`.timeline` (staff's `/incident` look-up), :mod:`.messages` (texts),
:mod:`.contract` (button actions, deadline kinds and refs, the awaited note). Nothing here
imports Telegram. The package imports none of its rooms, so importing one loads only what it
needs.
"""
