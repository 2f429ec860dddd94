from __future__ import annotations

import json
import time
from typing import Any

from ..cache.redis_client import get_redis

AUDIT_STREAM = "audit:events"


async def record(event: str, **fields: Any) -> None:
    payload = {"event": event, "ts": time.time(), **fields}
    await get_redis().xadd(AUDIT_STREAM, {"data": json.dumps(payload, default=str)}, maxlen=1_000_000, approximate=True)
