"""The HTTP status a response or an HTTP error answers, read from a call's literal arguments.

`JSONResponse(..., status_code=503)`, `web.json_response(..., status=400)`,
`HTTPException(503, ...)`, or a named constant (`status.HTTP_503_SERVICE_UNAVAILABLE`,
`HTTPStatus.BAD_GATEWAY`): rules asking
"does this branch answer an error" (a probe that can report unhealthy, a handler that only fails
the request) read it here, one way.
"""
from __future__ import annotations

import re
from http import HTTPStatus

from ..facts.types import CallSite

_NAMED = re.compile(r"(?:^|\.)HTTP_(\d{3})(?:_|$)")


def answered_status(site: CallSite) -> int | None:
    """The status the call answers, None when not written as a literal or a named constant."""
    status = site.kwargs.get("status_code", site.kwargs.get("status"))
    if status is None and site.name.endswith("HTTPException") and site.args:
        status = site.args[0]
    return status_value(status)


def status_value(status: object) -> int | None:
    """A status as the facts keep it (`401`, {"ref": "status.HTTP_401_UNAUTHORIZED"},
    {"ref": "HTTPStatus.UNAUTHORIZED"}) as a number; None for anything else."""
    if isinstance(status, int) and not isinstance(status, bool):
        return status
    ref = str(status.get("ref", "")) if isinstance(status, dict) else ""
    found = _NAMED.search(ref)
    if found:
        return int(found.group(1))
    head, _, member = ref.rpartition(".")
    return HTTPStatus[member].value if head.endswith("HTTPStatus") and member in HTTPStatus.__members__ else None


def is_server_error_raise(site: CallSite) -> bool:
    """`HTTPException(502, ...)` or `HTTPException(status_code=status.HTTP_503_...)`: an HTTP error
    answering a 5xx, which frameworks turn into a response without logging anything."""
    return site.name.endswith("HTTPException") and 500 <= (answered_status(site) or 0) < 600


# aiohttp.web's HTTP errors carry their status in the class (`raise web.HTTPNotFound(text=...)`): the
# exception is the framework's answer to the client, as FastAPI's `HTTPException(404)` is
AIOHTTP_ERROR_STATUS = {
    "HTTPBadRequest": 400, "HTTPUnauthorized": 401, "HTTPPaymentRequired": 402, "HTTPForbidden": 403,
    "HTTPNotFound": 404, "HTTPMethodNotAllowed": 405, "HTTPNotAcceptable": 406,
    "HTTPProxyAuthenticationRequired": 407, "HTTPRequestTimeout": 408, "HTTPConflict": 409, "HTTPGone": 410,
    "HTTPLengthRequired": 411, "HTTPPreconditionFailed": 412, "HTTPRequestEntityTooLarge": 413,
    "HTTPRequestURITooLong": 414, "HTTPUnsupportedMediaType": 415, "HTTPRequestRangeNotSatisfiable": 416,
    "HTTPExpectationFailed": 417, "HTTPMisdirectedRequest": 421, "HTTPUnprocessableEntity": 422,
    "HTTPFailedDependency": 424, "HTTPUpgradeRequired": 426, "HTTPPreconditionRequired": 428,
    "HTTPTooManyRequests": 429, "HTTPRequestHeaderFieldsTooLarge": 431, "HTTPUnavailableForLegalReasons": 451,
    "HTTPInternalServerError": 500, "HTTPNotImplemented": 501, "HTTPBadGateway": 502,
    "HTTPServiceUnavailable": 503, "HTTPGatewayTimeout": 504, "HTTPVersionNotSupported": 505,
    "HTTPVariantAlsoNegotiates": 506, "HTTPInsufficientStorage": 507, "HTTPNotExtended": 510,
    "HTTPNetworkAuthenticationRequired": 511,
}
