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
