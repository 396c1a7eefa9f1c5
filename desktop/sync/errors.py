"""Why a sync package (同步包) or the stick was refused. Each error carries a Chinese message
that says what is wrong and what the clerk can do, and the file it is about.

A refused package has changed nothing: every check here runs before the first row is written.
"""


class SyncError(Exception):
    """Base of every sync refusal; ``message`` is the Chinese text the window and command line show."""

    def __init__(self, message: str, *, file: str = ""):
        super().__init__(message)
        self.message, self.file = message, file

    def __str__(self) -> str:
        return f"{self.file}：{self.message}" if self.file else self.message

    def __reduce__(self):
        # Sent from the process that reads a large package (desktop/sync/reading.py): made
        # again as it is, not through a subclass's __init__, which would word it a second time.
        return _rebuilt, (type(self), self.args, self.__dict__)


def _rebuilt(cls, args: tuple, state: dict) -> SyncError:
    err = cls.__new__(cls)
    Exception.__init__(err, *args)
    err.__dict__.update(state)
    return err


def _place(where):
    """The words for the folder ``where`` (desktop.sync.drives.place_of), or ``where`` itself when
    it is those words judged before the write (a stick pulled since is no removable drive any
    more); a stick's when the raiser does not know it."""
    from desktop.sync.drives import Place, place_of
    return Place(True) if where is None else where if isinstance(where, Place) else place_of(where)


class PackageError(SyncError):
    """A package file that cannot be imported as it is."""


class NotAPackageError(PackageError):
    def __init__(self, file: str = ""):
        super().__init__("这不是门神的同步包（文件开头不对）。请只把同步文件夹里以 .cspkg 结尾的文件交给"
                         "“同步”，不要改动或重命名其中的文件。", file=file)


class NewerPackageError(PackageError):
    """Written by a newer Menshen (package format, change format or key parameters this program
    does not know)."""

    def __init__(self, what: str, file: str = ""):
        super().__init__(f"这个同步包是更新版本的门神生成的（{what}），这台电脑上的门神版本较旧，读不了。"
                         "请先把这台电脑上的门神升级到最新版本，再同步；数据没有丢失，升级后可以再导入。",
                         file=file)


class OtherCommunityError(PackageError):
    def __init__(self, sender: str, file: str = "", where=None):
        super().__init__(f"这个同步包来自另一个社区（发送方：{sender}），不是本社区的数据，不能导入。"
                         f"{_place(where).make_sure('本社区')}别的社区的文件请不要删除，交还给他们。", file=file)


class WrongPassphraseError(PackageError):
    def __init__(self, file: str = ""):
        super().__init__("同步口令不对，打不开这个同步包。请核对本社区的同步口令（区分大小写），"
                         "或请管理员确认口令是否已经更换。", file=file)


class TruncatedPackageError(PackageError):
    def __init__(self, detail: str = "", file: str = ""):
        super().__init__(f"同步包不完整{('（' + detail + '）') if detail else ''}：可能在写入时U盘被拔出，"
                         "或复制没有完成。请在导出它的电脑上重新导出一次。", file=file)


class DamagedPackageError(PackageError):
    """Authentication failed: a flipped bit, a bad sector, or an edit by someone."""

    def __init__(self, detail: str, file: str = ""):
        super().__init__(f"同步包已损坏或被改动（{detail}），为保护数据没有导入任何内容。"
                         "请在导出它的电脑上重新导出；如果多次出现，请换一个U盘。", file=file)


class ChunkOrderError(DamagedPackageError):
    """A chunk sits at the wrong place: swapped, duplicated or dropped."""


class HeaderEditedError(DamagedPackageError):
    """The clear-text header does not match what was written (its check or the chunks' tags)."""


class KdfDowngradeError(PackageError):
    def __init__(self, detail: str, file: str = ""):
        super().__init__(f"同步包的加密参数低于本程序要求的最低强度（{detail}），可能被人改动过，不能导入。"
                         "请在导出它的电脑上用正式版门神重新导出。", file=file)


class PackageTooLargeError(PackageError):
    def __init__(self, detail: str, file: str = ""):
        super().__init__(f"同步包太大（{detail}），超过了本程序允许的上限，没有导入。"
                         "如果这是整个社区的完整数据，请联系技术支持。", file=file)


class PayloadInvalidError(PackageError):
    """The decrypted contents are inconsistent: the sender's program is faulty, or the package
    was forged by someone who knows the passphrase."""

    def __init__(self, detail: str, file: str = ""):
        super().__init__(f"同步包里的数据不一致（{detail}），没有导入任何内容。请在导出它的电脑上重新导出；"
                         "如果再次出现，请把这个文件交给技术支持检查。", file=file)


# What the clerk does again once the stick is back, by what was being done: the sync page
# syncs, the street page (and ``menshen aggregate --street``) imports the communities' packages.
AGAIN = {"sync": "再同步一次", "import": "再导入一次"}


class StickReadError(SyncError):
    """``where``: the folder read, for its words (a stick's, or a folder named)."""

    def __init__(self, reason: str, file: str = "", action: str = "sync", where=None):
        place = _place(where)
        then = "请重新插好U盘，等电脑认出U盘后" if place.stick else f"请检查{place.noun}后"
        super().__init__(f"读取{place.noun}时出错（{reason}）：{place.gone}。{then}{AGAIN[action]}；本机数据没有改动。",
                         file=file)
        self.reason, self.where = reason, where

    def retold(self, action: str) -> "StickReadError":
        """The same failure said for another ``action`` (a key of AGAIN), with the same cause."""
        err = StickReadError(self.reason, self.file, action, self.where)
        err.__cause__ = self.__cause__
        return err


class StickWriteError(SyncError):
    """``where``: the folder written to, for its words (a stick's, or a folder named)."""

    def __init__(self, reason: str, file: str = "", where=None):
        place = _place(where)
        super().__init__(f"写入{place.noun}时出错（{reason}）：{place.write_trouble}。"
                         f"请检查{place.noun}后重新同步；{place.on}原有的同步包没有改动。", file=file)


class WriteVerifyError(SyncError):
    def __init__(self, detail: str, file: str = "", where=None):
        place = _place(where)
        then = ("U盘可能有坏块：请换一个U盘再导出一次，现在不要拔U盘以为已经导出了。" if place.stick else
                "它所在的磁盘可能有坏块：请再同步一次；再不成功，请换一个文件夹或用U盘。")
        super().__init__(f"写到{place.on}的同步包读回校验失败（{detail}），这个文件已删除。{then}", file=file)


class WeakPassphraseError(SyncError):
    def __init__(self):
        super().__init__("同步口令太简单：请用至少12个字符，或至少4个不相同的词（用空格隔开），"
                         "不要用生日、电话或“123456”这类口令。口令只需设一次，各台电脑输入同一个口令。")


class PassphraseNotOursError(SyncError):
    """The passphrase typed is not the one this community set (the check kept at the first run):
    nothing is written, so a mistyped passphrase never leaves a package no other machine opens."""

    def __init__(self):
        super().__init__("这不是本社区设定的同步口令，没有导入，也没有写出同步包。请核对后重新输入"
                         "（区分大小写）；口令记在办公室保管的纸上。")


class NothingToJoinError(SyncError):
    """A new machine (no community, nothing in its change log) found no other machine's package
    to join from: writing would mint a community of its own, and every other machine would then
    refuse its packages, and it theirs, for good."""

    def __init__(self):
        super().__init__("这台电脑还没有加入社区，也还没有任何数据，所以没有写出同步包。这个文件夹里没有本社区"
                         "别的电脑的同步包：请先在社区办公室的电脑上同步到这个U盘，再把U盘插到这台电脑上同步，"
                         "这台电脑就会加入那个社区。")
