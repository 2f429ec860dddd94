"""Admin-triggered plagiarism check."""
from grader.similarity import pairwise_scores, summary, tokens_of


class PlagiarismService:
    def __init__(self, store, threshold: float) -> None:
        self.store = store
        self.threshold = threshold

    async def check_problem(self, problem_id: int) -> dict:
        sources = await self.store.sources_for(problem_id)
        tokens = tokens_of(sources)
        pairs = pairwise_scores(tokens, self.threshold)  # expect: blocking-cpu-in-async
        await self.store.save(problem_id, pairs)
        return summary(pairs)
