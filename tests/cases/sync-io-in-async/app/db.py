"""A small sqlite data layer used by legacy endpoints."""
import sqlite3

DB_PATH = "app.db"


def fetch_user(user_id: int):
    conn = sqlite3.connect(DB_PATH)
    try:
        return conn.execute("SELECT id, email FROM users WHERE id = ?", (user_id,)).fetchone()
    finally:
        conn.close()


def display_name(row) -> str:
    return f"{row[1].split('@')[0]} <{row[1]}>"
