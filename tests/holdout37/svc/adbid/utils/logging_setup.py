"""Structured logging configuration."""
from __future__ import annotations

import logging
import sys

try:
    import orjson

    def _dumps(obj: dict) -> str:
        return orjson.dumps(obj).decode()
except ImportError:
    import json

    def _dumps(obj: dict) -> str:
        return json.dumps(obj, default=str)


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        payload = {
            "level": record.levelname,
            "logger": record.name,
            "msg": record.getMessage(),
            "time": self.formatTime(record),
        }
        if record.exc_info:
            payload["exc"] = self.formatException(record.exc_info)
        return _dumps(payload)


def configure_logging(level: str = "INFO") -> None:
    handler = logging.StreamHandler(sys.stdout)
    handler.setFormatter(JsonFormatter())
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
