"""Process lifecycle: a stop flag set by the signal handler, and lazily loaded settings."""
from __future__ import annotations

import os
import signal
from dataclasses import dataclass

_stopping: bool | None = None
_settings: "RelaySettings | None" = None
_metrics_lib = None
_active_tenant: str | None = None
_pinned_upstream: str | None = None  # expect: global-mutable-state


@dataclass
class RelaySettings:
    upstream: str
    retries: int


def _load_settings_from_env() -> RelaySettings:
    return RelaySettings(os.environ.get("RELAY_UPSTREAM", "http://localhost:9000"),
                         int(os.environ.get("RELAY_RETRIES", "3")))


def settings() -> RelaySettings:
    """Read once per process; every process reads the same environment."""
    global _settings
    if _settings is None:
        _settings = _load_settings_from_env()
    return _settings


def metrics_lib():
    """The optional metrics package, imported on first use."""
    global _metrics_lib
    if _metrics_lib is None:
        try:
            import statsd as lib

            _metrics_lib = lib
        except ImportError:
            return None
    return _metrics_lib


def _install_handlers() -> None:
    global _stopping
    if _stopping is not None:
        return
    _stopping = False

    def on_signal(signum, frame) -> None:
        global _stopping
        _stopping = True

    signal.signal(signal.SIGTERM, on_signal)


def stopping() -> bool:
    _install_handlers()
    return bool(_stopping)


def use_tenant(tenant: str) -> None:
    global _active_tenant
    _active_tenant = tenant  # expect: global-mutable-state


def active_tenant() -> str | None:
    return _active_tenant


def pin_upstream() -> None:
    """Set by an operator call; refreshed only once pinned (not a first-use initialisation)."""
    global _pinned_upstream
    if _pinned_upstream is not None:
        _pinned_upstream = settings().upstream


def refresh_pinned_upstream() -> None:
    global _pinned_upstream
    if _pinned_upstream is None:
        return
    _pinned_upstream = f"{_load_settings_from_env().upstream}?t={os.getpid()}"
