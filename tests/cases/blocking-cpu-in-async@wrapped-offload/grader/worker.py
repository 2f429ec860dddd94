"""The plagiarism worker scores in a process pool."""
import asyncio
from concurrent.futures import ProcessPoolExecutor

from grader.similarity import pairwise_scores, summary, tokens_of


def _score(sources: dict[int, str], threshold: float):
    return pairwise_scores(tokens_of(sources), threshold)


def _report(scores, title: str) -> dict:
    result = summary(scores)
    result["title"] = title
    return result


async def process(pool: ProcessPoolExecutor, store, problem_id: int) -> None:
    loop = asyncio.get_running_loop()
    sources = await store.sources_for(problem_id)
    scores = await loop.run_in_executor(pool, _score, sources, 0.8)
    report = await loop.run_in_executor(pool, _report, scores, "plagiarism")
    await store.save(problem_id, report)
