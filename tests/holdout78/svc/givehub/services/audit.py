from __future__ import annotations

import json
import logging
from datetime import datetime, timezone

logger = logging.getLogger("givehub.audit")


class AuditLog:
    """Structured audit trail; shipped to the SIEM by the log forwarder."""

    def record(self, event: str, **fields: object) -> None:
        entry = {"event": event, "at": datetime.now(timezone.utc).isoformat(), **fields}
        logger.info(json.dumps(entry, default=str))
