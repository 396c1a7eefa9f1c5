"""Text a wrapping line must not break inside: an address, one person's entry in a list of them.
Chinese breaks between any two characters, and 「…4栋2单元 / 401」 or 「吴海燕 / （08:00–16:00）」
split over two lines read as two things. A line too narrow for it still breaks where it must."""
from PySide6.QtCore import QMimeData
from PySide6.QtWidgets import QTextBrowser

WORD_JOINER = "\u2060"      # no line break on either side; nothing shown


def unbroken(text: str) -> str:
    """``text`` with no line break allowed inside it: its spaces made non-breaking, a word joiner
    between each two characters. Breaks stay possible between such texts."""
    return WORD_JOINER.join(text.replace(" ", "\u00a0"))


def plain(text: str) -> str:
    """``unbroken`` undone: what another program should get of such a text."""
    return text.replace(WORD_JOINER, "").replace("\u00a0", " ")


class UnbrokenBrowser(QTextBrowser):
    """A text browser showing ``unbroken`` texts whose copy (Ctrl+C, the menu's Copy, a drag) is
    plain text: the word joiners copied with it showed as boxes in other programs."""

    def createMimeDataFromSelection(self) -> QMimeData:
        mime = QMimeData()
        mime.setText(plain(self.textCursor().selection().toPlainText()))
        return mime
