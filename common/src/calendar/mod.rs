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
mod tests;
