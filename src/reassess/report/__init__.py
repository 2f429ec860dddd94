"""Reporters: pure functions from a `Result` to text."""
