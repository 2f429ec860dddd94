import os
from pathlib import Path

ASSETS = Path(__file__).resolve().parent.parent / "assets"
EXPORTS = Path(os.environ.get("EXPORT_ROOT", "/srv")).expanduser() / "exports"
