"""OCPP-J framing (OCPP 1.6 JSON over websockets)."""
from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any, Final

try:
    import orjson
except ImportError:  # pragma: no cover - optional speed-up
    orjson = None

CALL: Final = 2
CALL_RESULT: Final = 3
CALL_ERROR: Final = 4

OCPP_ACTIONS: Final = frozenset({"Authorize", "BootNotification", "Heartbeat", "MeterValues", "StartTransaction", "StatusNotification", "StopTransaction"})


class OcppProtocolError(ValueError):
    def __init__(self, code: str, description: str, unique_id: str | None = None) -> None:
        super().__init__(description)
        self.code = code
        self.description = description
        self.unique_id = unique_id


@dataclass(frozen=True, slots=True)
class OcppCall:
    unique_id: str
    action: str
    payload: dict[str, Any]


@dataclass(frozen=True, slots=True)
class OcppResult:
    unique_id: str
    payload: dict[str, Any]


@dataclass(frozen=True, slots=True)
class OcppError:
    unique_id: str
    code: str
    description: str


def _loads(raw: str) -> Any:
    if orjson is not None:
        return orjson.loads(raw)
    return json.loads(raw)


def parse_frame(raw: str) -> OcppCall | OcppResult | OcppError:
    try:
        frame = _loads(raw)
    except ValueError as exc:
        raise OcppProtocolError("FormationViolation", "frame is not valid JSON") from exc
    if not isinstance(frame, list) or len(frame) < 3:
        raise OcppProtocolError("FormationViolation", "frame must be a JSON array")
    kind, unique_id = frame[0], str(frame[1])
    if kind == CALL:
        if len(frame) != 4 or frame[2] not in OCPP_ACTIONS:
            raise OcppProtocolError("NotImplemented", f"unsupported action {frame[2]!r}", unique_id)
        return OcppCall(unique_id, frame[2], frame[3] or {})
    if kind == CALL_RESULT:
        return OcppResult(unique_id, frame[2] or {})
    if kind == CALL_ERROR:
        return OcppError(unique_id, str(frame[2]), str(frame[3]) if len(frame) > 3 else "")
    raise OcppProtocolError("MessageTypeNotSupported", f"unknown message type {kind!r}", unique_id)


def encode_call(unique_id: str, action: str, payload: dict[str, Any]) -> str:
    return json.dumps([CALL, unique_id, action, payload], separators=(",", ":"))


def encode_result(unique_id: str, payload: dict[str, Any]) -> str:
    return json.dumps([CALL_RESULT, unique_id, payload], separators=(",", ":"), default=str)


def encode_error(unique_id: str, code: str, description: str) -> str:
    return json.dumps([CALL_ERROR, unique_id, code, description, {}], separators=(",", ":"))
