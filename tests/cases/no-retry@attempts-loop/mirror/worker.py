"""The mirror job: copies repositories and artifacts every few minutes."""
from __future__ import annotations

import asyncio
import logging

from mirror.hosts import ArtifactHost, GitHost

log = logging.getLogger(__name__)


class Mirror:
    def __init__(self, git: GitHost, artifacts: ArtifactHost, repos: list[str]) -> None:
        self._git = git
        self._artifacts = artifacts
        self._repos = repos

    async def run(self) -> None:
        while True:
            try:
                await self.sync_once()
            except Exception:
                log.exception("mirror round failed")
            await asyncio.sleep(120)

    async def sync_once(self) -> None:
        for repo in self._repos:
            sha = await self._git.head(repo)
            for path in await self._git.tree(repo, sha):
                await self._git.blob(repo, path)
            manifest = await self._artifacts.manifest(repo)
            for version in await self._artifacts.versions(repo):
                log.info("%s %s %s", manifest.get("name"), version, await self._artifacts.checksum(repo, version))
