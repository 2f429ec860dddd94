from dataclasses import dataclass


@dataclass
class Trip:
    litres: float
    km: float
    meta: dict


def consumption_per_100km(trip: Trip) -> float:
    try:
        adjusted = trip.litres - float(trip.meta.get("idle_litres", 0))
        return round(adjusted / trip.km * 100, 2)
    except Exception:  # expect: broad-except
        return 0.0


def label(trip: Trip) -> str:
    """Look-alike: a display placeholder for a local computation."""
    try:
        return f"{trip.km:.0f} km / {trip.litres:.1f} l"
    except Exception:
        return "-"
