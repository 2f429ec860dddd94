"""A stage in a chain that stamps what it forwards with the clock it was set up with."""
from __future__ import annotations


class Stage:
    def __init__(self) -> None:
        self._config = None

    @property
    def config(self):
        if not self._config:
            raise RuntimeError("not configured")
        return self._config

    def now(self) -> float:
        return self.config.clock.now()

    def stamp(self, item) -> dict:
        # the method reads the tested field itself: a guard, not a copied test
        sink = self._config.sink if self._config else None
        at = self.now() if self._config else 0
        return {"item": item, "sink": sink, "at": at}

    def stamp_copied(self, item) -> dict:
        sink = self._config.sink.name if self._config.sink else None
        source = self._config.source.name if self._config.sink else None  # expect: logic-error
        return {"item": item, "sink": sink, "source": source}
