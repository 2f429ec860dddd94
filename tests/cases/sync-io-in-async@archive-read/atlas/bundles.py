"""Map tile bundles shipped as tar archives on the shared volume."""
import tarfile
from pathlib import Path

BUNDLE_DIR = Path("/srv/tiles")


def read_tile(bundle: str, member: str) -> bytes:
    with tarfile.open(BUNDLE_DIR / bundle, "r:gz") as archive:
        extracted = archive.extractfile(member)
        return extracted.read() if extracted else b""
