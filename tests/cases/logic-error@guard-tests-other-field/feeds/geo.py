"""Coordinates of a device, read from its last report."""
from __future__ import annotations


def position(report) -> dict:
    latitude = round(report.fix.lat, 5) if report.fix.lat is not None else None
    longitude = round(report.fix.lon, 5) if report.fix.lat is not None else None  # expect: logic-error
    return {"lat": latitude, "lon": longitude}


def owner_label(device) -> str | None:
    # one expression on its own: showing the name only for active owners is a choice, not a slip
    return device.owner.display_name if device.owner.active else None


def display_name(func) -> tuple[str, str]:
    owner = func.class_name.split(".")[0] if func.class_name else func.name
    call = f"{owner}.{func.name}()" if func.class_name else f"{func.name}()"  # a choice between two spellings
    return owner, call
