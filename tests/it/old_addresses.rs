//! Renamed and withdrawn papers: the pages at their old addresses, what `anchors.json` records
//! of them, `check --previous` accepting both and still failing on a silent loss, and the
//! errors for old addresses claimed twice.

use crate::util::{Site, attr, one, text};

/// The `valid` fixture built and its `anchors.json` kept as the previous release's; then one
/// paper renamed and the other withdrawn (the `old-addresses` fixture over it).
fn renamed_and_withdrawn() -> Site {
    let site = Site::new(&["valid"]);
    let run = site.run(&["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    std::fs::copy(
        site.root.join("site/anchors.json"),
        site.root.join("previous-anchors.json"),
    )
    .unwrap();
    std::fs::remove_file(site.root.join("content/english-paper.md")).unwrap();
    site.add("old-addresses");
    site
}

#[test]
fn check_previous_accepts_a_renamed_and_a_withdrawn_paper() {
    let site = renamed_and_withdrawn();
    let run = site.run(&["check", "--previous", "previous-anchors.json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    // The withdrawn paper's author had no other paper: their page went with it, said once
    // for each language as a warning (a list follows its papers).
    let lists: Vec<&str> = (run.stderr.lines())
        .filter(|l| l.contains(": warning: anchors: the list "))
        .collect();
    assert_eq!(lists.len(), 2, "{}", run.stderr);
    assert!(
        lists[0].contains("`authors/second-author/`"),
        "{}",
        run.stderr
    );
    let run = site.run(&["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);

    let json: serde_json::Value = serde_json::from_str(&site.page_text("anchors.json")).unwrap();
    assert_eq!(
        json["redirects"],
        serde_json::json!({
            "arabic-paper/": "arabic-paper-renamed/",
            "en/arabic-paper/": "en/arabic-paper-renamed/",
        })
    );
    assert_eq!(
        json["withdrawn"],
        serde_json::json!(["en/english-paper/", "english-paper/"])
    );
    // The next release is held to the old addresses too: this one's file passes as it is.
    let run = site.run(&["check", "--previous", "site/anchors.json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
}

#[test]
fn an_old_address_sends_readers_on_with_the_fragment() {
    let site = renamed_and_withdrawn();
    site.build_clean();
    for (old, new, lang) in [
        ("arabic-paper/", "../arabic-paper-renamed/", "ar"),
        ("en/arabic-paper/", "../../en/arabic-paper-renamed/", "en"),
    ] {
        let page = site.page(&format!("{old}index.html"));
        assert_eq!(attr(one(&page, "html"), "lang"), lang);
        let script = text(one(&page, "head > script:not([src])"));
        assert_eq!(
            script,
            format!("location.replace(\"{new}\" + location.hash);")
        );
        // Without JavaScript: the refresh (inside noscript) and a visible link.
        let raw = site.page_text(&format!("{old}index.html"));
        assert!(
            raw.contains(&format!(
                "<noscript><meta http-equiv=refresh content=\"0; url={new}\"></noscript>"
            )),
            "{raw}"
        );
        assert_eq!(attr(one(&page, "main a.moved-to"), "href"), new);
        assert_eq!(attr(one(&page, "link[rel=canonical]"), "href"), new);
    }
    let ar = site.page("arabic-paper/index.html");
    assert_eq!(text(one(&ar, "h1")), "نُقلت هذه الورقة إلى عنوان جديد");
    assert_eq!(
        text(one(&ar, "div[lang=en] h2")),
        "This paper has moved to a new address"
    );
    assert_eq!(text(one(&ar, "main a.moved-to")), "ورقة عربية للاختبار");

    // With a base URL the canonical link is the new page's absolute address.
    let run = site.run(&["build", "--base-url", "https://example.org/papers/"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let ar = site.page("arabic-paper/index.html");
    assert_eq!(
        attr(one(&ar, "link[rel=canonical]"), "href"),
        "https://example.org/papers/arabic-paper-renamed/"
    );
}

#[test]
fn a_withdrawn_paper_keeps_a_page_saying_why() {
    let site = renamed_and_withdrawn();
    site.build_clean();
    let ar = site.page("english-paper/index.html");
    assert_eq!(text(one(&ar, "h1")), "سُحبت هذه الورقة");
    assert!(text(one(&ar, "h1 + p")).starts_with("سبب السحب: سُحبت بطلب من المؤلف"));
    assert_eq!(
        text(one(&ar, "div[lang=en] p")),
        "Reason: Withdrawn at the author's request while its figures are corrected."
    );
    assert_eq!(attr(one(&ar, "meta[name=robots]"), "content"), "noindex");
    let en = site.page("en/english-paper/index.html");
    assert_eq!(text(one(&en, "h1")), "This paper has been withdrawn");
    assert_eq!(attr(one(&en, "a.home-link[lang=en]"), "href"), "../../en/");
    // The withdrawn paper is listed nowhere.
    assert!(!site.page_text("index.html").contains("english-paper"));
}

#[test]
fn a_silent_loss_still_fails_check_previous() {
    let site = renamed_and_withdrawn();
    // The rename without `former_slugs`: the old page is gone.
    let path = "content/arabic-paper.md";
    let renamed = std::fs::read_to_string(site.root.join(path)).unwrap();
    site.write(path, renamed.replace("former_slugs: [arabic-paper]\n", ""));
    let run = site.run(&["check", "--previous", "previous-anchors.json"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let errors = run.error_lines();
    assert_eq!(errors.len(), 2, "{errors:#?}");
    assert!(errors[0].ends_with("error: anchors: the page `arabic-paper/` of the previous release is gone (with 13 anchor(s))"), "{}", errors[0]);
    assert!(run.stderr.contains("`former_slugs:`"), "{}", run.stderr);

    // Renamed, but a heading id the old page had is gone from the new one: the redirect
    // keeps only the fragments the new page has.
    site.write(
        path,
        renamed.replace("## خاتمة {#conclusion}", "## خاتمة {#the-end}"),
    );
    let run = site.run(&["check", "--previous", "previous-anchors.json"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let errors = run.error_lines();
    assert!(
        errors.iter().any(|e| e
            .ends_with("the anchor `arabic-paper/#conclusion` of the previous release is gone")),
        "{errors:#?}"
    );
    assert!(
        run.stderr
            .contains("to the front matter of content/arabic-paper.md"),
        "{}",
        run.stderr
    );

    // A release that kept the old addresses is followed by one that drops them: both lost.
    site.write(path, &renamed);
    let run = site.run(&["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    std::fs::copy(
        site.root.join("site/anchors.json"),
        site.root.join("kept-anchors.json"),
    )
    .unwrap();
    let index = std::fs::read_to_string(site.root.join("content/_index.md")).unwrap();
    let cut = index.find("withdrawn:").unwrap();
    let end = index[cut..].find("---").unwrap() + cut;
    site.write(
        "content/_index.md",
        format!("{}{}", &index[..cut], &index[end..]),
    );
    let run = site.run(&["check", "--previous", "kept-anchors.json"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let errors = run.error_lines();
    assert_eq!(errors.len(), 2, "{errors:#?}");
    assert!(
        errors
            .iter()
            .all(|e| e.contains("that the previous release kept is gone")),
        "{errors:#?}"
    );
}

#[test]
fn old_addresses_claimed_twice_are_errors_at_their_lines() {
    let site = renamed_and_withdrawn();
    site.write(
        "content/other.md",
        "---\ntitle: أخرى\ntitle_en: Other\ndate: 2022\nformer_slugs:\n  - arabic-paper-renamed\n  - arabic-paper\n  - english-paper\n  - Bad Slug\n  - en\n  - other\n  - x\n  - x\n---\nنص.\n",
    );
    let index = std::fs::read_to_string(site.root.join("content/_index.md")).unwrap();
    site.write(
        "content/_index.md",
        index.replace(
            "withdrawn:\n",
            "withdrawn:\n  other: {ar: سبب, en: reason}\n  no-reason: {ar: سبب}\n",
        ),
    );
    let run = site.run(&["check"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_eq!(
        run.error_lines(),
        [
            "content/_index.md:8:14: error: withdrawn.no-reason.en: the reason in `en` is missing or empty",
            "content/other.md:9:5: error: former_slugs[3]: `Bad Slug` cannot be a former slug: the slug contains 'B' (U+0042); only a-z, 0-9 and - are allowed",
            "content/other.md:10:5: error: former_slugs[4]: `en` cannot be a former slug: `en` is reserved for the site's own pages",
            "content/other.md:11:5: error: former_slugs[5]: `other` is this document's slug, not a former one",
            "content/other.md:13:5: error: former_slugs[7]: `x` is listed twice in `former_slugs`",
        ]
    );
    // With the file's own problems fixed, the claims only the whole site can judge.
    site.write(
        "content/other.md",
        "---\ntitle: أخرى\ntitle_en: Other\ndate: 2022\nformer_slugs:\n  - arabic-paper-renamed\n  - arabic-paper\n  - english-paper\n---\nنص.\n",
    );
    site.write(
        "content/_index.md",
        index.replace(
            "withdrawn:\n",
            "withdrawn:\n  other: {ar: سبب, en: reason}\n",
        ),
    );
    let run = site.run(&["check"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_eq!(
        run.error_lines(),
        [
            "content/_index.md:7:3: error: withdrawn: `other` is withdrawn, but content/other.md still has it as its slug",
            "content/other.md:6:5: error: former_slugs: the former slug `arabic-paper-renamed` is the slug of content/arabic-paper.md",
            "content/other.md:7:5: error: former_slugs: the former slug `arabic-paper` is also listed by content/arabic-paper.md",
            "content/other.md:8:5: error: former_slugs: `english-paper` is a former slug and is withdrawn in content/_index.md",
        ]
    );
}
