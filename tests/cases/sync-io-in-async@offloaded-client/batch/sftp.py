"""Blocking SFTP access to the partner's drop box."""
from __future__ import annotations

from pathlib import Path

import paramiko


class DropBox:
    def __init__(self, host: str, user: str, inbox: str) -> None:
        self._host = host
        self._user = user
        self._inbox = inbox
        self._client: paramiko.SFTPClient | None = None

    def _connect(self) -> paramiko.SFTPClient:
        if self._client is None:
            transport = paramiko.Transport((self._host, 22))
            transport.connect(username=self._user)
            self._client = paramiko.SFTPClient.from_transport(transport)
        return self._client

    def list_files(self) -> list[str]:
        return sorted(self._connect().listdir(self._inbox))

    def fetch(self, name: str, dest: str) -> Path:
        target = Path(dest) / name
        self._connect().get(f"{self._inbox}/{name}", str(target))
        return target
