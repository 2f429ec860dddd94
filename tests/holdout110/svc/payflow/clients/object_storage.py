from __future__ import annotations

import asyncio
from functools import partial

import boto3
from botocore.config import Config
from botocore.exceptions import BotoCoreError, ClientError

from payflow.errors import StorageError
from payflow.settings import get_settings


class ObjectStorage:
    def __init__(self) -> None:
        settings = get_settings()
        self.bucket = settings.storage_bucket
        self._s3 = boto3.client(
            "s3",
            endpoint_url=settings.storage_endpoint,
            region_name=settings.storage_region,
            config=Config(connect_timeout=5, read_timeout=30, retries={"max_attempts": 3}),
        )

    async def put_bytes(self, key: str, data: bytes, content_type: str = "application/pdf") -> str:
        call = partial(
            self._s3.put_object,
            Bucket=self.bucket,
            Key=key,
            Body=data,
            ContentType=content_type,
            ServerSideEncryption="AES256",
        )
        try:
            await asyncio.to_thread(call)
        except (BotoCoreError, ClientError) as exc:
            raise StorageError(f"upload failed for {key}") from exc
        return key

    async def presigned_url(self, key: str, expires_in: int = 900) -> str:
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(
            None,
            partial(
                self._s3.generate_presigned_url,
                "get_object",
                Params={"Bucket": self.bucket, "Key": key},
                ExpiresIn=expires_in,
            ),
        )

    async def put_archive(self, key: str, data: bytes) -> str:
        try:
            self._s3.put_object(Bucket=self.bucket, Key=key, Body=data, ContentType="application/zip")
        except (BotoCoreError, ClientError) as exc:
            raise StorageError(f"archive upload failed for {key}") from exc
        return key

    def delete_sync(self, key: str) -> None:
        self._s3.delete_object(Bucket=self.bucket, Key=key)
