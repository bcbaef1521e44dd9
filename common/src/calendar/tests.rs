use super::*;
use time::macros::datetime;

fn open(t: PrimitiveDateTime) -> bool {
    availability_at(t, &[]) == Availability::Open
}

fn closed_by(t: PrimitiveDateTime) -> Option<Rule> {
    match availability_at(t, &[]) {
        Availability::Closed { rule, .. } => Some(rule),
        Availability::Open => None,
    }
}

#[test]
fn jst_is_utc_plus_nine() {
    let utc = datetime!(2026-11-25 15:00:00 UTC);
    assert_eq!(jst(utc), datetime!(2026-11-26 00:00:00));
}

#[test]
fn dates_are_written_in_japanese_on_the_jst_calendar() {
    assert_eq!(jst_date_text(datetime!(2027-02-24 09:00:00 +9)), "2027年2月24日");
    // 15:00 UTC on the 23rd is already the 24th in Japan.
    assert_eq!(jst_date_text(datetime!(2027-02-23 15:00:00 UTC)), "2027年2月24日");
}

#[test]
fn dates_are_written_in_either_language_on_the_jst_calendar() {
    let t = datetime!(2027-02-23 15:00:00 UTC);
    assert_eq!(jst_date_text_in(t, Lang::Ja), "2027年2月24日");
    assert_eq!(jst_date_text_in(t, Lang::En), "February 24, 2027");
    assert_eq!(jst_date_text_in(datetime!(2026-12-31 15:00:00 UTC), Lang::En), "January 1, 2027");
}

#[test]
fn locks_end_at_the_next_jst_midnight() {
    assert_eq!(next_jst_midnight(datetime!(2026-11-26 23:59:59 +9)), datetime!(2026-11-27 00:00:00 +9));
    assert_eq!(next_jst_midnight(datetime!(2026-11-26 00:00:00 +9)), datetime!(2026-11-27 00:00:00 +9));
    // 16:00 UTC is already 1:00 the next day in Japan.
    assert_eq!(next_jst_midnight(datetime!(2026-11-26 16:00:00 UTC)), datetime!(2026-11-28 00:00:00 +9));
    assert_eq!(jst_day(datetime!(2026-11-26 16:00:00 UTC)), "2026-11-27");
}

#[test]
fn daily_midnight_minute() {
    assert_eq!(closed_by(datetime!(2026-11-26 00:00:00)), Some(Rule::DailyMidnight));
    assert_eq!(closed_by(datetime!(2026-11-26 00:00:30)), Some(Rule::DailyMidnight));
    assert!(open(datetime!(2026-11-26 00:01:30)));
    assert!(open(datetime!(2026-11-25 23:59:59)));
}

#[test]
fn daily_four_oclock() {
    assert!(open(datetime!(2026-11-26 03:59:59)));
    assert_eq!(closed_by(datetime!(2026-11-26 04:00:00)), Some(Rule::DailyFourOClock));
    assert_eq!(closed_by(datetime!(2026-11-26 04:04:59)), Some(Rule::DailyFourOClock));
    assert!(open(datetime!(2026-11-26 04:05:00)));
}

#[test]
fn first_and_third_monday_two_to_six() {
    // November 2026: Mondays are the 2nd, 9th, 16th, 23rd, 30th.
    assert!(open(datetime!(2026-11-02 01:59:59)));
    assert_eq!(closed_by(datetime!(2026-11-02 02:00:00)), Some(Rule::FirstAndThirdMonday));
    assert!(open(datetime!(2026-11-02 06:00:00)));
    assert_eq!(closed_by(datetime!(2026-11-16 05:59:59)), Some(Rule::FirstAndThirdMonday));
    assert!(open(datetime!(2026-11-09 02:00:00)), "2nd Monday stays open");
    assert!(open(datetime!(2026-11-23 03:00:00)), "4th Monday stays open");
}

#[test]
fn the_eve_of_the_second_and_fourth_sunday_until_seven() {
    // November 2026: Sundays are the 1st, 8th, 15th, 22nd, 29th.
    assert!(open(datetime!(2026-11-07 23:49:00)));
    assert_eq!(closed_by(datetime!(2026-11-07 23:50:00)), Some(Rule::SecondAndFourthSunday));
    assert_eq!(closed_by(datetime!(2026-11-08 06:59:59)), Some(Rule::SecondAndFourthSunday));
    assert!(open(datetime!(2026-11-08 07:00:00)));
    assert_eq!(closed_by(datetime!(2026-11-21 23:55:00)), Some(Rule::SecondAndFourthSunday));
    assert!(open(datetime!(2026-11-14 23:55:00)), "eve of the 3rd Sunday stays open");
    assert!(open(datetime!(2026-10-31 23:55:00)), "eve of the 1st Sunday stays open");
}

#[test]
fn the_closure_across_midnight_reports_the_true_reopening() {
    let Availability::Closed { until, .. } = availability_at(datetime!(2026-11-07 23:59:00), &[]) else {
        panic!("closed");
    };
    assert_eq!(until, datetime!(2026-11-08 07:00:00));
}

#[test]
fn new_year_mornings_and_evenings() {
    assert_eq!(closed_by(datetime!(2027-01-01 07:59:59)), Some(Rule::NewYear));
    assert!(open(datetime!(2027-01-02 08:00:00)));
    assert!(open(datetime!(2027-01-03 18:59:59)));
    assert_eq!(closed_by(datetime!(2027-01-03 19:00:00)), Some(Rule::NewYear));
    assert_eq!(closed_by(datetime!(2027-01-03 23:59:59)), Some(Rule::NewYear));
    assert!(open(datetime!(2027-01-04 00:01:00)));
    assert!(open(datetime!(2027-01-04 19:00:00)));
    // 2 January's evening runs into 3 January's morning: one closure.
    let Availability::Closed { until, .. } = availability_at(datetime!(2027-01-02 20:00:00), &[]) else {
        panic!("closed");
    };
    assert_eq!(until, datetime!(2027-01-03 08:00:00));
}

#[test]
fn each_rule_is_described_with_the_hours_it_keeps() {
    let described: Vec<String> = Rule::ALL.into_iter().map(|r| r.description(Lang::Ja)).collect();
    assert_eq!(
        described,
        [
            "毎日 0:00〜0:01",
            "毎日 4:00〜4:05",
            "毎月第1・第3月曜日 2:00〜6:00",
            "毎月第2・第4日曜日の前日（土曜日）23:50〜日曜日 7:00",
            "1月1日〜3日 0:00〜8:00、19:00〜24:00",
            "このほか、事前にお知らせする臨時のシステムメンテナンスの時間帯",
        ]
    );
}

#[test]
fn each_rule_is_described_in_english_with_the_same_hours() {
    let described: Vec<String> = Rule::ALL.into_iter().map(|r| r.description(Lang::En)).collect();
    assert_eq!(
        described,
        [
            "Every day 0:00–0:01",
            "Every day 4:00–4:05",
            "First and third Monday of every month 2:00–6:00",
            "Second and fourth Sunday of every month: from 23:50 on the Saturday before until 7:00 on the Sunday",
            "January 1–3, 0:00–8:00 and 19:00–24:00",
            "Any other temporary system maintenance announced in advance",
        ]
    );
}

#[test]
fn every_fixed_rule_closes_some_day_of_the_year() {
    // Rule::ALL names every rule the windows come from, and no other.
    let mut seen: Vec<Rule> = (0..366)
        .filter_map(|n| Date::from_ordinal_date(2027, 1).ok()?.checked_add(Duration::days(n)))
        .flat_map(fixed_windows_starting_on)
        .map(|w| w.rule)
        .collect();
    seen.dedup();
    let fixed: Vec<Rule> = Rule::ALL.into_iter().filter(|r| *r != Rule::AdHoc).collect();
    for rule in &fixed {
        assert!(seen.contains(rule), "{rule:?} never closes");
    }
    assert!(seen.iter().all(|r| fixed.contains(r)));
}

#[test]
fn ad_hoc_windows_close_the_service_too() {
    let maintenance =
        Window { rule: Rule::AdHoc, start: datetime!(2026-11-26 13:00:00), end: datetime!(2026-11-26 14:30:00) };
    let closed = availability_at(datetime!(2026-11-26 13:00:00), &[maintenance]);
    assert_eq!(closed, Availability::Closed { rule: Rule::AdHoc, until: maintenance.end });
    assert_eq!(availability_at(datetime!(2026-11-26 14:30:00), &[maintenance]), Availability::Open);
}

#[test]
fn warns_of_a_window_starting_within_fifteen_minutes() {
    let within = Duration::minutes(15);
    let soon = next_closure_within(datetime!(2026-11-07 23:35:00), within, &[]).unwrap();
    assert_eq!(soon.rule, Rule::SecondAndFourthSunday);
    assert_eq!(soon.start, datetime!(2026-11-07 23:50:00));
    assert!(next_closure_within(datetime!(2026-11-07 23:34:59), within, &[]).is_none());
    let midnight = next_closure_within(datetime!(2026-11-26 23:50:00), within, &[]).unwrap();
    assert_eq!(midnight.rule, Rule::DailyMidnight);
}
