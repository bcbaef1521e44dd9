//! The help page's content (よくあるご質問): the manual's twelve questions
//! and answers (messages.md, FAQ 1–12) as the union's data. Another union
//! rewords `FAQ`, not the screen. Two answers take their facts from
//! elsewhere: the sending domain from the union's profile, and the service
//! hours from the calendar. [`FAQ_EN`] is the same in English, question
//! for question and part for part.

mod english;

pub use english::FAQ_EN;

use crate::calendar::Rule;
use crate::lang::Lang;

/// One question as the customer asks it, and its answer.
#[derive(Clone, Copy, Debug)]
pub struct Faq {
    pub question: &'static str,
    pub answer: &'static [Part],
}

/// A piece of an answer.
#[derive(Clone, Copy, Debug)]
pub enum Part {
    /// A paragraph as written.
    Text(&'static str),
    /// A paragraph naming the domain the completion notice comes from,
    /// written where [`DOMAIN`] stands.
    WithMailDomain(&'static str),
    /// The service calendar's rules, one item each.
    ServiceHours,
}

/// Where a [`Part::WithMailDomain`] paragraph names the sending domain.
pub const DOMAIN: &str = "{domain}";

pub const FAQ: &[Faq] = &[
    Faq {
        question: "お届けの電話番号がわかりません",
        answer: &[Part::Text("当組合にお届けの電話番号がご不明な場合は、口座のあるお取引店舗へお問い合わせ下さい。")],
    },
    Faq {
        question: "API連携認証で暗証番号がロックされました。ATMは使えますか",
        answer: &[Part::Text(
            "ロックされたのはAPI連携認証のみです。キャッシュカードによるATMでのお引出しなど、ほかのお取引は制限されませんので、これまでどおりご利用いただけます。API連携認証は、翌日0:00以降に改めてお手続き下さい。",
        )],
    },
    Faq {
        question: "「お取扱いができなくなりました」と表示されました",
        answer: &[Part::Text(
            "本人認証情報の誤りが所定の回数を超えたため、API連携認証を一時的にお取扱いできなくなっています。翌日0:00に自動で解除されますので、解除後に改めてお手続き下さい。",
        )],
    },
    Faq {
        question: "連携完了のお知らせメールが届きません",
        answer: &[Part::WithMailDomain(
            "迷惑メール対策などでメールの受信を制限されている場合は、「@{domain}」からのメールを受信できるよう設定して下さい。",
        )],
    },
    Faq {
        question: "カナ氏名を間違えて入力しました（氏名が変わりました）",
        answer: &[Part::Text(
            "訂正の必要はありません。入力いただいたカナ氏名は操作の記録に残すためのもので、本人認証には使用しておりません。",
        )],
    },
    Faq {
        question: "メールアドレスを間違えて入力しました（アドレスが変わりました）",
        answer: &[Part::Text(
            "訂正の必要はありません。入力いただいたメールアドレスは、連携完了のお知らせの送信にのみ使用します。",
        )],
    },
    Faq {
        question: "サービスの利用時間を教えて下さい",
        answer: &[
            Part::Text("次の時間帯はシステムメンテナンスのため、ご利用いただけません（時刻はすべて日本時間です）。"),
            Part::ServiceHours,
            Part::Text("上記以外の時間帯は、24時間ご利用いただけます。"),
        ],
    },
    Faq {
        question: "入出金明細はどのくらい前まで照会できますか",
        answer: &[Part::Text("アプリから照会いただける入出金明細は、約3か月前までの分です。")],
    },
    Faq {
        question: "アプリに取り込み済みの入出金明細はどうなりますか",
        answer: &[Part::Text(
            "アプリに取り込まれた明細の取扱いは、アプリによって異なります。ご利用のアプリの提供事業者へお問い合わせ下さい。",
        )],
    },
    Faq {
        question: "口座が別の店舗に移管されました（店番・口座番号が変わりました）",
        answer: &[
            Part::Text(
                "移管前の店番・口座番号はご利用いただけなくなります。連携の更新も、移管前の店番・口座番号でのAPI連携認証もできません。",
            ),
            Part::Text(
                "例えば、店番・口座番号が011-111111から022-2222222に変わった場合は、新しい店番・口座番号（022-2222222）で、改めてAPI連携認証を行って下さい。",
            ),
        ],
    },
    Faq {
        question: "アプリを削除（アンインストール）しました。連携はどうなりますか",
        answer: &[Part::Text(
            "誤って削除された場合に備えて、連携はすぐには解除されず、しばらくの間継続します。連携の有効期限を過ぎると、自動的に終了します。",
        )],
    },
    Faq {
        question: "スマートフォンを機種変更しました",
        answer: &[Part::Text(
            "新しい機種での連携の引継ぎは、アプリによって異なります。ご利用のアプリの案内をご確認いただくか、アプリの提供事業者へお問い合わせ下さい。",
        )],
    },
];

/// An answer's piece ready to show.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Block {
    Paragraph(String),
    List(Vec<String>),
}

/// A question with its answer as the page shows it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    pub question: &'static str,
    pub answer: Vec<Block>,
}

/// The FAQ in `lang`.
pub fn faq(lang: Lang) -> &'static [Faq] {
    match lang {
        Lang::Ja => FAQ,
        Lang::En => FAQ_EN,
    }
}

/// The FAQ in `lang` with the union's sending domain and the calendar
/// written in.
pub fn entries(mail_domain: &str, lang: Lang) -> Vec<Entry> {
    faq(lang)
        .iter()
        .map(|faq| Entry {
            question: faq.question,
            answer: faq
                .answer
                .iter()
                .map(|part| match part {
                    Part::Text(text) => Block::Paragraph((*text).to_owned()),
                    Part::WithMailDomain(text) => Block::Paragraph(text.replace(DOMAIN, mail_domain)),
                    Part::ServiceHours => Block::List(Rule::ALL.into_iter().map(|r| r.description(lang)).collect()),
                })
                .collect(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(entry: &Entry) -> String {
        entry
            .answer
            .iter()
            .map(|block| match block {
                Block::Paragraph(p) => p.clone(),
                Block::List(items) => items.join("\n"),
            })
            .collect::<Vec<_>>()
            .join("\n")
    }

    #[test]
    fn the_manual_has_twelve_questions_none_empty() {
        assert_eq!(FAQ.len(), 12);
        for entry in entries("webcenter.example.jp", Lang::Ja) {
            assert!(!entry.question.trim().is_empty());
            assert!(!entry.answer.is_empty(), "{} has an answer", entry.question);
            for block in &entry.answer {
                match block {
                    Block::Paragraph(p) => assert!(!p.trim().is_empty(), "{}", entry.question),
                    Block::List(items) => {
                        assert!(!items.is_empty());
                        assert!(items.iter().all(|i| !i.trim().is_empty()), "{}", entry.question);
                    }
                }
            }
        }
    }

    #[test]
    fn every_question_is_asked_once() {
        for (i, faq) in FAQ.iter().enumerate() {
            assert!(FAQ[i + 1..].iter().all(|other| other.question != faq.question), "{}", faq.question);
        }
    }

    #[test]
    fn answers_are_polite_and_written_out() {
        for entry in entries("webcenter.example.jp", Lang::Ja) {
            let answer = text(&entry);
            assert!(!answer.contains("ください"), "下さい, as the screens write it: {answer}");
            assert!(!answer.contains('{'), "no placeholder left: {answer}");
        }
    }

    #[test]
    fn the_mail_answer_names_the_unions_sending_domain() {
        let entries = entries("webcenter.example.jp", Lang::Ja);
        assert!(text(&entries[3]).contains("「@webcenter.example.jp」"), "FAQ 4");
        let naming = entries.iter().filter(|e| text(e).contains("webcenter.example.jp")).count();
        assert_eq!(naming, 1);
    }

    #[test]
    fn the_service_hours_answer_lists_every_rule_of_the_calendar() {
        let entries = entries("webcenter.example.jp", Lang::Ja);
        let hours = &entries[6];
        let lists: Vec<&Vec<String>> = hours
            .answer
            .iter()
            .filter_map(|b| match b {
                Block::List(items) => Some(items),
                Block::Paragraph(_) => None,
            })
            .collect();
        assert_eq!(lists.len(), 1, "FAQ 7 has one list");
        let described: Vec<String> = Rule::ALL.into_iter().map(|r| r.description(Lang::Ja)).collect();
        assert_eq!(lists[0], &described, "one item per rule, in the calendar's words");
        assert!(text(hours).contains("1月1日〜3日"));
    }

    #[test]
    fn the_moved_account_answer_keeps_the_manuals_example() {
        let answer = text(&entries("webcenter.example.jp", Lang::Ja)[9]);
        assert!(answer.contains("011-111111") && answer.contains("022-2222222"), "{answer}");
    }

    /// Kana, kanji, Japanese punctuation and full-width forms.
    fn japanese_in(text: &str) -> Option<char> {
        text.chars().find(|c| {
            matches!(
                c,
                '\u{3000}'..='\u{303F}' | '\u{3040}'..='\u{30FF}' | '\u{4E00}'..='\u{9FFF}' | '\u{FF00}'..='\u{FFEF}'
            )
        })
    }

    #[test]
    fn the_english_faq_asks_the_same_questions_in_the_same_parts() {
        assert_eq!(FAQ_EN.len(), FAQ.len());
        for (ja, en) in FAQ.iter().zip(FAQ_EN) {
            let shape = |faq: &Faq| faq.answer.iter().map(std::mem::discriminant).collect::<Vec<_>>();
            assert_eq!(shape(en), shape(ja), "{} / {}", ja.question, en.question);
        }
        for (i, faq) in FAQ_EN.iter().enumerate() {
            assert!(FAQ_EN[i + 1..].iter().all(|other| other.question != faq.question), "{}", faq.question);
        }
    }

    #[test]
    fn the_english_answers_are_written_out_in_english() {
        for entry in entries("webcenter.example.jp", Lang::En) {
            assert!(!entry.question.trim().is_empty());
            assert_eq!(japanese_in(entry.question), None, "{}", entry.question);
            let answer = text(&entry);
            assert!(!answer.trim().is_empty(), "{}", entry.question);
            assert_eq!(japanese_in(&answer), None, "{answer}");
            assert!(!answer.contains('{'), "no placeholder left: {answer}");
        }
    }

    #[test]
    fn the_english_mail_answer_names_the_unions_sending_domain() {
        let entries = entries("webcenter.example.jp", Lang::En);
        assert!(text(&entries[3]).contains("\"@webcenter.example.jp\""), "FAQ 4");
        let naming = entries.iter().filter(|e| text(e).contains("webcenter.example.jp")).count();
        assert_eq!(naming, 1);
    }

    #[test]
    fn the_english_service_hours_answer_lists_the_calendar_in_english() {
        let hours = &entries("webcenter.example.jp", Lang::En)[6];
        let described: Vec<String> = Rule::ALL.into_iter().map(|r| r.description(Lang::En)).collect();
        assert!(hours.answer.contains(&Block::List(described)));
        assert!(text(hours).contains("January 1–3"));
    }

    #[test]
    fn the_english_moved_account_answer_keeps_the_manuals_example() {
        let answer = text(&entries("webcenter.example.jp", Lang::En)[9]);
        assert!(answer.contains("011-111111") && answer.contains("022-2222222"), "{answer}");
    }

    #[test]
    fn the_english_lock_question_quotes_the_english_message() {
        let (message, _) = crate::catalogue::ErrorId::LockedNow.words(Lang::En);
        let quoted = FAQ_EN[2].question.split('"').nth(1).unwrap_or_default();
        assert!(!quoted.is_empty() && message.starts_with(quoted), "{quoted} / {message}");
    }
}
