"""What the running servers expose: the action server on loopback only, no secret in `ps`, no telemetry."""

from __future__ import annotations

from pathlib import Path

import pytest

pytestmark = pytest.mark.servers


def listening_addresses(port: int) -> set[str]:
    """The local addresses a TCP port is listening on (Linux /proc/net/tcp and tcp6)."""
    found = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        for line in Path(table).read_text().splitlines()[1:]:
            local, state = line.split()[1], line.split()[3]
            address, hex_port = local.rsplit(":", 1)
            if state == "0A" and int(hex_port, 16) == port:  # 0A: LISTEN
                found.add(address)
    return found


def test_the_action_server_listens_on_loopback_only(servers):
    addresses = listening_addresses(servers.settings.action_port)
    assert addresses == {"0100007F"}, addresses  # 127.0.0.1, little-endian hex


def test_no_secret_on_any_server_command_line(servers):
    for name, process in servers.processes.items():
        command_line = Path(f"/proc/{process.pid}/cmdline").read_bytes().decode()
        assert servers.settings.auth_token not in command_line, name
        assert "bot.runtime.launch" in command_line, name


def test_rasa_telemetry_is_off(servers):
    environment = Path(f"/proc/{servers.processes['rasa'].pid}/environ").read_bytes().split(b"\0")
    assert b"RASA_TELEMETRY_ENABLED=false" in environment
