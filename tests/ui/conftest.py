"""Every long job in a UI test runs inline on the one runner (deterministic: the result is there
when the call returns); a test that wants the real background thread says so."""
import pytest

from ui.workers.task import InlineRunner, use_runner


@pytest.fixture(autouse=True)
def inline_runner():
    runner = InlineRunner()
    old = use_runner(runner)
    yield runner
    use_runner(old)
