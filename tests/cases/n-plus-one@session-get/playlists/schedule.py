"""Station schedules: how long each track list of a station runs."""
from __future__ import annotations

from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from sqlalchemy.orm import selectinload

from .models import Station, TrackList


class ScheduleService:
    def __init__(self, sessions: async_sessionmaker[AsyncSession]) -> None:
        self._sessions = sessions

    async def station_summary(self, station_id: int) -> list[dict[str, Any]]:
        async with self._sessions() as session:
            station = await session.get(Station, station_id, options=[selectinload(Station.track_lists)])
            if station is None:
                return []
            summary = []
            for track_list in station.track_lists:
                tracks = await track_list.awaitable_attrs.tracks  # expect: n-plus-one
                summary.append({"id": track_list.id, "seconds": sum(t.seconds for t in tracks)})
        return summary

    async def station_detail(self, station_id: int) -> list[dict[str, Any]]:
        async with self._sessions() as session:
            station = await session.get(
                Station, station_id,
                options=[selectinload(Station.track_lists).selectinload(TrackList.tracks)],
            )
            if station is None:
                return []
            return [{"id": tl.id, "tracks": len(await tl.awaitable_attrs.tracks)} for tl in station.track_lists]
