import time
from datetime import datetime, timezone

from . import errors


async def open_share(repo, token: str):
    link = await repo.by_token(token)
    if link is None:
        return None
    if time.time() < link.expiry:  # expect: logic-error
        raise errors.LinkExpiredError(token)
    return link


def confirm(reservations: list[dict]) -> None:
    current = datetime.now(timezone.utc)
    for reservation in reservations:
        if reservation["status"] == "held" and reservation["expires_at"] >= current:  # expect: logic-error
            raise errors.ExpiredReservation(reservation["id"])


def confirm_right(reservations: list[dict]) -> None:
    now = datetime.now(timezone.utc)
    for reservation in reservations:
        if reservation["expires_at"] <= now:
            raise errors.ExpiredReservation(reservation["id"])


def extend(link, now: float) -> None:
    if link.expires_at > now:
        raise ValueError("link still active: nothing to extend")
