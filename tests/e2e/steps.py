"""Steps several browser journeys take the same way: fill a form as a user would."""

from datetime import timedelta

from django.utils import timezone


def log_meeting(page, *, kind, minutes, decisions, items, due_on):
    """On an account page: open "Log a meeting", fill it with its action items and submit."""
    page.get_by_text("Log a meeting").click()
    page.select_option("#id_kind", kind)
    page.fill("#id_minutes", minutes)
    page.fill("#id_decisions", decisions)
    for index, title in enumerate(items):
        page.fill(f"#id_items-{index}-title", title)
        page.fill(f"#id_items-{index}-due_on", due_on.isoformat())
    page.get_by_role("button", name="Log meeting").click()


def reply_to_partner(page, text):
    """On a feedback page: add a reply to the partner and wait for htmx to swap the thread."""
    page.check("input[name=kind][value=partner]")
    page.fill("textarea[name=text]", text)
    page.click("form.fb-reply button.primary")
    page.locator("#fb-thread li.partner").wait_for()


def resolve_feedback(page, resolution):
    page.select_option("select[name=status]", "resolved")
    page.fill("textarea[name=resolution]", resolution)
    page.click("text=Change status")
    page.locator("#fb-status", has_text="Resolved").wait_for()


def create_campaign(page, live_server, *, name, advertiser, budget, launch_on, kpi, target, at_risk,
                    plan_template=None):
    """From the campaign list, through "New campaign", to the new campaign's plan."""
    page.goto(f"{live_server.url}/campaigns/")
    page.click("text=New campaign")
    page.fill("#id_name", name)
    page.select_option("#id_advertiser", label=advertiser)
    if plan_template:
        page.select_option("#id_plan_template", label=plan_template)
    page.fill("#id_budget", budget)
    page.fill("#id_start_on", timezone.localdate().isoformat())
    page.fill("#id_launch_on", launch_on.isoformat())
    page.fill("#id_end_on", (launch_on + timedelta(days=30)).isoformat())
    page.select_option("#id_kpi-0-kpi", kpi)
    page.fill("#id_kpi-0-target", target)
    page.fill("#id_kpi-0-at_risk_threshold", at_risk)
    page.click("button:has-text('Create campaign')")
    page.wait_for_selector("table.plan")


def set_step_status(page, step, status):
    """On a campaign plan: set one step's status and wait for the row to show it."""
    row = page.locator(f"tr[data-step='{step}']")
    row.locator("select[name=status]").select_option(status)
    row.locator("button:has-text('Set')").click()
    page.wait_for_selector(f"tr[data-step='{step}'] .status.{status}")


def record_review(page, step, decision, *, comments="", reviewer=""):
    """On a campaign plan: open a review step's form and record the decision."""
    page.locator(f"tr[data-step='{step}'] a:has-text('Record review')").click()
    if reviewer:
        page.fill("#id_reviewer", reviewer)
    page.check(f"input[name=decision][value={decision}]")
    if comments:
        page.fill("#id_comments", comments)
    page.click("button:has-text('Record decision')")
