"""axe-core, fetched from the npm registry at test-setup time and cached in a git-ignored folder.

The browser suite never loads it from a CDN at run time: the tarball's sha512 (the registry's
`dist.integrity`) is pinned here, so a changed or truncated download is refused. The page's CSP
rightly blocks injected <script> tags, so the source is evaluated with `page.evaluate`.
"""

import base64
import hashlib
import io
import json
import os
import tarfile
import urllib.request
from pathlib import Path

import pytest

VERSION = "4.14.1"
INTEGRITY = "sha512-FHfa+lmNjQZfJz1q8wKqIDwC6DExcHt/pkjNQb09a3NPjCKg2rhu5qb2S4r76ASyFNNtuFooJpZe37OgudVGtQ=="
REGISTRY = os.environ.get("NPM_REGISTRY", "https://registry.npmjs.org").rstrip("/")
CACHE = Path(__file__).resolve().parent / ".axe-core"  # git-ignored
TIMEOUT = 30


def _verified(tarball):
    algorithm, _, expected = INTEGRITY.partition("-")
    digest = base64.b64encode(hashlib.new(algorithm, tarball).digest()).decode()
    if digest != expected:
        raise ValueError(f"axe-core {VERSION}: the tarball's {algorithm} is not the pinned one")
    return tarball


def download():
    """The tarball from the registry (its metadata names the tarball URL), checked against INTEGRITY."""
    with urllib.request.urlopen(f"{REGISTRY}/axe-core/{VERSION}", timeout=TIMEOUT) as response:  # noqa: S310
        tarball_url = json.load(response)["dist"]["tarball"]
    with urllib.request.urlopen(tarball_url, timeout=TIMEOUT) as response:  # noqa: S310
        tarball = _verified(response.read())
    with tarfile.open(fileobj=io.BytesIO(tarball), mode="r:gz") as archive:
        return archive.extractfile("package/axe.min.js").read().decode()


def source():
    """axe.min.js of the pinned version: from the cache, else from the registry (then cached).

    When it cannot be had, the browser checks fail under CI (CI=true) and are skipped, saying
    why, everywhere else (a laptop without network still runs the rest of the suite).
    """
    cached = CACHE / f"axe-{VERSION}.min.js"
    if cached.exists():
        return cached.read_text()
    try:
        text = download()
    except (OSError, ValueError, KeyError, tarfile.TarError) as error:
        reason = f"axe-core {VERSION} could not be downloaded from {REGISTRY}: {error}"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(reason)
        pytest.skip(reason + " (outside CI the accessibility checks are skipped)")
    CACHE.mkdir(exist_ok=True)
    (CACHE / ".gitignore").write_text("*\n")
    cached.write_text(text)
    return text
