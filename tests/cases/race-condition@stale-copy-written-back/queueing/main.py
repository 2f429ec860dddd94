from fastapi import FastAPI

from queueing.tickets import Receipt, TicketDispenser


class AuditStore:
    async def record(self, counter: str, number: int) -> None: ...
    async def print(self, counter: str, number: object) -> None: ...
    async def latest(self, counter: str) -> int: return 0


app = FastAPI()
dispenser = TicketDispenser(AuditStore())


@app.post("/counters/{counter}/tickets")
async def take(counter: str) -> dict:
    number = await dispenser.next_ticket(counter)
    await dispenser.print_ticket(counter, number)
    await dispenser.next_ticket_locked(counter)
    await dispenser.next_ticket_claimed_first(counter)
    await dispenser.refresh(counter)
    receipt = Receipt(AuditStore())
    await receipt.add_line(f"ticket {number}")
    return {"number": number}
