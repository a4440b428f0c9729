from accounts.models import Account, Contact, Platform, User
from socialcrm.demo import DEMO_PASSWORD

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
        user = User(username=username, first_name=first, last_name=last, role=role,
                    email=f"{username}@socialcrm.local", is_staff=role == User.Role.ADMIN,
                    is_superuser=role == User.Role.ADMIN)
        user.set_password(DEMO_PASSWORD)
        user.save()
        ctx.users[username] = user

    statuses = [Account.Status.ACTIVE] * 4 + [Account.Status.PAUSED, Account.Status.PROSPECT]
    for (name, kind, industry, tier, manager, confidential), status in zip(ADVERTISERS, statuses, strict=True):
        account = Account.objects.create(
            side=Account.Side.ADVERTISER, name=name, kind=kind, industry=industry, tier=tier,
            status=status, account_manager=ctx.users[manager], is_confidential=confidential,
            platforms=[Platform.WECHAT, Platform.DOUYIN, Platform.XIAOHONGSHU],
        )
        ctx.advertisers.append(account)
    for name, kind, industry, platforms, manager in PUBLISHERS:
        account = Account.objects.create(
            side=Account.Side.PUBLISHER, name=name, kind=kind, industry=industry,
            platforms=list(platforms), status=Account.Status.ACTIVE, account_manager=ctx.users[manager],
        )
        ctx.publishers.append(account)
    ctx.advertisers[3].shared_with.add(ctx.users["am"])

    for account in ctx.advertisers + ctx.publishers:
        slug = "".join(ch for ch in account.name.lower() if ch.isalnum())[:12]
        Contact.objects.create(account=account, name=f"{ctx.rng.choice(['Li', 'Zhang', 'Emma', 'Noah'])} {ctx.rng.choice(['Liu', 'Huang', 'Smith', 'Park'])}",
                               title="Marketing director", email=f"marketing@{slug}.example",
                               is_primary=True, preferred_channel="WeChat")
        Contact.objects.create(account=account, name="Operations desk", title="Campaign operations",
                               email=f"ops@{slug}.example", preferred_channel="email")
    ctx.log.append(f"{len(ctx.users)} staff, {len(ctx.advertisers)} advertisers, {len(ctx.publishers)} publishers")
