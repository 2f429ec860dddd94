from __future__ import annotations

import json
from datetime import datetime, timezone

from ..db import get_redis

AUDIT_STREAM = "audit:events"


async def record(actor: str, action: str, target: str, **details: object) -> None:
    """Append an audit event; the stream is trimmed to roughly the last million entries."""
    await get_redis().xadd(
        AUDIT_STREAM,
        {
            "ts": datetime.now(timezone.utc).isoformat(),
            "actor": actor,
            "action": action,
            "target": target,
            "details": json.dumps(details, default=str),
        },
        maxlen=1_000_000,
        approximate=True,
    )
