from __future__ import annotations

import shutil
import socket

import httpx

from ship.deployer import Deployer


async def deploy(deployer: Deployer, name: str) -> str:
    # look-alike: in async code `push` returns the coroutine of `apush`
    pushing = deployer.push(name)
    code = await pushing
    return f"{code}: {deployer.status(name)}"


async def backup_dockerfile(backup: str) -> None:
    # look-alike: one named file renamed in place
    shutil.move("Dockerfile", backup)


async def archive(build_dir: str, target: str) -> None:
    shutil.move(build_dir, target)  # expect: sync-io-in-async


async def hello_local(port: int) -> None:
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    # look-alike: a loopback handshake
    sock.connect(("127.0.0.1", port))
    sock.close()


async def hello_remote(host: str, port: int) -> None:
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.connect((host, port))  # expect: sync-io-in-async
    sock.close()


async def fetch_config(client: httpx.Client) -> dict:
    return client.get("/config").json()  # expect: sync-io-in-async
