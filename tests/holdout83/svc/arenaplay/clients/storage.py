from __future__ import annotations

import logging

import boto3
from botocore.config import Config

from arenaplay.settings import Settings

logger = logging.getLogger(__name__)


class ObjectStore:
    """S3-compatible store for replays. boto3 is synchronous: call from a thread."""

    def __init__(self, settings: Settings) -> None:
        self._bucket = settings.replay_bucket
        self._s3 = boto3.client(
            "s3",
            endpoint_url=settings.s3_endpoint,
            region_name=settings.s3_region,
            config=Config(connect_timeout=3, read_timeout=20, retries={"max_attempts": 4, "mode": "standard"}),
        )

    def put(self, key: str, body: bytes, content_type: str = "application/octet-stream") -> None:
        self._s3.put_object(Bucket=self._bucket, Key=key, Body=body, ContentType=content_type)

    def exists(self, key: str) -> bool:
        try:
            self._s3.head_object(Bucket=self._bucket, Key=key)
        except self._s3.exceptions.ClientError:
            return False
        return True

    def presign_get(self, key: str, expires: int = 900) -> str | None:
        if not self.exists(key):
            return None
        return self._s3.generate_presigned_url(
            "get_object", Params={"Bucket": self._bucket, "Key": key}, ExpiresIn=expires
        )

    def delete(self, key: str) -> None:
        self._s3.delete_object(Bucket=self._bucket, Key=key)
