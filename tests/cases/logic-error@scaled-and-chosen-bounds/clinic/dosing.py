"""Dose checks against the prescribed ceiling."""
from __future__ import annotations


class DoseRejected(Exception):
    pass


def review_dose(dose_mg: float, ceiling_mg: float) -> str:
    if dose_mg <= 0:
        raise DoseRejected("dose must be positive")
    elif dose_mg > 1.5 * ceiling_mg:
        return "pharmacist review"
    elif dose_mg > ceiling_mg * 4:  # expect: logic-error
        return "block"
    return "ok"


def review_dose_ordered(dose_mg: float, ceiling_mg: float) -> str:
    # correct: the higher multiple is tested first
    if dose_mg > ceiling_mg * 4:
        return "block"
    elif dose_mg > 1.5 * ceiling_mg:
        return "pharmacist review"
    return "ok"


def review_against_two_limits(dose_mg: float, ceiling_mg: float, daily_mg: float) -> str:
    # correct: multiples of different limits
    if dose_mg > ceiling_mg * 2:
        return "single-dose review"
    elif dose_mg > daily_mg * 3:
        return "daily review"
    return "ok"
