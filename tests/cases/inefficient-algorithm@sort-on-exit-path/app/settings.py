"""Loading service settings from a table of overrides."""
from __future__ import annotations

KNOWN_LIMITS = {"max_batch": 500, "max_retries": 5, "timeout_s": 10}


class SettingsError(ValueError):
    pass


def apply_overrides(limits: dict[str, int], overrides: dict[str, object]) -> dict[str, int]:
    for key, value in overrides.items():
        if key not in KNOWN_LIMITS:
            raise SettingsError(f"unknown limit {key!r}; known: {sorted(KNOWN_LIMITS)}")
        if not isinstance(value, int):
            allowed = sorted(KNOWN_LIMITS)
            return {"error": len(allowed)}
        limits[key] = value
    return limits


def describe(rows: list[dict[str, int]]) -> list[str]:
    out = []
    for row in rows:
        names = sorted(KNOWN_LIMITS)  # expect: inefficient-algorithm
        out.append(",".join(f"{n}={row.get(n, 0)}" for n in names))
    return out
