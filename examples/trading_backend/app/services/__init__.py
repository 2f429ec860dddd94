"""Business logic shared by the HTTP routes and the background workers."""
