"""What `make cluster` checks before starting, said in French, without passwords."""

from __future__ import annotations

from pathlib import Path

from bot.runtime.haproxy import haproxy_command, haproxy_executable
from bot.runtime.serve_cluster import problems
from bot.runtime.servers import free_port, free_ports
from bot.settings import ClusterSettings


def test_a_database_that_is_not_postgresql_and_an_unreachable_redis_are_named(tmp_path):
    first = free_ports(8)
    cluster = ClusterSettings(
        port=first,
        actions_port=first + 1,
        rasa_first_port=first + 2,
        action_first_port=first + 4,
        web_port=first + 6,
        tracker_store_url=f"sqlite:///{tmp_path}/c.db",
        lock_store_url=f"redis://:motdepasse@127.0.0.1:{free_port()}/1",
    )
    found = "\n".join(problems(cluster))
    assert "CLUSTER_TRACKER_STORE_URL doit être une base PostgreSQL" in found
    assert "Redis injoignable" in found and "LOCK_STORE_URL" in found
    assert "motdepasse" not in found


def test_the_cluster_runs_debian_s_haproxy_in_the_foreground(tmp_path):
    executable = haproxy_executable()
    assert executable, "haproxy manque : make setup l'installe (paquet Debian)"
    assert haproxy_command(executable, tmp_path / "h.cfg")[1] == "-db"


def test_test_ports_are_outside_the_range_of_outgoing_connections_and_never_handed_out_twice():
    low = int(Path("/proc/sys/net/ipv4/ip_local_port_range").read_text().split()[0])
    first = free_ports(8)
    singles = [free_port() for _ in range(50)]
    handed = [*range(first, first + 8), *singles]
    assert len(set(handed)) == len(handed)
    assert all(20_000 <= port < low for port in handed)
