"""Attachment storage in an S3-compatible object store."""
from __future__ import annotations

from contextlib import AsyncExitStack
from typing import Any

import aioboto3
from botocore.config import Config

from svc.clients.resilience import CircuitBreaker
from svc.config import Settings

_BOTO_CONFIG = Config(
    connect_timeout=3,
    read_timeout=30,
    retries={"max_attempts": 4, "mode": "adaptive"},
    max_pool_connections=50,
)


class ObjectStorage:
    def __init__(self, settings: Settings) -> None:
        self._session = aioboto3.Session()
        self._endpoint = settings.storage_endpoint
        self._bucket = settings.storage_bucket
        self._region = settings.storage_region
        self._stack = AsyncExitStack()
        self._s3: Any = None
        self._breaker = CircuitBreaker("object-storage", failure_threshold=5, reset_timeout=20.0)

    async def start(self) -> None:
        self._s3 = await self._stack.enter_async_context(
            self._session.client("s3", endpoint_url=self._endpoint, region_name=self._region, config=_BOTO_CONFIG)
        )

    async def close(self) -> None:
        await self._stack.aclose()

    async def put(self, key: str, data: bytes, content_type: str) -> None:
        await self._breaker.call(self._s3.put_object, Bucket=self._bucket, Key=key, Body=data, ContentType=content_type)

    async def presign_get(self, key: str, expires: int = 300) -> str:
        return await self._s3.generate_presigned_url("get_object", Params={"Bucket": self._bucket, "Key": key}, ExpiresIn=expires)

    async def delete_many(self, keys: list[str]) -> None:
        async with self._session.client("s3", endpoint_url=self._endpoint, region_name=self._region, config=_BOTO_CONFIG) as s3:
            for start in range(0, len(keys), 1000):
                batch = [{"Key": key} for key in keys[start : start + 1000]]
                await s3.delete_objects(Bucket=self._bucket, Delete={"Objects": batch, "Quiet": True})
