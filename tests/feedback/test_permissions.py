"""Every feedback view x every role x someone else's feedback: 404 when hidden, 403 when read-only."""

import pytest
from django.urls import reverse

from feedback.models import Feedback, FeedbackLink, Reply

pytestmark = pytest.mark.django_db

ROLES = ("am_a", "am_b", "lead_a", "lead_b", "admin", "executive", "analyst")

OBJECT_VIEWS = {
    # name: (method, post data)
    "feedback_detail": ("get", None),
    "quick_action": ("post", {"action": "acknowledge"}),
    "feedback_reply": ("post", {"kind": "partner", "text": "Hello"}),
    "feedback_status": ("post", {"status": "acknowledged"}),
    "feedback_triage": ("post", {"kind": "billing", "priority": "urgent"}),
    "feedback_sentiment": ("post", {"sentiment": "negative"}),
    "feedback_redact": ("post", {"fields": ["text"], "reason": "Asked to"}),
}

# Who sees which feedback (fb_a: am_a's advertiser, campaign led by lead_a; fb_b: am_b's;
# fb_secret: confidential account of am_b; fb_public: no account, owned by am_b).
VISIBLE = {
    "fb_a": {"am_a", "lead_a", "admin", "executive", "analyst"},
    "fb_b": {"am_b", "lead_b", "admin", "executive", "analyst"},
    "fb_secret": {"am_b", "admin", "executive"},
    "fb_public": {"am_b", "admin", "executive"},
}
WRITERS = {"am_a", "am_b", "lead_a", "lead_b", "admin"}


def expected_status(role, item, view, htmx):
    if role not in VISIBLE[item]:
        return 404
    if view == "feedback_detail":
        return 200
    if view == "feedback_redact":
        return 302 if role == "admin" else 403
    if role not in WRITERS:
        return 403
    return 200 if htmx else 302  # htmx gets the refreshed partial instead of a redirect


CASES = [(role, item, view) for role in ROLES for item in VISIBLE for view in OBJECT_VIEWS]


@pytest.mark.parametrize("role, item, view", CASES)
@pytest.mark.parametrize("htmx", [False, True], ids=["plain", "htmx"])
def test_object_views_by_role(client, world, role, item, view, htmx):
    feedback = world[item]
    method, data = OBJECT_VIEWS[view]
    client.force_login(world[role])
    headers = {"HX-Request": "true"} if htmx else {}
    url = reverse(f"feedback:{view}", args=[feedback.pk])
    before = _state(feedback)
    response = getattr(client, method)(url, data or {}, headers=headers)
    expected = expected_status(role, item, view, htmx)
    assert response.status_code == expected
    if expected in (403, 404):
        assert _state(feedback) == before
        assert feedback.text not in response.content.decode()


def _state(feedback):
    fresh = Feedback.objects.get(pk=feedback.pk)
    return (fresh.status, fresh.kind, fresh.priority, fresh.sentiment, fresh.text,
            Reply.objects.filter(feedback=fresh).count())


@pytest.mark.parametrize("role", ROLES)
def test_lists_dashboard_and_exports_show_only_visible_feedback(client, world, role):
    client.force_login(world[role])
    pages = [
        client.get(reverse("feedback:inbox"), {"status": "all"}).content.decode(),
        client.get(reverse("feedback:inbox_export"), {"status": "all"}).content.decode(),
        client.get(reverse("feedback:dashboard")).content.decode(),
        client.get(reverse("home")).content.decode(),
    ]
    for item in VISIBLE:
        shown = world[item].text in pages[0] and world[item].text in pages[1]
        assert shown == (role in VISIBLE[item]), item
    hidden_accounts = {"am_a": ["Advertiser B", "Secret Brand"], "analyst": ["Secret Brand"],
                       "lead_a": ["Advertiser B"]}.get(role, [])
    for name in hidden_accounts:
        assert name not in pages[2]


@pytest.mark.parametrize("role, status", [
    ("am_a", 200), ("am_b", 200), ("lead_a", 200), ("admin", 200), ("executive", 403), ("analyst", 403),
])
@pytest.mark.parametrize("view", ["feedback_create", "import"])
def test_collection_writes_are_refused_to_read_only_roles(client, world, role, status, view):
    client.force_login(world[role])
    assert client.get(reverse(f"feedback:{view}")).status_code == status
    count = Feedback.objects.count()
    response = client.post(reverse(f"feedback:{view}"), {})
    assert response.status_code == (403 if status == 403 else 400)
    assert Feedback.objects.count() == count


LINK_CREATE = {  # account: roles that may create links, roles that see the account (others 404)
    "adv_a": ({"am_a", "admin"}, {"am_a", "lead_a", "admin", "executive", "analyst"}),
    "adv_b": ({"am_b", "admin"}, {"am_b", "lead_b", "admin", "executive", "analyst"}),
    "secret": ({"am_b", "admin"}, {"am_b", "admin", "executive"}),
}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("account", list(LINK_CREATE))
def test_only_the_accounts_managers_create_feedback_links(client, world, role, account):
    creators, viewers = LINK_CREATE[account]
    client.force_login(world[role])
    url = reverse("feedback:link_create", args=[world[account].pk])
    expected = 200 if role in creators else 403 if role in viewers else 404
    assert client.get(url).status_code == expected
    links = FeedbackLink.objects.count()
    response = client.post(url, {"valid_days": 7, "purpose": "After the review"})
    assert response.status_code == (302 if expected == 200 else expected)
    assert FeedbackLink.objects.count() == links + (1 if expected == 200 else 0)


@pytest.mark.parametrize("role, expected", [
    ("am_a", 404), ("am_b", 200), ("lead_a", 404), ("lead_b", 403), ("admin", 200),
    ("executive", 403), ("analyst", 403),
])
def test_link_detail_shows_the_token_only_to_the_accounts_managers(client, world, role, expected):
    client.force_login(world[role])
    response = client.get(reverse("feedback:link_detail", args=[world["link_b"].pk]))
    assert response.status_code == expected
    assert (world["link_b"].token in response.content.decode()) == (expected == 200)


def test_mass_assignment_of_owner_or_account_through_reply_is_ignored(client, world):
    client.force_login(world["am_a"])
    client.post(reverse("feedback:feedback_reply", args=[world["fb_a"].pk]),
                {"kind": "internal", "text": "note", "owner": world["am_b"].pk, "account": world["adv_b"].pk})
    world["fb_a"].refresh_from_db()
    assert world["fb_a"].owner == world["am_a"] and world["fb_a"].account == world["adv_a"]


def test_pages_require_sign_in_except_the_partner_form(client, world):
    for name, args in (("inbox", []), ("dashboard", []), ("feedback_detail", [world["fb_a"].pk])):
        response = client.get(reverse(f"feedback:{name}", args=args))
        assert response.status_code == 302 and response["Location"].startswith(reverse("login"))
    assert client.get(world["link_a"].get_public_url()).status_code == 200
