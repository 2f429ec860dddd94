from __future__ import annotations

import asyncio

import boto3
from botocore.config import Config


class SpecArchive:
    """Raw uploaded OpenAPI documents, stored as-is in object storage."""

    def __init__(self, bucket: str) -> None:
        self._bucket = bucket
        self._s3 = boto3.client("s3", config=Config(connect_timeout=3, read_timeout=20, retries={"max_attempts": 3}))

    def put(self, key: str, body: bytes, content_type: str) -> None:
        self._s3.put_object(Bucket=self._bucket, Key=key, Body=body, ContentType=content_type)

    def get(self, key: str) -> bytes:
        return self._s3.get_object(Bucket=self._bucket, Key=key)["Body"].read()

    async def get_async(self, key: str) -> bytes:
        return await asyncio.to_thread(self.get, key)
