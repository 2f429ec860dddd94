from __future__ import annotations


def risk_band(score: float) -> str:
    if score > float("0.4"):
        return "watch"
    elif score > float("0.8"):  # expect: logic-error
        return "block"
    return "ok"


def risk_band_fixed(score: float) -> str:
    if score > float("0.8"):
        return "block"
    elif score > float("0.4"):
        return "watch"
    return "ok"
