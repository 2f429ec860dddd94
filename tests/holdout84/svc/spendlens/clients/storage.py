from __future__ import annotations

import asyncio
from pathlib import Path

import boto3
from botocore.config import Config

from ..settings import Settings


class ExportStorage:
    """Billing exports that providers drop into our bucket (CUR, BigQuery export, Azure exports)."""

    def __init__(self, settings: Settings) -> None:
        self._bucket = settings.export_bucket
        self._s3 = boto3.client(
            "s3",
            region_name=settings.aws_region,
            config=Config(connect_timeout=5, read_timeout=60, retries={"max_attempts": 5, "mode": "adaptive"}),
        )

    async def list_exports(self, prefix: str) -> list[str]:
        response = await asyncio.to_thread(self._s3.list_objects_v2, Bucket=self._bucket, Prefix=prefix)
        return sorted(item["Key"] for item in response.get("Contents", []) if item["Key"].endswith((".csv", ".csv.gz")))

    async def fetch_export(self, key: str) -> bytes:
        obj = self._s3.get_object(Bucket=self._bucket, Key=key)
        return obj["Body"].read()

    def download_to(self, key: str, target: Path) -> Path:
        target.parent.mkdir(parents=True, exist_ok=True)
        self._s3.download_file(self._bucket, key, str(target))
        return target

    async def delete_export(self, key: str) -> None:
        await asyncio.to_thread(self._s3.delete_object, Bucket=self._bucket, Key=key)
