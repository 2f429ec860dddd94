"""Object storage access. Presigning is local; transfers go through boto3."""
from __future__ import annotations

import asyncio
import logging
import struct
from functools import cached_property

import boto3
from botocore.config import Config
from botocore.exceptions import BotoCoreError, ClientError

from docflow.config import get_settings
from docflow.errors import StorageError

log = logging.getLogger(__name__)


class ObjectStore:
    def __init__(self) -> None:
        self.settings = get_settings()

    @cached_property
    def client(self):
        return boto3.client(
            "s3",
            region_name=self.settings.s3_region,
            endpoint_url=self.settings.s3_endpoint,
            config=Config(connect_timeout=3, read_timeout=20, retries={"max_attempts": 4, "mode": "adaptive"}),
        )

    def presign_put(self, key: str, content_type: str, max_bytes: int) -> dict:
        return self.client.generate_presigned_post(
            Bucket=self.settings.s3_bucket,
            Key=key,
            Fields={"Content-Type": content_type},
            Conditions=[{"Content-Type": content_type}, ["content-length-range", 1, max_bytes]],
            ExpiresIn=self.settings.presign_ttl_seconds,
        )

    def presign_get(self, key: str, filename: str) -> str:
        return self.client.generate_presigned_url(
            "get_object",
            Params={
                "Bucket": self.settings.s3_bucket,
                "Key": key,
                "ResponseContentDisposition": f'attachment; filename="{filename}"',
            },
            ExpiresIn=self.settings.presign_ttl_seconds,
        )

    async def head(self, key: str) -> dict | None:
        try:
            return await asyncio.to_thread(self.client.head_object, Bucket=self.settings.s3_bucket, Key=key)
        except ClientError as exc:
            if exc.response.get("Error", {}).get("Code") in ("404", "NoSuchKey"):
                return None
            raise StorageError("head failed", detail={"key": key}) from exc

    def put_bytes(self, key: str, data: bytes, content_type: str) -> None:
        try:
            self.client.put_object(
                Bucket=self.settings.s3_bucket, Key=key, Body=data, ContentType=content_type
            )
        except (BotoCoreError, ClientError) as exc:
            log.error("put_object failed for %s: %s", key, exc)
            raise StorageError("upload failed", detail={"key": key})

    async def delete(self, key: str) -> None:
        await asyncio.to_thread(self.client.delete_object, Bucket=self.settings.s3_bucket, Key=key)


store = ObjectStore()


CHUNK = 64 * 1024


async def scan_bytes(data: bytes) -> str:
    settings = get_settings()
    reader, writer = await asyncio.open_connection(settings.scanner_host, settings.scanner_port)
    try:
        writer.write(b"zINSTREAM\0")
        for i in range(0, len(data), CHUNK):
            chunk = data[i : i + CHUNK]
            writer.write(struct.pack("!I", len(chunk)) + chunk)
            await writer.drain()
        writer.write(struct.pack("!I", 0))
        await writer.drain()
        reply = await reader.readuntil(b"\0")
    finally:
        writer.close()
        await writer.wait_closed()
    return reply.rstrip(b"\0").decode()
