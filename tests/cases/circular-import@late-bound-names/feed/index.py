from feed import store

_seen: dict[int, int] = {}


def remember(item) -> None:
    _seen[item.id] = store.offset_of(item.id)
