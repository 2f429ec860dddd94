"""Seat inventory: seat maps, availability counts and GDS inventory pushes."""
from __future__ import annotations

import copy
import logging
from collections import defaultdict
from datetime import datetime
from typing import Any

from ..cache.stores import SeatMap, seatmap_cache
from ..db.engine import sessionmaker
from ..errors import NotFound
from ..integrations.clients import FleetClient
from ..repositories import flights as flights_repo
from ..repositories import holds as holds_repo
from ..repositories import seats as seats_repo
from ..utils.common import seat_sort_key

log = logging.getLogger(__name__)


class InventoryService:
    def __init__(self, fleet: FleetClient) -> None:
        self._fleet = fleet

    async def _load_seatmap(self, flight_id: int) -> SeatMap:
        async with sessionmaker()() as session:
            flight = await flights_repo.get(session, flight_id)
            if flight is None:
                raise NotFound("flight not found", flight_id=flight_id)
            layout = await self._fleet.cabin_layout(flight.aircraft_type, flight.tail_number)
            seats = await seats_repo.for_flight(session, flight_id)
        by_no = {s.seat_no: s for s in seats}
        seatmap: SeatMap = []
        for row in layout["rows"]:
            for letter in row["letters"]:
                seat_no = f"{row['number']}{letter}"
                seat = by_no.get(seat_no)
                seatmap.append(
                    {
                        "seat_no": seat_no,
                        "cabin": row["cabin"],
                        "status": seat.status if seat else "BLOCKED",
                        "exit_row": bool(row.get("exit")),
                        "window": letter in row.get("window_letters", ()),
                    }
                )
        return seatmap

    async def seatmap(self, flight_id: int, now: datetime) -> SeatMap:
        seatmap = await seatmap_cache.get_or_load(flight_id, self._load_seatmap)
        async with sessionmaker()() as session:
            held = await holds_repo.active_for_flight(session, flight_id, now)
        for seat in seatmap:
            if seat["seat_no"] in [h.seat_no for h in held]:
                seat["status"] = "HELD"
        return seatmap

    async def availability(self, flight_id: int, now: datetime) -> dict[str, int]:
        async with sessionmaker()() as session:
            counts = await seats_repo.open_counts(session, flight_id)
            held = await holds_repo.active_for_flight(session, flight_id, now)
            seats = await seats_repo.for_flight(session, flight_id)
        cabin_of = {s.seat_no: s.cabin for s in seats}
        held_per_cabin: dict[str, int] = defaultdict(int)
        for hold in held:
            held_per_cabin[cabin_of.get(hold.seat_no, "Y")] += 1
        return {cabin: max(0, n - held_per_cabin[cabin]) for cabin, n in counts.items()}

    @staticmethod
    def render_rows(seatmap: SeatMap) -> list[dict[str, Any]]:
        seats = copy.deepcopy(seatmap)
        rows: dict[int, list[dict[str, Any]]] = defaultdict(list)
        for seat in seats:
            rows[seat_sort_key(seat["seat_no"])[0]].append(seat)
        return [
            {"row": number, "seats": sorted(row, key=lambda s: s["seat_no"])}
            for number, row in sorted(rows.items())
        ]

    @staticmethod
    def adjacent_free(seatmap: SeatMap, party_size: int, cabin: str) -> list[str]:
        rows: dict[int, list[tuple[str, str]]] = defaultdict(list)
        for seat in seatmap:
            if seat["cabin"] == cabin and seat["status"] == "OPEN":
                row, letter = seat_sort_key(seat["seat_no"])
                rows[row].append((letter, seat["seat_no"]))
        for row in sorted(rows):
            letters = sorted(rows[row])
            run: list[str] = []
            prev: str | None = None
            for letter, seat_no in letters:
                if prev is not None and ord(letter) == ord(prev) + 1:
                    run.append(seat_no)
                else:
                    run = [seat_no]
                if len(run) == party_size:
                    return run
                prev = letter
        return []
