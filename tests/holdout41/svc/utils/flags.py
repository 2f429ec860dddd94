"""Feature flags. Defaults come from code; admins can flip them at run time."""
from __future__ import annotations

from typing import Any

DEFAULT_FLAGS: dict[str, Any] = {
    "comments_require_classifier": True,
    "video_uploads": False,
    "trending_enabled": True,
    "digest_enabled": True,
}

FLAGS: dict[str, Any] = dict(DEFAULT_FLAGS)


def is_enabled(name: str) -> bool:
    return bool(FLAGS.get(name, False))


def set_flag(name: str, value: Any) -> None:
    if name not in DEFAULT_FLAGS:
        raise KeyError(name)
    FLAGS[name] = value
