"""Correctness rules: names, attributes, calls and coroutines that cannot work as written."""
