"""Core tables."""
from sqlalchemy import Column, Integer, MetaData, String, Table

metadata = MetaData()
accounts = Table("accounts", metadata, Column("id", Integer, primary_key=True), Column("name", String(80)),
                 Column("status", String(16)))
