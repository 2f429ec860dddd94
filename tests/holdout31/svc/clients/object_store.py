"""S3 storage for CDR exports and receipts archives (boto3, blocking)."""
from __future__ import annotations

import boto3
from botocore.config import Config

from svc.config import settings


class ObjectStore:
    def __init__(self, bucket: str | None = None) -> None:
        self._bucket = bucket or settings.cdr_bucket
        self._s3 = boto3.client(
            "s3",
            config=Config(connect_timeout=3, read_timeout=15, retries={"max_attempts": 4, "mode": "standard"}),
        )

    def put_bytes(self, key: str, body: bytes, *, content_type: str = "text/csv") -> None:
        self._s3.put_object(Bucket=self._bucket, Key=key, Body=body, ContentType=content_type)

    def get_bytes(self, key: str) -> bytes:
        obj = self._s3.get_object(Bucket=self._bucket, Key=key)
        return obj["Body"].read()
