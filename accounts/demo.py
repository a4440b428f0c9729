from datetime import datetime, time, timedelta

from django.utils import timezone

from accounts import services
from accounts.cadence import advance
from accounts.models import (
    Account,
    ActionItem,
    Cadence,
    Contact,
    Meeting,
    Partnership,
    Platform,
    User,
)
from socialcrm.demo import DEMO_PASSWORD
from socialcrm.demo_zh import STAFF_NAMES

STAFF = (
    ("admin", "Ada", "Admin", User.Role.ADMIN),
    ("exec", "Wei", "Chen", User.Role.EXECUTIVE),
    ("lead", "Lina", "Zhou", User.Role.PROJECT_LEAD),
    ("lead2", "Marco", "Rossi", User.Role.PROJECT_LEAD),
    ("am", "Mei", "Wang", User.Role.ACCOUNT_MANAGER),
    ("am2", "Tom", "Baker", User.Role.ACCOUNT_MANAGER),
    ("analyst", "Priya", "Shah", User.Role.ANALYST),
)

ADVERTISERS = (
    ("Lumière Skincare", Account.Kind.BRAND, "Beauty", Account.Tier.STRATEGIC, "am", False),
    ("Panda Snacks", Account.Kind.BRAND, "FMCG", Account.Tier.KEY, "am", False),
    ("Velo Bikes", Account.Kind.BRAND, "Sports", Account.Tier.STANDARD, "am2", False),
    ("NorthStar Agency", Account.Kind.AGENCY, "Agency", Account.Tier.KEY, "am2", False),
    ("Jade Mobile", Account.Kind.BRAND, "Electronics", Account.Tier.STRATEGIC, "am", True),
    ("Harbor Coffee", Account.Kind.BRAND, "Food & beverage", Account.Tier.STANDARD, "am2", False),
)

PUBLISHERS = (
    ("Beauty Daily", Account.Kind.MEDIA, "Beauty", [Platform.WECHAT, Platform.WEIBO], "am"),
    ("@GlowWithXia", Account.Kind.KOL, "Beauty", [Platform.XIAOHONGSHU, Platform.DOUYIN], "am"),
    ("Foodie Lab", Account.Kind.KOL, "Food", [Platform.DOUYIN, Platform.BILIBILI], "am2"),
    ("TechPulse", Account.Kind.MEDIA, "Electronics", [Platform.WEIBO, Platform.BILIBILI], "am"),
    ("RideOn Network", Account.Kind.NETWORK, "Sports", [Platform.INSTAGRAM, Platform.YOUTUBE], "am2"),
    ("Metro Screens", Account.Kind.PLATFORM_ACCOUNT, "Lifestyle", [Platform.META, Platform.TIKTOK], "am2"),
)


def seed(ctx):
    for username, first, last, role in STAFF:
        if ctx.chinese:  # a Chinese name is one string, family name first
            first, last = STAFF_NAMES[username], ""
        user = User(username=username, first_name=first, last_name=last, role=role,
                    email=f"{username}@socialcrm.local", is_staff=role == User.Role.ADMIN,
                    is_superuser=role == User.Role.ADMIN, language="zh-hans" if ctx.chinese else "")
        user.set_password(DEMO_PASSWORD)
        user.save()
        ctx.users[username] = user

    statuses = [Account.Status.ACTIVE] * 4 + [Account.Status.PAUSED, Account.Status.PROSPECT]
    for (name, kind, industry, tier, manager, confidential), status in zip(ADVERTISERS, statuses, strict=True):
        account = Account.objects.create(
            side=Account.Side.ADVERTISER, name=ctx.say(name), kind=kind, industry=ctx.say(industry), tier=tier,
            status=status, account_manager=ctx.users[manager], is_confidential=confidential,
            platforms=[Platform.WECHAT, Platform.DOUYIN, Platform.XIAOHONGSHU],
        )
        ctx.advertisers.append(account)
    for name, kind, industry, platforms, manager in PUBLISHERS:
        account = Account.objects.create(
            side=Account.Side.PUBLISHER, name=ctx.say(name), kind=kind, industry=ctx.say(industry),
            platforms=list(platforms), status=Account.Status.ACTIVE, account_manager=ctx.users[manager],
        )
        ctx.publishers.append(account)
    ctx.advertisers[3].shared_with.add(ctx.users["am"])

    for account in ctx.advertisers + ctx.publishers:
        slug = "".join(ch for ch in account.name.lower() if ch.isascii() and ch.isalnum())[:12] or f"a{account.pk}"
        given, family = ctx.rng.choice(['Li', 'Zhang', 'Emma', 'Noah']), ctx.rng.choice(['Liu', 'Huang', 'Smith', 'Park'])
        name = (ctx.rng.choice("刘黄张李") + ctx.rng.choice(["静", "伟", "芳", "磊"])) if ctx.chinese else f"{given} {family}"
        Contact.objects.create(account=account, name=name,
                               title=ctx.say("Marketing director"), email=f"marketing@{slug}.example",
                               is_primary=True, preferred_channel=ctx.say("WeChat"))
        Contact.objects.create(account=account, name=ctx.say("Operations desk"), title=ctx.say("Campaign operations"),
                               email=f"ops@{slug}.example", preferred_channel=ctx.say("email"))
    _partnerships(ctx)
    meetings = sum(_relationship(ctx, account, index) for index, account in enumerate(ctx.advertisers))
    ctx.log.append(f"{len(ctx.users)} staff, {len(ctx.advertisers)} advertisers, {len(ctx.publishers)} publishers, "
                   f"{meetings} meetings")


# (advertiser index, publisher indexes): the same pairs the demo campaigns run on.
PARTNERSHIPS = ((0, (0, 1)), (1, (2, 5)), (2, (4,)), (3, (3, 5)), (4, (3,)), (5, (2,)))

# Days ago of each monthly review per advertiser; Panda Snacks (1) has let its cadence lapse.
REVIEWS = {0: (118, 88, 59, 29, 2), 1: (130, 100, 70, 45), 2: (95, 33), 3: (120, 90, 62, 31, 6), 4: (80, 50, 20)}

AGENDA = "Results since last review; creative pipeline; budget for next month."
MINUTES = ("Walked through reach and CTR by platform. Client happy with Douyin, wants more "
           "Xiaohongshu seeding. Discussed two delayed creatives and how to avoid it next time.")
DECISIONS = ("Shift 10% of budget from Weibo to Xiaohongshu. Weekly creative check-in until launch. "
             "Share a one-page ROI summary before each review.")
FOLLOW_UPS = ("Send the ROI one-pager", "Confirm KOL shortlist with the client",
              "Book the quarterly business review", "Share creative calendar")


def _partnerships(ctx):
    for adv, pubs in PARTNERSHIPS:
        for pub in pubs:
            Partnership.objects.create(advertiser=ctx.advertisers[adv], publisher=ctx.publishers[pub],
                                       started_on=ctx.today - timedelta(days=200 - 20 * adv),
                                       notes=ctx.say("Carries seeding and short-video placements."))


def _at(ctx, days_ago, hour=10):
    return timezone.make_aware(datetime.combine(ctx.today - timedelta(days=days_ago), time(hour)))


def _relationship(ctx, account, index):
    """A kickoff, monthly reviews with minutes, decisions and action items, and the cadence."""
    manager = account.account_manager
    contacts = list(account.contacts.all())
    reviews = REVIEWS.get(index, ())
    services.log_meeting(
        actor=manager, account=account, kind=Meeting.Kind.KICKOFF, held_at=_at(ctx, 160),
        agenda=ctx.say("Goals, KPIs and the way we work together."),
        minutes=ctx.say("Agreed KPIs and reporting rhythm."),
        decisions=ctx.say("Monthly review on the first week of each month."),
        staff_attendees=[manager], contact_attendees=contacts[:1],
    )
    for number, days_ago in enumerate(reviews):
        last = number == len(reviews) - 1
        items = []
        if last or number == len(reviews) - 2:
            due = ctx.today + timedelta(days=ctx.rng.choice((-4, 3, 9)) if last else -10)
            items = [(ctx.say(FOLLOW_UPS[(index + number) % 4]), manager, due),
                     (ctx.say(FOLLOW_UPS[(index + number + 1) % 4]), manager, due + timedelta(days=5))]
        meeting = services.log_meeting(
            actor=manager, account=account, kind=Meeting.Kind.MONTHLY_REVIEW,
            held_at=_at(ctx, days_ago, hour=ctx.rng.choice((10, 14, 16))), agenda=ctx.say(AGENDA),
            minutes=ctx.say(MINUTES), decisions=ctx.say(DECISIONS), staff_attendees=[manager],
            contact_attendees=contacts, action_items=items,
            next_meeting_on=ctx.today - timedelta(days=days_ago) + timedelta(days=30),
        )
        if not last:
            meeting.action_items.update(done_at=meeting.held_at + timedelta(days=3))
    if reviews:
        last_held = ctx.today - timedelta(days=reviews[-1])
        Cadence.objects.create(
            account=account, meeting_kind=Meeting.Kind.MONTHLY_REVIEW, interval=Cadence.Interval.MONTHLY,
            last_held_on=last_held, next_due_on=advance(last_held, Cadence.Interval.MONTHLY),
            created_at=_at(ctx, 150),
        )
    if account.tier == Account.Tier.STRATEGIC:
        Cadence.objects.create(
            account=account, meeting_kind=Meeting.Kind.QUARTERLY_REVIEW, interval=Cadence.Interval.QUARTERLY,
            next_due_on=ctx.today + timedelta(days=20), created_at=_at(ctx, 60),
        )
    ActionItem.objects.filter(account=account, done_at__isnull=True, meeting__held_at__lt=_at(ctx, 40)).update(
        done_at=_at(ctx, 35))
    return 1 + len(reviews)
