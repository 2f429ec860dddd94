"""Backend for the Lernwerk online learning platform."""
