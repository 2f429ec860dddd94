"""Object store access, each call run in a worker thread."""
import asyncio

import boto3


class RunStore:
    def __init__(self, bucket: str) -> None:
        self._bucket = bucket
        self._s3 = boto3.client("s3")

    def _read(self, key: str) -> bytes:
        return self._s3.get_object(Bucket=self._bucket, Key=key)["Body"].read()

    async def get_bytes(self, key: str) -> bytes:
        return await asyncio.to_thread(self._read, key)

    async def get_text(self, key: str) -> str:
        return (await asyncio.to_thread(self._read, key)).decode()
