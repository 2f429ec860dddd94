"""Locks shared by every service that touches a tenant's ledger or its period close."""
import asyncio
from dataclasses import dataclass, field


@dataclass
class BillingLocks:
    close: asyncio.Lock = field(default_factory=asyncio.Lock)
    ledger: asyncio.Lock = field(default_factory=asyncio.Lock)
