import dagster as dg

from orchestration.jobs import fetch_filings_job, refresh_downstream_job

daily_refresh_schedule = dg.ScheduleDefinition(
    name="daily_refresh",
    job=refresh_downstream_job,
    cron_schedule="0 6 * * *",
    execution_timezone="Asia/Shanghai",
    description="Every morning at 06:00 Beijing time, rebuild everything downstream of the parsed filings.",
    default_status=dg.DefaultScheduleStatus.RUNNING,
)


def fetch_watchlist_schedule(enabled: bool) -> dg.ScheduleDefinition:
    """Fetch at 05:00 Beijing time, before the 06:00 refresh; running by default only once a source is set."""
    return dg.ScheduleDefinition(
        name="fetch_watchlist",
        job=fetch_filings_job,
        cron_schedule="0 5 * * *",
        execution_timezone="Asia/Shanghai",
        description="Every morning at 05:00 Beijing time, fetch new announcements of the watchlist into the landing folder.",
        default_status=dg.DefaultScheduleStatus.RUNNING if enabled else dg.DefaultScheduleStatus.STOPPED,
    )
