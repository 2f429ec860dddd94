"""DNSSEC key management: ZSK/KSK rollover and DS publication at the registry."""
from __future__ import annotations

import asyncio
import base64
import hashlib
from datetime import datetime, timedelta, timezone

from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from sqlalchemy.ext.asyncio import AsyncSession

from zonekeep.clients.registry_rest import RegistryRestClient
from zonekeep.core.keys import generate_zsk, load_signing_key, store_signing_key
from zonekeep.core.logging import get_logger
from zonekeep.models import DnsKey, Zone
from zonekeep.repositories.dnssec import DnsKeyRepository

log = get_logger("services.dnssec")

ZSK_OVERLAP = timedelta(days=7)


def key_tag(flags: int, algorithm: int, public_key: bytes) -> int:
    rdata = flags.to_bytes(2, "big") + bytes([3, algorithm]) + public_key
    acc = 0
    for i, b in enumerate(rdata):
        acc += b if i & 1 else b << 8
    acc += (acc >> 16) & 0xFFFF
    return acc & 0xFFFF


def _public_bytes(key) -> bytes:
    return key.public_key().public_bytes(serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint)[1:]


class DnssecService:
    """Singleton held by the app container; the two locks serialise key-store and zone updates."""

    def __init__(self, registry: RegistryRestClient) -> None:
        self._registry = registry
        self._zone_lock = asyncio.Lock()
        self._keystore_lock = asyncio.Lock()

    async def roll_zsk(self, session: AsyncSession, zone: Zone) -> DnsKey:
        repo = DnsKeyRepository(session)
        async with self._zone_lock:
            async with self._keystore_lock:
                zsk = await asyncio.to_thread(generate_zsk)
                pub = _public_bytes(zsk)
                tag = key_tag(256, 13, pub)
                await asyncio.to_thread(store_signing_key, zone.name, tag, zsk)
            retire_at = datetime.now(timezone.utc) + ZSK_OVERLAP
            for old in await repo.keys_in_state(zone.id, "active"):
                if old.flags == 256:
                    await repo.set_state(old.id, "retiring", retire_at)
            new = await repo.add(DnsKey(zone_id=zone.id, key_tag=tag, flags=256, algorithm=13,
                                        public_key=base64.b64encode(pub).decode(), state="active"))
            await session.commit()
        log.info("rolled ZSK for %s new tag=%s", zone.name, tag)
        return new

    async def roll_ksk_legacy(self, session: AsyncSession, zone: Zone) -> DnsKey:
        """Some ccTLD registries still only accept RSASHA256 (algorithm 8) DS records."""
        repo = DnsKeyRepository(session)
        ksk = rsa.generate_private_key(public_exponent=65537, key_size=4096)
        pub_numbers = ksk.public_key().public_numbers()
        e = pub_numbers.e.to_bytes(3, "big")
        pub = bytes([len(e)]) + e + pub_numbers.n.to_bytes(512, "big")
        tag = key_tag(257, 8, pub)
        new = await repo.add(DnsKey(zone_id=zone.id, key_tag=tag, flags=257, algorithm=8,
                                    public_key=base64.b64encode(pub).decode(), state="published"))
        await session.commit()
        await self.publish_ds(session, zone)
        return new

    async def sign_digest(self, zone: Zone, key_tag_: int, rrset_wire: bytes) -> bytes:
        async with self._keystore_lock:
            key = load_signing_key(zone.name, key_tag_)
        return key.sign(rrset_wire, ec.ECDSA(hashes.SHA256()))

    async def publish_ds(self, session: AsyncSession, zone: Zone) -> list[dict]:
        repo = DnsKeyRepository(session)
        async with self._keystore_lock:
            async with self._zone_lock:
                ksks = [k for k in await repo.keys_in_state(zone.id, "published") if k.flags == 257]
                ds = [
                    {
                        "keyTag": k.key_tag,
                        "algorithm": k.algorithm,
                        "digestType": 2,
                        "digest": hashlib.sha256(
                            zone.name.encode() + base64.b64decode(k.public_key)
                        ).hexdigest().upper(),
                    }
                    for k in ksks
                ]
        await self._registry.publish_ds(zone.name, ds)
        for k in ksks:
            await repo.set_state(k.id, "active")
        await session.commit()
        return ds
