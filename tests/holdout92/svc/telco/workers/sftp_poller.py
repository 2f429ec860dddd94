from __future__ import annotations

import asyncio
import logging
from pathlib import Path

from telco.clients.sftp_batch import SftpBatchClient
from telco.container import Container

logger = logging.getLogger(__name__)


class SftpPoller:
    def __init__(self, container: Container) -> None:
        settings = container.settings
        self._container = container
        self._client = SftpBatchClient(settings.sftp_host, settings.sftp_user, settings.sftp_key_path, settings.sftp_inbox)
        self._spool = Path(settings.spool_dir)

    async def poll_once(self) -> int:
        names = self._client.list_files()
        processed = 0
        for name in names:
            local = await asyncio.to_thread(self._client.fetch, name, str(self._spool))
            count = await self._container.ingest.ingest_file(local)
            await asyncio.to_thread(self._client.archive, name)
            await asyncio.to_thread(local.unlink)
            logger.info("batch %s: %d records", name, count)
            processed += 1
        return processed

    def close(self) -> None:
        self._client.close()
