"""Fixtures: a throwaway PostgreSQL cluster per session (tests/aggregate/pgcluster.py) and a
fresh database in it per test; a small street made once per session, copied for each test.

The tests take the same packages in again and again (the twenty communities' thirty, in random
order, twice, into PostgreSQL and into a street). The program keeps the last 16 package keys it
derived (desktop/sync/envelope.py); here every key derived is kept for the session, so each
package's key derivation (Argon2id, about 0.1 s) runs once, not once per ingest. Every ingest
still derives through the same function; a wrong passphrase is still a key of its own. The
keys are made at the lowest cost Argon2id allows (tests/conftest.py's quick_keys), in the worker
processes of an ingest too: the strength is tested in tests/sync."""
import functools
import itertools
import shutil
from collections import OrderedDict
from contextlib import contextmanager
from types import SimpleNamespace

import pytest

from tests.aggregate.pgcluster import Cluster, find_bin
from tests.conftest import quick_keys, quick_keys_for_good

_names = itertools.count()


class _EveryKey(OrderedDict):
    """envelope's key cache that never reaches its limit, so it lets no key go."""
    def __len__(self) -> int:
        return 0


_every_key = _EveryKey()


@contextmanager
def keys_kept():
    """Every key kept, every key quick, here and in an ingest's worker processes."""
    import concurrent.futures
    with pytest.MonkeyPatch.context() as mp, quick_keys():
        from desktop.sync import envelope
        mp.setattr(envelope, "_MASTER_CACHE", _every_key)
        mp.setattr(concurrent.futures, "ProcessPoolExecutor",
                   functools.partial(concurrent.futures.ProcessPoolExecutor, initializer=quick_keys_for_good))
        yield


@pytest.fixture(autouse=True)
def _keep_every_key():
    with keys_kept():
        yield


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
def world_ingested(world, pg_cluster):
    """A database of the session's cluster that took the world's thirty packages in once, in
    this process (workers=0), checked as a first ingest is (thirty packages, none already in,
    none refused, each community's own figures). Tests that need the world already in
    PostgreSQL take a copy of it (``pg_ingested``); the ingest itself, in one process and in
    worker processes, is still tested on fresh databases."""
    import psycopg
    from desktop.aggregate import pg
    from tests.aggregate.test_pg import dump, pg_figures
    communities, packages, own, passphrases = world
    name = "world_ingested"
    with psycopg.connect(pg_cluster.url, autocommit=True) as conn:
        conn.execute(f"CREATE DATABASE {name}")
    conn = pg.connect(pg_cluster.url.replace("dbname=postgres", f"dbname={name}"))
    try:
        pg.ensure_schema(conn)
        with keys_kept():
            first = pg.ingest(conn, packages, passphrases.get, workers=0)
        assert (first.packages, first.already, first.refused) == (30, 0, [])
        assert pg_figures(conn) == own
        rows = dump(conn)
    finally:
        conn.close()
    return SimpleNamespace(name=name, first=first, dump=rows)


@pytest.fixture
def pg_ingested(world_ingested, pg_cluster):
    """A connection to a new database made from ``world_ingested`` (CREATE DATABASE … TEMPLATE),
    closed at the end."""
    import psycopg
    from desktop.aggregate import pg
    name = f"t{next(_names)}"
    with psycopg.connect(pg_cluster.url, autocommit=True) as admin:
        admin.execute(f"CREATE DATABASE {name} TEMPLATE {world_ingested.name}")
    conn = pg.connect(pg_cluster.url.replace("dbname=postgres", f"dbname={name}"))
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
    with keys_kept():
        communities, packages = build(root, 20)
    own = {c.id: community_figures(c.office, DAY) for c in communities}
    yield communities, packages, own, {c.id: c.passphrase for c in communities}
    close(communities)


@pytest.fixture
def world_packages(world):
    """The world's (packages folder, passphrases, each community's own figures)."""
    communities, packages, own, passphrases = world
    return packages, passphrases, own


@pytest.fixture(scope="session")
def small_street(tmp_path_factory):
    """Three small communities (the first and third with a gate laptop), their packages, and a
    street folder that took them in; made once (the key derivation of each package is the slow
    part). Tests change only their own copy (``street_copy``, ``packages_copy``)."""
    from desktop.aggregate.street import Street, community_figures
    from tests.aggregate.communities import DAY, build, close
    root = tmp_path_factory.mktemp("small_street")
    with keys_kept():
        communities, packages = build(root / "world", 3, gate_every=2)
        made = SimpleNamespace(folder=root / "street", packages=packages,
                               own={c.id: community_figures(c.office, DAY) for c in communities},
                               names={c.id: c.name for c in communities},
                               passphrases={c.id: c.passphrase for c in communities})
        with Street(made.folder) as street:
            assert street.ingest(packages, made.passphrases.get).refused == []
        close(communities)
    return made


@pytest.fixture
def street_copy(small_street, tmp_path):
    """A copy of the small street's folder in the test's own folder."""
    return shutil.copytree(small_street.folder, tmp_path / "street")


@pytest.fixture
def packages_copy(small_street, tmp_path):
    """A copy of the small street's packages in the test's own folder."""
    return shutil.copytree(small_street.packages, tmp_path / "world" / "packages")
