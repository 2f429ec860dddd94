from __future__ import annotations

from pathlib import Path

from lifeline.utils.files import write_bytes_atomic


def _certificate_bytes(name: str, donations: int, group: str) -> bytes:
    lines = [
        "%PDF-1.4",
        f"% Donor certificate for {name}",
        f"% Blood group {group}",
        f"% Donations to date: {donations}",
        "%%EOF",
    ]
    return "\n".join(lines).encode()


def render_certificate_pdf(name: str, donations: int, group: str, out_dir: Path) -> Path:
    data = _certificate_bytes(name, donations, group)
    safe = "".join(ch for ch in name if ch.isalnum()) or "donor"
    return write_bytes_atomic(out_dir / f"certificate-{safe}.pdf", data)
