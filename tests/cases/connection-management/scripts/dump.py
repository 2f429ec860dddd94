"""One-shot export script: the process exits right after, taking the connection with it."""
import psycopg2


def main() -> None:
    conn = psycopg2.connect("dbname=shop", connect_timeout=10)
    cursor = conn.cursor()
    cursor.execute("SELECT * FROM orders")
    print(cursor.fetchall())


if __name__ == "__main__":
    main()
