//! The site's interface words in Arabic and English, in one table.

use serde::Serialize;

use crate::lang::Lang;

/// Interface labels of one language, passed to every template as `t`.
#[derive(Debug, Clone, Serialize)]
pub struct Labels {
    pub lang_name: &'static str,
    pub other_lang_name: &'static str,
    pub skip_to_content: &'static str,
    pub home: &'static str,
    pub documents: &'static str,
    pub authors: &'static str,
    pub date: &'static str,
    pub publisher: &'static str,
    pub place: &'static str,
    pub not_stated: &'static str,
    pub editor_supplied: &'static str,
    pub editor_translation: &'static str,
    pub abstract_ar: &'static str,
    pub abstract_en: &'static str,
    pub contents: &'static str,
    pub notes: &'static str,
    pub editorial_notes: &'static str,
    pub repaired: &'static str,
    pub source_line: &'static str,
    pub cite: &'static str,
    pub cite_section: &'static str,
    pub not_found_title: &'static str,
    pub not_found_text: &'static str,
    pub no_documents: &'static str,
}

const AR: Labels = Labels {
    lang_name: "العربية",
    other_lang_name: "English",
    skip_to_content: "انتقل إلى المحتوى",
    home: "الرئيسية",
    documents: "الأوراق",
    authors: "المؤلف",
    date: "التاريخ",
    publisher: "الناشر",
    place: "مكان النشر",
    not_stated: "غير مذكور",
    editor_supplied: "عنوان من وضع المحرر",
    editor_translation: "ترجمة المحرر",
    abstract_ar: "الملخص",
    abstract_en: "Abstract",
    contents: "المحتويات",
    notes: "الحواشي",
    editorial_notes: "ملاحظات التحرير",
    repaired: "صُحِّح",
    source_line: "سطر المصدر",
    cite: "الاستشهاد",
    cite_section: "الاستشهاد بقسم",
    not_found_title: "الصفحة غير موجودة",
    not_found_text: "لم نجد هذه الصفحة. قد يكون الرابط قديماً أو فيه خطأ.",
    no_documents: "لا توجد أوراق منشورة بعد.",
};

const EN: Labels = Labels {
    lang_name: "English",
    other_lang_name: "العربية",
    skip_to_content: "Skip to content",
    home: "Home",
    documents: "Papers",
    authors: "Author",
    date: "Date",
    publisher: "Publisher",
    place: "Place",
    not_stated: "not stated",
    editor_supplied: "title supplied by the editor",
    editor_translation: "editor's translation",
    abstract_ar: "الملخص",
    abstract_en: "Abstract",
    contents: "Contents",
    notes: "Notes",
    editorial_notes: "Editorial notes",
    repaired: "repaired",
    source_line: "source line",
    cite: "Cite",
    cite_section: "Cite a section",
    not_found_title: "Page not found",
    not_found_text: "This page does not exist. The link may be old or mistyped.",
    no_documents: "No papers are published yet.",
};

/// The labels of `lang`.
pub fn labels(lang: Lang) -> &'static Labels {
    match lang {
        Lang::Ar => &AR,
        Lang::En => &EN,
    }
}

const MONTHS_AR: [&str; 12] = [
    "يناير",
    "فبراير",
    "مارس",
    "أبريل",
    "مايو",
    "يونيو",
    "يوليو",
    "أغسطس",
    "سبتمبر",
    "أكتوبر",
    "نوفمبر",
    "ديسمبر",
];
const MONTHS_EN: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// A date written for readers of `lang`: `14 February 2022`, `February 2022`, `2022`.
pub fn date(lang: Lang, year: u16, month: Option<u8>, day: Option<u8>) -> String {
    let months = match lang {
        Lang::Ar => &MONTHS_AR,
        Lang::En => &MONTHS_EN,
    };
    match (month, day) {
        (Some(m), Some(d)) => format!("{d} {} {year}", months[usize::from(m) - 1]),
        (Some(m), None) => format!("{} {year}", months[usize::from(m) - 1]),
        _ => year.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates() {
        assert_eq!(date(Lang::En, 2022, Some(2), None), "February 2022");
        assert_eq!(date(Lang::Ar, 2022, Some(2), Some(14)), "14 فبراير 2022");
        assert_eq!(date(Lang::En, 2020, None, None), "2020");
    }
}
