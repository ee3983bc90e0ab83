from django.apps import AppConfig


class BenchmarksConfig(AppConfig):
    name = "newsdesk.benchmarks"
    label = "newsdesk_benchmarks"
    verbose_name = "Benchmarks"
