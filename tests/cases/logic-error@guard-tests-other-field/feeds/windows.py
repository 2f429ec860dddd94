"""Maintenance windows decoded from the upstream calendar feed."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timezone


@dataclass
class Window:
    label: str
    opens: datetime | None
    closes: datetime | None


def _ts(value: int) -> datetime:
    return datetime.fromtimestamp(value, tz=timezone.utc)


def decode(item) -> Window:
    span = item.span if item.HasField("span") else None
    return Window(
        label=item.label,
        opens=_ts(span.begin) if span and span.begin else None,
        closes=_ts(span.finish) if span and span.begin else None,  # expect: logic-error
    )


def decode_ok(item) -> Window:
    span = item.span if item.HasField("span") else None
    return Window(
        label=item.label,
        opens=_ts(span.begin) if span and span.begin else None,
        closes=_ts(span.finish) if span and span.finish else None,
    )
