from fastapi import FastAPI

from library.loans import Loans


class Db:
    async def lend(self, m: int, t: int) -> None: ...
    async def give_back(self, m: int, t: int) -> None: ...


app = FastAPI()
loans = Loans(Db())


@app.post("/loans")
async def lend(member_id: int, title_id: int) -> None:
    await loans.lend(member_id, title_id)
    await loans.give_back(member_id, title_id)
