from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Optional


@dataclass(slots=True)
class ProbeOutcome:
    ok: bool
    latency_ms: Optional[int]
    status_code: Optional[int] = None
    error: Optional[str] = None
    extra: dict[str, Any] = field(default_factory=dict)
    checked_at: Optional[datetime] = None


@dataclass(slots=True)
class ProbeSpec:
    monitor_id: str
    kind: str
    target: str
    timeout_s: float
    expected_status: Optional[int] = None
    keyword: Optional[str] = None
