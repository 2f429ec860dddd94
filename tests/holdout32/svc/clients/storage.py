"""Replay and telemetry object storage (S3)."""
from __future__ import annotations

import asyncio

import boto3
from botocore.config import Config


class ReplayStorage:
    def __init__(self, bucket: str) -> None:
        self._bucket = bucket
        self._s3 = boto3.client(
            "s3",
            config=Config(connect_timeout=3, read_timeout=10, retries={"max_attempts": 3, "mode": "standard"}),
        )

    def _put(self, key: str, body: bytes) -> None:
        self._s3.put_object(Bucket=self._bucket, Key=key, Body=body)

    async def upload(self, key: str, body: bytes) -> str:
        await asyncio.to_thread(self._put, key, body)
        return f"s3://{self._bucket}/{key}"
