//! CSV export: the rows as a spreadsheet-safe file, offered as a download.

use super::columns::Column;
use leptos::prelude::*;

/// A CSV cell: quoted when needed, and defused when a spreadsheet would read it as a formula.
fn csv_cell(value: &str) -> String {
    let value = if value.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{value}")
    } else {
        value.to_string()
    };
    if value.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", value.replace('"', "\"\""))
    } else {
        value
    }
}

/// The rows as CSV (RFC 4180, CRLF line ends) with a header of the columns' labels in English
/// (CSV headers are data, whatever the page's language).
pub fn to_csv<T>(rows: &[T], columns: &[Column<T>]) -> String {
    let mut out = columns
        .iter()
        .map(|c| csv_cell((c.label)(crate::i18n::Locale::en)))
        .collect::<Vec<_>>()
        .join(",");
    out.push_str("\r\n");
    for row in rows {
        out.push_str(
            &columns
                .iter()
                .map(|c| csv_cell(&(c.value)(row)))
                .collect::<Vec<_>>()
                .join(","),
        );
        out.push_str("\r\n");
    }
    out
}

/// Offers `text` as a file download named `filename` (in the browser only).
pub fn download(filename: &str, mime: &str, text: &str) {
    use wasm_bindgen::JsCast;
    let encoded: String = text
        .bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect();
    let Ok(element) = document().create_element("a") else {
        return;
    };
    let Ok(anchor) = element.dyn_into::<web_sys::HtmlAnchorElement>() else {
        return;
    };
    anchor.set_href(&format!("data:{mime};charset=utf-8,{encoded}"));
    anchor.set_download(filename);
    anchor.click();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_quotes_and_defuses_formulas() {
        let columns = [
            Column::<(&str, &str)>::text("a", |_| "Name", |r| r.0.to_string()),
            Column::<(&str, &str)>::text("b", |_| "Note", |r| r.1.to_string()),
        ];
        let csv = to_csv(&[("web, 1", "say \"hi\""), ("=SUM(A1)", "ok")], &columns);
        assert_eq!(
            csv,
            "Name,Note\r\n\"web, 1\",\"say \"\"hi\"\"\"\r\n'=SUM(A1),ok\r\n"
        );
    }
}
