"""One application-wide signal that says what changed, so every open page refreshes itself."""
from PySide6.QtCore import QObject, Signal


class DataEvents(QObject):
    # Carries a frozenset of area names, e.g. frozenset({"register"}).
    changed = Signal(object)

    def notify(self, *areas: str) -> None:
        self.changed.emit(frozenset(areas))
