//! Atom feeds (site and per news section), `sitemap.xml` and `robots.txt`.

use crate::model::Kind;
use crate::text::escape_html as esc;
use crate::write::Writer;

use super::RenderContext;
use super::plan;

/// Writes the feeds, the sitemap and robots.txt.
pub fn write_all(ctx: &RenderContext<'_>, list_urls: &[String], out: &Writer) {
    let site = ctx.site;
    let c = &site.config;
    // Site feed: the newest dated items of every kind.
    let mut dated: Vec<usize> = ctx
        .published
        .iter()
        .copied()
        .filter(|i| site.items[*i].sort_date().is_some() && site.items[*i].kind() != Kind::Pages)
        .collect();
    plan::sort_items(&site.items, &mut dated, crate::model::SortOrder::DateDesc);
    out.write(
        "atom.xml",
        atom(ctx, &c.title, "atom.xml", "", &dated[..dated.len().min(30)]).as_bytes(),
    );
    for (s, section) in site.sections.iter().enumerate() {
        if section.kind != Kind::News {
            continue;
        }
        let mut list = ctx.section_items[s].clone();
        plan::sort_items(&site.items, &mut list, crate::model::SortOrder::DateDesc);
        let path = format!("{}atom.xml", section.url);
        out.write(
            &path,
            atom(
                ctx,
                &format!("{} – {}", section.title, c.title),
                &path,
                &section.url,
                &list[..list.len().min(30)],
            )
            .as_bytes(),
        );
    }
    // Sitemap: home, lists, items.
    let mut urls: Vec<(String, Option<String>)> = vec![(c.absolute(""), None)];
    urls.extend(list_urls.iter().map(|u| (c.absolute(u), None)));
    for item in &site.items {
        let lastmod = item.updated.or(item.date).map(|d| d.rfc3339(&c.timezone));
        urls.push((c.absolute(&item.url), lastmod));
    }
    urls.sort();
    urls.dedup();
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for (u, lastmod) in &urls {
        xml.push_str("  <url><loc>");
        xml.push_str(&esc(u));
        xml.push_str("</loc>");
        if let Some(m) = lastmod {
            xml.push_str("<lastmod>");
            xml.push_str(m);
            xml.push_str("</lastmod>");
        }
        xml.push_str("</url>\n");
    }
    xml.push_str("</urlset>\n");
    out.write("sitemap.xml", xml.as_bytes());
    out.write(
        "robots.txt",
        format!("User-agent: *\nAllow: /\n\nSitemap: {}\n", c.absolute("sitemap.xml")).as_bytes(),
    );
}

fn atom(ctx: &RenderContext<'_>, title: &str, self_path: &str, html_path: &str, items: &[usize]) -> String {
    let site = ctx.site;
    let c = &site.config;
    let updated = items
        .iter()
        .filter_map(|i| site.items[*i].updated.or(site.items[*i].date))
        .max()
        .map_or_else(|| "1970-01-01T00:00:00Z".to_owned(), |d| d.rfc3339(&c.timezone));
    let mut x = String::from(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"",
    );
    x.push_str(&esc(&c.language));
    x.push_str("\">\n");
    x.push_str(&format!("  <title>{}</title>\n", esc(title)));
    x.push_str(&format!(
        "  <link href=\"{}\" rel=\"self\" type=\"application/atom+xml\"/>\n",
        esc(&c.absolute(self_path))
    ));
    x.push_str(&format!(
        "  <link href=\"{}\" rel=\"alternate\" type=\"text/html\"/>\n",
        esc(&c.absolute(html_path))
    ));
    x.push_str(&format!(
        "  <id>{}</id>\n  <updated>{}</updated>\n",
        esc(&c.absolute(self_path)),
        updated
    ));
    x.push_str(&format!(
        "  <author><name>{}</name></author>\n",
        esc(&c.organization.name)
    ));
    for &i in items {
        let it = &site.items[i];
        let date = it
            .date
            .or(it.updated)
            .map(|d| d.rfc3339(&c.timezone))
            .unwrap_or_default();
        let upd = it
            .updated
            .or(it.date)
            .map(|d| d.rfc3339(&c.timezone))
            .unwrap_or_default();
        x.push_str("  <entry>\n");
        x.push_str(&format!("    <title>{}</title>\n", esc(&it.title)));
        x.push_str(&format!("    <link href=\"{}\"/>\n", esc(&c.absolute(&it.url))));
        x.push_str(&format!("    <id>{}</id>\n", esc(&c.absolute(&it.url))));
        x.push_str(&format!(
            "    <published>{date}</published>\n    <updated>{upd}</updated>\n"
        ));
        x.push_str(&format!("    <summary>{}</summary>\n", esc(&it.summary_or_lead())));
        x.push_str("  </entry>\n");
    }
    x.push_str("</feed>\n");
    x
}
