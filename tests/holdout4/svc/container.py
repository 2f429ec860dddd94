"""Process-wide service objects, built in the application lifespan."""
from __future__ import annotations

from dataclasses import dataclass

import asyncpg
import httpx

from svc.realtime.hub import ConnectionHub
from svc.repositories.audit import AuditRepository
from svc.repositories.message_store import MessageStore
from svc.services.email import EmailClient
from svc.services.flags import FlagClient
from svc.services.push import PushClient
from svc.services.storage import ObjectStorage
from svc.services.unfurl import Unfurler
from svc.services.uploads import UploadService
from svc.services.webhooks import WebhookDispatcher


@dataclass
class Container:
    pool: asyncpg.Pool
    http: httpx.AsyncClient
    hub: ConnectionHub
    store: MessageStore
    audit: AuditRepository
    email: EmailClient
    flags: FlagClient
    push: PushClient
    storage: ObjectStorage
    uploads: UploadService
    unfurler: Unfurler
    webhooks: WebhookDispatcher
