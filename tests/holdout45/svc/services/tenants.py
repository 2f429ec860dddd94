"""Per-publication settings: file defaults, overridden by rows in the tenants table."""
from __future__ import annotations

import copy
import logging
from dataclasses import replace
from typing import Any

from sqlalchemy import select

from ..cache import LoadingCache
from ..config import TenantSettings, get_settings, load_tenant_file
from ..db.connections import sessionmaker
from ..db.models import Tenant

log = logging.getLogger(__name__)


class TenantNotFound(LookupError):
    pass


_FILE_TENANTS: dict[str, TenantSettings] = {}
_RUNTIME_OVERRIDES: dict[str, dict[str, Any]] = {}


def bootstrap() -> None:
    _FILE_TENANTS.clear()
    _FILE_TENANTS.update(load_tenant_file(get_settings().tenants_file))


def tenant_settings(tenant_id: str) -> TenantSettings:
    try:
        base = _FILE_TENANTS[tenant_id]
    except KeyError:
        raise TenantNotFound(f"unknown publication {tenant_id}")
    overrides = _RUNTIME_OVERRIDES.get(tenant_id)
    if not overrides:
        return base
    return replace(base, **{k: v for k, v in overrides.items() if k != "extra"},
                   extra={**base.extra, **overrides.get("extra", {})})


def set_override(tenant_id: str, key: str, value: Any) -> None:
    if tenant_id not in _FILE_TENANTS:
        raise TenantNotFound(tenant_id)
    _RUNTIME_OVERRIDES.setdefault(tenant_id, {})[key] = value
    log.info("tenant %s override %s=%r", tenant_id, key, value)


def public_settings(tenant_id: str) -> dict[str, Any]:
    settings = tenant_settings(tenant_id)
    snapshot = copy.deepcopy(settings.extra)
    return {
        "tenant": settings.tenant_id,
        "name": settings.display_name,
        "locale": settings.default_locale,
        "timezone": settings.timezone,
        "image_widths": list(settings.image_widths),
        "features": snapshot.get("features", []),
    }


async def load_db_settings(tenant_id: str) -> dict[str, Any]:
    async with sessionmaker()() as session:
        row = (await session.execute(select(Tenant.settings).where(Tenant.id == tenant_id))).scalar_one_or_none()
    if row is None:
        raise TenantNotFound(tenant_id) from None
    return row


db_settings_cache = LoadingCache(load_db_settings, ttl=30.0)


async def feature_flags(tenant_id: str) -> dict[str, Any]:
    settings = await db_settings_cache.get(tenant_id)
    return settings.get("features", {})


def all_tenants() -> list[str]:
    return sorted(_FILE_TENANTS)
