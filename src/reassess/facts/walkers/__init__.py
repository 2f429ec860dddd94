"""The recorders that `facts.extract.FactExtractor` combines into one walk over a module:
each records one kind of fact, all share the state in `state`."""
