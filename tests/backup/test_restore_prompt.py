"""The passphrase prompt of a restore names three different passphrases, one a line."""
import pytest
from PySide6.QtWidgets import QInputDialog

pytestmark = pytest.mark.gui


def test_the_backup_passphrase_prompt_names_three_different_passphrases(qt_zh, monkeypatch):
    """Its third choice, 备份口令, read as the first (the passphrase set for the copy on the stick)
    said again: the clerk could not tell what else to try."""
    from ui import startup
    said = []
    monkeypatch.setattr(QInputDialog, "getText", lambda _p, _t, text, _e: said.append(text) or ("", False))
    assert startup._ask_backup_passphrase(0) is None
    choices = [line for line in said[0].splitlines() if line[:2] in ("1.", "2.", "3.")]
    assert len(choices) == 3
    assert "复制到U盘" in choices[0] and "数据文件的口令" in choices[1] and "每天自动备份" in choices[2]
    assert not any("U盘" in c for c in choices[1:]) and "备份口令" not in said[0]
