from socialcrm.navigation import entries_for


def navigation(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {
        "nav_entries": entries_for(user),
        "unread_notifications": _unread_count(user),
    }


def _unread_count(user):
    from notifications.selectors import unread_count

    return unread_count(user)
