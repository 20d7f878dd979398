import dagster as dg

from orchestration.jobs import refresh_downstream_job

daily_refresh_schedule = dg.ScheduleDefinition(
    name="daily_refresh",
    job=refresh_downstream_job,
    cron_schedule="0 6 * * *",
    execution_timezone="Asia/Shanghai",
    description="Every morning at 06:00 Beijing time, rebuild everything downstream of the parsed filings.",
    default_status=dg.DefaultScheduleStatus.RUNNING,
)
