"""Relay id helpers."""
import base64

from strawberry.relay import GlobalID


def from_global_id_with_type(gid: GlobalID, expected: str) -> int:
    if gid.type_name != expected:
        raise ValueError(f"expected a {expected} id")
    return int(gid.node_id)


def decode_key(text: str) -> int:
    raw = base64.b64decode(text).decode()
    SEEN.append(raw)
    return int(raw.split(":", 1)[1])


SEEN: list[str] = []


def count_books(rowid: int) -> int:
    with open(f"shelves/{rowid}.txt", encoding="utf-8") as handle:
        return sum(1 for _line in handle)
