"""Fixtures: a throwaway PostgreSQL cluster per session (tests/aggregate/pgcluster.py) and a
fresh database in it per test."""
import itertools

import pytest

from tests.aggregate.pgcluster import Cluster, find_bin

_names = itertools.count()


@pytest.fixture(scope="session")
def pg_cluster():
    bindir = find_bin()
    if bindir is None:
        pytest.skip("PostgreSQL binaries (initdb, pg_ctl) are not installed here; .ci/setup installs "
                    "Debian's postgresql package, so CI runs these tests")
    cluster = Cluster(bindir).start()
    yield cluster
    cluster.stop()


@pytest.fixture
def pg_url(pg_cluster):
    """A new, empty database in the session's cluster."""
    import psycopg
    name = f"t{next(_names)}"
    with psycopg.connect(pg_cluster.url, autocommit=True) as conn:
        conn.execute(f"CREATE DATABASE {name}")
    yield pg_cluster.url.replace("dbname=postgres", f"dbname={name}")


@pytest.fixture
def pg_conn(pg_url):
    """A connection to a new database with the aggregate's schema, closed at the end."""
    from desktop.aggregate import pg
    conn = pg.connect(pg_url)
    pg.ensure_schema(conn)
    yield conn
    conn.close()


@pytest.fixture(scope="session")
def world(tmp_path_factory):
    """Twenty small communities (every fourth with a gate laptop and a conflict), their packages,
    and each community's own figures computed by desktop/overview on its own database. Tests
    read the packages; none changes them."""
    from desktop.aggregate.street import community_figures
    from tests.aggregate.communities import DAY, build, close
    root = tmp_path_factory.mktemp("world")
    communities, packages = build(root, 20)
    own = {c.id: community_figures(c.office, DAY) for c in communities}
    yield communities, packages, own, {c.id: c.passphrase for c in communities}
    close(communities)


@pytest.fixture
def world_packages(world):
    """The world's (packages folder, passphrases, each community's own figures)."""
    communities, packages, own, passphrases = world
    return packages, passphrases, own
