"""Web, worker and beat see the same uploads: one volume today, S3-compatible storage by setting."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
APP_SERVICES = ("web", "worker", "beat")


@pytest.fixture(scope="module")
def compose():
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text())


def _mounts(service):
    """{target path: source} for a service's volumes in short syntax."""
    return dict(reversed(volume.split(":")[:2]) for volume in service.get("volumes", []))


def test_web_worker_and_beat_mount_one_named_volume_at_media_root(compose):
    sources = set()
    for name in APP_SERVICES:
        service = compose["services"][name]
        media_root = service["environment"]["MEDIA_ROOT"]
        assert media_root in _mounts(service), f"{name} does not mount MEDIA_ROOT"
        sources.add(_mounts(service)[media_root])
    assert len(sources) == 1
    (volume,) = sources
    assert volume in compose["volumes"], "the media volume must be a named volume, not a host path"
    image_dirs = (ROOT / "Dockerfile").read_text()
    assert f"mkdir -p {compose['services']['web']['environment']['MEDIA_ROOT']}" in image_dirs


def test_the_stack_offers_minio_as_s3_compatible_storage(compose):
    minio = compose["services"]["minio"]
    assert minio["image"].startswith("minio/") and "healthcheck" in minio
    assert any(volume.endswith(":/data") for volume in minio["volumes"])
    for name in APP_SERVICES:
        env = compose["services"][name]["environment"]
        assert env["AWS_S3_ENDPOINT_URL"].endswith("minio:9000}")
        assert "STORAGE_BACKEND" in env and "AWS_STORAGE_BUCKET_NAME" in env


def _settings_with(**env):
    """The storage the settings module chooses for an environment (in a fresh interpreter)."""
    code = ("import django; django.setup(); from django.conf import settings; "
            "print(settings.STORAGES['default']['BACKEND']); "
            "print(settings.STORAGES['default'].get('OPTIONS', {}).get('endpoint_url')); "
            "print(settings.MEDIA_ROOT)")
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True,
                            env={**os.environ, "DJANGO_SETTINGS_MODULE": "socialcrm.settings",
                                 "DEBUG": "1", **env}, timeout=60)
    assert result.returncode == 0, result.stderr
    return result.stdout.split()


def test_the_environment_selects_the_storage():
    assert _settings_with(MEDIA_ROOT="/srv/media") == [
        "django.core.files.storage.FileSystemStorage", "None", "/srv/media"]
    backend, endpoint, _root = _settings_with(STORAGE_BACKEND="s3", AWS_S3_ENDPOINT_URL="http://minio:9000")
    assert (backend, endpoint) == ("storages.backends.s3.S3Storage", "http://minio:9000")


def test_an_unknown_storage_backend_is_refused_at_start():
    code = "import django; django.setup()"
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True,
                            env={**os.environ, "DJANGO_SETTINGS_MODULE": "socialcrm.settings",
                                 "DEBUG": "1", "STORAGE_BACKEND": "ftp"}, timeout=60)
    assert result.returncode != 0 and "STORAGE_BACKEND" in result.stderr
