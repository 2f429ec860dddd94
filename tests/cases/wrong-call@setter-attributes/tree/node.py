"""A node that keeps its owner through a weak reference set by a property setter."""
from __future__ import annotations

import weakref


class Node:
    def __init__(self, name: str, owner: Node | None = None) -> None:
        self.name = name
        self.owner = owner

    @property
    def owner(self) -> Node | None:
        return self._owner_ref() if self._owner_ref is not None else None

    @owner.setter
    def owner(self, value: Node | None) -> None:
        self._owner_ref = weakref.ref(value) if value is not None else None

    def path(self) -> str:
        head = self.owner
        return f"{head.path()}/{self.name}" if head is not None else self.name

    def rename(self, name: str) -> None:
        self.name = name
        self._notify_owner()  # expect: wrong-call
