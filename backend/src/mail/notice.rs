//! What the completion notice says: what was linked, to which app, when,
//! and how to undo it.

use renkei_common::api::UnionProfile;
use renkei_common::calendar::{JST, jst_date_text};
use time::OffsetDateTime;

pub struct CompletionNotice<'a> {
    pub union: &'a UnionProfile,
    pub app_name: &'a str,
    /// e.g. 本店営業部 普通 ****567
    pub account: &'a str,
    /// e.g. 残高照会、入出金明細照会
    pub data: &'a str,
    pub at: OffsetDateTime,
    pub until: OffsetDateTime,
    /// Our 連携管理 page, where the customer sees and ends their links.
    pub links_url: &'a str,
}

fn jst_text(t: OffsetDateTime) -> String {
    let local = t.to_offset(JST);
    format!("{} {}:{:02}", jst_date_text(t), local.hour(), local.minute())
}

impl CompletionNotice<'_> {
    pub fn subject(&self) -> String {
        format!("【{}】API連携認証完了のお知らせ", self.union.name)
    }

    pub fn body(&self) -> String {
        let desk = &self.union.desk;
        format!(
            "いつも{union}をご利用いただき、ありがとうございます。\n\n\
             次のとおり、アプリとお客様の口座の連携（API連携認証）が完了しました。\n\n\
             \u{3000}連携先アプリ：{app}\n\
             \u{3000}対象口座　　：{account}\n\
             \u{3000}参照する情報：{data}\n\
             \u{3000}連携日時　　：{at}\n\
             \u{3000}有効期限　　：{until}\n\n\
             お心当たりのない場合や連携を解除したい場合は、アプリで連携を解除するか、\n\
             下記のお問合せ窓口またはお取引店舗へご連絡下さい。\n\
             連携中のアプリの確認と解除は、ご本人確認のうえ次のページ（連携管理）でも行えます。\n\
             {links_url}\n\n\
             {union} {desk_name}\n電話 {phone}（{hours}）\nメール {email}\n\n\
             ※このメールは送信専用です。ご返信いただいてもお答えできません。\n",
            union = self.union.name,
            app = self.app_name,
            account = self.account,
            data = self.data,
            at = jst_text(self.at),
            until = jst_text(self.until),
            desk_name = desk.name,
            phone = desk.phone,
            hours = desk.hours,
            email = desk.email,
            links_url = self.links_url,
        )
    }
}
