"""Object storage for claim photos and documents (S3 compatible)."""
from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass

import boto3
from botocore.config import Config

from svc.config import Settings

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class StoredObject:
    key: str
    size: int
    etag: str


class ObjectStorage:
    def __init__(self, settings: Settings) -> None:
        self._bucket = settings.storage_bucket
        self._client = boto3.client(
            "s3",
            endpoint_url=settings.storage_endpoint,
            region_name=settings.storage_region,
            config=Config(connect_timeout=5, read_timeout=30, retries={"max_attempts": 4, "mode": "standard"}),
        )

    def upload_bytes(self, key: str, data: bytes, content_type: str) -> StoredObject:
        response = self._client.put_object(Bucket=self._bucket, Key=key, Body=data, ContentType=content_type)
        return StoredObject(key=key, size=len(data), etag=response["ETag"].strip('"'))

    def presign_get(self, key: str, expires: int = 900) -> str:
        return self._client.generate_presigned_url(
            "get_object", Params={"Bucket": self._bucket, "Key": key}, ExpiresIn=expires
        )

    def delete(self, key: str) -> None:
        self._client.delete_object(Bucket=self._bucket, Key=key)

    def head(self, key: str) -> dict:
        return self._client.head_object(Bucket=self._bucket, Key=key)

    async def upload_async(self, key: str, data: bytes, content_type: str) -> StoredObject:
        return await asyncio.to_thread(self.upload_bytes, key, data, content_type)

    async def delete_async(self, key: str) -> None:
        await asyncio.to_thread(self.delete, key)

    async def reachable(self) -> bool:
        try:
            await asyncio.to_thread(self._client.head_bucket, Bucket=self._bucket)
        except Exception:
            log.warning("object storage health probe failed", exc_info=True)
            return False
        return True
