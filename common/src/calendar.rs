//! The service calendar (SPEC.md §3): when API authentication is closed for
//! maintenance. Data plus pure functions over a JST date-time, so the
//! backend refuses requests and the frontend warns before the customer
//! starts, from the same rules.

use serde::{Deserialize, Serialize};
use time::{Date, Duration, Month, OffsetDateTime, PrimitiveDateTime, Time, UtcOffset, Weekday};

use crate::lang::Lang;

/// Japan has no daylight saving time: JST is always UTC+9.
pub const JST: UtcOffset = match UtcOffset::from_hms(9, 0, 0) {
    Ok(offset) => offset,
    Err(_) => panic!("UTC+9 is a valid offset"),
};

/// The JST wall-clock time of an instant.
pub fn jst(instant: OffsetDateTime) -> PrimitiveDateTime {
    let local = instant.to_offset(JST);
    PrimitiveDateTime::new(local.date(), local.time())
}

/// The first 0:00 JST after `instant`: when a lock set today ends.
pub fn next_jst_midnight(instant: OffsetDateTime) -> OffsetDateTime {
    let today = instant.to_offset(JST).date();
    let tomorrow = today.next_day().unwrap_or(today);
    PrimitiveDateTime::new(tomorrow, Time::MIDNIGHT).assume_offset(JST)
}

/// The JST date of an instant as `YYYY-MM-DD`: the key of "today's"
/// failure counters.
pub fn jst_day(instant: OffsetDateTime) -> String {
    let d = instant.to_offset(JST).date();
    format!("{:04}-{:02}-{:02}", d.year(), d.month() as u8, d.day())
}

/// The JST date of an instant as the customer reads it, e.g. 2027年2月24日.
pub fn jst_date_text(instant: OffsetDateTime) -> String {
    let d = instant.to_offset(JST).date();
    format!("{}年{}月{}日", d.year(), d.month() as u8, d.day())
}

/// The JST date of an instant as the customer reads it in `lang`:
/// 2027年2月24日, or February 24, 2027.
pub fn jst_date_text_in(instant: OffsetDateTime, lang: Lang) -> String {
    match lang {
        Lang::Ja => jst_date_text(instant),
        Lang::En => {
            let d = instant.to_offset(JST).date();
            format!("{} {}, {}", d.month(), d.day(), d.year())
        }
    }
}

/// Which rule of the calendar a window comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Rule {
    /// Daily 0:00 for about one minute.
    DailyMidnight,
    /// Daily 4:00 for a few minutes.
    DailyFourOClock,
    /// 1st and 3rd Monday of each month, 2:00–6:00.
    FirstAndThirdMonday,
    /// From 23:50 on the day before the 2nd and 4th Sunday until 7:00.
    SecondAndFourthSunday,
    /// 1–3 January, 0:00–8:00 and 19:00–24:00.
    NewYear,
    /// A window the operator added.
    AdHoc,
}

impl Rule {
    /// Every rule, in the manual's order.
    pub const ALL: [Rule; 6] = [
        Rule::DailyMidnight,
        Rule::DailyFourOClock,
        Rule::FirstAndThirdMonday,
        Rule::SecondAndFourthSunday,
        Rule::NewYear,
        Rule::AdHoc,
    ];

    /// When the rule closes the service, as the customer reads it in `lang`
    /// (the help page's answer on service hours). Written from the same
    /// constants the windows are built from, so the page cannot promise
    /// other hours than the service keeps, in either language.
    pub fn description(self, lang: Lang) -> String {
        match lang {
            Lang::Ja => self.japanese(),
            Lang::En => self.english(),
        }
    }

    fn japanese(self) -> String {
        let until = |start: Time, minutes: i64| start + Duration::minutes(minutes);
        match self {
            Rule::DailyMidnight => {
                format!("毎日 {}〜{}", clock(MIDNIGHT), clock(until(MIDNIGHT, MIDNIGHT_MINUTES)))
            }
            Rule::DailyFourOClock => {
                format!("毎日 {}〜{}", clock(FOUR_O_CLOCK), clock(until(FOUR_O_CLOCK, FOUR_O_CLOCK_MINUTES)))
            }
            Rule::FirstAndThirdMonday => {
                format!("毎月{}月曜日 {}〜{}", weeks(MONDAY_WEEKS), clock(MONDAY_HOURS.0), clock(MONDAY_HOURS.1))
            }
            Rule::SecondAndFourthSunday => format!(
                "毎月{}日曜日の前日（土曜日）{}〜日曜日 {}",
                weeks(SUNDAY_WEEKS),
                clock(SUNDAY_EVE_FROM),
                clock(SUNDAY_UNTIL)
            ),
            Rule::NewYear => format!(
                "1月1日〜{}日 {}〜{}、{}〜24:00",
                NEW_YEAR_DAYS,
                clock(NEW_YEAR_MORNING.0),
                clock(NEW_YEAR_MORNING.1),
                clock(NEW_YEAR_EVENING_FROM)
            ),
            Rule::AdHoc => "このほか、事前にお知らせする臨時のシステムメンテナンスの時間帯".to_owned(),
        }
    }

    fn english(self) -> String {
        let until = |start: Time, minutes: i64| start + Duration::minutes(minutes);
        match self {
            Rule::DailyMidnight => {
                format!("Every day {}–{}", clock(MIDNIGHT), clock(until(MIDNIGHT, MIDNIGHT_MINUTES)))
            }
            Rule::DailyFourOClock => {
                format!("Every day {}–{}", clock(FOUR_O_CLOCK), clock(until(FOUR_O_CLOCK, FOUR_O_CLOCK_MINUTES)))
            }
            Rule::FirstAndThirdMonday => format!(
                "{} Monday of every month {}–{}",
                capitalized(&ordinals(MONDAY_WEEKS)),
                clock(MONDAY_HOURS.0),
                clock(MONDAY_HOURS.1)
            ),
            Rule::SecondAndFourthSunday => format!(
                "{} Sunday of every month: from {} on the Saturday before until {} on the Sunday",
                capitalized(&ordinals(SUNDAY_WEEKS)),
                clock(SUNDAY_EVE_FROM),
                clock(SUNDAY_UNTIL)
            ),
            Rule::NewYear => format!(
                "January 1–{}, {}–{} and {}–24:00",
                NEW_YEAR_DAYS,
                clock(NEW_YEAR_MORNING.0),
                clock(NEW_YEAR_MORNING.1),
                clock(NEW_YEAR_EVENING_FROM)
            ),
            Rule::AdHoc => "Any other temporary system maintenance announced in advance".to_owned(),
        }
    }
}

/// `H:MM`, as Japanese notices write times.
fn clock(t: Time) -> String {
    format!("{}:{:02}", t.hour(), t.minute())
}

/// Which weeks of the month, e.g. 第1・第3.
fn weeks(nths: [u8; 2]) -> String {
    nths.map(|n| format!("第{n}")).join("・")
}

/// Which weeks of the month in English, e.g. first and third.
fn ordinals(nths: [u8; 2]) -> String {
    nths.map(|n| match n {
        1 => "first".to_owned(),
        2 => "second".to_owned(),
        3 => "third".to_owned(),
        4 => "fourth".to_owned(),
        5 => "fifth".to_owned(),
        n => format!("{n}th"),
    })
    .join(" and ")
}

/// The text with its first letter in upper case, to open a line.
fn capitalized(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map(|first| first.to_uppercase().chain(chars).collect()).unwrap_or_default()
}

/// A maintenance window in JST wall-clock time, `start` inclusive and `end`
/// exclusive.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Window {
    pub rule: Rule,
    pub start: PrimitiveDateTime,
    pub end: PrimitiveDateTime,
}

impl Window {
    pub fn contains(&self, t: PrimitiveDateTime) -> bool {
        self.start <= t && t < self.end
    }
}

const fn hm(hour: u8, minute: u8) -> Time {
    match Time::from_hms(hour, minute, 0) {
        Ok(t) => t,
        Err(_) => panic!("a valid time of day"),
    }
}

/// The minutes the two short daily windows last. The manual says "about one
/// minute" and "a few minutes"; these are the union's operational values.
pub const MIDNIGHT_MINUTES: i64 = 1;
pub const FOUR_O_CLOCK_MINUTES: i64 = 5;

// The fixed rules' days and times, read by the windows below and by
// `Rule::description`.
const MIDNIGHT: Time = hm(0, 0);
const FOUR_O_CLOCK: Time = hm(4, 0);
/// Which Mondays of the month close, and from when until when.
const MONDAY_WEEKS: [u8; 2] = [1, 3];
const MONDAY_HOURS: (Time, Time) = (hm(2, 0), hm(6, 0));
/// Which Sundays of the month close: from the evening before until the
/// morning.
const SUNDAY_WEEKS: [u8; 2] = [2, 4];
const SUNDAY_EVE_FROM: Time = hm(23, 50);
const SUNDAY_UNTIL: Time = hm(7, 0);
/// 1 January through this day closes in the morning and from the evening
/// until midnight.
const NEW_YEAR_DAYS: u8 = 3;
const NEW_YEAR_MORNING: (Time, Time) = (hm(0, 0), hm(8, 0));
const NEW_YEAR_EVENING_FROM: Time = hm(19, 0);

/// Which week of its month a date falls in: 1 for days 1–7, and so on.
fn nth_of_month(date: Date) -> u8 {
    (date.day() - 1) / 7 + 1
}

/// The windows of the fixed rules that start on `date`.
pub fn fixed_windows_starting_on(date: Date) -> Vec<Window> {
    let at = |time: Time| PrimitiveDateTime::new(date, time);
    let window = |rule, start: PrimitiveDateTime, end: PrimitiveDateTime| Window { rule, start, end };
    let mut windows = vec![
        window(Rule::DailyMidnight, at(MIDNIGHT), at(MIDNIGHT) + Duration::minutes(MIDNIGHT_MINUTES)),
        window(Rule::DailyFourOClock, at(FOUR_O_CLOCK), at(FOUR_O_CLOCK) + Duration::minutes(FOUR_O_CLOCK_MINUTES)),
    ];
    if date.weekday() == Weekday::Monday && MONDAY_WEEKS.contains(&nth_of_month(date)) {
        windows.push(window(Rule::FirstAndThirdMonday, at(MONDAY_HOURS.0), at(MONDAY_HOURS.1)));
    }
    let tomorrow = date.next_day();
    if let Some(sunday) = tomorrow.filter(|d| d.weekday() == Weekday::Sunday)
        && SUNDAY_WEEKS.contains(&nth_of_month(sunday))
    {
        let end = PrimitiveDateTime::new(sunday, SUNDAY_UNTIL);
        windows.push(window(Rule::SecondAndFourthSunday, at(SUNDAY_EVE_FROM), end));
    }
    if date.month() == Month::January && date.day() <= NEW_YEAR_DAYS {
        windows.push(window(Rule::NewYear, at(NEW_YEAR_MORNING.0), at(NEW_YEAR_MORNING.1)));
        let midnight = PrimitiveDateTime::new(date, Time::MIDNIGHT) + Duration::days(1);
        windows.push(window(Rule::NewYear, at(NEW_YEAR_EVENING_FROM), midnight));
    }
    windows
}

/// Every window that could matter around `t`: fixed ones starting the day
/// before through the day after (one rule crosses midnight), and the
/// operator's.
fn windows_near(t: PrimitiveDateTime, ad_hoc: &[Window]) -> Vec<Window> {
    let day = t.date();
    let mut all: Vec<Window> = [day.previous_day(), Some(day), day.next_day()]
        .into_iter()
        .flatten()
        .flat_map(fixed_windows_starting_on)
        .collect();
    all.extend_from_slice(ad_hoc);
    all
}

/// Whether the service is open at JST time `t`, and if not, until when.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Availability {
    Open,
    /// Closed by `rule` until `until` (overlapping windows are merged).
    Closed {
        rule: Rule,
        until: PrimitiveDateTime,
    },
}

pub fn availability_at(t: PrimitiveDateTime, ad_hoc: &[Window]) -> Availability {
    let windows = windows_near(t, ad_hoc);
    let Some(first) = windows.iter().filter(|w| w.contains(t)).max_by_key(|w| w.end) else {
        return Availability::Open;
    };
    // Chain into windows that begin before this one ends (e.g. 1 January's
    // midnight minute inside its 0:00–8:00 window).
    let mut until = first.end;
    loop {
        let near = windows_near(until, ad_hoc);
        match near.iter().filter(|w| w.contains(until)).map(|w| w.end).max() {
            Some(end) if end > until => until = end,
            _ => break,
        }
    }
    Availability::Closed { rule: first.rule, until }
}

/// The first window that starts after `t` and no later than `t + within`:
/// what screen ① warns about before the customer begins.
pub fn next_closure_within(t: PrimitiveDateTime, within: Duration, ad_hoc: &[Window]) -> Option<Window> {
    windows_near(t, ad_hoc).into_iter().filter(|w| w.start > t && w.start <= t + within).min_by_key(|w| w.start)
}

#[cfg(test)]
mod tests {
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
}
