"""Object storage access for uploaded and transcoded audio."""
from __future__ import annotations

import logging
import os

import requests

from svc.config import settings

log = logging.getLogger(__name__)


def object_url(key: str) -> str:
    return f"{settings.storage_base_url}/{settings.storage_bucket}/{key}"


def put_object(key: str, local_path: str, content_type: str = "audio/mpeg") -> str:
    with open(local_path, "rb") as fh:
        resp = requests.put(object_url(key), data=fh, headers={"Content-Type": content_type}, timeout=60)
    resp.raise_for_status()
    log.info("stored %s (%d bytes)", key, os.path.getsize(local_path))
    return object_url(key)


def delete_object(key: str) -> None:
    resp = requests.delete(object_url(key), timeout=10)
    if resp.status_code not in (200, 204, 404):
        resp.raise_for_status()
