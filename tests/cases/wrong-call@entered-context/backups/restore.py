from pathlib import Path

from backups.archive import Archive, Stopwatch


def restore(path: Path) -> dict:
    archive = Archive(path)
    with archive as contents:
        if not contents.validate():
            raise ValueError("not a backup")
        return contents.read_tables()


def restore_all(paths: list[Path]) -> list[dict]:
    tables = []
    with Stopwatch() as watch:
        for path in paths:
            with Archive(path) as contents:
                tables.append(contents.read_tables())
                contents.unpack()  # expect: wrong-call
            watch.lap(1.0)
            watch.stop()  # expect: wrong-call
    return tables
