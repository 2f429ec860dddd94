"""Object storage behind a client built on first use."""
import asyncio

import boto3


class Storage:
    def __init__(self, bucket: str) -> None:
        self._bucket = bucket
        self._s3 = None

    def _client(self):
        if self._s3 is None:
            self._s3 = boto3.client("s3")
        return self._s3

    def put(self, key: str, data: bytes) -> str:
        self._client().put_object(Bucket=self._bucket, Key=key, Body=data)
        return key

    def _read(self, key: str) -> bytes:
        return self._client().get_object(Bucket=self._bucket, Key=key)["Body"].read()

    async def fetch(self, key: str) -> bytes:
        return await asyncio.to_thread(self._read, key)
