from __future__ import annotations

import asyncio

import boto3
from botocore.config import Config

from ..settings import Settings


class PhotoStore:
    """ID photos from kiosks. boto3 is synchronous, so uploads run in a worker thread."""

    def __init__(self, settings: Settings) -> None:
        self._bucket = settings.s3_bucket
        self._s3 = boto3.client(
            "s3",
            endpoint_url=settings.s3_endpoint,
            region_name=settings.s3_region,
            config=Config(connect_timeout=3, read_timeout=15, retries={"max_attempts": 4, "mode": "standard"}),
        )

    async def put_photo(self, key: str, body: bytes, content_type: str = "image/jpeg") -> None:
        await asyncio.to_thread(
            self._s3.put_object,
            Bucket=self._bucket,
            Key=key,
            Body=body,
            ContentType=content_type,
            ServerSideEncryption="aws:kms",
        )

    async def delete_photo(self, key: str) -> None:
        await asyncio.to_thread(self._s3.delete_object, Bucket=self._bucket, Key=key)

    def presigned_url(self, key: str, expires_s: int = 300) -> str:
        # Signing is a local computation; no request is made.
        return self._s3.generate_presigned_url(
            "get_object", Params={"Bucket": self._bucket, "Key": key}, ExpiresIn=expires_s
        )
