//! The colour theme: light, dark, or the system's (`prefers-color-scheme`), chosen per browser with
//! a switch in the top bar and kept in a cookie, so that the server renders `<html data-theme>` and
//! the first paint is already in the chosen colours (style/main.css holds both palettes).

use leptos::prelude::*;

/// The cookie that keeps a browser's choice.
pub const COOKIE: &str = "ec2c_theme";

/// A theme choice.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Theme {
    /// Follow the system's light or dark setting.
    System,
    /// Always light.
    Light,
    /// Always dark.
    Dark,
}

impl Theme {
    /// Every choice, in the order offered.
    pub const ALL: [Theme; 3] = [Theme::System, Theme::Light, Theme::Dark];

    /// Its value in the cookie and the switch.
    pub fn value(self) -> &'static str {
        match self {
            Theme::System => "system",
            Theme::Light => "light",
            Theme::Dark => "dark",
        }
    }

    /// Its name in the switch, in the page's language.
    pub fn label(self) -> &'static str {
        match self {
            Theme::System => crate::tr!(common.theme_system),
            Theme::Light => crate::tr!(common.theme_light),
            Theme::Dark => crate::tr!(common.theme_dark),
        }
    }

    /// The choice a value names; anything else is the system's.
    pub fn parse(value: &str) -> Theme {
        match value {
            "light" => Theme::Light,
            "dark" => Theme::Dark,
            _ => Theme::System,
        }
    }

    /// `<html data-theme>`: none when the system decides.
    pub fn attribute(self) -> Option<&'static str> {
        (self != Theme::System).then(|| self.value())
    }
}

/// The theme of the request being rendered (server) or of the page (browser).
pub fn current() -> Theme {
    #[cfg(feature = "ssr")]
    {
        crate::cookie::read(COOKIE).map_or(Theme::System, |value| Theme::parse(&value))
    }
    #[cfg(not(feature = "ssr"))]
    {
        document()
            .document_element()
            .and_then(|root| root.get_attribute("data-theme"))
            .map_or(Theme::System, |value| Theme::parse(&value))
    }
}

/// Shows `theme` at once and keeps it for a year in this browser.
fn apply(theme: Theme) {
    if let Some(root) = document().document_element() {
        let _ = match theme.attribute() {
            Some(value) => root.set_attribute("data-theme", value),
            None => root.remove_attribute("data-theme"),
        };
    }
    crate::cookie::remember(COOKIE, theme.value());
}

/// The top bar's theme switch.
#[component]
pub fn ThemeSwitch() -> impl IntoView {
    let chosen = RwSignal::new(current());
    view! {
        <span class="theme-switch">
            <label for="theme-select">{crate::tr!(common.theme)}</label>
            <select id="theme-select" data-testid="theme" on:change=move |ev| {
                let theme = Theme::parse(&event_target_value(&ev));
                chosen.set(theme);
                apply(theme);
            }>
                {Theme::ALL.into_iter().map(|theme| view! {
                    <option value=theme.value() selected=move || chosen.get() == theme>{theme.label()}</option>
                }).collect_view()}
            </select>
        </span>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_value_names_the_choice_and_anything_else_is_the_systems() {
        assert_eq!(Theme::parse("dark"), Theme::Dark);
        assert_eq!(Theme::parse("light"), Theme::Light);
        assert_eq!(Theme::parse("purple"), Theme::System);
        assert_eq!(Theme::parse(""), Theme::System);
    }

    #[test]
    fn only_a_fixed_choice_sets_the_attribute() {
        assert_eq!(Theme::Dark.attribute(), Some("dark"));
        assert_eq!(Theme::Light.attribute(), Some("light"));
        assert_eq!(Theme::System.attribute(), None);
        for theme in Theme::ALL {
            assert_eq!(Theme::parse(theme.value()), theme);
        }
    }
}
