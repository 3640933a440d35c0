//! The document model is what the page shows: on the project's own papers, the body and
//! notes in the paper's page are the model serialized, and every address of the model is an
//! id of that page.

use std::path::Path;

use warraq::markdown::serialize;
use warraq::pipeline::{self, Templates};
use warraq::render::Renderer;

#[test]
fn paper_pages_show_the_model_serialized() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut diags = Vec::new();
    let site = pipeline::load(root, false, &mut diags).unwrap().unwrap();
    let renderer = Renderer::load(&root.join("templates")).unwrap();
    let config = &site.home.config;
    let templates = Templates::new(config, &renderer);
    assert!(site.documents.len() >= 3);
    for doc in &site.documents {
        let rendered = pipeline::render_markdown(doc, config.allow_raw_html, &mut diags);
        let model = &rendered.model;
        let body = serialize::body_html(model);
        let notes = serialize::notes_html(model, rendered.notes.byline.clone());
        assert_eq!(body, rendered.html);
        assert_eq!(notes.items, rendered.notes.items);
        let rows = pipeline::abstract_rows(doc, &config.glossary, &mut diags);
        let pages =
            pipeline::document_pages(doc, &rendered, &rows, &Default::default(), &templates)
                .unwrap();
        let page = String::from_utf8(pages[0].html.clone()).unwrap();
        assert!(page.contains(&body), "{}", pages[0].path);
        assert!(page.contains(&notes.items.concat()), "{}", pages[0].path);
        let addresses = (model.blocks.iter().filter_map(|b| b.id.as_deref()))
            .chain(model.notes.iter().map(|n| n.id.as_str()));
        let mut count = 0;
        for id in addresses {
            count += 1;
            let written = warraq::markdown::html::attr_value(id);
            assert!(
                page.contains(&format!(" id={written}")),
                "{}: {id}",
                pages[0].path
            );
        }
        assert!(count > 0, "{}: {count} addresses", pages[0].path);
        for b in &model.blocks {
            let text = model.text(b);
            assert!(!text.contains("  "), "{text:?}");
        }
    }
}
