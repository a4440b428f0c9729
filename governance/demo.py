"""Demo: the shipped checklists started for two advertisers, a charter, and one staff policy."""

from datetime import timedelta

from accounts import services as account_services
from governance import services
from governance.models import ChecklistTemplate, Entry
from governance.shipped import BRAND_PROTECTION, DIGITAL_PRESENCE, ensure_shipped_templates

POLICY = (
    "1. Say that you work for the alliance whenever you post about a client or a campaign.\n"
    "2. Never post budgets, results or plans before the client has published them.\n"
    "3. Answer negative comments openly and kindly; never delete them.\n"
    "4. Ask the account manager before engaging a journalist or a KOL about a client."
)


def seed(ctx):
    ensure_shipped_templates()
    admin = ctx.users["admin"]
    services.publish_policy(actor=admin, title=ctx.say("Staff on social media"), body=ctx.say(POLICY))
    for account, done in zip(ctx.advertisers[:2], (6, 3), strict=False):
        manager = account.account_manager
        for code in (BRAND_PROTECTION, DIGITAL_PRESENCE):
            checklist = services.start_checklist(actor=manager, account=account,
                                                 template=ChecklistTemplate.objects.get(code=code))
            for entry in checklist.entries.order_by("item__position")[:done]:
                services.update_entry(actor=manager, entry=entry, status=Entry.Status.DONE,
                                      owner=manager, review_on=ctx.today + timedelta(days=90))
        contact = account.contacts.first()
        account_services.set_charter(
            actor=manager, account=account, principles=ctx.say("Honesty, respect, timely answers, discretion."),
            response_hours=8, meeting_interval="monthly", channels=["wechat", "email"],
            confidentiality=ctx.say("Budgets and results stay between the two teams until published."),
            escalation_staff=manager, escalation_contact=contact, agreed_on=ctx.today - timedelta(days=150),
        )
    ctx.log.append("2 advertisers with brand-protection and digital-presence checklists and a charter; "
                   "1 staff policy")
