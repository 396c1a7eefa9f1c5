"""The compound → building → unit → household tree, loaded a level at a time on expand."""
from PySide6.QtCore import Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel

from desktop.records import TreeNode

NODE_ROLE = Qt.UserRole + 1
_PLACEHOLDER = "…"


class RegisterTreeModel(QStandardItemModel):
    def __init__(self, children_of, all_label: str, parent=None):
        """``children_of(node | None)`` gives the child TreeNodes (desktop.Register.tree_children)."""
        super().__init__(parent)
        self._children_of = children_of
        self._all_label = all_label
        self.reload()

    def reload(self, all_label: str | None = None) -> None:
        """``all_label``: the root's words anew (全村 once a synced village's register arrived)."""
        self._all_label = all_label or self._all_label
        self.clear()
        everyone = QStandardItem(self._all_label)
        everyone.setEditable(False)
        everyone.setData(None, NODE_ROLE)
        self.appendRow(everyone)
        for node in self._children_of(None):
            self.appendRow(self._item(node))

    def _item(self, node: TreeNode) -> QStandardItem:
        item = QStandardItem(node.label)
        item.setEditable(False)
        item.setData(node, NODE_ROLE)
        item.setToolTip(node.label)           # whole on hover: at 1024 the narrow tree cuts 李家墩村民小组
        if node.has_children:
            placeholder = QStandardItem(_PLACEHOLDER)
            placeholder.setEditable(False)
            item.appendRow(placeholder)
        return item

    def ensure_loaded(self, item: QStandardItem) -> None:
        """Replace the placeholder child with the real children (called on expand)."""
        if item.rowCount() == 1 and item.child(0).data(NODE_ROLE) is None \
                and item.child(0).text() == _PLACEHOLDER:
            item.removeRow(0)
            for node in self._children_of(item.data(NODE_ROLE)):
                item.appendRow(self._item(node))

    @staticmethod
    def node_of(item: QStandardItem | None) -> TreeNode | None:
        return item.data(NODE_ROLE) if item is not None else None
