"""Access audit trail for medical records (regulatory requirement)."""
from __future__ import annotations

import json
import logging
from datetime import datetime, timezone

from svc.redis_client import get_redis

log = logging.getLogger("vetnet.audit")

AUDIT_STREAM = "audit:record-access"


async def record_access(actor: str, pet_id: int, action: str) -> None:
    entry = {
        "actor": actor,
        "pet_id": pet_id,
        "action": action,
        "at": datetime.now(timezone.utc).isoformat(),
    }
    await get_redis().xadd(AUDIT_STREAM, {"data": json.dumps(entry)}, maxlen=1_000_000, approximate=True)
    log.info("record access %s", entry)
