from __future__ import annotations

from app.events.audit import record

DEFAULT = [record]
