from __future__ import annotations

from typing import Any

from .cache import Card, cards, swept


async def rename(db: Any, member_id: int, name: str) -> Card:
    await db.execute("UPDATE members SET name = $1 WHERE id = $2", name, member_id)
    cards.invalidate(member_id)
    card = Card(member_id, name)
    cards.put(card)
    swept.put(card)
    return card


async def card(db: Any, member_id: int) -> Card:
    found = cards.get(member_id) or swept.get(member_id)
    if found is None:
        row = await db.fetchrow("SELECT name FROM members WHERE id = $1", member_id)
        found = Card(member_id, row["name"])
        cards.put(found)
    return found


async def housekeeping() -> None:
    swept.sweep()
