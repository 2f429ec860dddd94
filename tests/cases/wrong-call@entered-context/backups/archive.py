"""A backup archive: opening it unpacks it and hands out its contents."""
import json
import shutil
import tempfile
from pathlib import Path


class ArchiveContents:
    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def validate(self) -> bool:
        return (self.folder / "tables.json").is_file()

    def read_tables(self) -> dict:
        return json.loads((self.folder / "tables.json").read_text())


class Archive:
    def __init__(self, path: Path) -> None:
        self.path = path
        self.temp: Path | None = None

    def __enter__(self) -> ArchiveContents:
        self.temp = Path(tempfile.mkdtemp())
        shutil.unpack_archive(self.path, self.temp)
        return ArchiveContents(self.temp)

    def __exit__(self, *exc: object) -> None:
        if self.temp is not None:
            shutil.rmtree(self.temp)


class Stopwatch:
    def __init__(self) -> None:
        self.laps: list[float] = []

    def __enter__(self):
        return self

    def __exit__(self, *exc: object) -> None:
        self.laps.clear()

    def lap(self, seconds: float) -> None:
        self.laps.append(seconds)
