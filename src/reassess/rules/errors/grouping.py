"""Merging many identical instances of one pattern in a file into one finding."""
from __future__ import annotations

from typing import Callable, Hashable, TypeVar

T = TypeVar("T")


def group_repeats(items: list[T], key: Callable[[T], Hashable], limit: int) -> list[list[T]]:
    """One list per finding, in the items' order: items are alone unless more than `limit`
    share a key, in which case those form one list (the first one is the finding's location)."""
    by_key: dict[Hashable, list[T]] = {}
    for item in items:
        by_key.setdefault(key(item), []).append(item)
    out: list[list[T]] = []
    for members in by_key.values():
        if len(members) > limit:
            out.append(members)
        else:
            out.extend([m] for m in members)
    order = {id(item): index for index, item in enumerate(items)}
    return sorted(out, key=lambda group: order[id(group[0])])
