"""Server logs: one masked file per server and per day, deleted after the retention period."""

from __future__ import annotations

import io
from datetime import date

from bot.runtime.log_files import DailyLog, pump, purge_logs


def test_lines_are_masked_and_written_to_the_file_of_the_day(tmp_path):
    day = [date(2026, 11, 30)]
    log = DailyLog(tmp_path, "rasa", today=lambda: day[0])
    log.write("rappel au 06 12 34 56 78\n")
    day[0] = date(2026, 12, 1)
    log.write("token=abc123 user message 'je suis Karim' ok\n")
    log.close()
    assert (tmp_path / "rasa-2026-11-30.log").read_text() == "rappel au [TÉLÉPHONE]\n"
    assert (tmp_path / "rasa-2026-12-01.log").read_text() == "token=*** user message '[texte masqué]' ok\n"


def test_a_server_output_is_pumped_line_by_line(tmp_path):
    log = DailyLog(tmp_path, "web")
    pump(io.BytesIO(b"ligne 1\nmail a@b.fr\n"), log).join(5)
    assert log.path.read_text() == "ligne 1\nmail [EMAIL]\n"


def test_old_log_files_are_deleted_others_kept(tmp_path):
    for name in ("rasa-2026-08-01.log", "rasa-2026-09-01.log", "actions-2026-11-29.log", "notes.log"):
        (tmp_path / name).write_text("x")
    deleted = purge_logs(tmp_path, retention_days=90, today=date(2026, 11, 30))
    assert [p.name for p in deleted] == ["rasa-2026-08-01.log"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["actions-2026-11-29.log", "notes.log", "rasa-2026-09-01.log"]
    assert purge_logs(tmp_path / "absent", 90) == []
