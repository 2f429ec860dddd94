"""Object storage for profile photos (S3-compatible, via boto3)."""
from __future__ import annotations

import asyncio
import threading
import uuid

import boto3
from botocore.config import Config

from ..settings import Settings


class ObjectStorage:
    def __init__(self, settings: Settings) -> None:
        self._settings = settings
        self._bucket = settings.s3_bucket
        self._cdn = settings.cdn_base_url.rstrip("/")
        self._client_lock = threading.Lock()
        self._s3 = None

    def _client(self):
        # boto3 clients are thread-safe once built, but building one is not
        with self._client_lock:
            if self._s3 is None:
                config = Config(
                    connect_timeout=3,
                    read_timeout=10,
                    retries={"max_attempts": 4, "mode": "standard"},
                )
                self._s3 = boto3.client(
                    "s3",
                    region_name=self._settings.s3_region,
                    endpoint_url=self._settings.s3_endpoint,
                    config=config,
                )
            return self._s3

    def put_photo(self, user_id: int, data: bytes, content_type: str, variant: str = "full") -> str:
        key = f"photos/{user_id}/{uuid.uuid4().hex}-{variant}.jpg"
        self._client().put_object(
            Bucket=self._bucket,
            Key=key,
            Body=data,
            ContentType=content_type,
            CacheControl="public, max-age=31536000, immutable",
        )
        return key

    def _read_object(self, key: str) -> bytes:
        return self._client().get_object(Bucket=self._bucket, Key=key)["Body"].read()

    def _delete_object(self, key: str) -> None:
        self._client().delete_object(Bucket=self._bucket, Key=key)

    async def fetch(self, key: str) -> bytes:
        return await asyncio.to_thread(self._read_object, key)

    async def delete(self, key: str) -> None:
        await asyncio.to_thread(self._delete_object, key)

    def presigned_url(self, key: str, ttl_seconds: int = 900) -> str:
        return self._client().generate_presigned_url(
            "get_object", Params={"Bucket": self._bucket, "Key": key}, ExpiresIn=ttl_seconds
        )

    def public_url(self, key: str) -> str:
        return f"{self._cdn}/{key}"
