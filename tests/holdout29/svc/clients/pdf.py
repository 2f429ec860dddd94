"""HTML to PDF rendering with wkhtmltopdf."""

from __future__ import annotations

import subprocess

WKHTMLTOPDF = "/usr/local/bin/wkhtmltopdf"


class PdfRenderError(RuntimeError):
    pass


def render_pdf(html: str, *, landscape: bool = True) -> bytes:
    args = [WKHTMLTOPDF, "--quiet", "--encoding", "utf-8"]
    if landscape:
        args += ["--orientation", "Landscape"]
    args += ["-", "-"]
    proc = subprocess.run(args, input=html.encode("utf-8"), capture_output=True, timeout=60, check=False)
    if proc.returncode != 0:
        raise PdfRenderError(proc.stderr.decode("utf-8", "replace")[:500])
    return proc.stdout
