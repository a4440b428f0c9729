"""Load test: staff in every demo role sign in through the login form and browse the main pages.

Run by bench/load_test.sh (gunicorn on 127.0.0.1 against the 10M-fact PostgreSQL database);
alone: `.venv/bin/locust -f bench/locustfile.py --host http://127.0.0.1:8001 --headless -u 50 -r 10 -t 60s`.
Not part of the test suite. Every request is named by its page, so the figures come per page.

Signing in costs ~0.75 s of CPU by design (PBKDF2, 1.5M iterations): 50 sign-ins keep both cores
busy for ~20 s. With `--browsing-only` the statistics are reset when the last user has signed in,
so the figures describe 50 signed-in users browsing; without it they include the sign-in storm.
"""

import itertools
import random
import re
from datetime import date, timedelta

from locust import HttpUser, between, events, task

PASSWORD = "demo-pass-2026"  # noqa: S105 - the documented demo login
# Demo users, spread over the roles as in the alliance: executives and analysts read dashboards,
# account managers and leads work in their accounts and campaigns.
USERNAMES = ("exec", "analyst", "am", "am2", "lead", "lead2", "admin")
DASHBOARD_ROLES = {"exec", "analyst", "am", "am2", "admin"}
PLATFORMS = ("douyin", "weibo", "xiaohongshu", "bilibili", "wechat")
_next_username = itertools.cycle(USERNAMES)
_signed_in = 0

CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
CAMPAIGN_LINK = re.compile(r'href="/campaigns/(\d+)/"')
ADVERTISER_SELECT = re.compile(r'<select name="advertiser"[^>]*>(.*?)</select>', re.S)
OPTION_VALUE = re.compile(r'<option value="(\d+)"')


@events.init_command_line_parser.add_listener
def _options(parser):
    parser.add_argument("--browsing-only", action="store_true", default=False,
                        help="Reset the statistics once every user has signed in.")


class StaffUser(HttpUser):
    wait_time = between(0.5, 2)

    def on_start(self):
        self.username = next(_next_username)
        self.sign_in()
        self.count_signed_in()
        self.campaign_ids = self.visible_ids("/campaigns/", CAMPAIGN_LINK, "campaigns (ids)")
        self.advertiser_ids = []
        if self.username in DASHBOARD_ROLES:
            response = self.client.get("/reports/dashboard/", name="dashboard")
            select = ADVERTISER_SELECT.search(response.text)
            self.advertiser_ids = OPTION_VALUE.findall(select.group(1)) if select else []

    def sign_in(self):
        form = self.client.get("/login/", name="login form")
        token = CSRF_INPUT.search(form.text).group(1)
        with self.client.post("/login/", name="login", allow_redirects=False, catch_response=True,
                              data={"username": self.username, "password": PASSWORD,
                                    "csrfmiddlewaretoken": token},
                              headers={"Referer": f"{self.host}/login/"}) as response:
            if response.status_code != 302:
                response.failure(f"{self.username} could not sign in: {response.status_code}")

    def count_signed_in(self):
        global _signed_in
        _signed_in += 1
        runner = self.environment.runner
        if self.environment.parsed_options.browsing_only and _signed_in == runner.target_user_count:
            runner.stats.reset_all()
            print(f"all {_signed_in} users signed in: statistics reset, browsing from now on")

    def visible_ids(self, path, pattern, name):
        response = self.client.get(path, name=name)
        return sorted(set(pattern.findall(response.text)))

    @task(3)
    def home(self):
        self.client.get("/", name="home")

    @task(2)
    def advertisers(self):
        self.client.get("/advertisers/", name="advertisers")

    @task(2)
    def campaigns(self):
        self.client.get("/campaigns/", name="campaigns")

    @task(3)
    def campaign_detail(self):
        if self.campaign_ids:
            self.client.get(f"/campaigns/{random.choice(self.campaign_ids)}/", name="campaign detail")

    @task(4)
    def dashboard_with_filters(self):
        if self.username not in DASHBOARD_ROLES:
            return
        params = {"platform": random.choice(("", *PLATFORMS))}
        if self.advertiser_ids and random.random() < 0.5:
            params["advertiser"] = random.choice(self.advertiser_ids)
        if random.random() < 0.5:
            end = date.today() - timedelta(days=random.randrange(0, 60))
            params.update(start=(end - timedelta(days=random.choice((30, 90, 365)))).isoformat(),
                          end=end.isoformat())
        # Half the filter changes come through htmx, as the dashboard's form sends them.
        headers = {"HX-Request": "true"} if random.random() < 0.5 else {}
        self.client.get("/reports/dashboard/", params=params, headers=headers, name="dashboard (filtered)")

    @task(2)
    def feedback_inbox(self):
        self.client.get("/feedback/", name="feedback inbox")

    @task(2)
    def crisis_dashboard(self):
        self.client.get("/crisis/", name="crisis dashboard")
