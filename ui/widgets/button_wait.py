"""A dialog's button that takes no try while desktop/ makes the next one wait (wrong passwords,
wrong passphrases: desktop.accounts.store.delay_after): greyed, it counts the seconds down on
itself (2秒后再试) by a timer, the window alive meanwhile, and says its own words again when the
wait ends. The login and its 忘记密码？ show their waits with this one piece."""
import time
from typing import Callable

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QAbstractButton

from desktop.accounts.store import wait_text


class ButtonWait(QObject):
    def __init__(self, button: QAbstractButton, clock: Callable[[], float] = time.time):
        super().__init__(button)
        self.button = button
        self.clock = clock          # desktop's clock for the same tries: the wait ends when it says
        self._until = 0.0
        self._words = ""
        self._timer = QTimer(self)
        self._timer.setInterval(100)    # the seconds on the button, shown as they pass
        self._timer.timeout.connect(self._tick)

    def hold(self, seconds: float) -> None:
        """No try for ``seconds``: desktop/ would refuse one made sooner without looking at it
        (and a disabled default button takes no Enter either)."""
        if seconds <= 0:
            return
        if not self._timer.isActive():
            self._words = self.button.text()
        self._until = self.clock() + seconds
        self._timer.start()
        self._tick()

    def release(self) -> None:
        """The wait no longer holds this button (the login's name changed: its wait was
        another account's); desktop/ still refuses a try made in a wait that holds it."""
        if self._timer.isActive():
            self._until = 0.0
            self._tick()

    @property
    def waiting(self) -> bool:
        return self._timer.isActive()

    def _tick(self) -> None:
        left = self._until - self.clock()
        if left <= 0:
            self._timer.stop()
            self.button.setEnabled(True)
            self.button.setText(self._words)
            return
        self.button.setEnabled(False)
        self.button.setText(self.tr("Try again in %1").replace("%1", wait_text(left)))
