"""Loads tenant configuration documents."""
from __future__ import annotations

import json
import logging

logger = logging.getLogger(__name__)


class ConfigError(ValueError):
    pass


def parse(text: str) -> dict:
    try:
        return json.loads(text)
    except json.JSONDecodeError as err:
        raise ConfigError(f"bad config: {err}")  # expect: exception-without-cause


def parse_strict(text: str) -> dict:
    try:
        return json.loads(text)
    except json.JSONDecodeError as err:
        raise ConfigError("bad config") from err


def parse_quiet(text: str) -> dict:
    try:
        return json.loads(text)
    except json.JSONDecodeError:
        raise ConfigError("bad config") from None


def load(path: str) -> dict:
    try:
        with open(path, encoding="utf-8") as handle:
            return parse(handle.read())
    except OSError as exc:
        logger.error("cannot read %s", path)
        raise exc


def load_with_fallback(path: str, fallback: str) -> dict:
    try:
        return load(path)
    except ConfigError as first:
        try:
            return load(fallback)
        except ConfigError as second:
            raise ConfigError(f"{path} and {fallback} are both invalid") from second


def deferred_error(text: str):
    try:
        return parse(text)
    except ConfigError:
        def fail() -> None:
            raise RuntimeError("config was invalid")
        return fail
