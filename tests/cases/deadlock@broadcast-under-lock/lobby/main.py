from fastapi import FastAPI, WebSocket

from lobby.rooms import Lobby, Seat, Table

app = FastAPI()
lobby = Lobby()
table = Table()


@app.websocket("/rooms/{room}")
async def room(socket: WebSocket, room: str) -> None:
    await socket.accept()
    await lobby.enter(room, socket)
    seat = Seat(socket)
    while True:
        text = await socket.receive_text()
        await lobby.announce(room, {"text": text})
        await lobby.announce_snapshot(room, {"text": text})
        await seat.push(text)
        await table.deal([text])
