"""Audit configuration, read from the environment."""
from __future__ import annotations

from pydantic_settings import BaseSettings


class AuditSettings(BaseSettings):
    sinks: list[str] = ["postgres"]
    mirrors: list[str] = []


audit_settings = AuditSettings()
