from dataclasses import dataclass

from starlette.requests import HTTPConnection


class AckService:
    async def resolve_ack(self, payload: dict) -> None:
        print("ack", payload)

    def pending(self) -> int:
        return 0


@dataclass
class Container:
    acks: AckService


def container(conn: HTTPConnection) -> Container:
    return conn.app.state.container
