"""Service settings: one frozen model read from `TRIPWIRE_*` env vars and an optional config file.

Why one model: the worker, `publish`, `tail`, `demo`, the tests and the benchmark must agree on topic
names and broker addresses; reading them in one place means a typo fails at start, not mid-stream.
Precedence: explicit overrides (CLI flags) > environment > config file (`TRIPWIRE_CONFIG`) > defaults.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from schemas.errors import TripwireError, first_error

__all__ = ["REPO_RULES_DIR", "Settings", "SettingsError", "load_settings", "settings_env"]

REPO_RULES_DIR = Path(__file__).resolve().parent.parent / "rules"
ENV_PREFIX = "TRIPWIRE_"
# Env vars whose names are not simply ENV_PREFIX + field name upper-cased.
ENV_ALIASES = {"rules_dirs": "TRIPWIRE_RULES"}
PATH_LIST_FIELDS = ("rules_dirs", "local_rules")


class SettingsError(TripwireError):
    """Settings that cannot be used: a bad env var, config file or flag value."""


def _split_hosts(broker: str) -> list[str]:
    value = broker.strip()
    if "://" in value:
        scheme, _, value = value.partition("://")
        if scheme not in ("kafka", "aiokafka"):
            raise ValueError(f"broker scheme must be kafka://, got {scheme}://")
    hosts = [h.strip() for h in value.replace(",", ";").split(";") if h.strip()]
    if not hosts:
        raise ValueError("broker must name at least one host:port")
    for host in hosts:
        name, sep, port = host.rpartition(":")
        if not sep or not name or not port.isdigit():
            raise ValueError(f"broker host must be host:port, got {host!r}")
    return hosts


class Settings(BaseModel):
    """Everything a worker or client needs; immutable once loaded."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    broker: str = "kafka://127.0.0.1:9092"
    app_id: str = "tripwire"
    input_topic: str = "news.raw"
    clean_topic: str = "news.clean"
    signals_topic: str = "signals"
    alerts_topic: str = "alerts"
    deadletter_topic: str = "news.deadletter"
    # Pushed rule bundles (`tripwire rules push`); 1 partition; "" turns live rule updates off.
    rules_topic: str = "tripwire.rules"
    partitions: int = Field(4, ge=1)
    replication_factor: int = Field(1, ge=1)
    # Tansu (the embedded broker) cannot answer InitProducerId; production brokers should set true.
    idempotent: bool = False
    acks: Literal["all", "1", "0"] = "all"
    security_protocol: Literal["PLAINTEXT", "SSL", "SASL_PLAINTEXT", "SASL_SSL"] = "PLAINTEXT"
    sasl_mechanism: Literal["PLAIN", "SCRAM-SHA-256", "SCRAM-SHA-512"] | None = None
    sasl_username: str | None = None
    sasl_password: str | None = None
    ssl_cafile: Path | None = None
    web_port: int = Field(6066, ge=0, le=65535)
    web_host: str = "127.0.0.1"
    rules_dirs: tuple[Path, ...] = (REPO_RULES_DIR,)
    local_rules: tuple[Path, ...] = ()
    max_item_bytes: int = Field(1_000_000, ge=1)
    rebalance_timeout: float = Field(60.0, gt=0)
    session_timeout: float = Field(60.0, gt=0)
    heartbeat_interval: float = Field(3.0, gt=0)
    commit_interval: float = Field(2.8, gt=0)
    lag_interval: float = Field(5.0, gt=0)
    expire_interval: float = Field(60.0, gt=0)
    alertmanager_url: str | None = None
    alertmanager_interval: float = Field(60.0, gt=0)
    dashboard_url: str | None = None
    data_dir: Path = Path(".tripwire")

    @field_validator("broker")
    @classmethod
    def _broker_hosts(cls, value: str) -> str:
        _split_hosts(value)
        return value

    @field_validator("rules_dirs", "local_rules", mode="before")
    @classmethod
    def _path_list(cls, value: Any) -> Any:
        if isinstance(value, str):
            return tuple(Path(p) for p in value.split(os.pathsep) if p)
        return value

    @property
    def bootstrap_servers(self) -> list[str]:
        """`host:port` strings for aiokafka and confluent-kafka clients."""
        return _split_hosts(self.broker)

    @property
    def broker_url(self) -> str:
        """Faust's form: `kafka://h1:p1;h2:p2`."""
        return "kafka://" + ";".join(self.bootstrap_servers)

    @property
    def rebalance_fast(self) -> bool:
        return self.session_timeout < 10

    def alert_topic(self, category: str) -> str:
        return f"{self.alerts_topic}.{category}"


def _read_config_file(path: Path) -> dict[str, Any]:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise SettingsError(f"{path}: cannot read config file: {exc.strerror}") from exc
    try:
        if path.suffix in (".yaml", ".yml"):
            from ruamel.yaml import YAML

            data = YAML(typ="safe").load(text)
        else:
            data = tomllib.loads(text)
    except Exception as exc:  # both parsers raise many types; one line for the user either way
        raise SettingsError(f"{path}: cannot parse config file: {exc}") from exc
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise SettingsError(f"{path}: config file must hold a mapping of settings")
    section = data.get("tripwire", data)
    return dict(section) if isinstance(section, Mapping) else {}


def _from_env(env: Mapping[str, str]) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for name in Settings.model_fields:
        var = ENV_ALIASES.get(name, ENV_PREFIX + name.upper())
        if var in env and env[var] != "":
            values[name] = env[var]
    return values


def load_settings(env: Mapping[str, str] | None = None, **overrides: Any) -> Settings:
    """Build settings from the config file, then env, then non-None overrides (CLI flags)."""
    env = os.environ if env is None else env
    values: dict[str, Any] = {}
    config = env.get("TRIPWIRE_CONFIG")
    if config:
        values.update(_read_config_file(Path(config)))
    values.update(_from_env(env))
    values.update({k: v for k, v in overrides.items() if v is not None and v != ()})
    try:
        return Settings(**values)
    except ValidationError as exc:
        field, message = first_error(exc, "settings")
        var = ENV_ALIASES.get(field, ENV_PREFIX + field.upper())
        raise SettingsError(f"setting {field} ({var}): {message}") from exc


def settings_env(settings: Settings) -> dict[str, str]:
    """The `TRIPWIRE_*` variables that reproduce these settings in a child process (a worker)."""
    env: dict[str, str] = {}
    for name, value in settings.model_dump().items():
        if value is None:
            continue
        var = ENV_ALIASES.get(name, ENV_PREFIX + name.upper())
        if name in PATH_LIST_FIELDS:
            env[var] = os.pathsep.join(str(p) for p in value)
        elif isinstance(value, bool):
            env[var] = "true" if value else "false"
        else:
            env[var] = str(value)
    return env
