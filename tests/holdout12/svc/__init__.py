"""StreamHub backend: video hosting, live streams and creator subscriptions."""
