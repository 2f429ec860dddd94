"""Object storage for uploaded files (S3-compatible, through aioboto3)."""
from contextlib import AsyncExitStack
from typing import Any

import aioboto3
from botocore.config import Config

_CONFIG = Config(connect_timeout=3, read_timeout=30, retries={"max_attempts": 3, "mode": "standard"})


class FileStore:
    def __init__(self, endpoint: str, bucket: str) -> None:
        self._session = aioboto3.Session()
        self._endpoint = endpoint
        self._bucket = bucket
        self._stack = AsyncExitStack()
        self._s3: Any = None

    async def start(self) -> None:
        self._s3 = await self._stack.enter_async_context(
            self._session.client("s3", endpoint_url=self._endpoint, config=_CONFIG)
        )

    async def close(self) -> None:
        await self._stack.aclose()

    async def put(self, key: str, data: bytes) -> None:
        await self._s3.put_object(Bucket=self._bucket, Key=key, Body=data)

    async def delete(self, key: str) -> None:
        async with self._session.client("s3", endpoint_url=self._endpoint, config=_CONFIG) as s3:  # expect: connection-management
            await s3.delete_object(Bucket=self._bucket, Key=key)
