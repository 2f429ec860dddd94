"""Per-socket loops of the support desk: presence polling and pushes to one agent's screen."""
import asyncio
from dataclasses import dataclass, field

from fastapi import WebSocket

from desk.store import TicketStore

POLL_SECONDS = 2.0


@dataclass
class AgentChannel:
    websocket: WebSocket
    agent_id: str
    queue_id: str
    is_open: bool = True
    seen: set[str] = field(default_factory=set)


async def watch_queue(channel: AgentChannel, store: TicketStore) -> None:
    """Push tickets new to this agent's queue while the socket is open."""
    while channel.is_open:
        tickets = await store.open_tickets(channel.queue_id)  # expect: no-recovery
        fresh = [t for t in tickets if t["id"] not in channel.seen]
        channel.seen.update(t["id"] for t in fresh)
        if fresh:
            await channel.websocket.send_json({"tickets": fresh})
        await asyncio.sleep(POLL_SECONDS)


async def keepalive(channel: AgentChannel) -> None:
    """Ping the agent's screen; a failed ping means the socket is gone and the loop ends with it."""
    while channel.websocket.client_state.name == "CONNECTED":
        await asyncio.sleep(15)
        await channel.websocket.send_json({"type": "ping"})


async def pump_outbox(channel: AgentChannel, outbox: asyncio.Queue) -> None:
    """Writes queued events to the socket; a send that fails or stalls ends with the socket."""
    while channel.is_open:
        event = await outbox.get()
        await asyncio.wait_for(channel.websocket.send_json(event), timeout=2)


def start_pump(channel: AgentChannel, outbox: asyncio.Queue) -> None:
    asyncio.create_task(pump_outbox(channel, outbox))


async def open_channel(websocket: WebSocket, agent_id: str, store: TicketStore):
    """The channel and its loops: the socket handler runs them and ends when the first one does."""
    channel = AgentChannel(websocket, agent_id, await store.queue_of(agent_id))
    loops = [
        asyncio.create_task(watch_queue(channel, store)),
        asyncio.create_task(keepalive(channel)),
    ]
    return channel, loops


def start_background_watch(channel: AgentChannel, store: TicketStore) -> None:
    """Started and forgotten: when a query fails the agent's screen silently stops updating."""
    asyncio.create_task(watch_queue(channel, store))


async def status_loop(channel: AgentChannel, store: TicketStore) -> None:
    """Pushes queue sizes while the socket is open; a failed count ends it with the socket still open."""
    while not channel.websocket.client_state.name == "DISCONNECTED":
        size = await store.queue_size(channel.queue_id)  # expect: no-recovery
        await channel.websocket.send_json({"queue_size": size})
        await asyncio.sleep(POLL_SECONDS)


def start_status(channel: AgentChannel, store: TicketStore) -> None:
    asyncio.create_task(status_loop(channel, store))
