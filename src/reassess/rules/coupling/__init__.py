"""Rules about coupling between modules and layers, singletons and hard-coded tunables."""
