"""The application's services, built once at start-up."""
from __future__ import annotations


class Services:
    def __init__(self, dsn: str) -> None:
        self.dsn = dsn

    async def ping(self) -> bool:
        return bool(self.dsn)


class Mailer:
    def __init__(self, host: str) -> None:
        self.host = host

    def send(self, to: str, body: str) -> None:
        print(self.host, to, body)
