"""Checks and best-effort helpers of a small deploy tool."""
from __future__ import annotations

import logging
import subprocess
import sys

import httpx

logger = logging.getLogger(__name__)


def stdout_is_terminal_capable() -> bool:
    # look-alike: a success flag, False is how the caller learns it failed
    try:
        sys.stdout.reconfigure(line_buffering=True)
        return True
    except Exception:
        return False


def ping_registry(client: httpx.Client) -> bool:
    try:
        client.get("/v2/").raise_for_status()
    except Exception:
        return False
    else:
        return True


def has_tag(tag: str) -> bool:
    try:
        out = subprocess.run(["git", "tag", "--list", tag], capture_output=True, check=True)
        return out.stdout.decode().strip() == tag
    except Exception:  # expect: swallowed-exception
        return False


def cached(store: dict, key: str) -> bool:
    try:
        if key not in store:
            return False
        return store[key] is not None
    except Exception:  # expect: swallowed-exception
        return False


def refresh_index(client: httpx.Client, attempts: int = 3) -> dict:
    count = 0
    while True:
        try:
            return client.get("/index").json()
        except Exception:
            # look-alike: logged with the traceback through a chosen logger method
            count += 1
            log = logger.warning if count == 1 else logger.debug
            log("index refresh failed, retrying", exc_info=True)
            if count >= attempts:
                return {}


def report_size(client: httpx.Client) -> int:
    try:
        return int(client.get("/size").text)
    except Exception as exc:  # expect: broad-except
        note = logger.info
        note("size unknown: %s", exc)
        return -1


def is_release_branch(name: str) -> bool:
    try:
        if name == "main":
            return True
        out = subprocess.run(["git", "config", f"branch.{name}.release"], capture_output=True, check=True)
    except Exception:  # expect: swallowed-exception
        return False
    return out.stdout.strip() == b"true"
