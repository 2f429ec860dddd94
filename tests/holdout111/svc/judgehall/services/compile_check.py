from __future__ import annotations

import asyncio
import logging
import os
import shutil
import subprocess
import tempfile
from dataclasses import dataclass

log = logging.getLogger(__name__)

COMPILERS: dict[str, list[str]] = {
    "cpp17": ["g++", "-std=c++17", "-fsyntax-only", "-x", "c++"],
    "c11": ["gcc", "-std=c11", "-fsyntax-only", "-x", "c"],
    "rust": ["rustc", "--edition=2021", "--emit=metadata", "-o", os.devnull],
    "go": ["gofmt", "-e"],
}

SUFFIX = {"cpp17": ".cpp", "c11": ".c", "rust": ".rs", "go": ".go", "python3": ".py", "java17": ".java"}


@dataclass(slots=True)
class CheckResult:
    ok: bool
    diagnostics: str = ""


def _write_temp(source: str, suffix: str) -> str:
    fd, path = tempfile.mkstemp(suffix=suffix, prefix="jh-precheck-")
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write(source)
    return path


class CompileChecker:
    """Quick local syntax check so obviously broken code is rejected before it reaches the judge."""

    def __init__(self, timeout: float = 10.0) -> None:
        self.timeout = timeout
        self.available = {lang for lang, cmd in COMPILERS.items() if shutil.which(cmd[0])}

    async def precheck(self, language: str, source: str) -> CheckResult:
        if language == "python3":
            return await self._python_check(source)
        if language not in self.available:
            return CheckResult(ok=True)
        path = await asyncio.to_thread(_write_temp, source, SUFFIX[language])
        try:
            proc = subprocess.run(
                [*COMPILERS[language], path],
                capture_output=True,
                text=True,
                timeout=self.timeout,
            )
        except subprocess.TimeoutExpired:
            return CheckResult(ok=True, diagnostics="syntax check timed out")
        finally:
            await asyncio.to_thread(os.unlink, path)
        return CheckResult(ok=proc.returncode == 0, diagnostics=proc.stderr[-4000:])

    async def _python_check(self, source: str) -> CheckResult:
        proc = await asyncio.create_subprocess_exec(
            "python3",
            "-c",
            "import ast,sys; ast.parse(sys.stdin.read())",
            stdin=asyncio.subprocess.PIPE,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE,
        )
        try:
            _, err = await asyncio.wait_for(proc.communicate(source.encode()), timeout=self.timeout)
        except asyncio.TimeoutError:
            proc.kill()
            await proc.wait()
            return CheckResult(ok=True, diagnostics="syntax check timed out")
        return CheckResult(ok=proc.returncode == 0, diagnostics=err.decode(errors="replace")[-4000:])
