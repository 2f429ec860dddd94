"""Recipe management: versioned uploads, activation, download to tools."""
from __future__ import annotations

import hashlib
import logging
import re
from dataclasses import dataclass

import redis.asyncio as aioredis
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from fabline.clients.secsgem_gateway import SecsGemGateway
from fabline.core.errors import Conflict, NotFound, RecipeParseError
from fabline.repositories.recipe_repo import RecipeRepository
from fabline.services.audit_service import AuditService
from fabline.services.storage import read_recipe_async, save_recipe_file
from fabline.services.tool_state_service import ToolStateService
from fabline.utils.locks import tool_locks

logger = logging.getLogger(__name__)
HEADER_RE = re.compile(rb"^#RECIPE\s+(?P<tool_type>[A-Z0-9_]+)\s+(?P<steps>\d+)\s*$", re.M)
BODY_TTL = 600


@dataclass(frozen=True)
class RecipeHeader:
    tool_type: str
    steps: int


def parse_header(body: bytes) -> RecipeHeader:
    match = HEADER_RE.search(body[:512])
    if match is None:
        raise RecipeParseError("missing #RECIPE header")
    try:
        steps = int(match.group("steps"))
    except ValueError:
        raise RecipeParseError("step count is not an integer")
    return RecipeHeader(match.group("tool_type").decode(), steps)


class RecipeService:
    def __init__(
        self,
        session: AsyncSession,
        redis: aioredis.Redis,
        tool_state: ToolStateService,
        gateway: SecsGemGateway,
        audit: AuditService,
    ) -> None:
        self.session = session
        self.repo = RecipeRepository(session)
        self.redis = redis
        self.tool_state = tool_state
        self.gateway = gateway
        self.audit = audit

    async def upload(self, name: str, body: bytes, user: str) -> dict:
        header = parse_header(body)
        sha = hashlib.sha256(body).hexdigest()
        try:
            recipe = await self.repo.create_next_version(name, header.tool_type, sha, "", user)
        except IntegrityError as exc:
            raise Conflict(f"concurrent upload of {name}") from exc
        path, _ = save_recipe_file(name, recipe.version, body)
        recipe.storage_path = str(path)
        await self.session.commit()
        await self.audit.record(user, "RECIPE_UPLOAD", f"{name}@{recipe.version}")
        return {"name": name, "version": recipe.version, "sha256": sha}

    async def body(self, name: str, version: int) -> bytes:
        key = f"recipe:body:{name}"
        cached = await self.redis.get(key)
        if cached is not None:
            return cached.encode("latin-1")
        if await self.repo.get(name, version) is None:
            raise NotFound(f"recipe {name}@{version}")
        data = await read_recipe_async(name, version)
        await self.redis.set(key, data.decode("latin-1"), ex=BODY_TTL)
        return data

    async def activate_on_tool(self, name: str, version: int, tool_id: int, user: str) -> None:
        if await self.repo.get(name, version) is None:
            raise NotFound(f"recipe {name}@{version}")
        async with tool_locks.hold(f"tool:{tool_id}"):
            await self.repo.activate(name, version)
            await self.session.commit()
            await self.tool_state.set_recipe(tool_id, name)
        await self.audit.record(user, "RECIPE_ACTIVATE", f"{name}@{version}:{tool_id}")

    async def download_to_tool(self, name: str, version: int, tool_name: str) -> None:
        data = await self.body(name, version)
        await self.gateway.download_recipe(tool_name, f"{name}.{version}", data)
        await self.gateway.send_remote_command(tool_name, "PP-SELECT", {"PPID": f"{name}.{version}"})
