"""Live updates for hosts and guests."""
