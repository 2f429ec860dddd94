from fastapi import WebSocket


async def verify_ticket(websocket: WebSocket) -> int | None:
    ticket = websocket.query_params.get("ticket")
    return 1 if ticket else None
