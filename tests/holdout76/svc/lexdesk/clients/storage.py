"""Document vault storage on S3 (boto3, synchronous)."""
from __future__ import annotations

import re
import uuid

import boto3
from botocore.config import Config

from lexdesk.settings import Settings

_SAFE = re.compile(r"[^A-Za-z0-9._-]+")


class VaultStorage:
    def __init__(self, settings: Settings) -> None:
        self._bucket = settings.vault_bucket
        self._s3 = boto3.client(
            "s3",
            region_name=settings.s3_region,
            config=Config(
                connect_timeout=5,
                read_timeout=60,
                retries={"max_attempts": 5, "mode": "standard"},
                max_pool_connections=32,
            ),
        )

    @staticmethod
    def _key(firm_id: int, matter_id: int, filename: str) -> str:
        safe = _SAFE.sub("_", filename)[-120:]
        return f"firms/{firm_id}/matters/{matter_id}/{uuid.uuid4().hex}/{safe}"

    def put_bytes(self, firm_id: int, matter_id: int, filename: str, data: bytes, content_type: str = "application/pdf") -> str:
        key = self._key(firm_id, matter_id, filename)
        self._s3.put_object(
            Bucket=self._bucket, Key=key, Body=data, ContentType=content_type, ServerSideEncryption="aws:kms",
        )
        return key

    def get_bytes(self, key: str) -> bytes:
        obj = self._s3.get_object(Bucket=self._bucket, Key=key)
        return obj["Body"].read()

    def delete(self, key: str) -> None:
        self._s3.delete_object(Bucket=self._bucket, Key=key)

    def presigned_url(self, key: str, filename: str, expires: int = 300) -> str:
        # Signing is local (no request to S3).
        return self._s3.generate_presigned_url(
            "get_object",
            Params={"Bucket": self._bucket, "Key": key,
                    "ResponseContentDisposition": f'attachment; filename="{_SAFE.sub("_", filename)}"'},
            ExpiresIn=expires,
        )
