"""Delivers signed event callbacks to customer-configured webhook URLs."""
from __future__ import annotations

import json
import logging
import time
from typing import Any

import requests

from svc.utils.crypto import sign_webhook

log = logging.getLogger(__name__)


class WebhookClient:
    def __init__(self, signing_secret: str) -> None:
        self._secret = signing_secret
        self._session = requests.Session()

    def deliver(self, url: str, event: dict[str, Any]) -> bool:
        body = json.dumps(event, separators=(",", ":"), default=str).encode()
        headers = {
            "Content-Type": "application/json",
            "X-Custody-Signature": sign_webhook(self._secret, body),
            "X-Custody-Timestamp": str(int(time.time())),
        }
        resp = self._session.post(url, data=body, headers=headers, timeout=10)
        if resp.status_code >= 400:
            log.warning("webhook %s answered %s", url, resp.status_code)
            return False
        return True


def replay_from_file(path: str, url: str, secret: str) -> int:
    """Operator tool: re-deliver events dumped by the admin export."""
    client = WebhookClient(secret)
    sent = 0
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if client.deliver(url, json.loads(line)):
                sent += 1
    return sent
