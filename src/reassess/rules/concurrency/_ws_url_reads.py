"""What a websocket handler reads from its own URL: `websocket.query_params["rider_id"]`,
`websocket.path_params.get("qr")`. Plain Starlette handlers take their inputs this way where
FastAPI declares them as parameters, so the auth rule judges these reads like parameters."""
from __future__ import annotations

import re
from typing import TYPE_CHECKING, Callable

if TYPE_CHECKING:
    from ...model.project import ProjectModel
    from ._ws import Handler

_URL = "query_params|path_params"
_SUBSCRIPTED = "query_params|headers|cookies"  # where a subscript may fetch a credential


def _body(model: "ProjectModel", handler: "Handler") -> dict[int, str]:
    start = handler.func.body_line or handler.func.line + 1
    return {line: model.line_text(handler.facts.path, line) for line in range(start, handler.func.end_line + 1)}


def url_locals(model: "ProjectModel", handler: "Handler") -> dict[str, bool]:
    """Locals bound from one literal read of the query string or path (`rider_id =
    uuid.UUID(websocket.query_params["rider_id"])`): local -> whether it is converted to a UUID."""
    read = re.compile(rf"\b{re.escape(handler.socket)}\.(?:{_URL})(?:\[\s*|\.get\(\s*)[\"']\w+[\"']")
    found = {}
    for line, text in _body(model, handler).items():
        names = handler.func.names_bound_on(line)
        if len(read.findall(text)) == 1 and len(names) == 1:
            name = next(iter(names))
            value = handler.func.local_types.get(name)
            found[name] = isinstance(value, dict) and value.get("call", "").rsplit(".", 1)[-1] == "UUID"
    return found


def plain_subscripts(model: "ProjectModel", handler: "Handler", credential: Callable[[str], bool]) -> bool:
    """Every subscript of the socket's query string, headers or cookies names a literal key that is
    no credential (`websocket.query_params["rider_id"]`): routing data, not a check."""
    socket = re.escape(handler.socket)
    every = re.compile(rf"\b{socket}\.(?:{_SUBSCRIPTED})\[")
    literal = re.compile(rf"\b{socket}\.(?:{_SUBSCRIPTED})\[\s*[\"'](\w+)[\"']")
    texts = _body(model, handler).values()
    keys = [key for text in texts for key in literal.findall(text)]
    return sum(len(every.findall(text)) for text in texts) == len(keys) and not any(credential(k) for k in keys)
