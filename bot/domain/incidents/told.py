"""Who an incident really reached, so that nobody is said to have been told who was not."""

from __future__ import annotations

from dataclasses import dataclass, field

from bot.i18n import T, Text


@dataclass
class Told:
    """Who was actually told, so that nobody is said to have been told who was not."""

    keepers: list[str] = field(default_factory=list)  # names of grid workers reached
    staff: int = 0
    family: int = 0
    responders: list[str] = field(default_factory=list)  # other housekeepers reached

    @property
    def anyone(self) -> bool:
        """Whether a responder (housekeeper or staff) was reached."""
        return bool(self.keepers or self.responders) or self.staff > 0

    def parts(self, *, family: bool = True) -> list[Text]:
        """The told list as phrases: her grid worker(s), other housekeepers, staff, family."""
        parts: list[Text] = [T("incidents.told_worker", worker=name) for name in self.keepers]
        parts += [T("incidents.told_responder", worker=name) for name in self.responders]
        if self.staff:
            parts.append(T("incidents.told_staff"))
        if family and self.family:
            parts.append(T("incidents.told_family"))
        return parts
