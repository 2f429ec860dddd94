from __future__ import annotations

from typing import Any

try:
    import orjson

    def dumps(value: Any) -> bytes:
        return orjson.dumps(value)

    def loads(raw: bytes | str) -> Any:
        return orjson.loads(raw)

except ImportError:  # pragma: no cover - orjson is optional in dev
    import json

    def dumps(value: Any) -> bytes:
        return json.dumps(value, separators=(",", ":")).encode()

    def loads(raw: bytes | str) -> Any:
        return json.loads(raw)


class StateCodec:
    """Encodes game-state snapshots for the wire."""

    def __init__(self, compact: bool = True) -> None:
        self._compact = compact

    def encode(self, state: dict[str, Any]) -> bytes:
        if self._compact:
            state = {k: v for k, v in state.items() if v is not None}
        return dumps(state)

    def decode(self, raw: bytes | str) -> dict[str, Any]:
        return loads(raw)
