"""Every named block of the .sql files becomes a method of `queries`."""
from pathlib import Path

import aiosql

queries = aiosql.from_path(Path(__file__).parent / "sql", "asyncpg")
