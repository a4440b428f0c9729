"""Every HTML page an admin can open carries the strict CSP (nonce, no inline script) and the
other security headers; every <script> carries the nonce or is inert JSON."""

import re

import pytest
from django.contrib import admin
from django.urls import reverse

from tests.security.conftest import ROLE_USER, ROLES
from tests.security.matrix import MATRIX, OK, PUBLIC

SCRIPT_TAG = re.compile(r"<script\b[^>]*>", re.IGNORECASE)


def admin_html_pages(world):
    for name, entry in MATRIX.items():
        if entry.expected("admin", "own", "GET") == OK:
            yield name, reverse(name, kwargs=entry.kwargs(world["own"], world))


def assert_secure_html(response, where, *, full_page=True):
    """`full_page=False` for htmx partials: Django adds the nonce only when the page used it, so a
    partial without a <script> gets the stricter policy without one."""
    csp = response.headers.get("Content-Security-Policy", "")
    script_src = re.search(r"script-src ([^;]+)", csp)
    assert script_src, f"{where}: no script-src in CSP {csp!r}"
    assert "'unsafe-inline'" not in script_src.group(1), where
    nonce = re.search(r"'nonce-([^']+)'", script_src.group(1))
    tags = SCRIPT_TAG.findall(response.content.decode())
    runnable = [tag for tag in tags if 'type="application/json"' not in tag]
    assert nonce or not (full_page or runnable), f"{where}: no nonce in script-src"
    assert response.headers.get("X-Frame-Options") == "DENY", where
    assert response.headers.get("X-Content-Type-Options") == "nosniff", where
    assert response.headers.get("Referrer-Policy") == "same-origin", where
    for tag in tags:
        assert (nonce and f'nonce="{nonce.group(1)}"' in tag) or 'type="application/json"' in tag, (where, tag)


@pytest.mark.django_db
@pytest.mark.parametrize("htmx", [False, True])
def test_every_admin_page_has_strict_csp_and_security_headers(world, client, htmx):
    client.force_login(world["admin"])
    checked = 0
    for name, url in admin_html_pages(world):
        response = client.get(url, **({"HTTP_HX_REQUEST": "true"} if htmx else {}))
        if not response.get("Content-Type", "").startswith("text/html") or response.status_code != 200:
            continue
        assert_secure_html(response, f"{name} {url}", full_page=not htmx)
        checked += 1
    assert checked >= 30


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["login", "feedback:partner_form", "feedback:partner_thanks"])
def test_public_pages_have_the_same_headers(name, world, client):
    response = client.get(reverse(name, kwargs=PUBLIC[name](world)))
    assert_secure_html(response, name)


@pytest.mark.django_db
def test_admin_site_is_for_staff_only(world, client):
    """Every /admin/ URL sends a non-staff user (admin role included) to the admin sign-in."""
    index = reverse("admin:index")
    for role in ROLES:
        client.force_login(world[ROLE_USER[role]])
        for model in admin.site._registry:
            url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
            response = client.get(url)
            assert response.status_code == 302 and "/admin/login/" in response["Location"], url
        assert client.get(index).status_code == 302
    world["admin"].is_staff = world["admin"].is_superuser = True
    world["admin"].save()
    client.force_login(world["admin"])
    assert client.get(index).status_code == 200
