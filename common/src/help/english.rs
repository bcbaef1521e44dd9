//! The help page's content in English: the same twelve questions in the
//! same order, each answer of the same parts as its Japanese one.

use super::{Faq, Part};

pub const FAQ_EN: &[Faq] = &[
    Faq {
        question: "I do not know my registered phone number",
        answer: &[Part::Text(
            "If you are not sure which phone number you have registered with us, please contact the branch where you hold the account.",
        )],
    },
    Faq {
        question: "My PIN was locked in API linkage authentication. Can I still use ATMs?",
        answer: &[Part::Text(
            "Only API linkage authentication has been locked. Your other transactions, such as cash withdrawals at ATMs with your cash card, are not restricted, and you can continue to use them as before. Please try API linkage authentication again from 0:00 the next day.",
        )],
    },
    Faq {
        question: "The message \"We can no longer process your request\" was shown",
        answer: &[Part::Text(
            "API linkage authentication is temporarily unavailable because incorrect identity verification details were entered more than the set number of times. The restriction is lifted automatically at 0:00 the next day, so please try again after that.",
        )],
    },
    Faq {
        question: "I have not received the email notifying me that the link is complete",
        answer: &[Part::WithMailDomain(
            "If you restrict the email you receive, for example to block spam, please change your settings so that you can receive email from \"@{domain}\".",
        )],
    },
    Faq {
        question: "I entered my name in katakana incorrectly (my name has changed)",
        answer: &[Part::Text(
            "There is no need to correct it. The name in katakana you entered is kept only as a record of the procedure and is not used to verify your identity.",
        )],
    },
    Faq {
        question: "I entered my email address incorrectly (my email address has changed)",
        answer: &[Part::Text(
            "There is no need to correct it. The email address you entered is used only to send you the notice that the link is complete.",
        )],
    },
    Faq {
        question: "What are the service hours?",
        answer: &[
            Part::Text(
                "The service is not available during the following times because of system maintenance (all times are Japan time).",
            ),
            Part::ServiceHours,
            Part::Text("Outside these times, the service is available 24 hours a day."),
        ],
    },
    Faq {
        question: "How far back can I view my transaction history?",
        answer: &[Part::Text("The transaction history you can view from the app goes back about 3 months.")],
    },
    Faq {
        question: "What happens to the transaction history already imported into the app?",
        answer: &[Part::Text(
            "How imported transaction history is handled depends on the app. Please contact the provider of the app you are using.",
        )],
    },
    Faq {
        question: "My account has been transferred to another branch (my branch number and account number have changed)",
        answer: &[
            Part::Text(
                "The branch number and account number from before the transfer can no longer be used. You can neither renew a link nor complete API linkage authentication with them.",
            ),
            Part::Text(
                "For example, if your branch number and account number changed from 011-111111 to 022-2222222, please complete API linkage authentication again with the new branch number and account number (022-2222222).",
            ),
        ],
    },
    Faq {
        question: "I have deleted (uninstalled) the app. What happens to the link?",
        answer: &[Part::Text(
            "In case the app was deleted by mistake, the link is not ended immediately but continues for a while. It ends automatically once its validity period has passed.",
        )],
    },
    Faq {
        question: "I have changed to a new smartphone",
        answer: &[Part::Text(
            "Whether the link carries over to a new device depends on the app. Please check the app's guidance or contact the provider of the app.",
        )],
    },
];
