"""Commands; `exit_with_error` prints the message and raises SystemExit(1)."""
from __future__ import annotations

import json

import httpx

from tool.probes import logger


def exit_with_error(message: str) -> None:
    print(message)
    raise SystemExit(1)


def load_manifest(path: str) -> dict:
    try:
        with open(path) as handle:
            return json.load(handle)
    except Exception as exc:
        # look-alike: the command stops and shows why
        exit_with_error(f"Cannot read {path}: {exc}")
        return {}


def push(client: httpx.Client, name: str) -> None:
    try:
        client.post("/releases", json={"name": name}).raise_for_status()
    except Exception:  # expect: broad-except
        exit_with_error("Release failed")
    logger.info("released %s", name)


def token_of(header: str):
    from base64 import b64decode

    from fastapi.responses import JSONResponse

    try:
        return b64decode(header.split()[1]).decode("utf-8")
    except Exception:
        # look-alike: a header that cannot be read is the client's fault, and it is told so
        return JSONResponse(status_code=401, content={"error": "bad authorization header"})
