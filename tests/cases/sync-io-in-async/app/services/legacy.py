"""A legacy sync client wrapped for async callers by a decorator that moves it to a thread."""
import requests
from asgiref.sync import sync_to_async


@sync_to_async
def load_profile(user_id: int) -> dict:
    return requests.get(f"https://legacy.example.com/users/{user_id}", timeout=3).json()
