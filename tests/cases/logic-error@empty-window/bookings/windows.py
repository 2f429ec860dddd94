"""Time windows of a booking: grace after expiry, check-in before the start."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta


@dataclass
class Booking:
    starts_at: datetime
    expires_at: datetime


class Windows:
    def __init__(self, grace_days: int, checkin_minutes: int) -> None:
        self._grace_days = grace_days
        self._checkin_minutes = checkin_minutes

    def in_grace(self, booking: Booking, now: datetime) -> bool:
        grace_end = booking.expires_at - timedelta(days=self._grace_days)  # expect: logic-error
        return booking.expires_at <= now <= grace_end

    def in_grace_fixed(self, booking: Booking, now: datetime) -> bool:
        grace_end = booking.expires_at + timedelta(days=self._grace_days)
        return booking.expires_at <= now <= grace_end

    def can_check_in(self, booking: Booking, now: datetime) -> bool:
        opens = booking.starts_at - timedelta(minutes=self._checkin_minutes)
        return opens <= now < booking.starts_at

    def late_arrival(self, booking: Booking, now: datetime) -> bool:
        return booking.starts_at + timedelta(minutes=15) < now < booking.starts_at  # expect: logic-error

    def reminder_due(self, booking: Booking, now: datetime) -> bool:
        return booking.starts_at - timedelta(hours=24) <= now <= booking.starts_at
