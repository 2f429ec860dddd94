"""S3 document storage."""
from __future__ import annotations

import asyncio
import hashlib

import boto3
from botocore.config import Config

from freightline.config import Settings


class DocumentStorage:
    def __init__(self, settings: Settings) -> None:
        self._bucket = settings.s3_bucket
        self._s3 = boto3.client(
            "s3",
            config=Config(connect_timeout=3, read_timeout=20, retries={"max_attempts": 4, "mode": "standard"}),
        )

    @staticmethod
    def key_for(load_id: int, kind: str, content: bytes) -> str:
        digest = hashlib.sha256(content).hexdigest()[:16]
        return f"loads/{load_id}/{kind}/{digest}"

    def put(self, key: str, content: bytes, content_type: str) -> str:
        self._s3.put_object(Bucket=self._bucket, Key=key, Body=content, ContentType=content_type)
        return key

    async def get(self, key: str) -> bytes:
        obj = await asyncio.to_thread(self._s3.get_object, Bucket=self._bucket, Key=key)
        return await asyncio.to_thread(obj["Body"].read)

    async def presigned_url(self, key: str, expires: int = 900) -> str:
        return await asyncio.to_thread(
            self._s3.generate_presigned_url,
            "get_object",
            Params={"Bucket": self._bucket, "Key": key},
            ExpiresIn=expires,
        )
