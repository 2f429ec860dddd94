"""Object storage, transcoding service and moderation model clients."""
import asyncio
import logging
import uuid
from typing import Any

import boto3
import httpx

from svc.config import Settings

logger = logging.getLogger(__name__)

DEFAULT_LADDER: tuple[dict[str, int], ...] = (
    {"height": 1080, "bandwidth": 6_000_000},
    {"height": 720, "bandwidth": 3_000_000},
    {"height": 480, "bandwidth": 1_400_000},
    {"height": 240, "bandwidth": 400_000},
)


class StorageClient:
    """Thin synchronous wrapper over S3; callers on the event loop offload it."""

    def __init__(self, settings: Settings) -> None:
        self._bucket = settings.storage_bucket
        self._cdn = settings.cdn_base_url
        self._s3 = boto3.client("s3")

    def upload_file(self, path: str, key: str, content_type: str = "video/mp4") -> None:
        self._s3.upload_file(path, self._bucket, key, ExtraArgs={"ContentType": content_type})

    def download_source(self, key: str, dest: str) -> str:
        self._s3.download_file(self._bucket, key, dest)
        return dest

    def presign_get(self, key: str, expires_s: int = 3600) -> str:
        return self._s3.generate_presigned_url(
            "get_object", Params={"Bucket": self._bucket, "Key": key}, ExpiresIn=expires_s
        )

    def cdn_url(self, key: str) -> str:
        return f"{self._cdn}/{key}"


class TranscoderClient:
    def __init__(self, http: httpx.AsyncClient, settings: Settings) -> None:
        self._http = http
        self._base = settings.transcoder_url

    async def submit_job(self, video_id: uuid.UUID, source_key: str) -> str:
        resp = await self._http.post(
            f"{self._base}/jobs",
            json={"video_id": str(video_id), "source": source_key, "ladder": list(DEFAULT_LADDER)},
        )
        resp.raise_for_status()
        return resp.json()["job_id"]

    async def job_status(self, job_id: str) -> dict[str, Any]:
        delay = 0.5
        for attempt in range(4):
            try:
                resp = await self._http.get(f"{self._base}/jobs/{job_id}")
                resp.raise_for_status()
                return resp.json()
            except httpx.TransportError:
                if attempt == 3:
                    raise
                logger.info("transcoder status retry", extra={"job_id": job_id, "attempt": attempt})
                await asyncio.sleep(delay)
                delay *= 2
        raise RuntimeError("unreachable")


class ModerationModelClient:
    def __init__(self, settings: Settings) -> None:
        self._base = settings.moderation_ml_url

    async def classify(self, video_id: uuid.UUID, reason: str) -> float:
        async with httpx.AsyncClient(base_url=self._base, timeout=10.0) as client:
            resp = await client.post("/v1/classify", json={"video_id": str(video_id), "reason": reason})
            resp.raise_for_status()
            return float(resp.json()["score"])
