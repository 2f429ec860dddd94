"""S3 object storage. boto3 is synchronous: callers on the event loop must offload."""
from __future__ import annotations

import io
from collections.abc import Iterable

import boto3
from botocore.config import Config

from svc.config import settings

_BOTO_CONFIG = Config(
    connect_timeout=5,
    read_timeout=30,
    retries={"max_attempts": 4, "mode": "standard"},
)


class ObjectStorage:
    def __init__(self, bucket: str = settings.s3_bucket, region: str = settings.s3_region) -> None:
        self._bucket = bucket
        self._s3 = boto3.client("s3", region_name=region, config=_BOTO_CONFIG)

    @staticmethod
    def key_for(workspace_id: int, upload_id: str, filename: str) -> str:
        safe = filename.replace("/", "_")[-200:]
        return f"ws/{workspace_id}/{upload_id}/{safe}"

    def put_bytes(self, key: str, data: bytes, content_type: str) -> None:
        self._s3.upload_fileobj(
            io.BytesIO(data), self._bucket, key, ExtraArgs={"ContentType": content_type}
        )

    def read_bytes(self, key: str) -> bytes:
        response = self._s3.get_object(Bucket=self._bucket, Key=key)
        return response["Body"].read()

    def delete(self, key: str) -> None:
        self._s3.delete_object(Bucket=self._bucket, Key=key)

    def delete_many(self, keys: Iterable[str]) -> int:
        batch = [{"Key": k} for k in keys]
        deleted = 0
        for start in range(0, len(batch), 1000):
            result = self._s3.delete_objects(
                Bucket=self._bucket, Delete={"Objects": batch[start : start + 1000], "Quiet": True}
            )
            deleted += len(batch[start : start + 1000]) - len(result.get("Errors", []))
        return deleted


storage = ObjectStorage()
