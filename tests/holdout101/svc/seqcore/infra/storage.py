from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass

import boto3
from botocore.config import Config
from botocore.exceptions import ClientError

from seqcore.errors import StorageError

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class ObjectInfo:
    key: str
    size: int
    etag: str


class ObjectStore:
    """Thin wrapper over the S3-compatible core storage (boto3 is synchronous)."""

    def __init__(self, endpoint: str, region: str) -> None:
        self._s3 = boto3.client(
            "s3",
            endpoint_url=endpoint,
            region_name=region,
            config=Config(connect_timeout=5, read_timeout=30, retries={"max_attempts": 5, "mode": "standard"}),
        )

    @property
    def raw(self):
        return self._s3

    def list_prefix_sync(self, bucket: str, prefix: str) -> list[ObjectInfo]:
        out: list[ObjectInfo] = []
        paginator = self._s3.get_paginator("list_objects_v2")
        for page in paginator.paginate(Bucket=bucket, Prefix=prefix):
            for item in page.get("Contents", []):
                out.append(ObjectInfo(item["Key"], item["Size"], item["ETag"].strip('"')))
        return out

    async def list_prefix(self, bucket: str, prefix: str) -> list[ObjectInfo]:
        return await asyncio.to_thread(self.list_prefix_sync, bucket, prefix)

    def presign_get(self, bucket: str, key: str, ttl_s: int) -> str:
        # Signing is local computation; no request is made to the store.
        return self._s3.generate_presigned_url(
            "get_object", Params={"Bucket": bucket, "Key": key}, ExpiresIn=ttl_s
        )

    async def copy(self, src_bucket: str, key: str, dst_bucket: str, dst_key: str) -> None:
        try:
            await asyncio.to_thread(
                self._s3.copy_object,
                Bucket=dst_bucket,
                Key=dst_key,
                CopySource={"Bucket": src_bucket, "Key": key},
            )
        except ClientError as exc:
            raise StorageError(f"copy {key} failed") from exc

    async def get_bytes(self, bucket: str, key: str) -> bytes:
        def _read() -> bytes:
            return self._s3.get_object(Bucket=bucket, Key=key)["Body"].read()

        return await asyncio.to_thread(_read)

    async def delete_prefix(self, bucket: str, prefix: str) -> int:
        objects = await self.list_prefix(bucket, prefix)
        for start in range(0, len(objects), 1000):
            chunk = objects[start : start + 1000]
            await asyncio.to_thread(
                self._s3.delete_objects,
                Bucket=bucket,
                Delete={"Objects": [{"Key": o.key} for o in chunk], "Quiet": True},
            )
        return len(objects)
