"""Object storage for claim documents (S3-compatible)."""

from __future__ import annotations

import boto3
from botocore.config import Config as BotoConfig


class ObjectStorage:
    def __init__(self, endpoint: str, bucket: str, region: str) -> None:
        self._bucket = bucket
        self._s3 = boto3.client(
            "s3",
            endpoint_url=endpoint,
            region_name=region,
            config=BotoConfig(connect_timeout=3, read_timeout=30, retries={"max_attempts": 5, "mode": "standard"}),
        )

    def put(self, key: str, data: bytes, content_type: str) -> None:
        self._s3.put_object(Bucket=self._bucket, Key=key, Body=data, ContentType=content_type)

    def get(self, key: str) -> bytes:
        response = self._s3.get_object(Bucket=self._bucket, Key=key)
        return response["Body"].read()

    def delete(self, key: str) -> None:
        self._s3.delete_object(Bucket=self._bucket, Key=key)

    def presigned_get(self, key: str, expires_in: int = 900) -> str:
        return self._s3.generate_presigned_url(
            "get_object", Params={"Bucket": self._bucket, "Key": key}, ExpiresIn=expires_in
        )
