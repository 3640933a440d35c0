//! The hostile-input corpus: every bad or odd content file an editor (or a PDF extraction) can
//! produce, each built with the real binary on top of a site that built before.
//!
//! For every case: the exit code is the expected one (1 for an error, 0 when the input is only
//! odd, never the panic code 101), every diagnostic names `file:line:column`, the expected
//! message is there, and a failed build leaves the previous `site/` byte-identical with no
//! temporary folder behind. Most inputs are files under `tests/fixtures/hostile/`; the large,
//! binary and file-system ones are made here at run time. `docs/bad-input.md` is generated
//! from this same list (see [`the_answer_table_in_docs_is_current`]), so the table and the
//! tests cannot drift apart. The raw extractions `warraq import` refuses (or takes) are a
//! second list here, checked the same way: the answer, and nothing in the site changed.

use std::fs;
use std::path::Path;
use std::sync::Mutex;

use crate::util::{Run, Site, names_in, tree};

/// How a case puts its input into the site.
#[derive(Clone, Copy)]
enum Input {
    /// `tests/fixtures/hostile/<name>.md` as `content/<name>.md`.
    File,
    /// `tests/fixtures/hostile/_settings/<name>.md` as `content/_index.md`.
    Settings,
    /// `tests/fixtures/hostile/_<name>/` copied over the site.
    Folder,
    /// Made at run time (too large, binary, or a file-system object).
    Made(fn(&Site)),
}

/// What Warraq answers.
#[derive(Clone, Copy)]
enum Answer {
    /// Exit 0, no diagnostic at all.
    Builds,
    /// Exit 0 with this warning (`file:line:column`, then a fragment of the message).
    Warning(&'static str, &'static str),
    /// Exit 1 with this error; nothing is written.
    Error(&'static str, &'static str),
}

use Answer::{Builds, Error, Warning};
use Input::{File, Folder, Made, Settings};

struct Case {
    name: &'static str,
    /// The input, for the table in `docs/bad-input.md`.
    what: &'static str,
    input: Input,
    answer: Answer,
}

const fn case(name: &'static str, what: &'static str, input: Input, answer: Answer) -> Case {
    Case {
        name,
        what,
        input,
        answer,
    }
}

#[rustfmt::skip]
const CASES: &[Case] = &[
    // The file and its fences.
    case("empty", "an empty file", File, Error("content/empty.md:1:1", "the file does not start with front matter")),
    case("bom-only", "a file holding only a byte order mark", File, Error("content/bom-only.md:1:1", "the file does not start with front matter")),
    case("only-front-matter", "front matter fences with nothing between them", File, Error("content/only-front-matter.md:2:1", "title: the required field `title` is missing")),
    case("lone-fence", "a lone `---`", File, Error("content/lone-fence.md:1:1", "the front matter is never closed")),
    case("no-front-matter", "Markdown without front matter", File, Error("content/no-front-matter.md:1:1", "the file does not start with front matter")),
    case("unclosed-front-matter", "front matter never closed", File, Error("content/unclosed-front-matter.md:1:1", "the front matter is never closed")),
    case("fence-with-words", "words after the opening `---`", File, Error("content/fence-with-words.md:1:4", "the opening `---` must stand alone")),
    case("leading-blank-line", "an empty line before the opening `---`", File, Error("content/leading-blank-line.md:1:1", "the file starts with an empty line")),
    case("double-bom", "two byte order marks", File, Error("content/double-bom.md:1:1", "an invisible character (U+FEFF) stands before the opening `---`")),
    case("cr-only", "old Mac line ends (CR alone)", File, Error("content/cr-only.md:1:4", "end with a carriage return (CR) alone")),
    case("bom-crlf", "a byte order mark and CR LF line ends", File, Builds),
    case("crlf", "CR LF line ends", File, Builds),
    case("mixed-line-endings", "LF and CR LF mixed in one file", File, Builds),
    case("dots-close", "front matter closed with `...`", File, Builds),
    case("empty-body", "front matter and no body", File, Builds),
    // YAML syntax.
    case("yaml-tab-indent", "a tab used for indentation", File, Error("content/yaml-tab-indent.md:3:1", "found a tab character")),
    case("yaml-unclosed-quote", "an unclosed quote", File, Error("content/yaml-unclosed-quote.md:6:1", "while scanning a quoted scalar")),
    case("yaml-unclosed-bracket", "an unclosed `[`", File, Error("content/yaml-unclosed-bracket.md:7:1", "did not find expected ',' or ']'")),
    case("yaml-unclosed-brace", "an unclosed `{`", File, Error("content/yaml-unclosed-brace.md:7:1", "did not find expected ',' or '}'")),
    case("yaml-bad-indent", "a key indented one space too many", File, Error("content/yaml-bad-indent.md:8:4", "did not find expected '-' indicator")),
    case("yaml-colon-in-value", "an unquoted `: ` inside a value", File, Error("content/yaml-colon-in-value.md:3:13", "mapping values are not allowed in this context")),
    case("yaml-duplicate-key", "a key given twice", File, Error("content/yaml-duplicate-key.md:5:1", "duplicate entry with key \"title\"")),
    case("yaml-duplicate-nested-key", "a key given twice inside an author", File, Error("content/yaml-duplicate-nested-key.md:8:5", "authors[0]: duplicate entry with key \"name\"")),
    case("yaml-alias-bomb", "an alias bomb (\"billion laughs\")", File, Error("content/yaml-alias-bomb.md:2:1", "repetition limit exceeded")),
    case("yaml-deep-nesting", "5,000 nested `[`", File, Error("content/yaml-deep-nesting.md:3:135", "recursion limit exceeded")),
    case("yaml-alias-reuse", "an anchor and alias reusing a value", File, Builds),
    case("yaml-custom-tag", "a YAML tag (`!include`)", File, Error("content/yaml-custom-tag.md:3:8", "title: the YAML tag `!include` is not supported")),
    case("yaml-binary-tag", "a core YAML tag (`!!binary`)", File, Builds),
    case("yaml-list-root", "a list instead of fields", File, Error("content/yaml-list-root.md:2:1", "must be `key: value` lines, not a list or plain text")),
    case("yaml-scalar-root", "plain text instead of fields", File, Error("content/yaml-scalar-root.md:2:1", "must be `key: value` lines, not a list or plain text")),
    case("yaml-number-key", "a number as a key", File, Error("content/yaml-number-key.md:6:1", "unknown front matter key `2022`")),
    case("yaml-merge-key", "a merge key `<<`", File, Error("content/yaml-merge-key.md:3:1", "unknown front matter key `<<`")),
    case("yaml-second-document", "a `---` line inside the front matter", File, Error("content/yaml-second-document.md:2:1", "title_en: the required field `title_en` is missing")),
    // Types.
    case("type-title-list", "a list where text belongs", File, Error("content/type-title-list.md:3:8", "title: invalid type: sequence, expected a string")),
    case("type-title-mapping", "a mapping where text belongs", File, Error("content/type-title-mapping.md:4:3", "title: invalid type: map, expected a string")),
    case("type-title-number", "a number as a title", File, Builds),
    case("type-slug-number", "a number as a slug", File, Builds),
    case("type-date-bool", "`true` as a date", File, Error("content/type-date-bool.md:5:7", "date: invalid type: boolean `true`")),
    case("type-date-float", "a fractional number as a date", File, Error("content/type-date-float.md:5:7", "date: `2022.5` is not a date")),
    case("type-huge-number", "a number beyond 64 bits", File, Error("content/type-huge-number.md:9:13", "the number is too large")),
    case("type-date-huge-number", "a date of 26 digits", File, Error("content/type-date-huge-number.md:5:7", "date: `99999999999999999999999999` is not a date")),
    case("type-draft-yes", "`draft: yes`", File, Error("content/type-draft-yes.md:6:8", "draft: invalid type: string \"yes\", expected a boolean")),
    case("type-authors-text", "authors as text, not a list", File, Error("content/type-authors-text.md:6:10", "authors: invalid type: string")),
    case("type-author-text-item", "an author as text, not fields", File, Error("content/type-author-text-item.md:7:5", "authors[0]: invalid type: string \"سعيد الحاج\", expected `key: value` lines")),
    case("type-sections-list", "sections as a list", File, Error("content/type-sections-list.md:7:3", "sections: invalid type: sequence, expected a map")),
    case("type-notes-text", "editorial notes as text", File, Error("content/type-notes-text.md:6:18", "editorial_notes: invalid type: string")),
    case("type-abstract-text", "an abstract as text, not `ar:`/`en:`", File, Error("content/type-abstract-text.md:6:11", "abstract: invalid type: string \"ملخص\", expected `key: value` lines")),
    case("type-removed-line-negative", "a negative source line", File, Error("content/type-removed-line-negative.md:9:13", "source.removed[0].line: invalid type: integer `-3`")),
    case("type-alignment-text", "a pinned alignment as text", File, Error("content/type-alignment-text.md:6:12", "alignment: `alignment` must be a list of bead shapes")),
    // Keys and values.
    case("unknown-key", "a misspelt key", File, Error("content/unknown-key.md:4:1", "unknown front matter key `tittle_en`")),
    case("unknown-key-nested", "an unknown key inside an author", File, Error("content/unknown-key-nested.md:8:5", "unknown front matter key `affiliation` in `authors[0]`")),
    case("unknown-key-uppercase", "a key in the wrong case", File, Error("content/unknown-key-uppercase.md:3:1", "unknown front matter key `Title`")),
    case("unknown-key-invisible", "a key with a direction mark in it", File, Error("content/unknown-key-invisible.md:3:1", "unknown front matter key `title\\u{200f}`")),
    case("value-empty-title", "an empty title", File, Error("content/value-empty-title.md:3:8", "title: must not be empty")),
    case("value-blank-title", "a title of spaces and invisible marks", File, Error("content/value-blank-title.md:3:8", "title: must not be empty")),
    case("value-bad-date", "month 13", File, Error("content/value-bad-date.md:5:7", "`2022-13-01` is not a date")),
    case("value-bad-lang", "an unknown language", File, Error("content/value-bad-lang.md:3:7", "lang: `fr` is not a site language")),
    case("value-bad-origin", "an unknown title origin", File, Error("content/value-bad-origin.md:4:15", "`nobody` is not a title origin")),
    case("value-source-escapes", "a source path with `..`", File, Error("content/value-source-escapes.md:7:9", "`../../etc/passwd` leaves the content folder")),
    case("value-source-absolute", "an absolute source path", File, Error("content/value-source-absolute.md:7:9", "`/etc/passwd` leaves the content folder")),
    // Slugs.
    case("slug-dotdot", "a slug with `..`", File, Error("content/slug-dotdot.md:2:7", "the slug contains '.' (U+002E)")),
    case("slug-dot", "the slug `.`", File, Error("content/slug-dot.md:2:7", "the slug contains '.' (U+002E)")),
    case("slug-slash", "a slug with `/`", File, Error("content/slug-slash.md:2:7", "the slug contains '/' (U+002F)")),
    case("slug-backslash", "a slug with `\\`", File, Error("content/slug-backslash.md:2:7", "(U+005C)")),
    case("slug-percent", "a slug with `%`", File, Error("content/slug-percent.md:2:7", "the slug contains '%' (U+0025)")),
    case("slug-uppercase", "an uppercase slug", File, Error("content/slug-uppercase.md:2:7", "the slug contains 'K' (U+004B)")),
    case("slug-arabic", "an Arabic slug", File, Error("content/slug-arabic.md:2:7", "the slug contains 'ق' (U+0642)")),
    case("slug-rtl-mark", "a slug with a right-to-left mark", File, Error("content/slug-rtl-mark.md:2:7", "(U+200F)")),
    case("slug-zero-width", "a slug with a zero-width space", File, Error("content/slug-zero-width.md:2:7", "(U+200B)")),
    case("slug-leading-hyphen", "a slug starting with `-`", File, Error("content/slug-leading-hyphen.md:2:7", "a slug cannot start or end with `-`")),
    case("slug-too-long", "an 81-character slug", File, Error("content/slug-too-long.md:2:7", "the slug is 81 characters long")),
    case("slug-reserved", "the slug `assets`", File, Error("content/slug-reserved.md:2:7", "`assets` is reserved for the site's own pages")),
    case("duplicate-slug", "the same slug in two files", Folder, Error("content/sub/second.md:2:7", "the slug `same-slug` is already used by content/first.md")),
    // The Markdown body.
    case("id-rtl-mark", "a heading id with a right-to-left mark", File, Error("content/id-rtl-mark.md:7:1", "`intro\\u{200f}` is not a valid id")),
    case("id-zero-width", "a heading id with a zero-width joiner", File, Error("content/id-zero-width.md:7:1", "`in\\u{200d}tro` is not a valid id")),
    case("id-arabic", "an Arabic heading id", File, Error("content/id-arabic.md:7:1", "`مقدمة` is not a valid id")),
    case("id-uppercase", "an uppercase heading id", File, Error("content/id-uppercase.md:7:1", "`Intro` is not a valid id")),
    case("id-reserved", "a heading id the page uses (`toc`)", File, Error("content/id-reserved.md:7:1", "`toc` is used by the page itself")),
    case("id-reserved-prefix", "a heading id in the notes' namespace (`fn-1`)", File, Error("content/id-reserved-prefix.md:7:1", "ids starting with `fn-` are reserved")),
    case("id-duplicate", "one heading id twice", File, Error("content/id-duplicate.md:11:1", "the id `part` is used twice on this page")),
    case("note-undefined", "a note referenced, never defined", File, Error("content/note-undefined.md:7:3", "the note [^1] is referenced but never defined")),
    case("note-unused", "a note defined, never referenced", File, Warning("content/note-unused.md:9:1", "the note [^1] is never referenced")),
    case("supplied-unclosed", "supplied words `{+…` not closed on their line", File, Error("content/supplied-unclosed.md:7:15", "these supplied words are not closed with `+}`")),
    case("sic-first", "a `{sic}` with no word before it", File, Error("content/sic-first.md:7:1", "`{sic}` must follow the slip it marks")),
    case("editorial-note-empty", "an editorial note with empty `ar` and `en`", File, Error("content/editorial-note-empty.md:7:5", "this editorial note is empty")),
    case("editorial-note-unknown-key", "an editorial note with a misspelt language key", File, Error("content/editorial-note-unknown-key.md:8:5", "unknown front matter key `eng` in `editorial_notes[0]`")),
    case("note-defined-twice", "a note defined twice", File, Error("content/note-defined-twice.md:11:1", "the note [^1] is defined twice")),
    case("note-invisible-label", "a note label with a right-to-left mark", File, Error("content/note-invisible-label.md:7:3", "the note [^\\u{200f}1] is referenced but never defined")),
    case("byline-note-undefined", "a byline note that does not exist", File, Error("content/byline-note-undefined.md:9:11", "the byline refers to the note [^9], which is not defined")),
    case("sections-unknown-id", "an English section title for no heading", File, Warning("content/sections-unknown-id.md:7:15", "no heading has the id `conclusion`")),
    case("id-moves-outline", "an explicit `{#s1}` that moves an earlier heading's automatic id", File, Warning("content/id-moves-outline.md:9:1", "the id `s1` is another heading's outline number, so automatic ids moved: `s1` → `s1-2` (line 7)")),
    case("sections-missing-english", "a heading without an English title when others have one", File, Warning("content/sections-missing-english.md:11:1", "the heading `s2` has no English title in `sections:`")),
    case("abstract-mismatch", "abstracts that do not translate each other", File, Warning("content/abstract-mismatch.md:6:10", "do not align well")),
    case("alignment-pin-mismatch", "pinned pairs that do not fit the sentences", File, Error("content/alignment-pin-mismatch.md:9:12", "the pinned beads cover 3 Arabic sentence(s), but the abstract has 2")),
    case("link-javascript", "a `javascript:` link", File, Error("content/link-javascript.md:7:1", "links with `javascript:` URLs are not allowed")),
    case("link-javascript-entity", "a `javascript:` link spelt with entities", File, Error("content/link-javascript-entity.md:7:1", "links with `javascript:` URLs are not allowed")),
    case("link-javascript-reference", "a `JavaScript:` reference link", File, Error("content/link-javascript-reference.md:7:1", "links with `javascript:` URLs are not allowed")),
    case("link-vbscript-autolink", "a `vbscript:` autolink", File, Error("content/link-vbscript-autolink.md:7:1", "links with `vbscript:` URLs are not allowed")),
    case("image-data-url", "an image with a `data:` URL", File, Error("content/image-data-url.md:7:1", "links with `data:` URLs are not allowed")),
    case("link-root-relative", "a root-relative link (`/about/`)", File, Error("content/link-root-relative.md:7:6", "`/about/` is a root-relative address")),
    case("link-fragment-slip", "a link to `#senarios` on a page with `scenarios`", File, Error("content/link-fragment-slip.md:9:6", "the link `#senarios` leads to no id on this page")),
    case("link-other-page", "links to a missing paper and to another page's id with a slip", File, Error("content/link-other-page.md:9:6", "has no element with the id `intoduction`")),
    case("image-no-alt", "an image without a description", File, Error("content/image-no-alt.md:7:1", "this image has no description (`alt` text)")),
    case("image-missing-file", "an image the paper's folder lacks", Folder, Error("content/paper.md:7:1", "`fig-1.png` is not in the paper's folder `content/paper/`")),
    case("raw-html", "raw HTML (`<script>`, `<img onerror>`, a comment)", File, Builds),
    case("invisible-characters", "direction marks, overrides and zero-width characters in the title and text", File, Builds),
    case("deep-quotes", "10,000 nested block quotes", Made(deep_quotes), Error("content/deep-quotes.md:7:51", "nested more than 50 levels deep")),
    case("deep-lists", "1,000 nested lists", Made(deep_lists), Error("content/deep-lists.md:32:51", "nested more than 50 levels deep")),
    case("deep-emphasis", "2,000 nested emphasis markers", Made(deep_emphasis), Error("content/deep-emphasis.md:7:99", "nested more than 50 levels deep")),
    case("big-document", "a 20 MB document", Made(big_document), Builds),
    case("long-line", "a 2 MB line without a break", Made(long_line), Builds),
    case("many-notes", "10,000 footnotes", Made(many_notes), Builds),
    // Bytes.
    case("invalid-utf8", "invalid UTF-8", Made(invalid_utf8), Error("content/invalid-utf8.md:3:8", "the file is not valid UTF-8 (byte 0xFF)")),
    case("latin1", "a Latin-1 file", Made(latin1), Error("content/latin1.md:3:11", "the file is not valid UTF-8 (byte 0xE9)")),
    case("utf16", "a UTF-16 file", Made(utf16), Error("content/utf16.md:1:1", "the file is UTF-16, not UTF-8")),
    case("surrogate", "an encoded UTF-16 surrogate", Made(surrogate), Error("content/surrogate.md:3:8", "the file is not valid UTF-8 (byte 0xED)")),
    case("nul-front-matter", "a NUL byte in the front matter", Made(nul_front_matter), Error("content/nul-front-matter.md:3:9", "the file contains a NUL character")),
    case("nul-body", "a NUL byte in the body", Made(nul_body), Error("content/nul-body.md:7:6", "the file contains a NUL character")),
    // The file system.
    case("control-characters-in-name", "a file name with an escape sequence and a newline", Made(control_name), Error("content/evil\\u{1b}[31m\\u{a}name.md:2:7", "the slug contains 'B'")),
    case("symlink-loop", "a symbolic link loop under content/", Made(symlink_loop), Warning("content/loop:1:1", "this is a symbolic link")),
    case("symlink-file", "a document that is a symbolic link", Made(symlink_file), Warning("content/linked.md:1:1", "this is a symbolic link")),
    case("symlink-dangling", "a dangling symbolic link", Made(symlink_dangling), Warning("content/dangling.md:1:1", "this is a symbolic link")),
    case("unreadable-file", "an unreadable file (chmod 000)", Made(unreadable_file), Error("content/unreadable.md:1:1", "cannot read the file: Permission denied")),
    case("unreadable-folder", "an unreadable folder (chmod 000)", Made(unreadable_folder), Error("content/locked:1:1", "cannot read this folder")),
    // Site settings.
    case("settings-missing-title", "settings without `title`", Settings, Error("content/_index.md:2:1", "title: the required field `title` is missing")),
    case("settings-unknown-key", "a misspelt setting", Settings, Error("content/_index.md:4:1", "unknown front matter key `base_ur`")),
    case("settings-javascript-base-url", "a `javascript:` base URL", Settings, Error("content/_index.md:4:11", "is not an absolute http(s) URL")),
    case("settings-raw-html-not-bool", "`allow_raw_html` that is not true or false", Settings, Error("content/_index.md:4:17", "allow_raw_html: invalid type: string \"yes please\", expected a boolean")),
    case("settings-glossary-list", "a glossary as a list", Settings, Error("content/_index.md:5:3", "glossary: invalid type: sequence, expected a map")),
];

const HEAD: &str = "---\ntitle: عنوان\ntitle_en: Title\ndate: 2022\n";

fn doc(site: &Site, name: &str, body: impl AsRef<[u8]>) {
    let mut bytes = format!("{HEAD}slug: {name}\n---\n").into_bytes();
    bytes.extend_from_slice(body.as_ref());
    site.write(&format!("content/{name}.md"), bytes);
}

fn deep_quotes(site: &Site) {
    doc(
        site,
        "deep-quotes",
        format!("{} deep\n", ">".repeat(10_000)),
    );
}

fn deep_lists(site: &Site) {
    let body: String = (0..1000)
        .map(|i| format!("{}- item\n", "  ".repeat(i)))
        .collect();
    doc(site, "deep-lists", body);
}

fn deep_emphasis(site: &Site) {
    doc(
        site,
        "deep-emphasis",
        format!("{}x{}\n", "*".repeat(2000), "*".repeat(2000)),
    );
}

fn big_document(site: &Site) {
    let paragraph = "شهدت سنة 2021 سلسلة حوارات ولقاءات بين أطراف متخاصمة في المنطقة، وهو ما فتح الباب أمام تقارب محتمل. ".repeat(5) + "\n\n";
    let mut body = String::from("## مقدمة {#introduction}\n\n");
    while body.len() < 20 * 1024 * 1024 {
        body.push_str(&paragraph);
    }
    doc(site, "big-document", body);
}

fn long_line(site: &Site) {
    doc(site, "long-line", "كلمة ".repeat(200_000));
}

fn many_notes(site: &Site) {
    let mut body: String = (0..10_000).map(|i| format!("جملة[^{i}].\n")).collect();
    body.push('\n');
    body.extend((0..10_000).map(|i| format!("[^{i}]: حاشية {i}.\n\n")));
    doc(site, "many-notes", body);
}

fn invalid_utf8(site: &Site) {
    site.write(
        "content/invalid-utf8.md",
        b"---\nslug: invalid-utf8\ntitle: \xff\xfe\n---\n",
    );
}

fn latin1(site: &Site) {
    site.write(
        "content/latin1.md",
        b"---\nslug: latin1\ntitle: caf\xe9\ntitle_en: Cafe\ndate: 2022\n---\n",
    );
}

fn utf16(site: &Site) {
    let text = "---\nslug: utf16\ntitle: t\ntitle_en: T\ndate: 2022\n---\n";
    let mut bytes = vec![0xFF, 0xFE];
    bytes.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    site.write("content/utf16.md", bytes);
}

fn surrogate(site: &Site) {
    site.write(
        "content/surrogate.md",
        b"---\nslug: surrogate\ntitle: \xed\xa0\x80\n---\n",
    );
}

fn nul_front_matter(site: &Site) {
    site.write(
        "content/nul-front-matter.md",
        b"---\nslug: nul\ntitle: a\x00b\ntitle_en: T\ndate: 2022\n---\n",
    );
}

fn nul_body(site: &Site) {
    site.write(
        "content/nul-body.md",
        b"---\nslug: nul-body\ntitle: a\ntitle_en: T\ndate: 2022\n---\nbody \x00 text\n",
    );
}

fn control_name(site: &Site) {
    site.write(
        "content/evil\x1b[31m\nname.md",
        format!("---\nslug: Bad\n{}---\n", &HEAD[4..]),
    );
}

fn symlink_loop(site: &Site) {
    std::os::unix::fs::symlink("..", site.root.join("content/loop")).unwrap();
}

fn symlink_file(site: &Site) {
    doc(site, "_target", "نص.\n");
    std::os::unix::fs::symlink("_target.md", site.root.join("content/linked.md")).unwrap();
}

fn symlink_dangling(site: &Site) {
    std::os::unix::fs::symlink("nowhere.md", site.root.join("content/dangling.md")).unwrap();
}

fn unreadable_file(site: &Site) {
    doc(site, "unreadable", "نص.\n");
    lock(&site.root.join("content/unreadable.md"));
}

fn unreadable_folder(site: &Site) {
    site.write(
        "content/locked/inside.md",
        format!("{HEAD}slug: inside\n---\n"),
    );
    lock(&site.root.join("content/locked"));
}

fn lock(path: &Path) {
    use std::os::unix::fs::PermissionsExt;
    fs::set_permissions(path, fs::Permissions::from_mode(0o000)).unwrap();
}

/// Whether permissions stop this process: not when it runs as root, which reads anything.
fn permissions_bind() -> bool {
    let site = Site::new(&[]);
    let probe = site.root.join("probe");
    fs::write(&probe, "x").unwrap();
    lock(&probe);
    fs::read(&probe).is_err()
}

/// Runs `warraq build` in `site`; as root, a case about permissions runs as `nobody` (via
/// `setpriv`) so that chmod 000 means something. `None` when that is impossible.
fn run_build(site: &Site, case: &Case) -> Option<Run> {
    let about_permissions = case.name.starts_with("unreadable");
    if !about_permissions || permissions_bind() {
        return Some(site.run(&["build"]));
    }
    let setpriv = Path::new("/usr/bin/setpriv");
    if !setpriv.exists() {
        return None;
    }
    // Nothing is written: the build stops after loading, so `nobody` only needs to read.
    let output = std::process::Command::new(setpriv)
        .args(["--reuid=65534", "--regid=65534", "--clear-groups", "--"])
        .arg(env!("CARGO_BIN_EXE_warraq"))
        .arg("build")
        .current_dir(&site.root)
        .output()
        .unwrap();
    Some(Run::of(output))
}

/// A site that built: the `valid` fixture with its `site/`.
fn built_site() -> Site {
    let site = Site::new(&["valid"]);
    let run = site.run(&["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    site
}

/// Builds one case on top of a site that built, and checks everything the corpus promises.
fn check(case: &Case) -> Result<(), String> {
    let site = built_site();
    let before = tree(&site.root.join("site"));
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/hostile");
    match case.input {
        File => {
            let bytes = fs::read(fixtures.join(format!("{}.md", case.name))).unwrap();
            site.write(&format!("content/{}.md", case.name), bytes);
        }
        Settings => {
            let bytes = fs::read(fixtures.join(format!("_settings/{}.md", case.name))).unwrap();
            site.write("content/_index.md", bytes);
        }
        Folder => site.add(&format!("hostile/_{}", case.name)),
        Made(make) => make(&site),
    }
    let Some(run) = run_build(&site, case) else {
        eprintln!(
            "hostile: `{}` NOT TESTED: running as root without setpriv, so chmod 000 does not stop reads",
            case.name
        );
        return Ok(());
    };
    if case.name.starts_with("unreadable") {
        // Let the temp folder be removed again.
        for path in ["content/unreadable.md", "content/locked"] {
            use std::os::unix::fs::PermissionsExt;
            let _ = fs::set_permissions(site.root.join(path), fs::Permissions::from_mode(0o755));
        }
    }
    let shown = format!("{}: exit {}\n{}", case.name, run.code, run.stderr);
    let fail = |why: &str| Err(format!("{why}\n--- {shown}"));
    if run.code == 101 || run.stderr.contains("panicked") {
        return fail("panicked");
    }
    // Every diagnostic names file:line:column; continuation lines are hints.
    for line in run.stderr.lines() {
        if line.starts_with("  hint: ") || line.starts_with("warraq: ") {
            continue;
        }
        let Some((place, _)) = line
            .split_once(": error: ")
            .or_else(|| line.split_once(": warning: "))
        else {
            return fail(&format!("not a diagnostic: {line:?}"));
        };
        let mut parts = place.rsplitn(3, ':');
        let positioned = parts.next().is_some_and(|c| c.parse::<usize>().is_ok())
            && parts.next().is_some_and(|l| l.parse::<usize>().is_ok())
            && parts.next().is_some_and(|f| !f.is_empty());
        if !positioned {
            return fail(&format!("no file:line:column in {line:?}"));
        }
    }
    let has = |severity: &str, place: &str, fragment: &str| {
        run.stderr.lines().any(|l| {
            l.strip_prefix(&format!("{place}: {severity}: "))
                .is_some_and(|rest| rest.contains(fragment))
        })
    };
    let leftovers = names_in(&site.root);
    if leftovers != ["content", "site"] {
        return fail(&format!("temporary folders left: {leftovers:?}"));
    }
    match case.answer {
        Error(place, fragment) => {
            if run.code != 1 {
                return fail("expected exit 1");
            }
            if !has("error", place, fragment) {
                return fail(&format!("expected `{place}: error: …{fragment}…`"));
            }
            if tree(&site.root.join("site")) != before {
                return fail("site/ changed after a failed build");
            }
        }
        Warning(place, fragment) => {
            if run.code != 0 {
                return fail("expected exit 0");
            }
            if !has("warning", place, fragment) {
                return fail(&format!("expected `{place}: warning: …{fragment}…`"));
            }
            if run.stderr.contains(": error: ") {
                return fail("expected no error");
            }
        }
        Builds => {
            if run.code != 0 {
                return fail("expected exit 0");
            }
            if run.stderr.lines().count() != 1 || !run.stderr.contains("; 0 warning(s)") {
                return fail("expected no diagnostic");
            }
        }
    }
    Ok(())
}

#[test]
fn the_corpus_is_large_and_every_fixture_is_a_case() {
    assert!(CASES.len() >= 60, "{} cases", CASES.len());
    let mut names: Vec<&str> = CASES.iter().map(|c| c.name).collect();
    names.sort();
    names.dedup();
    assert_eq!(names.len(), CASES.len(), "case names are unique");
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/hostile");
    for dir in [fixtures.clone(), fixtures.join("_settings")] {
        for file in names_in(&dir) {
            if let Some(stem) = file.strip_suffix(".md") {
                assert!(names.contains(&stem), "fixture {file} has no case");
            }
        }
    }
}

#[test]
fn every_hostile_input_gets_its_answer() {
    let next = Mutex::new(CASES.iter());
    let failures = Mutex::new(Vec::new());
    std::thread::scope(|scope| {
        for _ in 0..4 {
            scope.spawn(|| {
                loop {
                    let Some(case) = next.lock().unwrap().next() else {
                        break;
                    };
                    if let Err(why) = check(case) {
                        failures.lock().unwrap().push(why);
                    }
                }
            });
        }
    });
    let failures = failures.into_inner().unwrap();
    assert!(
        failures.is_empty(),
        "{} case(s) failed:\n{}",
        failures.len(),
        failures.join("\n\n")
    );
}

/// `docs/bad-input.md` is this case list as a table; `WARRAQ_BLESS=1 cargo test` rewrites it.
#[test]
fn the_answer_table_in_docs_is_current() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/bad-input.md");
    let table = answer_table();
    if std::env::var_os("WARRAQ_BLESS").is_some() {
        fs::write(&path, &table).unwrap();
    }
    let current = fs::read_to_string(&path).unwrap_or_default();
    assert!(
        current == table,
        "docs/bad-input.md is out of date: run `WARRAQ_BLESS=1 cargo test the_answer_table` and commit it"
    );
}

/// What `warraq import` answers.
#[derive(Clone, Copy)]
enum Imports {
    /// Exit 0 with the draft written.
    Writes,
    /// This exit code and message (`file:line:column: error: …` for content, `warraq: error: …`
    /// for usage and IO); nothing in the site changes.
    Refuses(i32, &'static str, &'static str),
}

struct ImportCase {
    name: &'static str,
    what: &'static str,
    /// Puts the raw file (and whatever else) in place; the arguments after `import`.
    make: fn(&Site) -> Vec<&'static str>,
    answer: Imports,
}

const fn import_case(
    name: &'static str,
    what: &'static str,
    make: fn(&Site) -> Vec<&'static str>,
    answer: Imports,
) -> ImportCase {
    ImportCase {
        name,
        what,
        make,
        answer,
    }
}

#[rustfmt::skip]
const IMPORT_CASES: &[ImportCase] = &[
    import_case("import-empty", "an empty extraction", |s| raw(s, b""), Imports::Refuses(1, "raw.txt:1:1", "the file is empty")),
    import_case("import-no-arabic", "an extraction with no Arabic", |s| raw(s, b"An English paper.\nNothing else.\n"), Imports::Refuses(1, "raw.txt:1:1", "the file has no Arabic letters")),
    import_case("import-binary", "binary data (an executable)", |s| raw(s, b"\x7fELF\x02\x01\x01\x00\x00\x00"), Imports::Refuses(1, "raw.txt:1:1", "binary data, not text: control character U+007F at byte 0")),
    import_case("import-invalid-utf8", "invalid UTF-8 on line 2", |s| raw(s, &["نص عربي\nسطر ".as_bytes(), b"\xff"].concat()), Imports::Refuses(1, "raw.txt:2:5", "byte 0xFF at byte 21")),
    import_case("import-windows-1256", "Arabic in Windows-1256", |s| raw(s, b"\xda\xd1\xc8\xed\n"), Imports::Refuses(1, "raw.txt:1:1", "byte 0xDA at byte 0 does not fit (is it in another encoding, such as Windows-1256?")),
    import_case("import-20mb", "a 20 MB extraction", big_extraction, Imports::Writes),
    import_case("import-output-exists", "an `--output` that exists", |s| { raw(s, "نص عربي.\n".as_bytes()); vec!["raw.txt", "--output", "content/index-like.md", "--slug", "x"] }, Imports::Refuses(2, "warraq: error", "content/index-like.md already exists; nothing was written")),
    import_case("import-source-differs", "a different file kept under the same source name", |s| { s.write("content/_sources/raw.txt", "نص آخر"); raw(s, "نص عربي.\n".as_bytes()) }, Imports::Refuses(2, "warraq: error", "already exists and differs from raw.txt; nothing was written")),
    import_case("import-bad-name", "a file name that is no slug, and no `--slug`", |s| { s.write("Paper 1.txt", "نص عربي.\n"); vec!["Paper 1.txt"] }, Imports::Refuses(2, "warraq: error", "the file name `Paper 1` is not a valid slug")),
    import_case("import-no-site", "a folder without content/", |s| { raw(s, "نص عربي.\n".as_bytes()); vec!["raw.txt", "--root", "elsewhere"] }, Imports::Refuses(2, "warraq: error", "elsewhere has no content/ folder")),
    import_case("import-unwritable", "a site folder it may not write to", |s| { raw(s, "نص عربي.\n".as_bytes()); lock_writes(&s.root.join("content")); vec!["raw.txt", "--slug", "locked"] }, Imports::Refuses(2, "warraq: error", "Permission denied")),
];

fn raw(site: &Site, bytes: &[u8]) -> Vec<&'static str> {
    site.write("raw.txt", bytes);
    vec!["raw.txt", "--slug", "draft"]
}

fn big_extraction(site: &Site) -> Vec<&'static str> {
    let page = "لم تصمد حتى الآن ثلاث محاولات لوقف النار في ناغورنو قره باغ كثيرا.فالاتفاق\nالذي وقعه في موسكو وزيرا خارجية أرمينيا وأذربيجان برعاية وزير خارجية\n\nواشنطن لإجلاء القتلى واسعاف المصابين لم يصمدوا حتى لساعات.¹\n¹ حاشية في أسفل الصفحة.\n12\n\n";
    let mut text = String::with_capacity(21 * 1024 * 1024);
    while text.len() < 20 * 1024 * 1024 {
        text.push_str(page);
    }
    raw(site, text.as_bytes())
}

fn lock_writes(path: &Path) {
    use std::os::unix::fs::PermissionsExt;
    fs::set_permissions(path, fs::Permissions::from_mode(0o555)).unwrap();
}

fn check_import(case: &ImportCase) -> Result<(), String> {
    let site = Site::new(&["valid"]);
    site.write("content/index-like.md", "كتبه المحرر");
    let args = (case.make)(&site);
    let before = tree(&site.root);
    let mut full = vec!["import"];
    full.extend(args);
    let run = if case.name == "import-unwritable" && !permissions_bind() {
        let setpriv = Path::new("/usr/bin/setpriv");
        if !setpriv.exists() {
            eprintln!(
                "hostile: `{}` NOT TESTED: running as root without setpriv",
                case.name
            );
            return Ok(());
        }
        let output = std::process::Command::new(setpriv)
            .args(["--reuid=65534", "--regid=65534", "--clear-groups", "--"])
            .arg(env!("CARGO_BIN_EXE_warraq"))
            .args(&full)
            .current_dir(&site.root)
            .output()
            .unwrap();
        Run::of(output)
    } else {
        site.run(&full)
    };
    if case.name == "import-unwritable" {
        use std::os::unix::fs::PermissionsExt;
        let _ = fs::set_permissions(site.root.join("content"), fs::Permissions::from_mode(0o755));
    }
    let shown = format!("{}: exit {}\n{}", case.name, run.code, run.stderr);
    let fail = |why: &str| Err(format!("{why}\n--- {shown}"));
    if run.code == 101 || run.stderr.contains("panicked") {
        return fail("panicked");
    }
    match case.answer {
        Imports::Writes => {
            if run.code != 0 {
                return fail("expected exit 0");
            }
            if !site.root.join("content/draft.md").is_file() {
                return fail("no draft written");
            }
        }
        Imports::Refuses(code, place, fragment) => {
            if run.code != code {
                return fail(&format!("expected exit {code}"));
            }
            let found = run.stderr.lines().any(|l| {
                l.strip_prefix(&format!("{place}: error: "))
                    .or_else(|| l.strip_prefix(&format!("{place}: ")))
                    .is_some_and(|rest| rest.contains(fragment))
            });
            if !found {
                return fail(&format!("expected `{place}: error: …{fragment}…`"));
            }
            if tree(&site.root) != before {
                return fail("the site changed although the import was refused");
            }
        }
    }
    Ok(())
}

#[test]
fn every_bad_extraction_gets_its_answer() {
    let failures: Vec<String> = IMPORT_CASES
        .iter()
        .filter_map(|case| check_import(case).err())
        .collect();
    assert!(
        failures.is_empty(),
        "{} case(s) failed:\n{}",
        failures.len(),
        failures.join("\n\n")
    );
}

fn import_table() -> String {
    let mut out = String::from(
        "\n## `warraq import`\n\n\
         Each raw extraction is imported into a copy of a site that built. A refused import exits\n\
         with 1 when the file is not Arabic text it can read (the message names the line, column\n\
         and byte) and with 2 for usage and IO problems; either way nothing in the site changes.\n\n\
         | input | answer | message |\n\
         | --- | --- | --- |\n",
    );
    for case in IMPORT_CASES {
        let (answer, message) = match case.answer {
            Imports::Writes => ("draft written (exit 0)".to_string(), "—".to_string()),
            Imports::Refuses(code, place, fragment) => (
                format!("refused (exit {code})"),
                if place.starts_with("warraq") {
                    format!("`` {place}: …{fragment}… ``")
                } else {
                    format!("`` {place}: error: …{fragment}… ``")
                },
            ),
        };
        out.push_str(&format!(
            "| {} | {answer} | {} |\n",
            case.what.replace('|', "\\|"),
            message.replace('|', "\\|")
        ));
    }
    out.push_str(&format!("\n{} cases.\n", IMPORT_CASES.len()));
    out
}

fn answer_table() -> String {
    let mut out = String::from(
        "# What Warraq answers to bad input\n\n\
         <!-- Generated from tests/it/hostile.rs by `WARRAQ_BLESS=1 cargo test the_answer_table`; do not edit. -->\n\n\
         Every row is a case of the hostile-input corpus (`tests/it/hostile.rs`, inputs in\n\
         `tests/fixtures/hostile/` or made by the test). Each is built on top of a site that built\n\
         before: an **error** exits with code 1, prints every diagnostic as `file:line:column`\n\
         with a hint, and leaves the previous `site/` byte for byte as it was; a **warning** exits\n\
         with 0 and publishes; **builds** means the input is odd but fine. No input makes Warraq\n\
         panic (exit code 101). The position shown is where the test's own file has the problem.\n\n\
         | input | answer | message (position in the test's file) |\n\
         | --- | --- | --- |\n",
    );
    for case in CASES {
        let (answer, message) = match case.answer {
            Builds => ("builds (exit 0)", "—".to_string()),
            Warning(place, fragment) => (
                "warning (exit 0)",
                format!("`` {place}: warning: …{fragment}… ``"),
            ),
            Error(place, fragment) => (
                "error (exit 1)",
                format!("`` {place}: error: …{fragment}… ``"),
            ),
        };
        let message = message.replace('|', "\\|");
        out.push_str(&format!(
            "| {} | {answer} | {message} |\n",
            case.what.replace('|', "\\|")
        ));
    }
    out.push_str(&format!("\n{} cases.\n", CASES.len()));
    out.push_str(&import_table());
    out
}

/// The corpus runs `check` for real: a case whose answer is wrong must fail it.
#[test]
fn a_wrong_expectation_fails_the_check() {
    let wrong = case(
        "empty",
        "an empty file",
        File,
        Error("content/empty.md:1:1", "the front matter is never closed"),
    );
    assert!(check(&wrong).is_err());
    let wrong = case("note-unused", "x", File, Builds);
    assert!(check(&wrong).is_err());
}
