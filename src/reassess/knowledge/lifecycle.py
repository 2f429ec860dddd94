"""Method names that bring an object up or down rather than use it.

Two sets, kept apart because they answer different questions:
- a client's own lifecycle (`pool.close()`, `engine.dispose()`, `async with client:`): a call on a
  database, cache or HTTP client that opens or closes it, not an operation on the service it serves;
- a program part's lifecycle (`h.start()`, `stream.aclose()`, `shutdown()`): a call that starts, stops
  or closes one component, local bookkeeping rather than a request competing for a pool or quota.
"""
from __future__ import annotations

CLIENT_LIFECYCLE = frozenset({"close", "aclose", "dispose", "disconnect", "wait_closed", "terminate", "expire_all",
                              "__aenter__", "__aexit__", "__enter__", "__exit__", "start", "stop", "connect"})

# the context-manager and async generator protocols, and the usual names of a component's start and shutdown
COMPONENT_LIFECYCLE = frozenset({"start", "stop", "close", "aclose", "shutdown", "__aenter__", "__aexit__"})

# a program part's own set-up and tear-down hooks (a pipeline stage's `setup()` / `cleanup()`)
COMPONENT_SETUP = frozenset({"setup", "cleanup"})

# waiting on an object's own completion or signal (`child.wait()`, `event.wait()`, `worker.join()`):
# the caller sleeps until something else finishes, it asks nothing of a pool, a socket or a quota
COMPLETION_WAITS = frozenset({"wait", "join", "wait_closed"})

# methods that bring a component up once (a constructor, a `start()`, a program's `main()`): a test
# there of whether a task is done keeps a second copy from starting, it restarts nothing
ONE_TIME_STARTS = frozenset({"__init__", "__aenter__", "start", "startup", "setup", "open", "connect", "run",
                             "initialize", "main"})
