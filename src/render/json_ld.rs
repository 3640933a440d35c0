//! The schema.org `ScholarlyArticle` of a paper, as JSON-LD for its page's `<script>`.
//!
//! Typed structs written straight to text by serde_json, with nothing built in between. Keys
//! come out in byte order (the order a JSON map made by serde_json would give them, which is
//! the order pages have always had): each struct lists its fields in the order of their keys,
//! and absent values are left out.

use serde::Serialize;

use crate::content::schema::{Meta, SiteConfig};
use crate::lang::Lang;
use crate::markdown::Heading;

use super::head::Place;

/// The article: a paper, its authors, imprint, abstracts and sections.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Article<'a> {
    #[serde(rename = "@context")]
    context: &'static str,
    #[serde(rename = "@type")]
    kind: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    r#abstract: Option<Vec<Text<'a>>>,
    alternative_headline: &'a str,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    author: Vec<Person<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    date_published: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    has_part: Vec<Part<'a>>,
    headline: &'a str,
    in_language: &'static str,
    is_accessible_for_free: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    is_part_of: Option<Person<'a>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    keywords: Vec<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    location_created: Option<Thing<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    main_entity_of_page: Option<&'a str>,
    name: &'a str,
    /// Its number in its series.
    #[serde(skip_serializing_if = "Option::is_none")]
    position: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    publisher: Option<Thing<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<&'a str>,
}

/// A person, organisation or place: its name as written, and the romanised one if given.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Thing<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    alternate_name: Option<&'a str>,
    name: &'a str,
}

/// An author (a `Person` with the author page's URL) or the paper's series (a
/// `CreativeWorkSeries` with its page's URL); the URL when the site has a base URL.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Person<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    alternate_name: Option<&'a str>,
    name: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<String>,
}

/// A text in a language.
#[derive(Serialize)]
struct Text<'a> {
    #[serde(rename = "@language")]
    language: &'static str,
    #[serde(rename = "@value")]
    value: &'a str,
}

/// A section of the paper.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Part<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    alternate_name: Option<&'a str>,
    name: &'a str,
    url: String,
}

/// The JSON-LD of the paper `meta` at `place` with `headings`, made safe inside
/// `<script type="application/ld+json">`: `<`, `>` and `&` are written as `\u` escapes, so
/// it can never end its element.
pub(crate) fn article(
    meta: &Meta,
    site: &SiteConfig,
    place: Place,
    headings: &[Heading],
) -> String {
    let thing = |kind, name, alternate_name| Thing {
        kind,
        alternate_name,
        name,
    };
    let url = place.absolute();
    let article = Article {
        context: "https://schema.org",
        kind: "ScholarlyArticle",
        r#abstract: meta.abstract_.as_ref().map(|a| {
            [(Lang::Ar, &a.ar), (Lang::En, &a.en)]
                .into_iter()
                .filter_map(|(lang, text)| {
                    text.as_deref().map(|value| Text {
                        language: lang.code(),
                        value,
                    })
                })
                .collect()
        }),
        alternative_headline: &meta.title_en,
        author: meta
            .authors
            .iter()
            .map(|a| Person {
                kind: "Person",
                alternate_name: a.name_en.as_deref(),
                name: &a.name,
                url: place
                    .base_url
                    .map(|base| format!("{base}authors/{}/", a.id.as_str())),
            })
            .collect(),
        date_published: meta.date.iso(),
        has_part: headings
            .iter()
            .map(|h| Part {
                kind: "CreativeWork",
                alternate_name: meta.sections.get(&h.id).map(String::as_str),
                name: &h.text,
                url: format!("{}#{}", url.as_deref().unwrap_or(""), h.id),
            })
            .collect(),
        headline: &meta.title,
        in_language: meta.lang.code(),
        is_accessible_for_free: true,
        is_part_of: meta.series.as_ref().and_then(|s| {
            let term = site.series.get(s.id.as_str())?;
            Some(Person {
                kind: "CreativeWorkSeries",
                alternate_name: Some(&term.en),
                name: &term.ar,
                url: place
                    .base_url
                    .map(|base| format!("{base}series/{}/", s.id.as_str())),
            })
        }),
        keywords: (meta.topics.iter())
            .filter_map(|t| site.topics.get(t.as_str()))
            .flat_map(|term| [term.ar.as_str(), term.en.as_str()])
            .collect(),
        location_created: meta
            .place
            .as_deref()
            .map(|name| thing("Place", name, meta.place_en.as_deref())),
        main_entity_of_page: url.as_deref(),
        name: &meta.title,
        position: meta.series.as_ref().and_then(|s| s.number),
        publisher: meta
            .publisher
            .as_deref()
            .map(|name| thing("Organization", name, meta.publisher_en.as_deref())),
        url: url.as_deref(),
    };
    let json = serde_json::to_string(&article).expect("the article's JSON always serializes");
    script_safe(json)
}

/// `json` with `<`, `>` and `&` written as `\u` escapes (the same JSON value, which can never
/// end a `<script>` element).
pub(crate) fn script_safe(json: String) -> String {
    if memchr::memchr3(b'<', b'>', b'&', json.as_bytes()).is_none() {
        return json;
    }
    let mut out = String::with_capacity(json.len() + 16);
    for c in json.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::schema::{Abstract, Author, Date, Origin, Slug};

    /// The article built as a `serde_json::Value`, the plain way [`article`] must match.
    fn as_value(
        meta: &Meta,
        site: &SiteConfig,
        place: Place,
        headings: &[Heading],
    ) -> serde_json::Value {
        use serde_json::{Value, json};
        let named = |kind: &str, name: &str, en: &Option<String>| {
            let mut thing = json!({ "@type": kind, "name": name });
            if let Some(en) = en {
                thing["alternateName"] = json!(en);
            }
            thing
        };
        let mut article = json!({
            "@context": "https://schema.org",
            "@type": "ScholarlyArticle",
            "headline": meta.title,
            "name": meta.title,
            "alternativeHeadline": meta.title_en,
            "inLanguage": meta.lang.code(),
            "isAccessibleForFree": true,
        });
        let authors: Vec<Value> = meta
            .authors
            .iter()
            .map(|a| {
                let mut person = named("Person", &a.name, &a.name_en);
                if let Some(base) = place.base_url {
                    person["url"] = json!(format!("{base}authors/{}/", a.id.value));
                }
                person
            })
            .collect();
        if let Some(series) = &meta.series {
            let term = &site.series[&series.id.value];
            let mut part = named("CreativeWorkSeries", &term.ar, &Some(term.en.clone()));
            if let Some(base) = place.base_url {
                part["url"] = json!(format!("{base}series/{}/", series.id.value));
            }
            article["isPartOf"] = part;
            if let Some(n) = series.number {
                article["position"] = json!(n);
            }
        }
        let keywords: Vec<Value> = (meta.topics.iter())
            .flat_map(|t| {
                let term = &site.topics[&t.value];
                [json!(term.ar), json!(term.en)]
            })
            .collect();
        if !keywords.is_empty() {
            article["keywords"] = Value::Array(keywords);
        }
        if !authors.is_empty() {
            article["author"] = Value::Array(authors);
        }
        if let Some(iso) = meta.date.iso() {
            article["datePublished"] = json!(iso);
        }
        if let Some(name) = &meta.publisher {
            article["publisher"] = named("Organization", name, &meta.publisher_en);
        }
        if let Some(name) = &meta.place {
            article["locationCreated"] = named("Place", name, &meta.place_en);
        }
        if let Some(a) = &meta.abstract_ {
            let texts = [(Lang::Ar, &a.ar), (Lang::En, &a.en)]
                .into_iter()
                .filter_map(|(lang, t)| {
                    t.as_ref()
                        .map(|t| json!({ "@value": t, "@language": lang.code() }))
                })
                .collect();
            article["abstract"] = Value::Array(texts);
        }
        if let Some(url) = place.absolute() {
            article["url"] = json!(url);
            article["mainEntityOfPage"] = json!(url);
        }
        let parts: Vec<Value> = headings
            .iter()
            .map(|h| {
                let url = place.absolute().unwrap_or_default();
                named("CreativeWork", &h.text, &meta.sections.get(&h.id).cloned())
                    .as_object()
                    .cloned()
                    .map(|mut part| {
                        part.insert("url".into(), json!(format!("{url}#{}", h.id)));
                        Value::Object(part)
                    })
                    .expect("an object")
            })
            .collect();
        if !parts.is_empty() {
            article["hasPart"] = Value::Array(parts);
        }
        article
    }

    fn heading(id: &str, text: &str) -> Heading {
        Heading {
            id: id.into(),
            level: 2,
            text: text.into(),
        }
    }

    fn placed(value: &str) -> crate::content::archive::Placed {
        crate::content::archive::Placed {
            value: value.into(),
            at: (1, 1),
        }
    }

    /// A paper with a title and nothing else.
    fn bare_meta() -> Meta {
        Meta {
            slug: Slug::parse("a").unwrap(),
            lang: Lang::Ar,
            title: "عنوان".into(),
            title_en: "Title".into(),
            title_origin: Origin::Source,
            title_en_origin: Origin::Source,
            authors: Vec::new(),
            date: Date::NotStated,
            date_text: None,
            publisher: None,
            publisher_en: None,
            place: None,
            place_en: None,
            abstract_: None,
            sections: Default::default(),
            aliases: Default::default(),
            former_slugs: Vec::new(),
            editorial_notes: Vec::new(),
            editor_supplied: Vec::new(),
            source: None,
            alignment: None,
            draft: false,
            topics: Vec::new(),
            series: None,
            pdf: None,
        }
    }

    #[test]
    fn typed_article_is_the_json_value_in_its_key_order() {
        let mut full = bare_meta();
        full.authors = vec![
            Author {
                id: placed("said-walid-al-hajj"),
                name: "د. سعيد </script> & <!--".into(),
                name_en: Some("Said \"Walid\" al-Hajj".into()),
                note: None,
            },
            Author {
                id: placed("b"),
                name: "ب".into(),
                name_en: None,
                note: None,
            },
        ];
        full.date = Date::Known {
            year: 2022,
            month: Some(2),
            day: None,
        };
        full.publisher = Some("مركز".into());
        full.publisher_en = Some("Centre".into());
        full.place = Some("بيروت".into());
        full.place_en = None;
        full.abstract_ = Some(Abstract {
            ar: Some("ملخص\nسطر".into()),
            en: Some("An <abstract>".into()),
        });
        full.sections.insert("s1".into(), "Introduction".into());
        full.topics = vec![placed("gas"), placed("war")];
        full.series = Some(crate::content::archive::SeriesRef {
            id: placed("papers"),
            number: Some(12),
        });
        let text = "---\ntitle: t\ntitle_en: T\ntopics:\n  gas: {ar: غاز, en: Gas}\n  war: {ar: حرب, en: \"War <&>\"}\nseries:\n  papers: {ar: أوراق, en: Papers}\n---\n";
        let (home, _) =
            crate::content::document::home(std::path::Path::new("_index.md"), text.into());
        let site = home.unwrap().config;
        let mut bare = bare_meta();
        bare.abstract_ = Some(Abstract { ar: None, en: None });
        let headings = [heading("s1", "مقدمة"), heading("s2", "ثانياً")];
        for base_url in [None, Some("https://e.org/repo/")] {
            let place = Place {
                path: "a/",
                base_url,
                root: "../",
            };
            for (meta, headings) in [(&full, &headings[..]), (&bare, &[][..])] {
                let value = as_value(meta, &site, place, headings);
                let plain = serde_json::to_string(&value)
                    .unwrap()
                    .replace('<', "\\u003c")
                    .replace('>', "\\u003e")
                    .replace('&', "\\u0026");
                assert_eq!(article(meta, &site, place, headings), plain);
            }
        }
    }

    #[test]
    fn json_in_scripts_cannot_close_them() {
        let value = serde_json::json!({ "t": "</script><script>alert(1)</script> & <!--" });
        let text = script_safe(serde_json::to_string(&value).unwrap());
        assert!(
            !text.contains('<') && !text.contains('>') && !text.contains('&'),
            "{text}"
        );
        let back: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(back, value);
        assert_eq!(script_safe("{\"a\":1}".into()), "{\"a\":1}");
    }
}
