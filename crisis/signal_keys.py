"""The problem a finding is about, whichever rule found it."""


def shared_key(rule_key):
    """"kind:rule id:subject" -> "kind:subject": the same campaign, KPI and window found by two
    rules of one kind is one problem."""
    kind, _, rest = rule_key.partition(":")
    rule_id, _, subject = rest.partition(":")
    return f"{kind}:{subject}" if rule_id.isdigit() and subject else rule_key
