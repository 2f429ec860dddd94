"""Rules about asyncio and FastAPI practice."""
