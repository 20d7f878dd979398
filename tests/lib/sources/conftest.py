"""A live client pointed at the loopback stand-in for cninfo, with no pacing so tests run fast."""

from pathlib import Path

from orchestration.lib.sources import CninfoSource, PoliteHttp, Politeness


def live_client(url: str, cache_dir: Path, messages: list[str] | None = None, retries: int = 1) -> CninfoSource:
    politeness = Politeness(interval_seconds=0, jitter_seconds=0, retries=retries, backoff_seconds=0, timeout_seconds=10)
    sink = messages.append if messages is not None else (lambda _: None)
    return CninfoSource(http=PoliteHttp(politeness), cache_dir=cache_dir, base_url=url, static_url=url, progress=sink)
