"""A small community with one compound gate served by this machine."""
import pytest

from desktop.gate.checkpoints import add_checkpoint, serve_checkpoint


@pytest.fixture
def gate(app_ctx, small_community):
    cp = add_checkpoint(app_ctx.db, "幸福里东门", small_community["compound"].id)
    serve_checkpoint(app_ctx.db, cp.id)
    return {**small_community, "checkpoint": cp, "db": app_ctx.db, "app": app_ctx}
