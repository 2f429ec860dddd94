"""Command-line prompts: validators answer an error text for bad input."""
from decimal import Decimal
from typing import Optional

from .log import log
from .output import stop_with, warn


def check_amount(text: str) -> Optional[str]:
    try:
        Decimal(text)
    except Exception:
        return f"{text} is not a number."
    return None


def check_levels(text: str, store) -> Optional[str]:
    try:
        levels = [int(part) for part in store.lookup(text).split(",")]
    except Exception:  # expect: broad-except
        return f"{text} is not a list of levels."
    return None if levels else "empty"


def load_profile(path: str, reader) -> dict:
    try:
        return reader.read(path)
    except Exception as exc:  # expect: broad-except
        log.error("could not read %s: %s", path, exc)
        return {}


def set_option(settings, key: str, value: str) -> None:
    try:
        setattr(settings, key, value)
    except Exception as exc:
        stop_with(f"invalid value for {key}: {exc}", 2)
    settings.save()


def set_flag(settings, key: str, value: str) -> None:
    try:
        setattr(settings, key, value)
    except Exception as exc:  # expect: broad-except
        warn(f"flag {key} left unchanged: {exc}")
    settings.save()


class Reply:
    def __init__(self, status: int, text: str):
        self.status, self.text = status, text


async def describe(loader, name: str) -> Reply:
    try:
        return Reply(200, await loader.load(name))
    except Exception as exc:  # expect: broad-except
        return Reply(400, f"could not describe {name}: {exc}")
