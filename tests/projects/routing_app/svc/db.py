from typing import Annotated

from fastapi import Depends, Request


class Database:
    async def fetch_user(self, user_id: int) -> dict:
        return {"id": user_id}


def get_db(request: Request) -> Database:
    return request.app.state.db


async def verify_token(request: Request) -> None:
    if "x-token" not in request.headers:
        raise ValueError("missing token")


async def current_user(db: Annotated[Database, Depends(get_db)]) -> dict:
    return await db.fetch_user(1)


DbDep = Annotated[Database, Depends(get_db)]
