"""Every page of every role, in Simplified Chinese at 390 x 844: axe-core, English, dates, overflow.

See tests/e2e/crawl.py for the checks and docs/accessibility.md for how to keep pages passing.
"""

import time
from collections import Counter

import pytest
from django.urls import reverse

from tests.e2e import axe
from tests.e2e.crawl import (
    CRAWL_ROLES,
    EXCLUDED,
    LOCALE,
    VIEWPORT,
    check_page,
    data_pattern,
    data_strings,
    english_leftovers,
    pages_for,
    public_pages,
)
from tests.factories import TEST_PASSWORD
from tests.security.conftest import ROLE_USER, world  # noqa: F401 - the security suite's world
from tests.security.matrix import MATRIX, PUBLIC


@pytest.fixture(scope="session")
def axe_source():
    return axe.source()


@pytest.fixture
def chinese_phone(browser, live_server, settings):
    """A browser context per role: a 390 x 844 phone asking for Simplified Chinese."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    contexts = []

    def open_context(username=None):
        context = browser.new_context(viewport=VIEWPORT, locale=LOCALE)
        contexts.append(context)
        page = context.new_page()
        if username:
            page.goto(f"{live_server.url}{reverse('login')}")
            page.fill("#id_username", username)
            page.fill("#id_password", TEST_PASSWORD)
            page.click("button[type=submit]")
            page.wait_for_url(lambda url: "/login/" not in url)  # staff land on /, partners on /portal/
        return page

    yield open_context
    for context in contexts:
        context.close()


def _crawl(page, live_server, pages, axe_source, *, who):
    data = data_pattern(data_strings())
    failures, started, timings = [], time.monotonic(), Counter()
    for name, path in pages:
        problems = check_page(page, f"{live_server.url}{path}", axe_source, data, timings)
        if problems:
            failures.append(f"{who} {name} {path}\n  " + "\n  ".join(problems))
    elapsed = time.monotonic() - started
    summary = f"crawl {who}: {len(pages)} pages in {elapsed:.1f}s (" + ", ".join(
        f"{phase} {seconds:.1f}s" for phase, seconds in timings.items()) + ")"
    print(summary)
    assert not failures, f"{summary}; {len(failures)} fail:\n" + "\n".join(failures)


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("role", CRAWL_ROLES)
def test_every_page_of_the_role_passes_in_chinese_on_a_phone(role, world, chinese_phone, live_server,  # noqa: F811
                                                              axe_source):
    user = world[ROLE_USER[role]]
    if not user.has_usable_password():  # the world's partner user signs in by emailed link
        user.set_password(TEST_PASSWORD)
        user.save(update_fields=["password"])
    page = chinese_phone(user.username)
    pages = pages_for(role, world)
    assert len(pages) > (5 if role == "partner" else 10), pages  # the portal is a few pages
    _crawl(page, live_server, pages, axe_source, who=role)


@pytest.mark.django_db(transaction=True)
def test_public_pages_pass_in_chinese_on_a_phone(world, chinese_phone, live_server, axe_source):  # noqa: F811
    _crawl(chinese_phone(), live_server, public_pages(world), axe_source, who="anonymous")


def test_every_exclusion_names_a_url_and_says_why():
    assert set(EXCLUDED) <= set(MATRIX) | set(PUBLIC)
    assert all(len(reason) > 10 for reason in EXCLUDED.values())


def test_the_english_check_reports_interface_words_but_not_data_names_or_codes():
    data = data_pattern({"Bill", "Own contact", "am_a"})
    texts = ["Billing", "Bill 已到期", "Own contact · am_a", "Mark all read", "CNY 1,000",
             "点击率 at least 1.20", "https://x.example/a 链接", "抖音 Douyin · KPI"]
    reported = english_leftovers(texts, data)
    assert [line.split(" (English")[0] for line in reported] == [
        "'Billing'", "'Mark all read'", "'点击率 at least 1.20'"]


def test_a_tarball_other_than_the_pinned_axe_core_is_refused():
    with pytest.raises(ValueError, match="not the pinned one"):
        axe._verified(b"\x1f\x8b a different package")
