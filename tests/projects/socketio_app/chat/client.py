"""A socket.io client: its handlers are no entry points of this server."""
import socketio

upstream = socketio.AsyncClient()


@upstream.on("price")
async def on_price(data):
    return data
