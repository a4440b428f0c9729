"""Per account manager: promises kept out of promises due, with the counts shown."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.models import ActionItem
from accounts.team import team_figures
from feedback import services as feedback_services

pytestmark = pytest.mark.django_db


def test_action_items_on_time_count_done_by_the_due_date_out_of_all_due(alliance):
    today = timezone.localdate()
    am = alliance["am_a"]
    for days_ago, done_days_after_due in ((10, 0), (20, 3), (5, None)):
        due = today - timedelta(days=days_ago)
        done = (timezone.now() - timedelta(days=days_ago - done_days_after_due)
                if done_days_after_due is not None else None)
        ActionItem.objects.create(account=alliance["adv_a"], title="x", owner=am, due_on=due, done_at=done)
    row = next(row for row in team_figures(alliance["admin"]) if row.person == am)
    assert (row.action_items.met, row.action_items.total) == (1, 3)


def test_unanswered_feedback_past_its_deadline_counts_as_late(alliance):
    feedback = feedback_services.create_feedback(user=alliance["am_a"], source="advertiser",
                                                 account=alliance["adv_a"], kind="billing", text="late")
    type(feedback).objects.filter(pk=feedback.pk).update(respond_by=timezone.now() - timedelta(hours=1))
    row = next(row for row in team_figures(alliance["admin"]) if row.person == alliance["am_a"])
    assert (row.responses_on_time.met, row.responses_on_time.total) == (0, 1)


def test_executives_see_everyone_and_an_account_manager_only_themselves(alliance, client_for):
    page = client_for(alliance["executive"]).get(reverse("accounts:team")).content.decode()
    assert str(alliance["am_a"]) in page and str(alliance["am_b"]) in page
    own = client_for(alliance["am_a"]).get(reverse("accounts:team")).content.decode()
    assert str(alliance["am_a"]) in own and str(alliance["am_b"]) not in own
    assert client_for(alliance["analyst"]).get(reverse("accounts:team")).status_code == 403
