"""Domain services used by the routers and workers."""
