from pathlib import Path

import pytest
import yaml
from django.conf import settings
from django.core.management import call_command
from django.urls import reverse

from accounts.models import Account, User
from campaigns.models import Campaign, DailyPerformance
from socialcrm.tasks import ping

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(
    "role, visible, hidden",
    [
        ("executive", ["ROI dashboard", "Advertisers"], ["Plan board", "Portfolio"]),
        ("account_manager", ["Advertisers", "Campaigns"], ["ROI dashboard", "Plan board"]),
        ("project_lead", ["Campaigns"], ["ROI dashboard", "Portfolio"]),
        ("analyst", ["Campaigns"], ["Plan board", "Portfolio", "Feedback"]),
    ],
)
def test_navigation_shows_what_the_role_may_use(client, make_user, role, visible, hidden):
    client.force_login(make_user(role))
    page = client.get(reverse("home")).content.decode()
    nav = page.split('class="mainnav"')[1].split("</nav>")[0]
    for label in visible:
        if label in ("ROI dashboard",) and "reports:dashboard" not in _routed():
            continue
        assert label in nav
    for label in hidden:
        assert label not in nav


def _routed():
    from django.urls import NoReverseMatch

    try:
        reverse("reports:dashboard")
        return {"reports:dashboard"}
    except NoReverseMatch:
        return set()


def test_home_page_is_role_specific(client, alliance):
    client.force_login(alliance["am_a"])
    page = client.get(reverse("home")).content.decode()
    assert "My accounts" in page and "Advertiser A" in page and "Advertiser B" not in page
    client.force_login(alliance["lead_a"])
    assert "My campaigns" in client.get(reverse("home")).content.decode()


def test_chinese_interface(client, make_user):
    client.force_login(make_user("account_manager"))
    client.post(reverse("set_language"), {"language": "zh-hans", "next": "/"})
    page = client.get(reverse("home")).content.decode()
    assert 'lang="zh-hans"' in page
    assert "客户" in page  # "Advertisers" and "Publishers" in the navigation


def test_language_switch_works_before_sign_in(client):
    response = client.post(reverse("set_language"), {"language": "zh-hans", "next": "/login/"})
    assert response.status_code == 302
    assert "登录" in client.get(reverse("login")).content.decode()


def test_seed_demo_builds_a_living_alliance(db):
    call_command("seed_demo")
    assert set(User.objects.values_list("role", flat=True)) == set(User.Role.values)
    assert set(Campaign.objects.values_list("status", flat=True)) == set(Campaign.Status.values)
    assert Account.objects.advertisers().count() >= 5 and Account.objects.publishers().count() >= 5
    days = DailyPerformance.objects.dates("day", "day")
    assert len(days) >= 180
    call_command("seed_demo", if_empty=True)
    assert User.objects.count() == 9  # seven staff (two leads, two managers) and two partner users


def test_demo_login_works_through_the_form(client, db):
    call_command("seed_demo")
    response = client.post(reverse("login"), {"username": "am", "password": "demo-pass-2026"})
    assert response.status_code == 302


def test_celery_is_configured_so_tasks_are_not_lost_or_doubled():
    assert settings.CELERY_TASK_ACKS_LATE and settings.CELERY_TASK_REJECT_ON_WORKER_LOST
    assert settings.CELERY_WORKER_PREFETCH_MULTIPLIER == 1
    assert settings.CELERY_ACCEPT_CONTENT == ["json"]
    timeout = settings.CELERY_BROKER_TRANSPORT_OPTIONS["visibility_timeout"]
    assert timeout > settings.CELERY_TASK_TIME_LIMIT
    task_names = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert "campaigns.tasks.send_milestone_reminders" in task_names


def test_tasks_run_in_process_without_a_broker(settings):
    if not settings.CELERY_TASK_ALWAYS_EAGER:
        pytest.skip("runs only where tasks are eager")
    assert ping.delay().get()["pid"]


def test_docker_compose_describes_the_production_stack():
    import subprocess
    import sys

    compose = ROOT / "docker-compose.yml"
    result = subprocess.run(
        [Path(sys.executable).parent / "check-jsonschema", "--builtin-schema",
         "vendor.compose-spec", str(compose)], capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    services = yaml.safe_load(compose.read_text())["services"]
    assert set(services) >= {"web", "worker", "beat", "postgres", "redis"}
    for name in ("web", "postgres", "redis"):
        assert "healthcheck" in services[name]
    assert "gunicorn" in " ".join(services["web"]["command"])
    assert "beat" in " ".join(services["beat"]["command"])
    for name in ("web", "worker", "beat"):
        env = services[name]["environment"]
        assert env["DATABASE_URL"].startswith("postgres") and env["REDIS_URL"].startswith("redis")
