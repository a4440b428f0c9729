from django.core.management.base import BaseCommand

from social.evaluation import LABELLED_SET, evaluate


class Command(BaseCommand):
    help = "Measure the sentiment analyser on the labelled set: accuracy and recall per class."

    def add_arguments(self, parser):
        parser.add_argument("--path", default=str(LABELLED_SET), help="CSV with label,text columns.")
        parser.add_argument("--mistakes", action="store_true", help="List the items it gets wrong.")

    def handle(self, *args, path, mistakes, **options):
        result = evaluate(path)
        self.stdout.write(f"items: {result.total}")
        self.stdout.write(f"accuracy: {result.accuracy:.1%}")
        for label, recall in result.recall.items():
            self.stdout.write(f"recall {label}: {recall:.1%} ({result.support[label]} items)")
        if mistakes:
            for expected, got, text in result.mistakes:
                self.stdout.write(f"  expected {expected}, got {got}: {text}")
