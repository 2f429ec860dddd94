"""A sandbox runner whose handlers log through the object's own log wrapper or hand the
error's text to the agent instead of a logger."""
from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass
from enum import Enum

import httpx

logger = logging.getLogger(__name__)


class BoxStatus(Enum):
    RUNNING = "running"
    ERROR = "error"


@dataclass
class BoxInfo:
    box_id: str
    status: BoxStatus = BoxStatus.RUNNING


@dataclass
class Failure:
    content: str


class Runner:
    def __init__(self, box_id: str, client: httpx.AsyncClient) -> None:
        self.box_id = box_id
        self.client = client

    def log(self, level: str, message: str) -> None:
        getattr(logger, level)(f"[box {self.box_id}] {message}")

    async def upload(self, path: str, data: bytes) -> None:
        try:
            await self.client.put(f"/files/{path}", content=data)
        except Exception as exc:  # expect: broad-except
            self.log("error", f"upload of {path} failed: {exc}")

    async def run_command(self, command: str) -> object:
        try:
            response = await self.client.post("/run", json={"command": command})
            return response.json()
        except Exception as exc:  # expect: broad-except
            return Failure(f"command {command} failed: {exc}")

    async def describe(self, command: str) -> str:
        text = f"command: {command}\n"
        try:
            response = await self.client.get("/describe", params={"command": command})
            text += response.text
        except Exception as exc:  # expect: broad-except
            text += f"[could not describe: {exc}]"
        return text

    async def box_info(self) -> BoxInfo:
        info = BoxInfo(self.box_id)
        try:
            response = await self.client.get("/alive")
            response.raise_for_status()
        except Exception:
            info.status = BoxStatus.ERROR
        return info

    async def report_status(self) -> None:
        try:
            await self.client.post("/heartbeat-report", json={"box": self.box_id})
        except Exception:  # expect: broad-except
            status = BoxStatus.ERROR
            self.notify_status(status)

    def notify_status(self, status: BoxStatus) -> None:
        self.client.headers["x-status"] = status.value

    async def open_kernel(self) -> str:
        tries = 5
        kernel = ""
        while tries > 0:
            try:
                response = await self.client.post("/kernels")
                kernel = response.json()["id"]
                break
            except Exception:
                # the kernel server is still starting
                tries -= 1
                await asyncio.sleep(1)
        if tries == 0:
            raise ConnectionRefusedError("kernel server never came up")
        return kernel
