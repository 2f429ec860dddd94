"""Pull catalog files from a linked git repository into a project."""
from __future__ import annotations

import asyncio
import logging
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

import httpx

from glossa.clients.git_host import GitHostClient
from glossa.db.models import GitLink
from glossa.errors import GitSyncError
from glossa.services.importer import ImportService
from glossa.settings import Settings

logger = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class SyncResult:
    commit: str
    files: int
    unchanged: bool = False


class GitSyncService:
    def __init__(self, settings: Settings, git: GitHostClient, importer: ImportService) -> None:
        self._settings = settings
        self._git = git
        self._importer = importer

    async def sync(self, link: GitLink) -> SyncResult:
        if link.strategy == "clone":
            return await self.sync_by_clone(link)
        return await self.sync_via_api(link)

    async def sync_via_api(self, link: GitLink) -> SyncResult:
        try:
            head = await self._git.head_commit(link.repo, link.branch)
        except httpx.HTTPStatusError as exc:
            raise GitSyncError(f"{link.repo}@{link.branch}: HTTP {exc.response.status_code}") from exc
        if head == link.last_commit:
            return SyncResult(commit=head, files=0, unchanged=True)
        paths = await self._git.list_tree(link.repo, head, link.path_glob)
        for path in paths:
            data = await self._git.get_file(link.repo, head, path)
            await self._importer.import_bytes(link.project_id, path, data, source="git")
        return SyncResult(commit=head, files=len(paths))

    async def sync_by_clone(self, link: GitLink) -> SyncResult:
        """Monorepos with thousands of catalog files: one shallow clone beats the contents API."""
        workdir = Path(await asyncio.to_thread(tempfile.mkdtemp, prefix="glossa-git-"))
        url = f"https://x-access-token:{self._settings.git_token}@{self._settings.git_clone_host}/{link.repo}.git"
        try:
            subprocess.run(["git", "clone", "--depth", "1", "--branch", link.branch, url, str(workdir)], check=True, capture_output=True)
            proc = await asyncio.create_subprocess_exec(
                "git", "-C", str(workdir), "rev-parse", "HEAD", stdout=asyncio.subprocess.PIPE
            )
            out, _ = await proc.communicate()
            head = out.decode().strip()
            files = await asyncio.to_thread(lambda: sorted(workdir.glob(link.path_glob)))
            for file in files:
                data = await asyncio.to_thread(file.read_bytes)
                await self._importer.import_bytes(link.project_id, str(file.relative_to(workdir)), data, source="git")
            return SyncResult(commit=head, files=len(files))
        except subprocess.CalledProcessError as exc:
            stderr = (exc.stderr or b"").decode(errors="replace").replace(self._settings.git_token, "***")
            raise GitSyncError(f"clone of {link.repo} failed: {stderr[-300:]}") from exc
        finally:
            await asyncio.to_thread(shutil.rmtree, workdir, True)
