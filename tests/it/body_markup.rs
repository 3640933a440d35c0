//! The markup the Markdown stage writes (permalinks, note references, backlinks, island tags,
//! the editor's marks)
//! comes from the template `partials/body.html`: the built-in one gives exactly the markup
//! built into the Markdown stage, and a site's own replaces it.

use std::path::Path;

use warraq::pipeline::{self, Templates};
use warraq::render::Renderer;

use crate::util::Site;

#[test]
fn builtin_template_writes_the_projects_papers_byte_for_byte_as_the_defaults() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let site = pipeline::load(root, false, &mut Vec::new())
        .unwrap()
        .unwrap();
    // No `partials/body.html` in this folder: the built-in template.
    let renderer = Renderer::load(Path::new("/nonexistent-templates")).unwrap();
    let config = &site.home.config;
    let templates = Templates::new(config, &renderer);
    let mut diags = Vec::new();
    let mut files = 0;
    for doc in &site.documents {
        let defaults = pipeline::render_markdown(doc, config.allow_raw_html, &mut diags);
        let templated = pipeline::render_markdown_with(
            doc,
            config.allow_raw_html,
            renderer.markup(),
            &mut diags,
        );
        assert_eq!(defaults.html, templated.html, "{}", doc.file.path.display());
        assert_eq!(
            format!("{:?}", defaults.notes),
            format!("{:?}", templated.notes),
            "{}",
            doc.file.path.display()
        );
        let rows = pipeline::abstract_rows(doc, &config.glossary, &mut diags);
        let ours =
            pipeline::document_pages(doc, &templated, &rows, &Default::default(), &templates)
                .unwrap();
        let reference =
            pipeline::document_pages(doc, &defaults, &rows, &Default::default(), &templates)
                .unwrap();
        assert_eq!(ours.len(), reference.len());
        for (page, expected) in ours.iter().zip(&reference) {
            assert_eq!(page.path, expected.path);
            assert!(page.html == expected.html, "{}", page.path);
            files += 1;
        }
    }
    assert!(files > 0);
}

#[test]
fn a_sites_own_body_template_replaces_the_markup() {
    let site = Site::new(&["valid"]);
    let paper = site.root.join("content/arabic-paper.md");
    let mut text = std::fs::read_to_string(&paper).unwrap();
    text.push_str("\nفقرة تستشهد بدراسة (Welt and Bowen, 2021) وكلمة لبأكو{sic}.\n");
    std::fs::write(&paper, text).unwrap();
    site.write(
        "templates/partials/body.html",
        "{% component permalink(href, label) %}<a class=anchor href={{ href }} aria-label={{ label }}>#</a>{% endcomponent %}\
         {% component note_ref(id, href, label, number) %}<sup><a id={{ id }} href={{ href }} aria-label={{ label }}>[{{ number }}]</a></sup>{% endcomponent %}\
         {% component backlink(href, label, letter) %}<a href={{ href }} class=back aria-label={{ label }}>^{{ letter }}</a>{% endcomponent %}\
         {% component backlinks(links) %}<div class=backs>{{ links }}</div>{% endcomponent %}\
         {% component island_open() %}<span dir=ltr>{% endcomponent %}\
         {% component island_close() %}</span>{% endcomponent %}",
    );
    site.build_clean();
    let page = site.page_text("arabic-paper/index.html");
    assert!(
        page.contains("<a class=anchor href=#introduction aria-label="),
        "{page}"
    );
    assert!(!page.contains("class=permalink"), "{page}");
    assert!(
        page.contains("<span dir=ltr>Welt and Bowen, 2021</span>"),
        "{page}"
    );
    assert!(page.contains("<sup><a id=fnref-"), "{page}");
    assert!(page.contains("class=back aria-label="), "{page}");
    assert!(!page.contains("class=fn-back "), "{page}");
    // Components the site's template does not define (added to Warraq later) are the
    // built-in ones.
    assert!(
        page.contains("لبأكو<small class=sic lang=ar role=note"),
        "{page}"
    );
}
