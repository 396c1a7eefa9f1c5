"""Which passphrase opens which community's packages, at a street office or a city.

A passphrase file (UTF-8, one community a line)::

    # comments and blank lines are skipped
    c-xingfuli   幸福里 门岗 同步 口令
    c-hexie      和谐 社区 上报 口令
    *            the passphrase of every other community (optional)

The first word is the community id (as in the packages' header and the stick's
``join_<community id>.json``), the rest of the line, trimmed, the passphrase (it may hold
spaces). Without a file, ``MENSHEN_SYNC_PASSPHRASE`` is the passphrase of every community.
Passphrases are never command-line arguments: the process list is readable by other users.
"""
import os
from pathlib import Path

from db.errors import os_reason

PASSPHRASE_ENV = "MENSHEN_SYNC_PASSPHRASE"


class PassphraseFileError(Exception):
    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def parse(text: str, name: str = "口令文件") -> dict[str, str]:
    out: dict[str, str] = {}
    for no, line in enumerate(text.splitlines(), 1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        parts = line.split(None, 1)
        if len(parts) < 2 or not parts[1].strip():
            raise PassphraseFileError(f"{name} 第 {no} 行只有“{parts[0][:40]}”：每行应是“社区编号 口令”。")
        if parts[0] in out:
            raise PassphraseFileError(f"{name} 第 {no} 行：社区 {parts[0][:40]} 写了两次。")
        out[parts[0]] = parts[1].strip()
    if not out:
        raise PassphraseFileError(f"{name} 里没有口令：每行应是“社区编号 口令”。")
    return out


def read(path: Path | None) -> dict[str, str]:
    """The mapping from ``path``, or ``{"*": env}``; raises PassphraseFileError (Chinese)."""
    if path is None:
        value = os.environ.get(PASSPHRASE_ENV, "").strip()
        if not value:
            raise PassphraseFileError(f"需要各社区的同步口令：用 --passphrase-file 指定口令文件（每行“社区编号 口令”），"
                                      f"或用环境变量 {PASSPHRASE_ENV} 给出所有社区共用的口令。")
        return {"*": value}
    try:
        text = Path(path).read_text("utf-8-sig")
    except FileNotFoundError:
        raise PassphraseFileError(f"找不到口令文件 {path}。") from None
    except UnicodeDecodeError:
        raise PassphraseFileError(f"口令文件 {path} 不是文本文件（UTF-8）：是不是选错了文件？"
                                  "口令文件每行写“社区编号 口令”。") from None
    except OSError as exc:
        raise PassphraseFileError(f"读不了口令文件 {path}（{os_reason(exc)}）。") from None
    return parse(text, str(path))


def lookup(mapping: dict[str, str]):
    """community id -> passphrase or None (the ``*`` line for the rest)."""
    return lambda community: mapping.get(community) or mapping.get("*")
