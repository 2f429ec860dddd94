"""Per-request values behind attribute syntax, and two look-alikes that keep them on the object."""
from __future__ import annotations

from contextvars import ContextVar
from typing import Any

_request_values: ContextVar[dict[str, Any]] = ContextVar("request_values")


class RequestScope:
    """`scope.user = ...` lands in the current request's dict, never on the instance."""

    def __getattr__(self, name: str) -> Any:
        return _request_values.get({}).get(name)

    def __setattr__(self, name: str, value: Any) -> None:
        _request_values.get({})[name] = value


class Locale:
    """`locale.active = ...` runs the setter, which writes the per-request scope."""

    def __init__(self) -> None:
        self.fallback = "en"

    @property
    def active(self) -> str:
        return scope.language or self.fallback

    @active.setter
    def active(self, value: str) -> None:
        scope.language = value


class Tally:
    """Keeps what it is given on the instance, through the ordinary attribute store."""

    def __setattr__(self, name: str, value: Any) -> None:
        super().__setattr__(name, value.strip() if isinstance(value, str) else value)


class Theme:
    def __init__(self) -> None:
        self._name = "light"

    @property
    def name(self) -> str:
        return self._name

    @name.setter
    def name(self, value: str) -> None:
        self._name = value


scope = RequestScope()
locale = Locale()
tally = Tally()  # expect: global-mutable-state
theme = Theme()  # expect: global-mutable-state
