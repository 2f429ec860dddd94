from __future__ import annotations

from shop.telemetry.emit import track

__all__ = ["track"]
