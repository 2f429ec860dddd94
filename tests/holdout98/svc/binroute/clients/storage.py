from __future__ import annotations

import boto3
from botocore.config import Config

from ..settings import Settings


class PhotoStore:
    """Resident photo uploads in object storage (S3-compatible)."""

    def __init__(self, settings: Settings) -> None:
        self.bucket = settings.s3_bucket
        self._s3 = boto3.client(
            "s3",
            region_name=settings.s3_region,
            config=Config(connect_timeout=3, read_timeout=15, retries={"max_attempts": 4, "mode": "standard"}),
        )

    def _object_key(self, report_id: int, content_type: str) -> str:
        ext = {"image/jpeg": "jpg", "image/png": "png"}.get(content_type, "bin")
        return f"missed/{report_id}.{ext}"

    def put_photo(self, report_id: int, data: bytes, content_type: str) -> str:
        key = self._object_key(report_id, content_type)
        self._s3.put_object(Bucket=self.bucket, Key=key, Body=data, ContentType=content_type)
        return key

    def presign(self, key: str, expires_s: int = 900) -> str:
        return self._s3.generate_presigned_url(
            "get_object", Params={"Bucket": self.bucket, "Key": key}, ExpiresIn=expires_s
        )

    def put_receipt(self, reference: str, body: bytes) -> str:
        key = f"receipts/{reference}.pdf"
        self._s3.put_object(Bucket=self.bucket, Key=key, Body=body, ContentType="application/pdf")
        return key
