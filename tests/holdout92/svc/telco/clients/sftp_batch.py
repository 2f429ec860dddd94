from __future__ import annotations

import stat
from pathlib import Path

import paramiko


class SftpBatchClient:
    """Blocking SFTP access to the mediation server's CDR outbox."""

    def __init__(self, host: str, user: str, key_path: str, inbox: str) -> None:
        self._host = host
        self._user = user
        self._key_path = key_path
        self._inbox = inbox
        self._client: paramiko.SFTPClient | None = None
        self._transport: paramiko.Transport | None = None

    def _connect(self) -> paramiko.SFTPClient:
        if self._client is None:
            key = paramiko.Ed25519Key.from_private_key_file(self._key_path)
            self._transport = paramiko.Transport((self._host, 22))
            self._transport.banner_timeout = 15
            self._transport.connect(username=self._user, pkey=key)
            self._client = paramiko.SFTPClient.from_transport(self._transport)
        return self._client

    def list_files(self) -> list[str]:
        sftp = self._connect()
        return sorted(
            entry.filename for entry in sftp.listdir_attr(self._inbox)
            if stat.S_ISREG(entry.st_mode or 0) and entry.filename.endswith(".cdr")
        )

    def fetch(self, name: str, dest_dir: str) -> Path:
        sftp = self._connect()
        target = Path(dest_dir) / name
        sftp.get(f"{self._inbox}/{name}", str(target))
        return target

    def archive(self, name: str) -> None:
        sftp = self._connect()
        sftp.rename(f"{self._inbox}/{name}", f"{self._inbox}/done/{name}")

    def close(self) -> None:
        if self._client is not None:
            self._client.close()
        if self._transport is not None:
            self._transport.close()
        self._client = None
