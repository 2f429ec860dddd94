"""Resumable uploads: parts are spooled, then stitched together when the client says done."""
import os


class PartSpool:
    def __init__(self, spool_dir: str) -> None:
        self._spool_dir = spool_dir  # expect: stateful-component

    def put_part(self, upload_id: str, number: int, blob: bytes) -> None:
        target = os.path.join(self._spool_dir, upload_id, f"{number:04d}")
        with open(target, "wb") as fh:
            fh.write(blob)

    def stitch(self, upload_id: str) -> bytes:
        folder = os.path.join(self._spool_dir, upload_id)
        return b"".join(open(os.path.join(folder, n), "rb").read() for n in sorted(os.listdir(folder)))
