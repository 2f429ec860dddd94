"""Guest lookups for the concierge chat."""
from __future__ import annotations

from .repo import GuestRepository

_guest_by_email: dict[str, int] = {}  # expect: unbounded-cache


async def guest_for_message(repo: GuestRepository, email: str) -> int | None:
    guest_id = _guest_by_email.get(email)
    if guest_id is None:
        matches = await repo.find_by_email(email)
        if not matches:
            return None
        first = matches[0]
        guest_id = first.id
        _guest_by_email[email] = guest_id
    return guest_id
