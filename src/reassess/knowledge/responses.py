"""The HTTP status a response or an HTTP error answers, read from a call's literal arguments.

`JSONResponse(..., status_code=503)`, `web.json_response(..., status=400)`,
`HTTPException(503, ...)`, or a named constant (`status.HTTP_503_SERVICE_UNAVAILABLE`): rules asking
"does this branch answer an error" (a probe that can report unhealthy, a handler that only fails
the request) read it here, one way.
"""
from __future__ import annotations

import re

from ..facts.types import CallSite

_NAMED = re.compile(r"(?:^|\.)HTTP_(\d{3})(?:_|$)")


def answered_status(site: CallSite) -> int | None:
    """The status the call answers, None when not written as a literal or a named constant."""
    status = site.kwargs.get("status_code", site.kwargs.get("status"))
    if status is None and site.name.endswith("HTTPException") and site.args:
        status = site.args[0]
    if isinstance(status, int) and not isinstance(status, bool):
        return status
    found = _NAMED.search(str(status.get("ref", ""))) if isinstance(status, dict) else None
    return int(found.group(1)) if found else None
