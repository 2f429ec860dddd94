"""Content indexers: one instance per indexing run, and a shared store of results."""
import requests
from sqlalchemy import create_engine


class WikiIndexer:
    def __init__(self, token: str) -> None:
        self.session = requests.Session()
        self.session.headers["Authorization"] = f"Bearer {token}"

    def pages(self, space: str) -> list[dict]:
        return self.session.get(f"https://wiki.example.com/api/spaces/{space}/pages", timeout=10).json()


class ResultStore:
    _shared = None

    def __init__(self, url: str) -> None:
        self.engine = create_engine(url)  # expect: connection-management

    @classmethod
    def shared(cls, url: str) -> "ResultStore":
        if cls._shared is None:
            cls._shared = ResultStore(url)
        return cls._shared

    def save(self, count: int) -> None:
        with self.engine.begin() as conn:
            conn.exec_driver_sql("INSERT INTO runs (pages) VALUES (?)", (count,))


def index_space(space: str, token: str) -> int:
    pages = WikiIndexer(token).pages(space)
    ResultStore.shared("sqlite:///runs.db").save(len(pages))
    return len(pages)
