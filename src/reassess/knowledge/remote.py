"""Decorators that ship the function they wrap to run somewhere else: its body executes in a
remote container or cluster worker built for it, not in the process that defines it."""
from __future__ import annotations

# resolved decorator names (a call like `@app.function(image=...)` resolves to its callee)
REMOTE_EXECUTION = frozenset({
    "modal.App.function", "modal.App.cls", "modal.Stub.function", "modal.Stub.cls", "modal.function",
    "ray.remote",
})
