//! The demo passbooks: for each in-use demo account, the lines that recur
//! by day of month (salary, utilities, card payments, ATM withdrawals,
//! transfers), generated over the four months before the seed's day, so a
//! three-month limit on the bank API shows.
//!
//! Remarks (摘要) are half-width katakana as passbooks print them (the
//! 全銀 character set: no small kana, `-` for the long vowel). Amounts vary
//! with the date, never with a random source: the same day seeds the same
//! passbooks.

use super::ledger::NewLine;
use crate::core::Direction::{self, Deposit, Withdrawal};
use Shift::{After, Before, Keep};
use time::{Date, Duration, Month, Weekday};

/// How far back the passbooks reach.
const MONTHS_BACK: u8 = 4;

/// Where a line that falls on a weekend goes (public holidays are not
/// modelled): money in comes the business day before, debits the business
/// day after; the ATM works every day.
#[derive(Clone, Copy, Debug)]
enum Shift {
    Keep,
    Before,
    After,
}

/// One line that comes back every month (or in the months listed).
#[derive(Clone, Copy, Debug)]
struct Recurring {
    day: u8,
    /// Months it comes in; empty for every month.
    months: &'static [u8],
    shift: Shift,
    direction: Direction,
    /// The amount is `base` plus up to `spread` in steps of `step`.
    base: i64,
    spread: i64,
    step: i64,
    remarks: &'static str,
}

const fn every(
    day: u8,
    shift: Shift,
    direction: Direction,
    base: i64,
    spread: i64,
    step: i64,
    remarks: &'static str,
) -> Recurring {
    Recurring { day, months: &[], shift, direction, base, spread, step, remarks }
}

const fn only(months: &'static [u8], item: Recurring) -> Recurring {
    Recurring { months, ..item }
}

/// An account's passbook: the balance before its first generated line, and
/// what recurs. Items of the same day are booked in the order listed.
#[derive(Debug)]
pub(super) struct Passbook {
    pub account_number: &'static str,
    opening: i64,
    items: &'static [Recurring],
}

pub(super) const PASSBOOKS: [Passbook; 5] = [
    // ヤマダ タロウ, happy path: an office worker in Nagoya.
    Passbook {
        account_number: "1234567",
        opening: 412_530,
        items: &[
            every(25, Before, Deposit, 262_000, 18_000, 1, "ｷﾕｳﾖ ｶ)ﾅｺﾞﾔｼﾖｳｼﾞ"),
            only(&[7, 12], every(10, Before, Deposit, 480_000, 40_000, 1, "ｼﾖｳﾖ ｶ)ﾅｺﾞﾔｼﾖｳｼﾞ")),
            only(&[1, 3, 5, 7, 9, 11], every(8, Before, Deposit, 6_000, 4_000, 500, "ﾌﾘｺﾐ ｽｽﾞｷ ｲﾁﾛｳ")),
            every(3, Keep, Withdrawal, 20_000, 30_000, 10_000, "ATM ｶ-ﾄﾞ"),
            every(10, After, Withdrawal, 6_200, 4_500, 1, "ﾃﾞﾝｷ ﾁﾕｳﾌﾞﾃﾞﾝﾘﾖｸ"),
            every(12, After, Withdrawal, 3_900, 3_000, 1, "ｶﾞｽ ﾄｳﾎｳｶﾞｽ"),
            every(15, After, Withdrawal, 7_480, 1_200, 1, "NTTﾄﾞｺﾓ"),
            every(18, Keep, Withdrawal, 10_000, 20_000, 10_000, "ATM ｶ-ﾄﾞ"),
            only(&[2, 4, 6, 8, 10, 12], every(20, After, Withdrawal, 5_300, 900, 1, "ｽｲﾄﾞｳ ﾅｺﾞﾔｼ")),
            every(26, Before, Withdrawal, 78_000, 0, 1, "ﾌﾘｺﾐ ｶ)ﾒｲｴｷﾌﾄﾞｳｻﾝ"),
            every(26, Before, Withdrawal, 220, 0, 1, "ﾌﾘｺﾐﾃｽｳﾘﾖｳ"),
            every(27, After, Withdrawal, 38_000, 45_000, 1, "ﾐﾂｲｽﾐﾄﾓｶ-ﾄﾞ"),
        ],
    },
    // スズキ ハナコ, two phones: a nurse at a clinic by Nagoya station.
    Passbook {
        account_number: "2345678",
        opening: 386_204,
        items: &[
            every(21, Before, Deposit, 231_000, 22_000, 1, "ｷﾕｳﾖ ｲ)ﾒｲｴｷｶｲ"),
            every(2, Keep, Withdrawal, 10_000, 30_000, 10_000, "ATM ｶ-ﾄﾞ"),
            every(7, After, Withdrawal, 5_100, 3_800, 1, "ﾃﾞﾝｷ ﾁﾕｳﾌﾞﾃﾞﾝﾘﾖｸ"),
            every(10, After, Withdrawal, 52_000, 30_000, 1, "JCB"),
            every(16, Keep, Withdrawal, 10_000, 20_000, 10_000, "ATM ｶ-ﾄﾞ"),
            every(22, Before, Withdrawal, 20_000, 0, 1, "ﾌﾘｺﾐ ｽｽﾞｷ ｶｽﾞｺ"),
            every(22, Before, Withdrawal, 110, 0, 1, "ﾌﾘｺﾐﾃｽｳﾘﾖｳ"),
            every(27, After, Withdrawal, 64_000, 0, 1, "ﾔﾁﾝ ﾒｲｴｷﾊｲﾂ"),
            every(28, After, Withdrawal, 5_800, 800, 1, "ｿﾌﾄﾊﾞﾝｸ"),
        ],
    },
    // タナカ ジロウ, savings (貯蓄): a monthly transfer in, interest twice a
    // year, one withdrawal for a trip.
    Passbook {
        account_number: "3456789",
        opening: 1_846_220,
        items: &[
            only(&[2, 8], every(20, Before, Deposit, 41, 20, 1, "ﾘｿｸ")),
            every(26, Before, Deposit, 30_000, 0, 1, "ﾌﾘｶｴ"),
            only(&[9], every(12, Keep, Withdrawal, 100_000, 0, 1, "ATM ｶ-ﾄﾞ")),
        ],
    },
    // ワタナベ ケン, moved to 022: a car-parts maker's employee with a
    // housing loan.
    Passbook {
        account_number: "2222222",
        opening: 624_381,
        items: &[
            every(25, Before, Deposit, 348_000, 30_000, 1, "ｷﾕｳﾖ ｶ)ﾄﾖﾀﾌﾞﾋﾝｺｳｷﾞﾖｳ"),
            every(5, Keep, Withdrawal, 30_000, 30_000, 10_000, "ATM ｶ-ﾄﾞ"),
            every(10, After, Withdrawal, 11_000, 6_000, 1, "ﾃﾞﾝｷ ﾁﾕｳﾌﾞﾃﾞﾝﾘﾖｸ"),
            every(14, After, Withdrawal, 6_500, 3_500, 1, "ｶﾞｽ ﾄｳﾎｳｶﾞｽ"),
            every(20, Keep, Withdrawal, 20_000, 20_000, 10_000, "ATM ｶ-ﾄﾞ"),
            every(26, Before, Withdrawal, 50_000, 0, 1, "ﾌﾘｺﾐ ﾜﾀﾅﾍﾞ ﾕｳﾀ"),
            every(26, Before, Withdrawal, 220, 0, 1, "ﾌﾘｺﾐﾃｽｳﾘﾖｳ"),
            every(27, After, Withdrawal, 92_400, 0, 1, "ｼﾞﾕｳﾀｸﾛ-ﾝ"),
            every(27, After, Withdrawal, 18_600, 0, 1, "ﾆﾂﾎﾟﾝｾｲﾒｲ"),
        ],
    },
    // コバヤシ ユイ, no registered phone: a young employee paying back a
    // student loan.
    Passbook {
        account_number: "5678901",
        opening: 243_877,
        items: &[
            every(25, Before, Deposit, 198_000, 14_000, 1, "ｷﾕｳﾖ ｶ)ﾄﾖﾊｼﾃﾞﾝｷ"),
            every(1, Before, Withdrawal, 52_000, 0, 1, "ﾔﾁﾝ ｶ)ﾄﾖﾊｼｼﾞﾕｳﾀｸ"),
            every(12, Keep, Withdrawal, 10_000, 20_000, 10_000, "ATM ｶ-ﾄﾞ"),
            every(15, After, Withdrawal, 4_200, 2_500, 1, "ﾃﾞﾝｷ ﾁﾕｳﾌﾞﾃﾞﾝﾘﾖｸ"),
            every(27, After, Withdrawal, 24_000, 36_000, 1, "ﾗｸﾃﾝｶ-ﾄﾞ"),
            every(27, After, Withdrawal, 14_400, 0, 1, "ｼﾖｳｶﾞｸｷﾝ"),
        ],
    },
];

/// The passbook of a demo account, if it has one (accounts not in use have
/// none).
pub(super) fn passbook_of(account_number: &str) -> Option<&'static Passbook> {
    PASSBOOKS.iter().find(|book| book.account_number == account_number)
}

impl Passbook {
    /// The balance before any line.
    pub fn opening(&self) -> i64 {
        self.opening
    }

    /// The lines from four months before `today` to yesterday, oldest first,
    /// each with its running balance.
    pub fn lines(&self, today: Date) -> Vec<NewLine> {
        let start = months_before(today, MONTHS_BACK);
        let mut due: Vec<(Date, usize)> = Vec::new();
        let (mut year, mut month) = (start.year(), start.month());
        while (year, month as u8) <= (today.year(), today.month() as u8) {
            for (index, item) in self.items.iter().enumerate() {
                if !item.months.is_empty() && !item.months.contains(&(month as u8)) {
                    continue;
                }
                let Ok(date) = Date::from_calendar_date(year, month, item.day.min(month.length(year))) else {
                    continue;
                };
                let date = shifted(date, item.shift);
                if start <= date && date < today {
                    due.push((date, index));
                }
            }
            if month == Month::December {
                year += 1;
            }
            month = month.next();
        }
        due.sort_unstable();
        let mut balance = self.opening;
        due.into_iter()
            .map(|(date, index)| {
                let item = &self.items[index];
                let amount = item.base + vary(date, index, item.spread, item.step);
                balance += match item.direction {
                    Deposit => amount,
                    Withdrawal => -amount,
                };
                NewLine {
                    date,
                    direction: item.direction,
                    amount,
                    remarks: item.remarks.to_owned(),
                    balance_after: balance,
                }
            })
            .collect()
    }
}

/// The same day `months` months earlier (the month's last day when it is
/// shorter).
fn months_before(date: Date, months: u8) -> Date {
    let (mut year, mut month) = (date.year(), date.month());
    for _ in 0..months {
        if month == Month::January {
            year -= 1;
        }
        month = month.previous();
    }
    Date::from_calendar_date(year, month, date.day().min(month.length(year))).unwrap_or(date)
}

fn shifted(date: Date, shift: Shift) -> Date {
    let days = match (shift, date.weekday()) {
        (Before, Weekday::Saturday) => -1,
        (Before, Weekday::Sunday) => -2,
        (After, Weekday::Saturday) => 2,
        (After, Weekday::Sunday) => 1,
        _ => 0,
    };
    date.saturating_add(Duration::days(days))
}

/// A deterministic share of `spread`, in whole `step`s, from the date and
/// the item: next month's bill differs from this one's, and from the next
/// item's.
fn vary(date: Date, salt: usize, spread: i64, step: i64) -> i64 {
    if spread <= 0 || step <= 0 {
        return 0;
    }
    let seed = i64::from(date.to_julian_day()) * 7_919 + salt as i64 * 104_729;
    seed.rem_euclid(spread / step + 1) * step
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    #[test]
    fn passbooks_reach_four_months_back_to_yesterday_with_chained_balances() {
        let days = (0..1_200).step_by(3).map(|n| date!(2026 - 01 - 01) + Duration::days(n));
        for today in days.chain([date!(2027 - 03 - 31), date!(2028 - 02 - 29)]) {
            for book in &PASSBOOKS {
                let lines = book.lines(today);
                assert!(lines.len() >= 3, "{} on {today}: {} lines", book.account_number, lines.len());
                let mut balance = book.opening;
                let mut previous = months_before(today, MONTHS_BACK);
                for line in &lines {
                    assert!(previous <= line.date && line.date < today, "{line:?}");
                    assert!(line.amount > 0, "{line:?}");
                    balance += if line.direction == Deposit { line.amount } else { -line.amount };
                    assert_eq!(line.balance_after, balance, "{line:?}");
                    assert!(balance >= 0, "{} overdrawn on {}", book.account_number, line.date);
                    previous = line.date;
                }
            }
        }
    }

    #[test]
    fn the_happy_path_passbook_looks_like_a_salaried_month() {
        let lines = PASSBOOKS[0].lines(date!(2026 - 11 - 26));
        let first = lines.first().map(|line| line.date);
        assert!(first.is_some_and(|d| d < date!(2026 - 08 - 26)), "older than three months: {first:?}");
        let salaries: Vec<_> = lines.iter().filter(|line| line.remarks.starts_with("ｷﾕｳﾖ")).collect();
        assert_eq!(salaries.len(), 4, "salary every month: {salaries:?}");
        // 2026-10-25 is a Sunday: paid on Friday the 23rd.
        assert!(salaries.iter().any(|line| line.date == date!(2026 - 10 - 23)));
        assert!(lines.iter().all(|line| line.date.weekday() != Weekday::Sunday || line.remarks.starts_with("ATM")));
        assert_eq!(lines, PASSBOOKS[0].lines(date!(2026 - 11 - 26)), "the same day seeds the same passbook");
    }

    #[test]
    fn months_before_keeps_the_day_or_takes_the_months_last() {
        assert_eq!(months_before(date!(2026 - 11 - 26), 4), date!(2026 - 07 - 26));
        assert_eq!(months_before(date!(2027 - 02 - 10), 4), date!(2026 - 10 - 10));
        assert_eq!(months_before(date!(2026 - 06 - 30), 4), date!(2026 - 02 - 28));
    }
}
