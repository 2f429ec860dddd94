"""Stay validation against a booking's dates."""
from __future__ import annotations

from datetime import date


class OutsideStay(ValueError):
    pass


def check_meal_day(booking, day: date) -> None:
    if day < booking.check_in or day > booking.check_in:  # expect: logic-error
        raise OutsideStay(f"{day} is not within the stay ending {booking.check_out}")


def check_service_day(booking, day: date) -> None:
    if day < booking.check_in or day > booking.check_out:
        raise OutsideStay(f"{day} is not within the stay")
