//! The catalogue's words: for each [`ErrorId`], the manual's message and
//! reason code, what to do, the HTTP status, and whether the desk is named.

use super::{Entry, ErrorId};

impl ErrorId {
    pub fn entry(self) -> Entry {
        const fn e(
            reason_code: &'static str,
            message: &'static str,
            remedy: &'static str,
            status: u16,
            shows_contact: bool,
        ) -> Entry {
            Entry { reason_code, message, remedy, status, shows_contact }
        }
        match self {
            ErrorId::AccountNotHandled => e(
                "A01",
                "ご指定の口座は、本サービスではお取り扱いできません。",
                "キャッシュカードや通帳をご参照のうえ、正しい科目・口座番号を入力して下さい。",
                422,
                false,
            ),
            ErrorId::IdentityMismatch => e(
                "A02",
                "本人認証情報が誤っています。本人認証項目をご確認のうえ、再度入力して下さい。",
                "当組合にお届けの内容を入力して下さい。",
                422,
                false,
            ),
            ErrorId::LockedNow => e(
                "A03",
                "お取扱いができなくなりました。詳しくは本サービスのお問合せ窓口へご照会下さい。",
                "翌日0時に自動で解除されます。解除後に再度お試し下さい。",
                423,
                true,
            ),
            ErrorId::Locked => e(
                "B84",
                "ただ今お取扱いできません。詳しくは本サービスのお問合せ窓口へご照会下さい。理由コードはB84です。",
                "お急ぎの場合はお問合せ窓口へご連絡下さい。",
                423,
                true,
            ),
            ErrorId::OutOfHours => e(
                "S01",
                "ただ今の時間はサービスを行っておりません。ご了承下さい。",
                "サービス時間内に改めてご利用下さい。",
                503,
                false,
            ),
            ErrorId::Busy => e(
                "S02",
                "ただ今受付が混雑しておりますので、しばらくしてからご利用下さい。",
                "しばらく時間をおいてから再度お試し下さい。",
                503,
                false,
            ),
            // Ours (the manual has no such limit), worded like S02: what
            // happened, then when to come back. No desk: waiting is the remedy.
            ErrorId::Throttled => e(
                "S05",
                "短時間に多くのお手続きがあったため、ただ今お取扱いできません。しばらくしてからご利用下さい。",
                "時間をおいて、アプリからもう一度API連携認証を開始して下さい。",
                429,
                false,
            ),
            ErrorId::SystemError => e(
                "S03",
                "調整のため連絡ができなくなりました。なお、お急ぎの場合は本サービスのお問合せ窓口へご照会下さい。",
                "時間をおいて再度お試し下さい。解消しない場合はお問合せ窓口へご連絡下さい。",
                500,
                true,
            ),
            ErrorId::ServiceUnavailable => e(
                "S04",
                "ご指定のサービスはただ今お取扱いできません。なお、お急ぎの場合は本サービスのお問合せ窓口へご照会下さい。",
                "時間をおいて再度お試し下さい。解消しない場合はお問合せ窓口へご連絡下さい。",
                503,
                true,
            ),
            ErrorId::InvalidInput => e(
                "V01",
                "入力内容に誤りがあります。各項目のご案内をご確認下さい。",
                "赤字でご案内した項目を修正して下さい。",
                422,
                false,
            ),
            ErrorId::FlowExpired => e(
                "F01",
                "一定時間操作がなかったため、お手続きが無効となりました。API連携認証の最初に戻って操作してください。",
                "アプリからもう一度API連携認証を開始して下さい。",
                // The flow's cookie is the screens' credential: without a
                // live one the request is unauthenticated.
                401,
                false,
            ),
            ErrorId::StepOutOfOrder => e(
                "F02",
                "前の手順が完了していません。API連携認証の最初に戻って操作してください。",
                "画面①からやり直して下さい。",
                409,
                false,
            ),
            ErrorId::ForbiddenOrigin => e(
                "F03",
                "このページからはお手続きできません。アプリからもう一度API連携認証を開始して下さい。",
                "アプリからもう一度API連携認証を開始して下さい。",
                403,
                false,
            ),
            ErrorId::NotFound => e(
                "F04",
                "ご指定のページは見つかりません。",
                "アプリからもう一度API連携認証を開始して下さい。",
                404,
                false,
            ),
            ErrorId::PhoneExpired => e(
                "P01",
                "120秒経過後の架電、「確定する」ボタン選択は無効となります。API連携認証の最初に戻って操作してください。",
                "画面①からやり直して下さい。新しい認証先電話番号をご案内します。",
                409,
                false,
            ),
            ErrorId::NoRegisteredPhone => e(
                "P02",
                "お届け出の電話番号が確認できないため、電話番号認証を行えません。お取引店舗へお問い合わせ下さい。",
                "お口座のあるお取引店舗で電話番号のお届けをご確認下さい。",
                409,
                false,
            ),
            // Either the customer has another screen ④ open for the same phone,
            // or someone else is using their details: the remedy says both.
            ErrorId::CallAmbiguous => e(
                "P03",
                "同じお届け出電話番号で、ほかにも電話番号認証のお手続きが行われていたため、お電話を確認できませんでした。API連携認証の最初に戻って操作してください。",
                "ほかの画面のお手続きを終了のうえ、画面①からやり直して下さい。お心当たりのない場合は、お問合せ窓口へご連絡下さい。",
                409,
                true,
            ),
            ErrorId::PinMismatch => e(
                "K01",
                "暗証番号が誤っています。キャッシュカードの暗証番号をご確認のうえ、再度入力して下さい。",
                "所定の回数誤るとAPI連携認証がお取扱いできなくなります（ATMでのお取引には影響ありません）。",
                422,
                false,
            ),
            // The bank API's answers (R..): read by app providers' developers,
            // worded in the same register as the customer's messages.
            ErrorId::InvalidToken => e(
                "R01",
                "アクセストークンが無効です。",
                "有効期限切れ、連携の解除、または口座の移管により連携が無効になっています。お客様に改めてAPI連携認証を行っていただいて下さい。",
                401,
                false,
            ),
            ErrorId::InsufficientScope => e(
                "R02",
                "この照会は連携で許可されていません。",
                "お客様が許可した照会（スコープ）の範囲でご利用下さい。",
                403,
                false,
            ),
            ErrorId::InvalidQuery => e(
                "R03",
                "照会条件に誤りがあります。",
                "日付はYYYY-MM-DD形式で、開始日は終了日以前を指定して下さい。",
                400,
                false,
            ),
            ErrorId::HistoryOutOfRange => e(
                "R04",
                "ご指定の期間は照会できません。入出金明細は過去3か月分まで照会できます。",
                "照会できる期間の開始日以降を指定して下さい。",
                400,
                false,
            ),
            ErrorId::AccountNotLinked => {
                e("R05", "ご指定の口座は連携されていません。", "連携済みの口座の口座IDを指定して下さい。", 404, false)
            }
            ErrorId::CookiesBlocked => e(
                "W01",
                "Cookieが無効になっているため、API連携認証を続けられません。",
                "ブラウザの設定でCookieを有効にするか、SafariやChromeなどのブラウザで開き直して下さい。",
                400,
                false,
            ),
            ErrorId::ScriptBlocked => e(
                "W02",
                "JavaScriptが無効になっているため、API連携認証を続けられません。",
                "ブラウザの設定でJavaScriptを有効にするか、SafariやChromeなどのブラウザで開き直して下さい。",
                400,
                false,
            ),
            ErrorId::LinkNotFound => e(
                "L01",
                "ご指定の連携は見つかりません。既に解除されている可能性があります。",
                "一覧を読み込み直して、現在の連携をご確認下さい。",
                404,
                false,
            ),
            ErrorId::InvalidAppRequest => e(
                "O01",
                "アプリからの連携のご依頼に誤りがあるため、お手続きを開始できません。",
                "お手数ですが、ご利用のアプリの提供事業者へお問い合わせ下さい。",
                400,
                false,
            ),
            ErrorId::WebhookRejected => e(
                "T01",
                "通知の署名を確認できません。",
                "電話サービスの設定（URL、認証トークン）をご確認下さい。",
                403,
                false,
            ),
        }
    }
}
