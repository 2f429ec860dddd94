"""Inbound OTA reservations (webhook push and XML pull) into PMS reservations."""
from __future__ import annotations

import logging
from collections.abc import Sequence
from datetime import date
from decimal import Decimal, InvalidOperation

import httpx
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from svc.clients.channel_manager import ChannelManagerClient
from svc.clients.ota_pull import OtaReservation
from svc.db.models import Hotel, RatePlan, Reservation, RoomType
from svc.repositories import guests as guests_repo
from svc.repositories import reservations as reservations_repo
from svc.services.reservations import new_confirmation_code

logger = logging.getLogger(__name__)

STATUS_MAP = {"new": "confirmed", "confirmed": "confirmed", "modified": "confirmed", "cancelled": "cancelled"}


class WebhookDeduper:
    """Drops OTA webhook retries we've already processed."""

    def __init__(self) -> None:
        self._seen: set[str] = set()

    def first_time(self, event_id: str) -> bool:
        if event_id in self._seen:
            return False
        self._seen.add(event_id)
        return True


class ChannelIngestService:
    def __init__(self, cm: ChannelManagerClient) -> None:
        self._cm = cm

    @staticmethod
    def _amount(raw: str) -> Decimal:
        try:
            return Decimal(raw)
        except InvalidOperation as exc:
            raise ValueError(f"bad amount {raw!r}") from exc

    async def import_batch(self, session: AsyncSession, items: Sequence[OtaReservation]) -> list[Reservation]:
        unique: list[OtaReservation] = []
        seen_refs: list[str] = []
        for item in items:
            if item.external_ref not in seen_refs:
                seen_refs.append(item.external_ref)
                unique.append(item)
        if not unique:
            return []

        channel = unique[0].channel
        existing = set(
            await session.scalars(
                select(Reservation.external_ref).where(
                    Reservation.channel == channel, Reservation.external_ref.in_(seen_refs)
                )
            )
        )
        hotel_codes = {i.hotel_code for i in unique}
        hotels = {h.code: h for h in await session.scalars(select(Hotel).where(Hotel.code.in_(hotel_codes)))}
        hotel_ids = [h.id for h in hotels.values()]
        room_types = {
            (rt.hotel_id, rt.code): rt.id
            for rt in await session.scalars(select(RoomType).where(RoomType.hotel_id.in_(hotel_ids)))
        }
        plans = {
            (p.hotel_id, p.code): p.id
            for p in await session.scalars(select(RatePlan).where(RatePlan.hotel_id.in_(hotel_ids)))
        }

        created: list[Reservation] = []
        for item in unique:
            if item.external_ref in existing or item.check_in is None or item.check_out is None:
                continue
            hotel = hotels.get(item.hotel_code)
            if hotel is None:
                logger.warning("unknown hotel %s in %s feed", item.hotel_code, channel)
                continue
            first, _, last = item.guest_name.partition(" ")
            guest_id = await guests_repo.upsert(session, item.guest_email, first or "Guest", last or "-", None)
            reservation = Reservation(
                hotel_id=hotel.id,
                guest_id=guest_id,
                room_type_id=room_types[(hotel.id, item.room_type)],
                rate_plan_id=plans[(hotel.id, item.rate_plan)],
                confirmation_code=new_confirmation_code(),
                channel=channel,
                external_ref=item.external_ref,
                status=STATUS_MAP.get(item.status, "confirmed"),
                check_in=item.check_in,
                check_out=item.check_out,
                total_amount=self._amount(item.amount),
                currency=hotel.currency,
            )
            await reservations_repo.insert(session, reservation)
            created.append(reservation)
        await session.commit()

        for reservation in created:
            try:
                await self._cm.acknowledge(channel, reservation.external_ref or "", reservation.confirmation_code)
            except (httpx.HTTPError, KeyError):
                pass
        return created

    async def apply_cancellation(self, session: AsyncSession, hotel_id: int, code: str) -> bool:
        reservation = await reservations_repo.get_by_code(session, code, hotel_id)
        if reservation is None or reservation.hotel_id != hotel_id:
            return False
        return await reservations_repo.transition(session, reservation.id, reservation.status, "cancelled")

    async def apply_dates(self, session: AsyncSession, channel: str, ref: str, check_in: date, check_out: date) -> bool:
        reservation = await reservations_repo.get_by_external_ref(session, channel, ref)
        if reservation is None:
            return False
        reservation.check_in, reservation.check_out = check_in, check_out
        await session.commit()
        return True
