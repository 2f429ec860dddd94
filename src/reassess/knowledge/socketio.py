"""python-socketio server vocabulary: what makes a function an event handler and where it runs.

Semantics the model relies on (python-socketio's server documentation and source):
- `socketio.AsyncServer()` dispatches each event on the asyncio loop: a coroutine handler is
  awaited, a plain function is called directly, so a sync handler of an AsyncServer runs on the
  loop too. `socketio.Server()` (WSGI, eventlet, gevent or threading mode) runs each handler in a
  background thread or greenlet of its own (`async_handlers=True`, the default): no asyncio loop.
- A handler is registered with `@sio.on("event")`, `@sio.event` (the function's name is the event),
  or `sio.on("event", handler)`; `namespace=` picks the namespace ("/" when left out).
- A class-based namespace subclasses `socketio.AsyncNamespace` (or `socketio.Namespace` for the sync
  server) and handles the event `x` with its method `on_x`; `sio.register_namespace(Ns("/chat"))`
  registers one instance per server, so its attributes are shared by every client.
- `connect` runs once per client connection (it can refuse the client by raising
  `ConnectionRefusedError` or returning False); `disconnect` runs once when the client goes,
  whatever the reason: socket.io has no `WebSocketDisconnect` to catch, the release of per-client
  state belongs in the `disconnect` handler.
- Without a `client_manager=` (`AsyncRedisManager`, `AsyncAioPikaManager`, `KafkaManager`, ...)
  the server keeps its clients and rooms in process memory: an emit reaches only the clients of
  this process.
"""
from __future__ import annotations

ASYNC_SERVERS = ("socketio.AsyncServer", "socketio.async_server.AsyncServer")
SYNC_SERVERS = ("socketio.Server", "socketio.server.Server")
ASYNC_NAMESPACES = ("socketio.AsyncNamespace", "socketio.async_namespace.AsyncNamespace")
SYNC_NAMESPACES = ("socketio.Namespace", "socketio.namespace.Namespace")
# `@sio.on("x")`, `@sio.event`, `sio.on("x", handler)`; `sio.register_namespace(Ns("/chat"))`
HANDLER_REGISTRARS = ("on", "event")
REGISTER_NAMESPACE = "register_namespace"
# the lifecycle events every namespace has
CONNECT, DISCONNECT = "connect", "disconnect"
# client managers that share clients and rooms between server processes
SHARED_MANAGERS = ("socketio.AsyncRedisManager", "socketio.AsyncAioPikaManager", "socketio.RedisManager",
                   "socketio.KombuManager", "socketio.KafkaManager", "socketio.ZmqManager",
                   "socketio.AsyncKafkaManager", "socketio.AsyncZmqManager")
