"""Notifications, warning signals, incident timelines and emails are stored as codes and
parameters and worded in the reader's language when shown or sent (issue 15)."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone, translation

from accounts import services as account_services
from crisis import services as crisis_services
from crisis.models import Incident, Signal, TimelineEntry
from notifications.models import Notification
from outbox.models import OutgoingMessage
from socialcrm import messages
from tests.crisis.factories import WarningRuleFactory, kpi_target, record_daily_facts


def _reader(client, user, language):
    client.force_login(user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    return client


def _ctr_signal(alliance):
    kpi_target(alliance["campaign_a"], "ctr", target="1.2", at_risk="1.0")
    record_daily_facts(alliance["campaign_a"], 7, impressions=10_000, clicks=50)  # CTR 0.5 %
    WarningRuleFactory()
    crisis_services.evaluate_rules()
    return Signal.objects.get()


def test_the_same_stored_signal_and_notification_read_in_english_and_in_chinese(client, alliance):
    signal = _ctr_signal(alliance)
    note = Notification.objects.get(recipient=alliance["am_a"], kind="crisis_signal")
    assert note.message_data["code"] == "crisis_signal"  # stored as a code, not as words

    english = _reader(client, alliance["am_a"], "en").get(reverse("notifications:list")).content.decode()
    assert "Warning: CTR 0.50 % missed (target at least 1.20 %)" in english

    chinese = _reader(client, alliance["am_a"], "zh-hans").get(reverse("notifications:list")).content.decode()
    assert "预警：点击率 0.50 %，未达成（目标 不低于 1.20 %）" in chinese
    assert "missed" not in chinese and "Warning:" not in chinese

    page = client.get(signal.get_absolute_url()).content.decode()
    assert "点击率 0.50 %，未达成" in page and "时间窗口" in page and "missed" not in page


def test_an_email_to_a_chinese_recipient_is_chinese_and_to_an_english_one_english(alliance):
    alliance["am_a"].language = "zh-hans"
    alliance["am_a"].save(update_fields=["language"])
    alliance["am_b"].language = "en"
    alliance["am_b"].save(update_fields=["language"])
    due = timezone.localdate() + timedelta(days=3)
    with translation.override("en"):  # whoever acts, each recipient reads their own language
        account_services.add_action_item(actor=alliance["admin"], account=alliance["adv_a"], title="发送周报",
                                         owner=alliance["am_a"], due_on=due)
    with translation.override("zh-hans"):
        account_services.add_action_item(actor=alliance["admin"], account=alliance["adv_b"], title="Weekly call",
                                         owner=alliance["am_b"], due_on=due)

    chinese = OutgoingMessage.objects.get(to=[alliance["am_a"].email])
    assert chinese.subject == f"[SocialCRM] Advertiser A 有新的行动项：发送周报（截止 {due.isoformat()}）"
    assert "有新的行动项" in chinese.body
    english = OutgoingMessage.objects.get(to=[alliance["am_b"].email])
    assert english.subject == f"[SocialCRM] New action item on Advertiser B: Weekly call (due {due.isoformat()})"


def test_a_recipient_without_a_language_reads_the_site_default(alliance, settings):
    settings.LANGUAGE_CODE = "zh-hans"
    assert alliance["am_a"].language == ""
    assert messages.user_language(alliance["am_a"]) == "zh-hans"


def test_switching_the_language_is_remembered_for_notifications_and_email(client, alliance):
    client.force_login(alliance["am_a"])
    client.post(reverse("set_language"), {"language": "zh-hans", "next": "/"})
    alliance["am_a"].refresh_from_db()
    assert alliance["am_a"].language == "zh-hans"
    client.post(reverse("set_language"), {"language": "xx", "next": "/"})
    alliance["am_a"].refresh_from_db()
    assert alliance["am_a"].language == "zh-hans"


def test_rows_stored_before_the_codes_keep_their_text(client, alliance):
    Notification.objects.create(recipient=alliance["am_a"], kind="old", message="An old English reminder",
                                dedupe_key="old-1")
    page = _reader(client, alliance["am_a"], "zh-hans").get(reverse("notifications:list")).content.decode()
    assert "An old English reminder" in page


def test_incident_timeline_entries_are_worded_for_the_reader(alliance):
    with translation.override("zh-hans"):  # the writer's language does not matter
        incident = crisis_services.open_incident(
            user=alliance["am_a"], owner=alliance["am_a"], accounts=[alliance["adv_a"]],
            campaigns=[alliance["campaign_a"]], title="CTR collapse", incident_type=Incident.Type.PERFORMANCE,
            severity="high", scope=Incident.Scope.CAMPAIGN)
    entry = TimelineEntry.objects.filter(incident=incident, kind=TimelineEntry.Kind.OPENED).get()
    assert entry.message_data["code"] == "incident_opened"
    with translation.override("zh-hans"):
        assert entry.text.startswith("事件由") and "high" not in entry.text
    with translation.override("en"):
        assert entry.text.startswith("Incident opened by") and "(severity High)" in entry.text


def test_the_account_timeline_names_its_kinds_and_shows_no_codes(client, alliance):
    account_services.add_action_item(actor=alliance["am_a"], account=alliance["adv_a"], title="Send the deck",
                                     owner=alliance["am_a"], due_on=timezone.localdate())
    url = alliance["adv_a"].get_absolute_url()
    english = _reader(client, alliance["am_a"], "en").get(url).content.decode()
    assert '<span class="tag">Action item</span>' in english and ">action_item<" not in english
    chinese = _reader(client, alliance["am_a"], "zh-hans").get(url).content.decode()
    assert '<span class="tag">行动项</span>' in chinese and ">action_item<" not in chinese


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_every_stored_message_code_has_a_text_that_formats(language, alliance):
    """A code stored today must still be worded tomorrow: every text accepts its parameters."""

    class Names(dict):  # records which parameters a text asks for
        def __missing__(self, key):
            self[key] = 2
            return 2

    with translation.override(language):
        for code, text in messages.TEXTS.items():
            names = Names()
            text % names
            rendered = messages.render(messages.deferred(code, **names), fallback=None)
            assert rendered, code


def test_signals_raised_before_the_codes_get_a_title_worded_from_their_evidence(alliance):
    from importlib import import_module

    from django.apps import apps

    signal = _ctr_signal(alliance)
    Signal.objects.filter(pk=signal.pk).update(title_data={}, title="CTR 0.50 % missed (old wording)")
    migration = import_module("crisis.migrations.0004_signal_titles_from_evidence")
    migration.word_old_titles(apps, None)
    signal.refresh_from_db()
    with translation.override("zh-hans"):
        assert signal.display_title.startswith("点击率 0.50 %，未达成")
    with translation.override("en"):
        assert signal.display_title.startswith("CTR 0.50 % missed (target at least 1.20 %)")
