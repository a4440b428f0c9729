# Numbers in Chinese pages grouped by thousands with a comma, as CLDR's zh locale writes them
# (Django's own zh_Hans formats group nothing); everything else falls back to Django's.
THOUSAND_SEPARATOR = ","
NUMBER_GROUPING = 3
