"""Boarding pass generation (IATA BCBP) and wallet file export."""
from __future__ import annotations

import asyncio
import logging
import os
from datetime import date
from pathlib import Path

from redis.asyncio import Redis
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from ..config import Settings
from ..db.models import Booking, BoardingPass, Flight, Passenger
from ..repositories import bookings as bookings_repo
from ..utils.barcode import bcbp_string, encode_matrix, sign

log = logging.getLogger(__name__)

CARRIER = "XO"


class BoardingPassService:
    def __init__(self, settings: Settings, redis: Redis) -> None:
        self._dir = Path(settings.boarding_pass_dir)
        self._key = settings.jwt_secret.encode()
        self._redis = redis

    async def _next_sequence(self, flight_id: int) -> int:
        return int(await self._redis.incr(f"bp:seq:{flight_id}"))

    def _bcbp(self, booking: Booking, flight: Flight, passenger: Passenger, sequence: int) -> str:
        return bcbp_string(
            name=f"{passenger.last_name}/{passenger.first_name}".upper(),
            pnr=booking.pnr,
            origin=flight.origin,
            destination=flight.destination,
            carrier=CARRIER,
            flight_no=flight.flight_no.removeprefix(CARRIER),
            flight_date=flight.sched_dep.date(),
            cabin=booking.cabin,
            seat=booking.seat_no or "",
            sequence=sequence,
        )

    @staticmethod
    def _write_file(path: Path, content: bytes) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp")
        with open(tmp, "wb") as fh:
            fh.write(content)
            fh.flush()
            os.fsync(fh.fileno())
        tmp.replace(path)

    async def issue(self, session: AsyncSession, booking: Booking, flight: Flight, passenger: Passenger) -> BoardingPass:
        existing = (
            await session.execute(select(BoardingPass).where(BoardingPass.booking_id == booking.id))
        ).scalar_one_or_none()
        if existing is not None:
            return existing
        sequence = await self._next_sequence(flight.id)
        payload = self._bcbp(booking, flight, passenger, sequence)
        matrix = await asyncio.to_thread(encode_matrix, payload)
        bp = BoardingPass(booking_id=booking.id, barcode=f"{payload}^{sign(payload, self._key)}", sequence=sequence)
        session.add(bp)
        await session.commit()
        await asyncio.to_thread(self._write_file, self._dir / f"{booking.pnr}-{booking.id}.bin", matrix)
        return bp

    async def export_wallet(self, booking: Booking, flight: Flight, bp: BoardingPass) -> Path:
        path = self._dir / "wallet" / f"{booking.pnr}-{booking.id}.pkpass"
        body = (
            f'{{"barcode": "{bp.barcode}", "flight": "{flight.flight_no}", '
            f'"gate": "{flight.gate or "TBA"}", "seat": "{booking.seat_no}"}}'
        ).encode()
        self._write_file(path, body)
        return path

    async def reprint_flight(self, session: AsyncSession, flight_id: int) -> int:
        """Regenerate gate reader matrices for every issued pass after an equipment swap."""
        flight = await session.get(Flight, flight_id)
        manifest = await bookings_repo.manifest(session, flight_id)
        ids = [b.id for b in manifest]
        passes = {
            bp.booking_id: bp
            for bp in (await session.execute(select(BoardingPass).where(BoardingPass.booking_id.in_(ids)))).scalars()
        }
        written = 0
        for booking in manifest:
            bp = passes.get(booking.id)
            if bp is None:
                continue
            payload = self._bcbp(booking, flight, booking.passenger, bp.sequence)
            matrix = encode_matrix(payload)
            target = self._dir / f"{booking.pnr}-{booking.id}.bin"
            await asyncio.to_thread(self._write_file, target, matrix)
            written += 1
        log.info("reprinted %d boarding passes for flight %s on %s", written, flight_id, date.today())
        return written
