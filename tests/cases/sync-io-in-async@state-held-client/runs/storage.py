"""Thin wrapper over the S3-compatible store (boto3 is synchronous)."""
import asyncio

import boto3


class ObjectStore:
    def __init__(self, endpoint: str, region: str) -> None:
        self._s3 = boto3.client("s3", endpoint_url=endpoint, region_name=region)

    @property
    def raw(self):
        return self._s3

    def list_keys_sync(self, bucket: str, prefix: str) -> list[str]:
        page = self._s3.list_objects_v2(Bucket=bucket, Prefix=prefix)
        return [item["Key"] for item in page.get("Contents", [])]

    async def list_keys(self, bucket: str, prefix: str) -> list[str]:
        return await asyncio.to_thread(self.list_keys_sync, bucket, prefix)
