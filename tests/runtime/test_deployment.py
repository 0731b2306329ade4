"""deploy/kubernetes: valid Kubernetes 1.28 objects (kubernetes-validate), and the shape docs/deployment.md promises."""

from __future__ import annotations

from pathlib import Path

import kubernetes_validate
import pytest
import yaml

from bot.paths import ROOT

MANIFESTS = sorted((ROOT / "deploy" / "kubernetes").glob("*.yaml"))
VERSION = "1.28"


def objects() -> list[tuple[Path, dict]]:
    return [(path, document) for path in MANIFESTS for document in yaml.safe_load_all(path.read_text()) if document]


def of_kind(kind: str) -> dict[str, dict]:
    return {doc["metadata"]["name"]: doc for _, doc in objects() if doc["kind"] == kind}


@pytest.mark.parametrize("path,document", objects(), ids=lambda v: v.name if isinstance(v, Path) else v["kind"])
def test_every_object_is_valid_for_kubernetes(path, document):
    kubernetes_validate.validate(document, VERSION, strict=True)


def test_the_validation_catches_a_mistake():
    deployment = dict(of_kind("Deployment")["rasa"])
    broken = {**deployment, "spec": {**deployment["spec"], "replicas": "deux"}}
    with pytest.raises(kubernetes_validate.ValidationError):
        kubernetes_validate.validate(broken, VERSION, strict=True)


def test_rasa_actions_web_and_the_rules_engine_each_run_behind_a_service_with_probes():
    deployments, services = of_kind("Deployment"), of_kind("Service")
    assert {"rasa", "actions", "web", "rules"} <= set(deployments)
    for name, deployment in deployments.items():
        labels = deployment["spec"]["template"]["metadata"]["labels"]
        assert any(
            all(labels.get(k) == v for k, v in service["spec"]["selector"].items()) for service in services.values()
        ), name
        for container in deployment["spec"]["template"]["spec"]["containers"]:
            assert "readinessProbe" in container and "livenessProbe" in container, name
            assert "resources" in container and "requests" in container["resources"], name


def test_the_autoscaler_scales_the_rasa_pods():
    targets = {hpa["spec"]["scaleTargetRef"]["name"] for hpa in of_kind("HorizontalPodAutoscaler").values()}
    assert "rasa" in targets and targets <= set(of_kind("Deployment"))


def test_tokens_come_from_the_secret_and_no_real_value_is_committed():
    secret = of_kind("Secret")["assistant-secrets"]
    assert all("REMPLACER" in value for value in secret["stringData"].values())
    for _, document in objects():
        if document["kind"] != "Deployment":
            continue
        for container in document["spec"]["template"]["spec"]["containers"]:
            for variable in container.get("env", []):
                if variable["name"] in ("RASA_AUTH_TOKEN", "TRACKER_STORE_URL", "DATABASE_URL", "LOCK_STORE_URL"):
                    assert variable["valueFrom"]["secretKeyRef"]["key"] in secret["stringData"]
    settings = of_kind("ConfigMap")["assistant-settings"]["data"]
    assert not {"RASA_AUTH_TOKEN", "TRACKER_STORE_URL", "DATABASE_URL", "LOCK_STORE_URL"} & set(settings)


def test_the_model_is_an_artefact_fetched_before_start_never_trained():
    spec = of_kind("Deployment")["rasa"]["spec"]["template"]["spec"]
    command = spec["containers"][0]["command"]
    model = command[command.index("--model") + 1]
    mounts = {m["mountPath"] for c in spec["initContainers"] for m in c["volumeMounts"]}
    assert any(model.startswith(mount) for mount in mounts)
    for _, document in objects():
        if document["kind"] == "Deployment":
            for container in document["spec"]["template"]["spec"]["containers"]:
                assert "train" not in container["command"]
