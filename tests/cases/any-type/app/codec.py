import json
import typing
from typing import Any, Optional


def encode(value: Any) -> str:  # expect: any-type
    return json.dumps(value)


def decode(text: str) -> typing.Any:
    return json.loads(text)


def merge(base: dict[str, Any], *others: Any, **overrides: Any) -> dict[str, Any]:
    merged = dict(base)
    for other in others:
        merged.update(other)
    merged.update(overrides)
    return merged


def _coerce(value: Any) -> Any:
    return value


class Box:
    def __eq__(self, other: Any) -> bool:
        return isinstance(other, Box)

    def unwrap(self, default: Optional[Any] = None) -> str:
        return str(default)
