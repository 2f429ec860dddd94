"""Data-access functions, one module per aggregate."""
