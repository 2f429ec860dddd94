from __future__ import annotations

import ipaddress
import logging
import socket
import uuid
from urllib.parse import urlparse

from docflow.errors import DocflowError
from docflow.repos import webhooks as webhook_repo

log = logging.getLogger(__name__)

EVENTS = frozenset(
    {"document.created", "document.updated", "document.archived", "comment.created", "export.finished"}
)


async def emit_event(workspace_id: uuid.UUID, event: str, payload: dict) -> None:
    if event not in EVENTS:
        raise ValueError(f"unknown event {event}")
    endpoints = await webhook_repo.endpoints_for(workspace_id, event)
    if endpoints:
        await webhook_repo.enqueue([e["id"] for e in endpoints], event, payload)


def validate_target(url: str) -> str:
    parsed = urlparse(url)
    if parsed.scheme != "https" or not parsed.hostname:
        raise DocflowError("webhook url must be https")
    try:
        infos = socket.getaddrinfo(parsed.hostname, parsed.port or 443)
    except socket.gaierror:
        raise DocflowError("webhook host does not resolve")
    for info in infos:
        addr = ipaddress.ip_address(info[4][0])
        if addr.is_private or addr.is_loopback or addr.is_link_local:
            raise DocflowError("webhook host resolves to a private address")
    return url
