"""Every URL x every role x {own, someone else's object} x {GET, POST} x {plain, htmx}.

The table of expectations lives in tests/security/matrix.py; a URL missing from it fails here.
"""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.security.conftest import ROLE_USER, ROLES, SEES_CONFIDENTIAL
from tests.security.matrix import (
    DELEGATED_PREFIXES,
    FORBIDDEN,
    MATRIX,
    NOT_FOUND,
    OK,
    PUBLIC,
    PUBLIC_UNNAMED,
)

SECRET_MARKER = "Secret Brand"  # in the name of every "other" object
READ_ONLY = {"executive", "analyst"}
HTMX = {"HTTP_HX_REQUEST": "true"}


def url_names(patterns=None, namespace=""):
    """Every URL pattern as "namespace:name" (unnamed ones by their route, so they cannot hide)."""
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from url_names(pattern.url_patterns, inner)
        elif isinstance(pattern, URLPattern):
            yield f"{namespace}{pattern.name or f'<unnamed {pattern.pattern}>'}"


def is_registered(name):
    return (name in MATRIX or name in PUBLIC or name in PUBLIC_UNNAMED
            or name.startswith(DELEGATED_PREFIXES))


def test_every_url_pattern_has_an_entry_in_the_matrix():
    missing = sorted({name for name in url_names() if not is_registered(name)})
    assert not missing, "\n".join(
        f"URL name {name!r} has no entry in the authorization matrix: add "
        f'"{name}": page(...)/form(...)/action(...) to MATRIX in tests/security/matrix.py '
        f"(or to PUBLIC if it needs no sign-in); see that module's docstring."
        for name in missing
    )


def test_matrix_lists_no_url_that_does_not_exist():
    assert set(MATRIX) | set(PUBLIC) <= set(url_names())


def body_of(response):
    """The whole body, also of a streamed download."""
    if response.streaming:
        return b"".join(response.streaming_content).decode(errors="replace")
    return response.content.decode(errors="replace")


def classify(response):
    return OK if response.status_code <= 400 else response.status_code


def _request(client, method, url, htmx):
    headers = HTMX if htmx else {}
    return client.get(url, **headers) if method == "GET" else client.post(url, {}, **headers)


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(MATRIX))
def test_authz_matrix(name, world, client, row_counts, rolled_back, uninstrumented_templates):
    entry = MATRIX[name]
    failures = []
    for role in ROLES:
        user = world[ROLE_USER[role]]
        client.force_login(user)
        for whose in ("own", "other") if entry.scoped else ("own",):
            url = reverse(name, kwargs=entry.kwargs(world[whose], world))
            for method in ("GET", "POST"):
                expected = entry.expected(role, whose, method)
                for htmx in (False, True):
                    read_only_write = method == "POST" and role in READ_ONLY and not entry.personal
                    before = row_counts() if read_only_write else None
                    with rolled_back():
                        response = _request(client, method, url, htmx)
                        after = row_counts() if before is not None else None
                    cell = f"{role:15} {whose:5} {method:4} {'htmx' if htmx else 'plain'}"
                    got = classify(response)
                    if got != expected:
                        failures.append(f"{cell}: expected {expected}, got {response.status_code}")
                    if role not in SEES_CONFIDENTIAL and SECRET_MARKER in body_of(response):
                        failures.append(f"{cell}: LEAK, the body names {SECRET_MARKER!r}")
                    if before is not None and before != after:
                        changed = {t: (before[t], after[t]) for t in before if before[t] != after[t]}
                        failures.append(f"{cell}: read-only role changed rows {changed}")
    assert not failures, f"{name}:\n" + "\n".join(failures)


@pytest.mark.django_db
def test_refusals_are_the_right_kind(world):
    """Sanity of the table itself: an object of someone else is a 404 for every role that may
    not see it, and the read-only roles never get to write."""
    for name, entry in MATRIX.items():
        for role in READ_ONLY - ({"executive", "analyst"} if entry.personal else set()):
            refusals = {FORBIDDEN, 405, NOT_FOUND} if entry.owned else {FORBIDDEN, 405}
            assert entry.expected(role, "own", "POST") in refusals, (name, role)
        if entry.scoped:
            for role in set(ROLES) - SEES_CONFIDENTIAL:
                refused_first = entry.role_first and role not in entry.readers
                assert entry.expected(role, "other", "GET") in (
                    {FORBIDDEN} if refused_first else {NOT_FOUND, 405}), (name, role)


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(PUBLIC))
def test_public_urls_answer_without_sign_in(name, world, client):
    url = reverse(name, kwargs=PUBLIC[name](world))
    response = client.get(url)
    assert response.status_code < 400, (name, response.status_code)
    assert not response.get("Location", "").startswith(reverse("login")), name


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(MATRIX))
def test_private_urls_send_strangers_to_sign_in(name, world, client):
    entry = MATRIX[name]
    if name == "logout":
        pytest.skip("signing out needs no account")
    url = reverse(name, kwargs=entry.kwargs(world["own"], world))
    for method in ("GET", "POST"):
        response = _request(client, method, url, htmx=False)
        assert response.status_code in (302, 405), (name, method, response.status_code)
        if response.status_code == 302:
            assert response["Location"].startswith(reverse("login")), (name, method)
