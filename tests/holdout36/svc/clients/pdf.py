from __future__ import annotations

import contextlib
import os
import subprocess
import tempfile


def render_pdf(html: str, out_path: str) -> str:
    with tempfile.NamedTemporaryFile("w", suffix=".html", delete=False, encoding="utf-8") as tmp:
        tmp.write(html)
    try:
        subprocess.run(["wkhtmltopdf", "--quiet", tmp.name, out_path], check=True, timeout=90)
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.remove(tmp.name)
    return out_path
