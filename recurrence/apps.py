from django.apps import AppConfig


class RecurrenceConfig(AppConfig):
    name = "recurrence"
    verbose_name = "Recurring recommendations"
