from __future__ import annotations

import os
from pathlib import Path

import pytest

from streams.settings import Settings, SettingsError, load_settings, settings_env


def test_defaults() -> None:
    s = load_settings(env={})
    assert s.broker_url == "kafka://127.0.0.1:9092"
    assert (s.input_topic, s.alerts_topic, s.deadletter_topic) == ("news.raw", "alerts", "news.deadletter")
    assert s.partitions == 4 and s.idempotent is False and s.acks == "all"
    assert s.rules_dirs[0].name == "rules"


@pytest.mark.parametrize(
    ("broker", "servers"),
    [
        ("h:1", ["h:1"]),
        ("kafka://a:1;b:2", ["a:1", "b:2"]),
        ("kafka://a:1,b:2", ["a:1", "b:2"]),
    ],
)
def test_broker_forms(broker: str, servers: list[str]) -> None:
    s = load_settings(env={"TRIPWIRE_BROKER": broker})
    assert s.bootstrap_servers == servers
    assert s.broker_url == "kafka://" + ";".join(servers)


@pytest.mark.parametrize("broker", ["http://a:1", "nohost", "a:b", ""])
def test_bad_broker_is_one_line_error(broker: str) -> None:
    if not broker:
        assert load_settings(env={"TRIPWIRE_BROKER": broker}).broker  # empty means default
        return
    with pytest.raises(SettingsError, match="TRIPWIRE_BROKER"):
        load_settings(env={"TRIPWIRE_BROKER": broker})


def test_env_file_and_override_precedence(tmp_path: Path) -> None:
    config = tmp_path / "tripwire.toml"
    config.write_text('partitions = 8\napp_id = "from-file"\nweb_port = 7000\n')
    env = {"TRIPWIRE_CONFIG": str(config), "TRIPWIRE_APP_ID": "from-env", "TRIPWIRE_IDEMPOTENT": "true"}
    s = load_settings(env=env, web_port=7100)
    assert (s.partitions, s.app_id, s.web_port, s.idempotent) == (8, "from-env", 7100, True)


def test_yaml_config_and_path_lists(tmp_path: Path) -> None:
    config = tmp_path / "t.yaml"
    config.write_text("tripwire:\n  session_timeout: 5\n")
    env = {"TRIPWIRE_CONFIG": str(config), "TRIPWIRE_LOCAL_RULES": os.pathsep.join(["/a", "/b"])}
    s = load_settings(env=env)
    assert s.session_timeout == 5 and s.local_rules == (Path("/a"), Path("/b"))


def test_unreadable_config_is_a_settings_error(tmp_path: Path) -> None:
    with pytest.raises(SettingsError, match="cannot read"):
        load_settings(env={"TRIPWIRE_CONFIG": str(tmp_path / "missing.toml")})


def test_settings_env_round_trips() -> None:
    s = load_settings(env={}, app_id="x", local_rules=(Path("/r1"), Path("/r2")), sasl_username="u")
    assert load_settings(env=settings_env(s)) == s


def test_frozen() -> None:
    with pytest.raises(ValueError):
        Settings().partitions = 3  # type: ignore[misc]
