from __future__ import annotations

from decimal import Decimal

WARN_UTILISATION = Decimal("0.80")
FREEZE_UTILISATION = Decimal("0.95")
SLOW_MS = 500
VERY_SLOW_MS = 2000
