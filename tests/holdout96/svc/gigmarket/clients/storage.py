from __future__ import annotations

import asyncio
import logging

import boto3
from botocore.config import Config
from botocore.exceptions import BotoCoreError, ClientError

from ..errors import StorageError
from ..settings import Settings

logger = logging.getLogger(__name__)


class ObjectStorage:
    """S3-compatible storage. boto3 is synchronous, so every call goes through a worker thread."""

    def __init__(self, settings: Settings) -> None:
        self._s3 = boto3.client(
            "s3",
            endpoint_url=settings.storage_endpoint,
            config=Config(connect_timeout=3, read_timeout=30, retries={"max_attempts": 4, "mode": "standard"}),
        )

    async def put(self, bucket: str, key: str, body: bytes, content_type: str) -> None:
        try:
            await asyncio.to_thread(self._s3.put_object, Bucket=bucket, Key=key, Body=body, ContentType=content_type)
        except (BotoCoreError, ClientError) as exc:
            raise StorageError(f"put {bucket}/{key} failed") from exc

    async def presigned_get(self, bucket: str, key: str, expires: int = 900) -> str:
        return await asyncio.to_thread(
            self._s3.generate_presigned_url, "get_object", Params={"Bucket": bucket, "Key": key}, ExpiresIn=expires
        )

    def put_file_sync(self, bucket: str, key: str, path: str) -> None:
        self._s3.upload_file(path, bucket, key)
