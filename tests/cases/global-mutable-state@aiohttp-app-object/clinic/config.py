"""Settings and the services the app keeps for every request."""
from __future__ import annotations

from dataclasses import dataclass

from aiohttp import web


@dataclass
class Settings:
    database_url: str
    default_clinic_id: int | None = None
    active_clinic_id: int | None = None
    booking_window_days: int = 30


@dataclass
class Services:
    settings: Settings
    booking_limit: int = 20


SERVICES = web.AppKey("services", Services)
