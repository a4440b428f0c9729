"""Backward scheduling over working days, slips through buffers, and what they cost the launch."""

from datetime import date, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from campaigns.default_plan import DEFAULT_STEPS
from campaigns.scheduling import (
    Step,
    WorkCalendar,
    buffer_left,
    launch_impact,
    move_step,
    plan_backwards,
    replan_to_launch,
    rework,
)

NATIONAL_DAY = WorkCalendar(frozenset(date(2026, 10, d) for d in range(1, 8)))  # Thu 1 - Wed 7 Oct
LAUNCH = date(2026, 10, 16)  # a Friday
TEMPLATE = [Step(key=name, duration_days=duration, buffer_days=buffer)
            for _seq, _kind, name, duration, buffer, *_rest in DEFAULT_STEPS]


def dates(steps):
    return {step.key: (step.starts_on, step.due_on) for step in steps}


def plan():
    return plan_backwards(TEMPLATE, LAUNCH, NATIONAL_DAY)


def test_the_default_template_is_scheduled_backwards_skipping_weekends_and_holidays():
    assert dates(plan()) == {
        "Creative proposal": (date(2026, 9, 7), date(2026, 9, 11)),
        "Internal review": (date(2026, 9, 15), date(2026, 9, 16)),
        "Client review": (date(2026, 9, 17), date(2026, 9, 21)),
        "Compliance review": (date(2026, 9, 23), date(2026, 9, 24)),
        "Final version": (date(2026, 9, 28), date(2026, 9, 29)),
        # five working days across the National Day week: Sep 30, Oct 8, 9, 12, 13
        "Asset production": (date(2026, 9, 30), date(2026, 10, 13)),
        "Launch": (date(2026, 10, 16), date(2026, 10, 16)),
    }


def test_buffers_are_the_slack_left_between_steps():
    slack = buffer_left(plan(), NATIONAL_DAY)
    assert slack == {"Creative proposal": 1, "Internal review": 0, "Client review": 1,
                     "Compliance review": 1, "Final version": 0, "Asset production": 2, "Launch": 0}
    assert sum(slack.values()) == 5


def test_a_weekend_launch_keeps_its_day_and_work_ends_on_working_days():
    planned = plan_backwards(TEMPLATE, date(2026, 10, 17), NATIONAL_DAY)
    assert dates(planned)["Launch"] == (date(2026, 10, 17), date(2026, 10, 17))
    assert dates(planned)["Asset production"][1] == date(2026, 10, 14)
    assert buffer_left(planned, NATIONAL_DAY)["Asset production"] == 2
    on_friday = move_step(planned, "Asset production", date(2026, 10, 16), NATIONAL_DAY)
    assert dates(on_friday)["Launch"][1] == date(2026, 10, 17)  # the buffer absorbed it
    on_monday = move_step(planned, "Asset production", date(2026, 10, 19), NATIONAL_DAY)
    assert dates(on_monday)["Launch"][1] == date(2026, 10, 20)


def test_a_small_slip_is_absorbed_by_the_buffers():
    moved = move_step(plan(), "Creative proposal", date(2026, 9, 16), NATIONAL_DAY)  # 3 working days late
    assert dates(moved)["Internal review"] == (date(2026, 9, 17), date(2026, 9, 18))
    assert dates(moved)["Client review"] == (date(2026, 9, 21), date(2026, 9, 23))
    assert dates(moved)["Compliance review"] == (date(2026, 9, 24), date(2026, 9, 25))
    assert dates(moved)["Final version"] == dates(plan())["Final version"]
    assert launch_impact(LAUNCH, moved, NATIONAL_DAY).slips is False


def test_a_slip_beyond_the_buffers_propagates_to_every_dependant_and_the_launch():
    moved = move_step(plan(), "Creative proposal", date(2026, 9, 21), NATIONAL_DAY)  # 6 working days late
    assert dates(moved) == {
        "Creative proposal": (date(2026, 9, 15), date(2026, 9, 21)),
        "Internal review": (date(2026, 9, 22), date(2026, 9, 23)),
        "Client review": (date(2026, 9, 24), date(2026, 9, 28)),
        "Compliance review": (date(2026, 9, 29), date(2026, 9, 30)),
        "Final version": (date(2026, 10, 8), date(2026, 10, 9)),
        "Asset production": (date(2026, 10, 12), date(2026, 10, 16)),
        "Launch": (date(2026, 10, 19), date(2026, 10, 19)),
    }
    impact = launch_impact(LAUNCH, moved, NATIONAL_DAY)
    assert (impact.projected_on, impact.working_days, impact.calendar_days) == (date(2026, 10, 19), 1, 3)
    assert impact.slips


def test_moving_a_step_earlier_never_pulls_its_dependants():
    moved = move_step(plan(), "Client review", date(2026, 9, 18), NATIONAL_DAY)
    after_client = [step for step in moved if step.key not in ("Creative proposal", "Internal review", "Client review")]
    assert dates(after_client) == {key: value for key, value in dates(plan()).items() if key in dates(after_client)}


def test_a_client_rejection_redoes_the_proposal_and_both_reviews_and_slips_the_launch():
    done = [Step(**{**vars(step), "locked": step.key in ("Creative proposal", "Internal review")}) for step in plan()]
    redone = rework(done, rework_key="Creative proposal", review_key="Client review",
                    restart_on=date(2026, 9, 21), calendar=NATIONAL_DAY)
    assert dates(redone) == {
        "Creative proposal": (date(2026, 9, 21), date(2026, 9, 25)),
        "Internal review": (date(2026, 9, 28), date(2026, 9, 29)),
        "Client review": (date(2026, 9, 30), date(2026, 10, 9)),
        "Compliance review": (date(2026, 10, 12), date(2026, 10, 13)),
        "Final version": (date(2026, 10, 14), date(2026, 10, 15)),
        "Asset production": (date(2026, 10, 16), date(2026, 10, 22)),
        "Launch": (date(2026, 10, 23), date(2026, 10, 23)),
    }
    assert not any(step.locked for step in redone)
    impact = launch_impact(LAUNCH, redone, NATIONAL_DAY)
    assert (impact.working_days, impact.calendar_days) == (5, 7)


def test_moving_the_launch_replans_open_steps_and_keeps_finished_ones():
    started = [Step(**{**vars(step), "locked": step.key == "Creative proposal"}) for step in plan()]
    replanned = replan_to_launch(started, date(2026, 10, 23), NATIONAL_DAY)
    assert dates(replanned)["Creative proposal"] == dates(plan())["Creative proposal"]
    assert dates(replanned)["Launch"] == (date(2026, 10, 23), date(2026, 10, 23))
    assert dates(replanned)["Asset production"] == (date(2026, 10, 14), date(2026, 10, 20))


def test_working_day_arithmetic_skips_weekends_and_holidays():
    assert NATIONAL_DAY.add_working_days(date(2026, 9, 30), 1) == date(2026, 10, 8)
    assert NATIONAL_DAY.add_working_days(date(2026, 10, 8), -1) == date(2026, 9, 30)
    assert NATIONAL_DAY.working_days_between(date(2026, 9, 30), date(2026, 10, 12)) == 3
    assert NATIONAL_DAY.working_days_between(date(2026, 10, 12), date(2026, 9, 30)) == -3


steps_strategy = st.lists(
    st.builds(Step, key=st.uuids(), duration_days=st.integers(1, 8), buffer_days=st.integers(0, 3)),
    min_size=1, max_size=8,
)


@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])  # a busy CI box is slow
@given(steps=steps_strategy, launch=st.dates(date(2025, 1, 1), date(2028, 12, 31)),
       slip=st.integers(0, 15), which=st.integers(0, 7))
def test_any_plan_keeps_its_order_and_a_slip_never_moves_anything_earlier(steps, launch, slip, which):
    planned = plan_backwards(steps, launch, NATIONAL_DAY)
    for previous, step in zip(planned, planned[1:], strict=False):
        assert previous.due_on < step.starts_on
        assert NATIONAL_DAY.is_working_day(previous.due_on)
    key = planned[min(which, len(planned) - 1)].key
    target = next(s for s in planned if s.key == key)
    moved = move_step(planned, key, target.due_on + timedelta(days=slip), NATIONAL_DAY)
    for before, after in zip(planned, moved, strict=True):
        if before.key != key:
            assert after.starts_on >= before.starts_on
    for previous, step in zip(moved, moved[1:], strict=False):
        assert previous.due_on < step.starts_on
    assert launch_impact(launch, moved, NATIONAL_DAY).working_days >= 0
