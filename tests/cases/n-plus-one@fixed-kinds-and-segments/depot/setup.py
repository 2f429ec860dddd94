"""Bins every depot has, created at startup."""
from __future__ import annotations

from typing import cast

from sqlalchemy.ext.asyncio import AsyncSession

from .store import bin_for


class Inbound:
    label = "inbound"


class Outbound:
    label = "outbound"


class Returns:
    label = "returns"


async def ensure_system_bins(session: AsyncSession) -> None:
    system_bins = cast(list[type], [Inbound, Outbound, Returns])
    # look-alike: three fixed kinds, one transaction each
    for kind in system_bins:
        async with session.begin():
            await bin_for(session, kind.label, create=True)


async def bins_named(session: AsyncSession, names: list[str]) -> list[str]:
    found = []
    for name in names:
        found.append((await bin_for(session, name)).id)  # expect: n-plus-one
    return found
