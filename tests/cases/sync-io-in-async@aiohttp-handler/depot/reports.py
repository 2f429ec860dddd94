"""Stock reports kept as files on the shared volume."""
from pathlib import Path

REPORT_DIR = Path("/srv/depot/reports")


def _read_report(name: str) -> str:
    return open(REPORT_DIR / f"{name}.csv").read()  # expect: sync-io-in-async


def report_summary(name: str) -> dict:
    text = _read_report(name)
    return {"name": name, "lines": text.count("\n")}


def _read_archive(name: str) -> str:
    return open(REPORT_DIR / "archive" / f"{name}.csv").read()


def archive_summary(name: str) -> dict:
    text = _read_archive(name)
    return {"name": name, "lines": text.count("\n")}
