//! Tera filters Warraq adds for its templates.
//!
//! `isolate`: for a plain string shown inside Arabic text (an Arabic title, an abstract
//! sentence), escapes it and wraps its Latin runs in `<bdi lang="en" dir="ltr">`, like the
//! Markdown pass does for the body. Its input is always escaped, even a value already marked
//! safe, so `{{ x | isolate }}` (and `{{ x | isolate | safe }}`) is safe whatever `x` holds; the
//! result is marked safe because it is markup built only from escaped parts.
//!
//! `isolate_arabic`: the mirror for English text, wrapping Arabic runs in
//! `<bdi lang="ar" dir="rtl">`, with the same escaping.

use tera::{Kwargs, State, StringInput, Tera, Value};

use crate::markdown::bidi;

/// Adds Warraq's filters to `tera`.
pub(crate) fn register(tera: &mut Tera) {
    tera.register_filter("isolate", isolate);
    tera.register_filter("isolate_arabic", isolate_arabic);
}

fn isolate(text: StringInput, _: Kwargs, _: &State) -> Value {
    Value::safe_string(&bidi::isolate_plain(text.as_str()))
}

fn isolate_arabic(text: StringInput, _: Kwargs, _: &State) -> Value {
    Value::safe_string(&bidi::isolate_arabic_plain(text.as_str()))
}

#[cfg(test)]
mod tests {
    use serde::Serialize;
    use tera::Context;

    use super::*;

    #[derive(Serialize)]
    struct Ctx {
        value: &'static str,
    }

    fn render(template: &str, value: &'static str) -> String {
        let mut tera = Tera::new();
        tera.autoescape_on([".html"]);
        register(&mut tera);
        tera.add_raw_template("t.html", template).unwrap();
        let context = Context::from_serialize(&Ctx { value }).unwrap();
        tera.render("t.html", &context).unwrap()
    }

    #[test]
    fn isolate_wraps_latin_runs_and_escapes_everything_else() {
        let cases = [
            (
                "{{ value | isolate }}",
                "حرب 2020 (Welt & Bowen, 2021, 12).",
                "حرب 2020 (<bdi lang=en dir=ltr>Welt &amp; Bowen, 2021, 12</bdi>).",
            ),
            (
                "{{ value | isolate | safe }}",
                "عنوان <script>alert(1)</script>",
                "عنوان &lt;<bdi lang=en dir=ltr>script&gt;alert(1)&lt;/script&gt;</bdi>",
            ),
            (
                "{{ value | safe | isolate }}",
                "<img src=x onerror=alert(1)>",
                "&lt;<bdi lang=en dir=ltr>img src=x onerror=alert(1)&gt;</bdi>",
            ),
            ("{{ value | isolate }}", "عربي فقط", "عربي فقط"),
        ];
        for (template, value, expected) in cases {
            assert_eq!(render(template, value), expected, "{template} {value}");
        }
    }
}
