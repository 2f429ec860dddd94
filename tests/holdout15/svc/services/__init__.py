"""Business logic shared by the HTTP API, the websockets and the workers."""
