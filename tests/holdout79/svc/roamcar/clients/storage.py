"""Inspection photo storage on S3 (boto3 is synchronous; callers decide where it runs)."""
from __future__ import annotations

from collections.abc import Sequence

import boto3
from botocore.config import Config


class PhotoStore:
    def __init__(self, bucket: str, region: str) -> None:
        self._bucket = bucket
        self._s3 = boto3.client(
            "s3",
            region_name=region,
            config=Config(connect_timeout=3, read_timeout=10, retries={"max_attempts": 3, "mode": "standard"}),
        )

    def put_photo(self, key: str, data: bytes, content_type: str = "image/jpeg") -> str:
        self._s3.put_object(Bucket=self._bucket, Key=key, Body=data, ContentType=content_type)
        return key

    def delete_photos(self, keys: Sequence[str]) -> None:
        if not keys:
            return
        self._s3.delete_objects(Bucket=self._bucket, Delete={"Objects": [{"Key": key} for key in keys]})

    def presigned_get(self, key: str, expires: int = 900) -> str:
        return self._s3.generate_presigned_url(
            "get_object", Params={"Bucket": self._bucket, "Key": key}, ExpiresIn=expires
        )
