"""Label and manifest storage in S3."""
from __future__ import annotations

from typing import BinaryIO

import boto3
from botocore.config import Config

from ..config import Settings


class LabelStorage:
    def __init__(self, settings: Settings) -> None:
        self._bucket = settings.s3_bucket
        self._s3 = boto3.client(
            "s3",
            region_name=settings.s3_region,
            config=Config(connect_timeout=3, read_timeout=10, retries={"max_attempts": 5, "mode": "standard"}),
        )

    def save_label_pdf(self, key: str, pdf: bytes) -> str:
        self._s3.put_object(Bucket=self._bucket, Key=key, Body=pdf, ContentType="application/pdf")
        return key

    def label_url(self, key: str, expires_s: int = 900) -> str:
        return self._s3.generate_presigned_url(
            "get_object", Params={"Bucket": self._bucket, "Key": key}, ExpiresIn=expires_s
        )

    def upload_manifest(self, key: str, fileobj: BinaryIO) -> None:
        self._s3.upload_fileobj(fileobj, self._bucket, key, ExtraArgs={"ContentType": "application/pdf"})
