"""Typed callback context: handlers reach the runtime and the router as attributes."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from telegram import Update
from telegram.ext import Application, CallbackContext, ExtBot

from bot.callbacks import Callback
from bot.deadlines import Handler as DeadlineHandler
from bot.domain.corrections import Corrections
from bot.domain.faq import CommunityFaq
from bot.domain.incidents.emergencies import Emergencies
from bot.domain.people import Person
from bot.domain.requests import GroupRequest
from bot.i18n import Lang, Text
from bot.runtime import Planner, Runtime
from bot.storage import Tx
from intents import Context as Situation
from intents import Understanding


@dataclass(frozen=True)
class Toast:
    """What the answer to a press says (nothing: just stop the button's spinner)."""

    text: Text | None
    lang: Lang


@dataclass
class Press:
    """A verified button press, with the person who pressed it.

    A handler says what the press's toast should say with :meth:`set_toast`; it is sent
    only after the press's transaction committed (``handlers/buttons.py``), so it tells what
    actually happened and a failed or late answer cannot undo the work.
    """

    update: Update
    callback: Callback
    person: Person
    toast: Toast | None = None

    def set_toast(self, text: Text | None, lang: Lang | None = None) -> None:
        """Set the toast (the last call wins), in the presser's language unless told."""
        self.toast = Toast(text, lang or self.person.language)


ButtonHandler = Callable[[Press, "Context", Tx], Awaitable[None]]
InputHandler = Callable[[Update, "Context", Tx, Person, dict[str, Any]], Awaitable[bool]]
IntentHandler = Callable[[Update, "Context", Tx, Person, GroupRequest], Awaitable[None]]
# Shown every private message or media first, in the update's transaction, with the text as
# understood (None for media); True when that was all the message was (stop there).
FirstLook = Callable[[Update, "Context", Tx, Person, Understanding | None], Awaitable[bool]]


@dataclass(frozen=True)
class Feature:
    """One feature's routes as a value, handed to ``bot/app.py`` to register.

    A handler module builds it from the services it is given (never from the runtime) and
    registers nothing itself: its Telegram handlers, with their groups and order, are listed in
    ``bot/app.py``; these are the routes that do not go through python-telegram-bot's groups.
    """

    buttons: Mapping[str, ButtonHandler] = field(default_factory=dict)
    inputs: Mapping[str, InputHandler] = field(default_factory=dict)
    intents: Mapping[str, IntentHandler] = field(default_factory=dict)
    deadlines: Mapping[str, DeadlineHandler] = field(default_factory=dict)
    planners: tuple[Planner, ...] = ()
    # Awaited answers that may come as a photo or voice note (the private line, a request's
    # photos): pending kind -> handler, tried before a private media message gets the menu.
    media: Mapping[str, InputHandler] = field(default_factory=dict)
    first_looks: tuple[FirstLook, ...] = ()
    # The same, for a group message that is no emergency: an enrolled elder's distress there
    # reaches the people it would in private (check-ins).
    group_looks: tuple[FirstLook, ...] = ()


@dataclass
class Router:
    """Where button presses, awaited free-text answers and recognised requests go."""

    buttons: dict[str, ButtonHandler] = field(default_factory=dict)
    inputs: dict[str, InputHandler] = field(default_factory=dict)
    intents: dict[str, IntentHandler] = field(default_factory=dict)
    media: dict[str, InputHandler] = field(default_factory=dict)
    first_looks: list[FirstLook] = field(default_factory=list)
    group_looks: list[FirstLook] = field(default_factory=list)

    async def first_look(
        self,
        update: Update,
        context: Context,
        tx: Tx,
        person: Person,
        understood: Understanding | None,
    ) -> bool:
        """Show a private message to every feature that reads them all first (signs of life);
        whether one of them says that was all the message was."""
        stop = False
        for look in self.first_looks:
            stop = await look(update, context, tx, person, understood) or stop
        return stop

    async def group_look(
        self,
        update: Update,
        context: Context,
        tx: Tx,
        person: Person,
        understood: Understanding,
    ) -> bool:
        """Show a group message (no emergency) to the features that read them for someone's
        welfare; whether one of them says that was all the message was."""
        stop = False
        for look in self.group_looks:
            stop = await look(update, context, tx, person, understood) or stop
        return stop

    def button(self, action: str, handler: ButtonHandler) -> None:
        """Route presses of buttons made with this action."""
        if action in self.buttons:
            raise ValueError(f"button action {action!r} registered twice")
        self.buttons[action] = handler

    def input(self, kind: str, handler: InputHandler) -> None:
        """Route the next free text of a person the bot asked a question of this kind.

        The handler returns False when the text was not an answer after all (the person moved
        on to something else); the text is then understood like any other message.
        """
        if kind in self.inputs:
            raise ValueError(f"input kind {kind!r} registered twice")
        self.inputs[kind] = handler

    def intent(self, name: str, handler: IntentHandler) -> None:
        """Route a recognised request of this intent, continued in private."""
        if name in self.intents:
            raise ValueError(f"intent {name!r} registered twice")
        self.intents[name] = handler

    def add(self, feature: Feature) -> None:
        """Route a feature's buttons, awaited answers and intents (each name once)."""
        for action, on_press in feature.buttons.items():
            self.button(action, on_press)
        for kind, on_input in feature.inputs.items():
            self.input(kind, on_input)
        for name, on_intent in feature.intents.items():
            self.intent(name, on_intent)
        for kind, on_media in feature.media.items():
            if kind in self.media:
                raise ValueError(f"media input {kind!r} registered twice")
            self.media[kind] = on_media
        self.first_looks.extend(feature.first_looks)
        self.group_looks.extend(feature.group_looks)


class BotData:
    """The Application's bot_data: the runtime, the router, and the use cases that free-text
    handlers of several features share (reporting an emergency; remembering a group reply for
    its [✖] button; the community's FAQ). Every other service is handed to its feature's
    handlers by ``bot/app.py`` (typed rather than kept under raw keys)."""

    runtime: Runtime
    router: Router
    emergencies: Emergencies
    corrections: Corrections
    faq: CommunityFaq


class Context(CallbackContext[ExtBot[None], dict[Any, Any], dict[Any, Any], BotData]):
    """Callback context with typed access to the runtime."""

    # Set when this update raised or fed a help call or an emergency, so that a later handler
    # of the same update does not raise it again (the context lives for one update).
    alarm_raised: bool = False
    # Set when a feature's route already answered this update itself (a work order's fault
    # reported again in a group is pointed to the open one), so the caller writes nothing more.
    answered: bool = False
    # The private words this update's handlers understood, and what they mean (see
    # :meth:`understand_private`).
    _private_understood: tuple[str, Understanding] | None = None

    def understand_private(self, text: str) -> Understanding:
        """What words written in private mean, understood once per update: the private message
        handler, an awaited answer's cancel test and its "is this another request?" test all
        ask about the same text, and understanding is the costliest step of the path. In
        private the bar and the reading do not depend on the group context, so one reading,
        at the bot's clock, serves every handler of the update; other words are understood
        afresh (and remembered instead)."""
        known = self._private_understood
        if known is not None and known[0] == text:
            return known[1]
        rt = self.runtime
        understood = rt.understander.understand(
            text, chat="private", now=rt.clock.now(), context=Situation(addressed=True)
        )
        self._private_understood = (text, understood)
        return understood

    @property
    def runtime(self) -> Runtime:
        """The application's runtime."""
        return self.bot_data.runtime

    @property
    def router(self) -> Router:
        """The application's button and input router."""
        return self.bot_data.router


ConciergeApp = Application[ExtBot[None], Context, dict[Any, Any], dict[Any, Any], BotData, Any]
