import pytest
from django.contrib.admin.sites import site
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import RequestFactory
from django.urls import get_resolver

from audit.models import AuditEntry
from feedback import services
from feedback.admin import FeedbackAdmin, ReplyInline
from feedback.models import Feedback, FeedbackLink, Redaction, Reply
from notifications.models import Notification
from outbox.mail import messages_about
from tests.accounts.factories import ContactFactory
from tests.feedback.factories import FeedbackFactory, ReplyFactory

pytestmark = pytest.mark.django_db


def actions_on(feedback):
    return list(AuditEntry.objects.for_object(feedback).values_list("action", flat=True))


def test_staff_logged_feedback_is_classified_prioritised_owned_and_audited(alliance):
    feedback = services.create_feedback(user=alliance["am_a"], source="advertiser", account=alliance["adv_a"],
                                        kind="billing", rating=1, text="We were overcharged, very disappointed")
    assert feedback.sentiment == "negative" and not feedback.sentiment_is_manual
    assert feedback.priority == "high"
    assert feedback.owner == alliance["am_a"]
    assert feedback.respond_by > feedback.received_at
    assert actions_on(feedback) == ["feedback.created"]
    assert Notification.objects.filter(recipient=alliance["am_a"], kind="feedback_new").exists()


def test_internal_notes_and_partner_replies_are_kept_apart(alliance, django_capture_on_commit_callbacks):
    ContactFactory(account=alliance["adv_a"], is_primary=True, email="buyer@brand-a.example")
    feedback = FeedbackFactory(account=alliance["adv_a"])
    services.add_reply(user=alliance["am_a"], feedback=feedback, kind=Reply.Kind.INTERNAL_NOTE,
                       text="Client is upset, check the invoice")
    feedback.refresh_from_db()
    assert feedback.first_response_at is None and feedback.status == "new"

    with django_capture_on_commit_callbacks(execute=True):
        reply = services.add_reply(user=alliance["am_a"], feedback=feedback, kind=Reply.Kind.PARTNER_REPLY,
                                   text="Sorry, we are fixing the invoice")
    feedback.refresh_from_db()
    sent = messages_about(reply).get()
    assert sent.to == ["buyer@brand-a.example"] and sent.status == "sent"
    assert feedback.first_response_at == sent.sent_at  # the SLA clock stops when the partner got it
    assert feedback.status == "acknowledged"
    assert [r.kind for r in feedback.replies.all()] == ["internal", "partner"]
    assert actions_on(feedback)[-2:] == ["feedback.replied", "feedback.note_added"]


def test_first_response_time_is_kept_after_later_replies(alliance, django_capture_on_commit_callbacks):
    ContactFactory(account=alliance["adv_a"], is_primary=True, email="buyer@brand-a.example")
    feedback = FeedbackFactory(account=alliance["adv_a"])
    with django_capture_on_commit_callbacks(execute=True):
        first = services.add_reply(user=alliance["am_a"], feedback=feedback, kind="partner", text="On it")
    with django_capture_on_commit_callbacks(execute=True):
        services.add_reply(user=alliance["am_a"], feedback=feedback, kind="partner", text="Done")
    feedback.refresh_from_db()
    first_sent = messages_about(first).get().sent_at
    assert feedback.first_response_at == first_sent
    assert feedback.time_to_first_response == first_sent - feedback.received_at


def test_resolving_requires_an_explanation_and_records_the_time(alliance):
    feedback = FeedbackFactory(account=alliance["adv_a"], rating=1)
    with pytest.raises(ValidationError):
        services.change_status(user=alliance["am_a"], feedback=feedback, status="resolved", resolution="  ")
    feedback.refresh_from_db()
    assert feedback.status == "new" and feedback.resolved_at is None

    services.change_status(user=alliance["am_a"], feedback=feedback, status="resolved",
                           resolution="Refunded the difference and apologised")
    feedback.refresh_from_db()
    assert feedback.status == "resolved" and feedback.resolved_at is not None
    assert feedback.first_response_at == feedback.resolved_at  # resolving answers the partner
    assert feedback.time_to_resolution is not None
    entry = AuditEntry.objects.for_object(feedback).get(action="feedback.resolved")
    assert entry.actor == alliance["am_a"] and entry.changes["status"] == ["new", "resolved"]


@pytest.mark.parametrize("current, target", [("new", "closed"), ("closed", "resolved"), ("resolved", "new")])
def test_status_follows_the_workflow(alliance, current, target):
    feedback = FeedbackFactory(account=alliance["adv_a"], status=current)
    with pytest.raises(ValidationError):
        services.change_status(user=alliance["am_a"], feedback=feedback, status=target, resolution="x")


def test_reopening_clears_the_resolution_time(alliance):
    feedback = FeedbackFactory(account=alliance["adv_a"])
    services.change_status(user=alliance["am_a"], feedback=feedback, status="resolved", resolution="Fixed")
    services.change_status(user=alliance["am_a"], feedback=feedback, status="closed")
    services.change_status(user=alliance["am_a"], feedback=feedback, status="in_progress")
    feedback.refresh_from_db()
    assert feedback.resolved_at is None and feedback.status == "in_progress"


def test_manual_sentiment_label_wins_and_can_be_handed_back(alliance):
    feedback = FeedbackFactory(account=alliance["adv_a"], text="Everything was great", sentiment="positive")
    services.label_sentiment(user=alliance["am_a"], feedback=feedback, sentiment="negative")
    feedback.refresh_from_db()
    assert (feedback.sentiment, feedback.sentiment_is_manual) == ("negative", True)
    services.label_sentiment(user=alliance["am_a"], feedback=feedback, sentiment="")
    feedback.refresh_from_db()
    assert (feedback.sentiment, feedback.sentiment_is_manual) == ("positive", False)
    assert actions_on(feedback).count("feedback.sentiment_labelled") == 2


def test_only_admins_redact_and_the_redaction_is_recorded(alliance):
    feedback = FeedbackFactory(account=alliance["adv_a"], rating=1, text="Call me on 138 0000 0000, Li Wei",
                               author_name="Li Wei", author_contact="138 0000 0000", sentiment="negative")
    for role in ("am_a", "executive", "analyst", "lead_a"):
        with pytest.raises(PermissionDenied):
            services.redact(user=alliance[role], feedback=feedback, fields=["text"], reason="GDPR request")

    redaction = services.redact(user=alliance["admin"], feedback=feedback,
                                fields=["text", "author_name", "author_contact"], reason="Erasure request")
    feedback.refresh_from_db()
    assert "138" not in feedback.text and "Li Wei" not in feedback.author_name + feedback.text
    assert feedback.text.startswith("[Redacted by an administrator")
    assert feedback.rating == 1 and feedback.sentiment == "negative"  # the record and its scores stay
    assert Feedback.objects.filter(pk=feedback.pk).exists()
    assert redaction.redacted_by == alliance["admin"] and redaction.reason == "Erasure request"
    entry = AuditEntry.objects.for_object(feedback).get(action="feedback.redacted")
    assert entry.actor == alliance["admin"] and entry.changes["reason"] == "Erasure request"


def test_redaction_needs_a_reason(alliance):
    feedback = FeedbackFactory(account=alliance["adv_a"])
    with pytest.raises(ValidationError):
        services.redact(user=alliance["admin"], feedback=feedback, fields=["text"], reason="")
    assert not Redaction.objects.exists()


def test_read_only_roles_cannot_write(alliance):
    feedback = FeedbackFactory(account=alliance["adv_a"])
    for role in ("executive", "analyst"):
        with pytest.raises(PermissionDenied):
            services.add_reply(user=alliance[role], feedback=feedback, kind="partner", text="hi")
        with pytest.raises(PermissionDenied):
            services.change_status(user=alliance[role], feedback=feedback, status="acknowledged")
    assert not feedback.replies.exists()


# --- never deleted --------------------------------------------------------------------------

def test_model_delete_raises_for_feedback_and_its_thread(alliance):
    feedback = FeedbackFactory(account=alliance["adv_a"], rating=1, sentiment="negative")
    reply = ReplyFactory(feedback=feedback, author=alliance["am_a"])
    for obj in (feedback, reply):
        with pytest.raises(PermissionError):
            obj.delete()
    with pytest.raises(PermissionError):
        Feedback.objects.filter(pk=feedback.pk).delete()
    with pytest.raises(PermissionError):
        Reply.objects.all().delete()
    with pytest.raises(PermissionError):
        FeedbackLink.objects.all().delete()
    assert Feedback.objects.filter(pk=feedback.pk).exists() and Reply.objects.filter(pk=reply.pk).exists()


def test_admin_cannot_delete_or_edit_feedback(alliance):
    request = RequestFactory().get("/admin/")
    request.user = alliance["admin"]
    feedback = FeedbackFactory(account=alliance["adv_a"])
    for model in (Feedback, FeedbackLink, Redaction):
        assert site._registry[model].has_delete_permission(request, None) is False
    assert ReplyInline(Feedback, site).has_delete_permission(request, feedback) is False
    admin = FeedbackAdmin(Feedback, site)
    assert admin.has_delete_permission(request, feedback) is False
    assert admin.has_change_permission(request, feedback) is False
    assert "delete_selected" not in admin.get_actions(request)


def test_no_url_deletes_feedback():
    feedback_patterns = get_resolver().namespace_dict["feedback"][1].reverse_dict
    feedback_names = [name for name in feedback_patterns if isinstance(name, str)]
    assert "inbox" in feedback_names
    assert not [name for name in feedback_names if "delete" in name or "remove" in name]


def test_admin_delete_page_is_refused(client, alliance):
    alliance["admin"].is_staff = alliance["admin"].is_superuser = True
    alliance["admin"].save()
    feedback = FeedbackFactory(account=alliance["adv_a"])
    client.force_login(alliance["admin"])
    response = client.post(f"/admin/feedback/feedback/{feedback.pk}/delete/", {"post": "yes"})
    assert response.status_code in (302, 403)
    assert Feedback.objects.filter(pk=feedback.pk).exists()
    client.post("/admin/feedback/feedback/", {"action": "delete_selected", "_selected_action": [feedback.pk],
                                              "post": "yes"})
    assert Feedback.objects.filter(pk=feedback.pk).exists()
