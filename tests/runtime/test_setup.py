"""Set-up pieces: finding Python 3.10, settings, model fingerprint."""

import ast
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from bot.nlu import training
from bot.paths import ROOT
from bot.settings import load_settings

pytestmark = pytest.mark.usefixtures("restore_environment")  # tests/runtime/conftest.py


def test_find_python310_finds_a_working_310():
    found = subprocess.run(["bash", "scripts/find_python310.sh"], cwd=ROOT, capture_output=True, text=True, check=False)
    assert found.returncode == 0
    version = subprocess.run([found.stdout.strip(), "--version"], capture_output=True, text=True, check=False).stdout
    assert version.startswith("Python 3.10")


def test_find_python310_says_what_to_install_when_missing(tmp_path):
    env = {"PATH": "/bin", "HOME": str(tmp_path), "PYENV_ROOT": str(tmp_path)}
    script = tmp_path / "find.sh"
    # Same script, with the system-wide fallbacks pointed at nothing.
    script.write_text(
        (ROOT / "scripts/find_python310.sh")
        .read_text()
        .replace("/root/.pyenv /opt/pyenv", "")
        .replace("/usr/bin/python3.10 /usr/local/bin/python3.10", "/nonexistent")
    )
    result = subprocess.run(["bash", str(script)], env=env, capture_output=True, text=True, check=False)
    assert result.returncode == 1
    assert "pyenv install 3.10" in result.stderr


def test_settings_refuse_a_missing_token(tmp_path, monkeypatch):
    monkeypatch.delenv("RASA_AUTH_TOKEN", raising=False)
    env_file = tmp_path / ".env"
    env_file.write_text("RASA_AUTH_TOKEN=change-me\n")
    with pytest.raises(SystemExit, match="RASA_AUTH_TOKEN"):
        load_settings(env_file)


def test_settings_read_origins_and_ports(tmp_path, monkeypatch):
    for name in ("RASA_AUTH_TOKEN", "CORS_ORIGINS", "RASA_PORT"):
        monkeypatch.delenv(name, raising=False)
    env_file = tmp_path / ".env"
    env_file.write_text("RASA_AUTH_TOKEN=abc\nCORS_ORIGINS=https://a.fr https://b.fr\nRASA_PORT=5999\n")
    settings = load_settings(env_file)
    assert settings.cors_origins == ("https://a.fr", "https://b.fr")
    assert settings.rasa_url.endswith(":5999")


# Read from the environment but not settings of the assistant: BOT_PROJECT_ROOT points
# the `bot` commands at a copy of the project (README, "For trainers"); RASA_AUTH_TOKEN
# is read again inside the Rasa process (bot/runtime/launch.py), from the servers' environment.
NOT_SETTINGS = {"BOT_PROJECT_ROOT"}


def test_debug_logs_are_refused_unless_allowed_for_development(tmp_path, monkeypatch):
    for name in ("RASA_AUTH_TOKEN", "LOG_LEVEL", "ALLOW_DEBUG_LOGS"):
        monkeypatch.delenv(name, raising=False)
    env_file = tmp_path / ".env"
    env_file.write_text("RASA_AUTH_TOKEN=abc\nLOG_LEVEL=DEBUG\n")
    with pytest.raises(SystemExit, match="ALLOW_DEBUG_LOGS"):
        load_settings(env_file)
    monkeypatch.setenv("ALLOW_DEBUG_LOGS", "true")
    assert load_settings(env_file).log_level == "DEBUG"
    monkeypatch.setenv("LOG_LEVEL", "BAVARD")
    with pytest.raises(SystemExit, match="LOG_LEVEL"):
        load_settings(env_file)


def test_the_action_server_listens_on_loopback_and_telemetry_is_off_by_default(tmp_path, monkeypatch):
    for name in ("RASA_AUTH_TOKEN", "ACTION_HOST", "ACTION_PORT", "RASA_TELEMETRY", "ACTION_SERVER_URL", "LOG_LEVEL"):
        monkeypatch.delenv(name, raising=False)
    env_file = tmp_path / ".env"
    env_file.write_text("RASA_AUTH_TOKEN=abc\nACTION_PORT=5077\n")
    settings = load_settings(env_file)
    assert settings.action_host == "127.0.0.1" and not settings.telemetry
    assert settings.action_server_url == "http://127.0.0.1:5077/webhook"
    monkeypatch.setenv("ACTION_SERVER_URL", "http://actions.internal:5055/webhook")
    assert load_settings(env_file).action_server_url == "http://actions.internal:5055/webhook"


def test_env_example_documents_every_setting():
    documented = {
        line.split("=")[0]
        for line in (ROOT / ".env.example").read_text().splitlines()
        if "=" in line and not line.startswith("#")
    }
    used = set()
    for path in [*(ROOT / "bot").rglob("*.py"), *(ROOT / "channels").rglob("*.py")]:
        used |= set(re.findall(r'(?:environ\.get|_positive|_text)\("([A-Z_]+)"', path.read_text()))
    assert used - NOT_SETTINGS <= documented, used - NOT_SETTINGS - documented
    assert "BOT_PROJECT_ROOT" in (ROOT / "README.md").read_text(encoding="utf-8")


def _copy_training_inputs(destination: Path) -> Path:
    for name in ("config.yml", "domain.yml"):
        shutil.copy(ROOT / name, destination / name)
    shutil.copytree(ROOT / "data", destination / "data")
    shutil.copytree(ROOT / "components", destination / "components")
    for path in training.TRAINED_CODE:
        (destination / path).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(ROOT / path, destination / path)
    return destination


def test_fingerprint_changes_only_when_training_inputs_change(tmp_path):
    root = _copy_training_inputs(tmp_path)
    first = training.fingerprint(root)
    assert training.fingerprint(root) == first
    (root / "data" / "knowledge" / "contacts.yml").write_text("# not a training input\n")
    assert training.fingerprint(root) == first
    nlu = root / "data" / "nlu" / "conversation" / "greet.yml"
    nlu.write_text(nlu.read_text() + "\n")
    assert training.fingerprint(root) != first
    second = training.fingerprint(root)
    component = root / "components" / "input_guard.py"  # a custom component's code shapes the model too
    component.write_text(component.read_text() + "\n")
    assert training.fingerprint(root) != second


@pytest.mark.parametrize("code", training.TRAINED_CODE)
def test_a_change_of_the_code_in_bot_that_shapes_the_model_retrains(tmp_path, code):
    root = _copy_training_inputs(tmp_path)
    before = training.fingerprint(root)
    (root / code).write_text((root / code).read_text() + "\n")
    assert training.fingerprint(root) != before


def _modules_imported(path: Path, package: str) -> set[str]:
    """The files of a package of bot/ a module imports (`from bot.x import y` or `from bot.x.y import ...`)."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module == package:
            found |= {f"{package.replace('.', '/')}/{alias.name}.py" for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith(f"{package}."):
            found.add(f"{node.module.replace('.', '/')}.py")
    return found


def test_what_the_trained_components_import_from_bot_nlu_is_a_training_input():
    trained = [path for path in (ROOT / "components").glob("*.py") if "is_trainable=True" in path.read_text()]
    imported = set().union(*(_modules_imported(path, "bot.nlu") for path in trained))
    assert {"bot/nlu/ngram_intents.py", "bot/nlu/vocabulary.py"} <= imported
    assert imported <= set(training.TRAINED_CODE), imported - set(training.TRAINED_CODE)


def test_the_training_entry_point_and_its_patches_of_rasa_are_training_inputs():
    entry_point = f"{training.training_command(Path('/tmp/model.tar.gz'))[2].replace('.', '/')}.py"
    patches = _modules_imported(ROOT / entry_point, "bot.rasa_patches")
    assert patches == {"bot/rasa_patches/training.py"}
    assert {entry_point, *patches} <= set(training.TRAINED_CODE)
