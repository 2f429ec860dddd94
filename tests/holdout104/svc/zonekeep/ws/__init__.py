"""Websocket endpoints: live zone propagation, account events, certificate progress."""
