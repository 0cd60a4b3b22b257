import datetime

from django.db import migrations, models


def due_dates(apps, schema_editor):
    """Each reminder logged so far fell due on its cycle's deadline plus its days."""
    Reminder = apps.get_model("coordination", "ReportingReminder")
    for row in Reminder.objects.select_related("cycle"):
        row.due_on = row.cycle.deadline + datetime.timedelta(days=row.days)
        row.save(update_fields=["due_on"])


class Migration(migrations.Migration):
    dependencies = [
        ("coordination", "0016_reporting_cadence"),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name="reportingreminder",
            name="one_reminder_per_provider_and_day",
        ),
        migrations.AddField(
            model_name="reportingreminder",
            name="due_on",
            field=models.DateField(
                default=datetime.date(2000, 1, 1),
                help_text="The day it fell due (the deadline moved: new dates).",
            ),
            preserve_default=False,
        ),
        migrations.RunPython(due_dates, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="reportingreminder",
            name="recipients",
            field=models.PositiveSmallIntegerField(
                default=0, help_text="Reporters it reached: 0 until sent, or if none could be."
            ),
        ),
        migrations.AddConstraint(
            model_name="reportingreminder",
            constraint=models.UniqueConstraint(
                fields=("cycle", "agency", "due_on"), name="one_reminder_per_provider_and_date"
            ),
        ),
    ]
