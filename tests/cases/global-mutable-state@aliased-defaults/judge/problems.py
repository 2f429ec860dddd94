"""Problem limits and household preferences merged over module defaults."""
from __future__ import annotations

from typing import Any

from judge.settings_model import Preferences

DEFAULT_LIMITS: dict[str, Any] = {"time_limit_ms": 2000, "memory_limit_mb": 256}  # expect: global-mutable-state
DEFAULT_PREFERENCES: dict[str, Any] = Preferences().model_dump()  # expect: global-mutable-state
SAFE_LIMITS: dict[str, Any] = {"time_limit_ms": 1000, "memory_limit_mb": 128}
SAFE_PREFERENCES: dict[str, Any] = Preferences().model_dump()


def limits_for(overrides: dict[str, Any]) -> dict[str, Any]:
    limits = DEFAULT_LIMITS
    limits.update({k: v for k, v in overrides.items() if k in DEFAULT_LIMITS})
    return limits


def preferences_for(stored: dict[str, Any]) -> Preferences:
    merged = DEFAULT_PREFERENCES
    merged.update(stored)
    return Preferences(**merged)


def safe_limits_for(overrides: dict[str, Any]) -> dict[str, Any]:
    limits = dict(SAFE_LIMITS)
    limits.update({k: v for k, v in overrides.items() if k in SAFE_LIMITS})
    return limits


def safe_preferences_for(stored: dict[str, Any]) -> Preferences:
    merged = SAFE_PREFERENCES.copy()
    merged.update(stored)
    return Preferences(**merged)
