"""The features of the learned model: what the text looks like and what the rules read in it.

Pure and deterministic, shared by training (:mod:`intents.train`) and the running bot
(:mod:`intents.pipeline`), so both see a message the same way:

- character 1-3 grams of the normalised text (digits folded to ``0``; ``<`` and ``>`` mark
  its start and end, so "吗>" is a question's end), from its first ``NGRAM_CHARS`` characters;
- English words (stemmed), and the emoji of the raw text (normalisation drops them);
- every cue the rules found (:class:`intents.gate.Signals`, by name), the catalogue target they
  chose (its kind, id, category, how strongly and how specifically it was named), lexicon hits,
  times, the raw-text flags (🙏, 😭, a door number, a reschedule, an outage...);
- the chat (group or private) and the message's length.

Not the rules' own verdict (the former hand-tuned blend): given as a feature, the model leaned
on it and answered more chatter of writers it had not seen (leave-one-writer-out: 10.8% of
chatter answered at the group bar with it, 6.4% without, for about as many requests caught).
"""

from __future__ import annotations

import re
from dataclasses import fields

from intents.gate import Signals
from intents.normalize import ascii_words
from intents.rules import Chat, Reading

# Long posts are mostly stories; their first lines say what they are, and this bounds latency.
NGRAM_CHARS = 160
_DIGIT = re.compile(r"\d")
_EMOJI = re.compile("[\U0001f300-\U0001faff\u2600-\u27bf\u203c]")
_SIGNAL_NAMES = tuple(f.name for f in fields(Signals))
_DERIVED = ("blocked", "hearsay", "narrative", "past_story")
_LENGTHS = (4, 8, 16, 32, 64, 128)


def ngrams(normalized: str) -> list[str]:
    """Character 1-3 grams of the start of the normalised text, with boundary marks."""
    text = "<" + _DIGIT.sub("0", normalized[:NGRAM_CHARS]) + ">"
    grams = [text[i : i + 1] for i in range(1, len(text) - 1)]
    grams += [text[i : i + 2] for i in range(len(text) - 1)]
    grams += [text[i : i + 3] for i in range(len(text) - 2)]
    return ["g:" + g for g in grams]


def _bucket(value: float, bars: tuple[int, ...]) -> str:
    """The first bar ``value`` does not exceed, or ``+`` above all of them."""
    for bar in bars:
        if value <= bar:
            return str(bar)
    return "+"


def _signal_features(signals: Signals | None) -> list[str]:
    if signals is None:
        return ["s:unread"]  # nothing named, nothing asked: the cues were not read
    on = [f"s:{name}" for name in _SIGNAL_NAMES if getattr(signals, name)]
    return on + [f"s:{name}" for name in _DERIVED if getattr(signals, name)]


def _target_features(reading: Reading) -> list[str]:
    found: list[str] = []
    for cand in reading.candidates[:2]:
        kind = cand.entry.kind
        found.append(f"c:{kind}:{_bucket(cand.score, (50, 70, 85))}")
        found.append(f"c:{kind}:{'specific' if cand.specific else 'generic'}")
        if cand.fuzzy:
            found.append("c:fuzzy")
    if len(reading.candidates) > 1:
        found.append("c:several")
    chosen = reading.chosen
    if chosen is not None:
        entry = chosen.entry
        found += [f"t:{entry.kind}", f"t:id:{entry.id}", f"t:cat:{entry.category}"]
        found.append(f"t:score:{_bucket(chosen.score, (50, 70, 85))}")
    for hit in reading.hits[:2]:
        found.append(f"h:{hit.kind}")
        if hit.broken:
            found.append("h:broken")
    return found


def _time_features(reading: Reading) -> list[str]:
    when = reading.when
    if when is None:
        return []
    found = ["w:any"]
    if when.asap:
        found.append("w:asap")
    elif when.has_time:
        found.append("w:hour")
    return found


def features(text: str, reading: Reading, chat: Chat) -> list[str]:
    """Every feature of one message as read in the given chat (``text`` as written)."""
    found = ngrams(reading.normalized)
    found += ["w:" + word for word in ascii_words(reading.normalized[:NGRAM_CHARS])]
    found += ["e:" + emoji for emoji in set(_EMOJI.findall(text[:NGRAM_CHARS]))]
    found += _signal_features(reading.signals)
    found += _target_features(reading)
    found += _time_features(reading)
    found += ["f:" + flag for flag in sorted(reading.flags)]
    found.append(f"chat:{chat}")
    found.append("len:" + _bucket(len(reading.normalized), _LENGTHS))
    return found
