"""KYC document storage on S3 (boto3 is synchronous)."""
from __future__ import annotations

import boto3


class DocumentStore:
    def __init__(self, bucket: str) -> None:
        self._bucket = bucket
        self._s3 = boto3.client("s3")

    def put(self, key: str, data: bytes, content_type: str) -> None:
        self._s3.put_object(Bucket=self._bucket, Key=key, Body=data, ContentType=content_type,
                            ServerSideEncryption="aws:kms")

    def presigned_url(self, key: str, expires: int = 300) -> str:
        return self._s3.generate_presigned_url(
            "get_object", Params={"Bucket": self._bucket, "Key": key}, ExpiresIn=expires
        )
