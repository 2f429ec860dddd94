"""Note kinds, registered by a decorator at import."""
from __future__ import annotations

_KINDS: dict[str, type] = {}


def register(cls: type) -> type:
    _KINDS[cls.__name__.lower()] = cls
    return cls


@register
class Memo:
    pass


@register
class Todo:
    pass


def registered_kinds() -> list[tuple[str, type]]:
    return [(name, cls) for name, cls in _KINDS.items()]
