from __future__ import annotations

import os
from pathlib import Path

import boto3

from arenaops.settings import Settings


def _ensure_dir(path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)


def write_local_copy(root: str, key: str, data: bytes) -> Path:
    target = Path(root) / key
    _ensure_dir(target)
    with open(target, "wb") as fh:
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())
    return target


class EvidenceStorage:
    def __init__(self, settings: Settings) -> None:
        self._bucket = settings.evidence_bucket
        self._local_dir = settings.evidence_local_dir
        self._s3 = boto3.client("s3")

    def store(self, key: str, data: bytes, content_type: str) -> str:
        write_local_copy(self._local_dir, key, data)
        self._s3.put_object(Bucket=self._bucket, Key=key, Body=data, ContentType=content_type)
        return key

    def presigned_url(self, key: str, expires: int = 600) -> str:
        return self._s3.generate_presigned_url(
            "get_object", Params={"Bucket": self._bucket, "Key": key}, ExpiresIn=expires
        )
