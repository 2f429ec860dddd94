from homegrid.db.pool import Database, get_db

__all__ = ["Database", "get_db"]
