//! The union's colours, from configuration: the server's page turns them
//! into the CSS custom properties the stylesheet is written against, so
//! another union changes none of the code. A colour that white text on it
//! could not be read against (WCAG 2.2 AA, 4.5:1: the buttons and the
//! header carry white text) is refused at start-up, not found by a
//! customer.

use super::ConfigError;

/// A colour as `#rrggbb`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Color([u8; 3]);

impl Color {
    pub fn parse(text: &str) -> Option<Color> {
        let hex = text.strip_prefix('#').filter(|h| h.len() == 6 && h.bytes().all(|b| b.is_ascii_hexdigit()))?;
        let channel = |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).ok();
        Some(Color([channel(0)?, channel(2)?, channel(4)?]))
    }

    pub fn css(self) -> String {
        format!("#{:02x}{:02x}{:02x}", self.0[0], self.0[1], self.0[2])
    }

    /// This colour at `share` on white: the light tints behind a chosen
    /// option or a waiting notice.
    fn tint(self, share: f64) -> Color {
        let mix = |c: u8| (255.0 - (255.0 - f64::from(c)) * share).round() as u8;
        Color([mix(self.0[0]), mix(self.0[1]), mix(self.0[2])])
    }

    /// Relative luminance (WCAG 2.2).
    fn luminance(self) -> f64 {
        let linear = |c: u8| {
            let c = f64::from(c) / 255.0;
            if c <= 0.04045 { c / 12.92 } else { ((c + 0.055) / 1.055).powf(2.4) }
        };
        0.2126 * linear(self.0[0]) + 0.7152 * linear(self.0[1]) + 0.0722 * linear(self.0[2])
    }

    /// The contrast ratio of white text on this colour.
    pub fn contrast_with_white(self) -> f64 {
        1.05 / (self.luminance() + 0.05)
    }
}

/// The union's brand colours: the header, the main buttons, links.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Brand {
    pub color: Color,
    /// Hover and pressed states.
    pub color_dark: Color,
}

/// White text needs this much contrast (WCAG 2.2 AA, normal text).
pub const MIN_CONTRAST: f64 = 4.5;

impl Brand {
    pub fn from_lookup(lookup: &impl Fn(&str) -> Option<String>) -> Result<Brand, ConfigError> {
        let color = |name: &'static str, default: &str| {
            let value = lookup(name).unwrap_or_else(|| default.to_owned());
            match Color::parse(&value) {
                Some(color) if color.contrast_with_white() >= MIN_CONTRAST => Ok(color),
                Some(_) => {
                    Err(ConfigError::Invalid { name, value: format!("{value} (white text on it is unreadable)") })
                }
                None => Err(ConfigError::Invalid { name, value }),
            }
        };
        Ok(Brand {
            color: color("RENKEI_BRAND_COLOR", "#1d4f91")?,
            color_dark: color("RENKEI_BRAND_COLOR_DARK", "#163d70")?,
        })
    }

    /// The custom properties `style/main.css` is written against.
    pub fn css(&self) -> String {
        format!(
            ":root{{--color-brand:{};--color-brand-dark:{};--color-brand-tint:{};--color-brand-line:{}}}",
            self.color.css(),
            self.color_dark.css(),
            self.color.tint(0.08).css(),
            self.color.tint(0.25).css()
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colours_are_read_as_hex_and_written_back() {
        assert_eq!(Color::parse("#1D4F91").map(Color::css).as_deref(), Some("#1d4f91"));
        for bad in ["1d4f91", "#1d4f9", "#1d4f911", "#gg4f91", "red", ""] {
            assert_eq!(Color::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn white_text_must_stay_readable_on_the_brand_colour() {
        assert!(Color::parse("#1d4f91").unwrap().contrast_with_white() > 8.0);
        assert!((Color::parse("#000000").unwrap().contrast_with_white() - 21.0).abs() < 0.01);
        let lookup = |name: &str| (name == "RENKEI_BRAND_COLOR").then(|| "#f2c14e".to_owned());
        assert!(matches!(Brand::from_lookup(&lookup), Err(ConfigError::Invalid { name: "RENKEI_BRAND_COLOR", .. })));
        let purple = |name: &str| (name == "RENKEI_BRAND_COLOR").then(|| "#6b2d7a".to_owned());
        let brand = Brand::from_lookup(&purple).unwrap();
        assert_eq!(
            brand.css(),
            ":root{--color-brand:#6b2d7a;--color-brand-dark:#163d70;--color-brand-tint:#f3eef4;--color-brand-line:#dacbde}"
        );
    }
}
