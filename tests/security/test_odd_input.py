"""Odd input gets a page, a redirect or a 4xx, never a 500.

Found by fuzzing the first version: a `next=` that is a plain word was resolved as a view name,
dates like 9999-12-31 overflowed date arithmetic, and ids beyond 64 bits overflowed on SQLite.
Every GET page of the authorization matrix is requested with such values in every query parameter
the app reads, and every POST action with such a `next=`.
"""

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.security.conftest import ROLE_USER
from tests.security.matrix import MATRIX, NOT_ALLOWED

# Every query parameter a view or filter form reads.
PARAMETERS = ("next", "page", "start", "end", "day", "period", "before", "kind", "status", "window",
              "signal", "account", "advertiser", "publisher", "platform", "q", "format", "priority",
              "sentiment", "source", "mine", "breached", "field", "due_on", "launch_on", "campaign",
              "index", "user", "role", "topic", "review_on")
# Each of these broke a page of the first version or is a classic of its kind; every page gets each.
ODD_VALUES = (
    "nothing-here", "9999-12-31", "0001-01-01T00:00:00", "2026-13-45T99:99", "-1",
    "99999999999999999999", "//evil.example/x", "\x00",
)
# The hypothesis test draws from these as well as from arbitrary text, integers and dates.
MORE_ODD_VALUES = ODD_VALUES + (
    "0001-01-01", "9999-12-31T23:59:59", "NaN", "", "home", "accounts:advertiser_list", "admin", "2026-02-30", "0", "18446744073709551616",
    "9223372036854775808", "1e309", "https://evil.example/", "javascript:alert(1)", "😀",
    "' OR 1=1 --", "../../etc/passwd", " ",
)
GET_PAGES = sorted(name for name, entry in MATRIX.items() if entry.get != NOT_ALLOWED)
POST_ACTIONS = sorted(name for name, entry in MATRIX.items() if entry.post != NOT_ALLOWED)


def _url(world, name):
    return reverse(name, kwargs=MATRIX[name].kwargs(world["own"], world))


@pytest.fixture
def admin_client(client, world):
    client.force_login(world[ROLE_USER["admin"]])
    return client


def _server_error(client, method, url, data):
    """None when the app answered below 500, else what went wrong (to list every failure at once)."""
    try:
        response = getattr(client, method)(url, data)
    except Exception as error:  # the test client re-raises the view's exception
        return f"{method.upper()} {url} {data!r}: {error!r}"
    if response.status_code >= 500:
        return f"{method.upper()} {url} {data!r}: {response.status_code}"
    assert "evil.example" not in response.get("Location", ""), url
    return None


@pytest.mark.django_db
def test_every_page_answers_odd_query_parameters_without_a_server_error(admin_client, world,
                                                                         uninstrumented_templates):
    errors = [_server_error(admin_client, "get", _url(world, name), dict.fromkeys(PARAMETERS, value))
              for value in ODD_VALUES for name in GET_PAGES]
    assert not "\n".join(filter(None, errors))


# The date, date-time and multiple-choice fields of the app's forms.
FORM_FIELDS = ("due_on", "launch_on", "start_on", "end_on", "held_at", "next_meeting_on", "sent_at",
               "received_at", "started_on", "day", "accounts", "campaigns", "publishers",
               "staff_attendees", "contact_attendees", "owner", "account", "campaign", "recipient")


@pytest.mark.django_db
def test_every_form_and_action_answers_odd_input_without_a_server_error(admin_client, world,
                                                                        rolled_back,
                                                                        uninstrumented_templates):
    errors = []
    for name in POST_ACTIONS:
        for next_value, odd in (("home", "9999-12-31"), ("nothing-here", "0001-01-01T00:00"),
                                ("accounts:advertiser_list", "99999999999999999999"),
                                ("//evil.example/", "-1")):
            data = {**dict.fromkeys(FORM_FIELDS, odd), "next": next_value}
            with rolled_back():
                errors.append(_server_error(admin_client, "post", _url(world, name), data))
    assert not "\n".join(filter(None, errors))


@pytest.mark.django_db
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(name=st.sampled_from(GET_PAGES),
       params=st.dictionaries(st.sampled_from(PARAMETERS),
                              st.one_of(st.sampled_from(MORE_ODD_VALUES), st.text(max_size=12),
                                        st.integers().map(str), st.dates().map(str)),
                              max_size=5))
def test_random_odd_query_parameters_never_cause_a_server_error(admin_client, world, name, params):
    assert _server_error(admin_client, "get", _url(world, name), params) is None


HUGE_ID = "99999999999999999999"
DATE_ERROR = "Enter a date between 1900-01-01 and 2100-12-31."


@pytest.mark.django_db
@pytest.mark.parametrize("day", ["9999-12-31", "0001-01-01"])
def test_moving_a_milestone_to_the_edge_of_time_is_a_form_error(admin_client, world, day):
    milestone = world["own"]["milestone"]
    due_on = milestone.due_on
    url = reverse("campaigns:milestone_move", args=[milestone.pk])
    assert DATE_ERROR in admin_client.get(url, {"due_on": day}).content.decode()
    response = admin_client.post(url, {"due_on": day})
    assert response.status_code == 200 and DATE_ERROR in response.content.decode()
    milestone.refresh_from_db()
    assert milestone.due_on == due_on


@pytest.mark.django_db
def test_a_meeting_with_an_impossible_attendee_id_or_date_is_refused_and_not_saved(admin_client, world):
    account = world["own"]["account"]
    meetings = account.meetings.count()
    response = admin_client.post(reverse("accounts:meeting_create", args=[account.pk]), {
        "kind": "call", "held_at": "9999-12-31T23:59", "staff_attendees": [HUGE_ID],
        "contact_attendees": [HUGE_ID], "next_meeting_on": "0001-01-01", "minutes": "Talked."})
    page = response.content.decode()
    assert response.status_code < 500
    assert page.count(DATE_ERROR) == 2 and f"{HUGE_ID} is not one of the available choices" in page
    assert account.meetings.count() == meetings


@pytest.mark.django_db
def test_an_incident_naming_an_impossible_account_id_is_a_form_error(admin_client, world):
    response = admin_client.post(reverse("crisis:incident_create"), {
        "title": "Outage", "incident_type": "performance", "severity": "high", "scope": "account",
        "owner": world["admin"].pk, "accounts": [HUGE_ID], "campaigns": [HUGE_ID]})
    assert response.status_code < 500
    assert f"{HUGE_ID} is not one of the available choices" in response.content.decode()


@pytest.mark.django_db
def test_the_dashboard_shows_a_refused_date_and_will_not_export_for_it(admin_client, world):
    page = admin_client.get(reverse("reports:dashboard"), {"start": "0001-01-01", "end": "9999-12-31"})
    assert page.status_code == 200 and page.content.decode().count(DATE_ERROR) == 2
    export = admin_client.get(reverse("reports:dashboard_export", args=["by_advertiser", "csv"]),
                              {"end": "9999-12-31"})
    assert export.status_code == 400 and DATE_ERROR in export.content.decode()


@pytest.mark.django_db
def test_a_report_for_a_day_beyond_2100_is_refused_with_the_reason(admin_client, world):
    account = world["own"]["account"]
    page = admin_client.get(reverse("reports:account_report", args=[account.pk]), {"day": "9999-12-31"})
    assert page.status_code == 200 and DATE_ERROR in page.content.decode()
    export = admin_client.get(reverse("reports:account_report_export", args=[account.pk, "csv"]),
                              {"day": "9999-12-31"})
    assert export.status_code == 400 and DATE_ERROR in export.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("before", ["2026-13-45T99:99", "9999-12-31T23:59:59", "0001-01-01", "yesterday"])
def test_the_timeline_ignores_a_before_that_is_no_usable_time(admin_client, world, before):
    account = world["own"]["account"]
    response = admin_client.get(reverse("accounts:account_detail", args=[account.pk]), {"before": before})
    assert response.status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize(("next_value", "lands_on"), [
    ("nothing-here", "campaign"), ("home", "campaign"), ("//evil.example/", "campaign"),
    ("https://evil.example/", "campaign"), ("/campaigns/", "/campaigns/")])
def test_after_an_action_next_is_followed_only_to_a_path_on_this_site(admin_client, world, next_value,
                                                                      lands_on):
    milestone = world["own"]["milestone"]
    response = admin_client.post(reverse("campaigns:milestone_status", args=[milestone.pk]),
                                 {"status": "in_progress", "next": next_value})
    expected = milestone.campaign.get_absolute_url() if lands_on == "campaign" else lands_on
    assert response.status_code == 302 and response["Location"] == expected


@pytest.mark.django_db
def test_a_nul_character_in_a_filter_or_form_is_refused_with_a_400(admin_client, world):
    page = admin_client.get(reverse("accounts:account_export", kwargs={"side": "advertiser"}), {"q": "a\x00b"})
    assert page.status_code == 400 and "NUL character" in page.content.decode()
    account = world["own"]["account"]
    form = admin_client.post(reverse("accounts:contact_create", args=[account.pk]), {"name": "Li\x00"})
    assert form.status_code == 400 and not account.contacts.filter(name__startswith="Li").exists()
