"""Scooter rider and operator sockets, plain Starlette."""
from starlette.applications import Starlette
from starlette.routing import WebSocketRoute

from scoot.sockets import fleet_feed, live_trip, trip_for_rider

app = Starlette(routes=[
    WebSocketRoute("/ws/ops/fleet", fleet_feed),
    WebSocketRoute("/ws/trip", live_trip),
    WebSocketRoute("/ws/rider/trip", trip_for_rider),
])
