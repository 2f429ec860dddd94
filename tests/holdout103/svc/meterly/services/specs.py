from __future__ import annotations

import asyncio
import hashlib
import json
import logging
import uuid
from typing import Any

import yaml
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from ..clients.storage import SpecArchive
from ..core.errors import Conflict, NotFound, SpecInvalid
from ..db.models import ApiSpec
from ..repositories.specs import SpecRepository
from . import spec_validation

logger = logging.getLogger(__name__)

MAX_SPEC_BYTES = 8 * 1024 * 1024


def load_document(raw: bytes, content_type: str) -> dict[str, Any]:
    try:
        if "json" in content_type:
            doc = json.loads(raw)
        else:
            doc = yaml.safe_load(raw)
    except yaml.YAMLError as exc:
        raise SpecInvalid(f"could not parse YAML: {exc}")
    except json.JSONDecodeError as exc:
        raise SpecInvalid(f"could not parse JSON: {exc.msg} at line {exc.lineno}") from exc
    if not isinstance(doc, dict):
        raise SpecInvalid("document root must be an object")
    return doc


class SpecService:
    def __init__(self, archive: SpecArchive) -> None:
        self._archive = archive
        self._resolved_cache: dict[str, dict] = {}

    async def upload(self, session: AsyncSession, tenant_id: uuid.UUID, name: str, version: str,
                     raw: bytes, content_type: str) -> ApiSpec:
        if len(raw) > MAX_SPEC_BYTES:
            raise SpecInvalid("spec exceeds 8 MiB")
        digest = hashlib.sha256(raw).hexdigest()
        doc = await asyncio.to_thread(load_document, raw, content_type)
        report = spec_validation.validate_document(doc)
        if not report.ok:
            raise SpecInvalid("spec failed validation", details={"errors": report.errors[:50]})
        storage_key = f"{tenant_id}/{name}/{version}/{digest}"
        self._archive.put(storage_key, raw, content_type)
        spec = ApiSpec(tenant_id=tenant_id, name=name, version=version, digest=digest,
                       storage_key=storage_key, operation_count=report.operation_count,
                       warnings=report.warnings[:200])
        try:
            await SpecRepository(session).add(spec)
            await session.commit()
        except IntegrityError as exc:
            await session.rollback()
            raise Conflict(f"{name} {version} already exists") from exc
        return spec

    async def resolved(self, session: AsyncSession, tenant_id: uuid.UUID, name: str, version: str) -> dict:
        spec = await SpecRepository(session).get_version(tenant_id, name, version)
        if spec is None:
            raise NotFound("spec not found")
        cached = self._resolved_cache.get(spec.digest)
        if cached is not None:
            return cached
        raw = await self._archive.get_async(spec.storage_key)
        doc = await asyncio.to_thread(load_document, raw, "application/yaml")
        resolved = await asyncio.to_thread(spec_validation.resolve_refs, doc)
        self._resolved_cache[spec.digest] = resolved
        return resolved

    async def revalidate(self, session: AsyncSession, tenant_id: uuid.UUID, name: str, version: str) -> list[str]:
        spec = await SpecRepository(session).get_version(tenant_id, name, version)
        if spec is None:
            raise NotFound("spec not found")
        raw = await self._archive.get_async(spec.storage_key)
        doc = await asyncio.to_thread(load_document, raw, "application/yaml")
        report = await asyncio.to_thread(spec_validation.validate_document, doc)
        return report.errors + report.warnings
