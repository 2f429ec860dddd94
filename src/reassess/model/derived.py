"""What the model derives after construction, built on first use and shared: the indexes and
analyses rules ask for (`memo`) and the application layer (`app`), whose routing adds call edges
that walks must see."""
from __future__ import annotations

from typing import TYPE_CHECKING, Callable, TypeVar

if TYPE_CHECKING:
    from .app import AppModel

T = TypeVar("T")


class DerivedAnalyses:
    """The lazily built parts of the model. The model never changes after construction except
    through them, so each is computed once per run instead of per rule."""

    _app: AppModel | None
    _building_app: bool

    def memo(self, key: str, build: Callable[[], T]) -> T:
        """A value derived from the model (an index, an analysis), built on first use and
        shared by every rule and the system description: the model never changes after
        construction, so each derived whole is computed once per run instead of per rule."""
        store = self.__dict__.setdefault("_derived", {})
        if key not in store:
            store[key] = build()
        return store[key]

    @property
    def app(self) -> AppModel:
        """Entry points and resources, built on first use."""
        if self._app is None:
            from .app import build_app

            self._building_app = True
            try:
                self._app = build_app(self)
            finally:
                self._building_app = False
        return self._app

    def _routes_linked(self) -> None:
        """The routing adds call edges (the `Depends()` a router or the app declares for its routes,
        `add_route_depends`): build it before a walk, unless the walk is part of building it."""
        if self._app is None and not self._building_app:
            self.app
