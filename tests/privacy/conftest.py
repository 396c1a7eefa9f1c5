"""Long jobs of a page run inline here too (as in tests/ui): the result is there when the call returns."""
import pytest


@pytest.fixture
def inline_runner():
    from ui.workers.task import InlineRunner, use_runner
    runner = InlineRunner()
    old = use_runner(runner)
    yield runner
    use_runner(old)
