"""`seed_demo --language zh`: a Chinese team sees a realistic alliance in Chinese."""

import re

from django.core.management import call_command
from django.urls import reverse

from accounts.models import Account, Meeting, User
from campaigns.models import Campaign
from crisis.models import Incident, TimelineEntry
from feedback.models import Feedback
from socialcrm.demo import DemoContext
from socialcrm.demo_zh import TEXTS

HAN = re.compile(r"[\u4e00-\u9fff]")


def test_the_chinese_demo_writes_chinese_data_and_staff_read_chinese(client, db):
    call_command("seed_demo", language="zh")
    assert set(Campaign.objects.values_list("status", flat=True)) == set(Campaign.Status.values)
    assert all(HAN.search(name) for name in Account.objects.values_list("name", flat=True))
    assert all(HAN.search(name) for name in Campaign.objects.values_list("name", flat=True))
    assert Account.objects.filter(name="露美护肤").exists() and Campaign.objects.filter(name="冬日暖杯").exists()
    assert all(HAN.search(text) for text in Meeting.objects.exclude(minutes="").values_list("minutes", flat=True))
    assert all(HAN.search(text) for text in Incident.objects.values_list("title", flat=True))
    assert all(HAN.search(text) for text in Feedback.objects.values_list("text", flat=True))
    assert set(User.objects.values_list("language", flat=True)) == {"zh-hans"}
    assert User.objects.get(username="am").get_full_name() == "王美"

    client.force_login(User.objects.get(username="am"))
    client.cookies["django_language"] = "zh-hans"
    incident = Incident.objects.get(title="秋日焕彩更换创意后点击率骤降")
    page = client.get(incident.get_absolute_url()).content.decode()
    assert "状态：" in page and "创意已回滚。" in page
    assert "Status:" not in page and "Incident opened by" not in page


def test_the_english_demo_is_unchanged_and_its_timeline_is_worded_per_reader(db):
    call_command("seed_demo")
    assert Account.objects.filter(name="Lumière Skincare").exists()
    assert User.objects.get(username="am").get_full_name() == "Mei Wang"
    entry = TimelineEntry.objects.filter(kind="opened").order_by("at").first()
    assert entry.message.startswith("Incident opened by Mei Wang") and entry.message_data["code"] == "incident_opened"


def test_every_chinese_demo_text_is_chinese():
    assert all(HAN.search(zh) for zh in TEXTS.values())
    ctx = DemoContext(language="zh")
    assert ctx.say("Winter Warm Cups") == "冬日暖杯" and DemoContext().say("Winter Warm Cups") == "Winter Warm Cups"


def test_the_language_switch_of_the_demo_is_documented(settings):
    from pathlib import Path

    readme = (Path(settings.BASE_DIR) / "README.md").read_text(encoding="utf-8")
    assert "seed_demo --language zh" in readme
    assert reverse("home")  # the demo logins in the README work for both languages
