//! What the server's page and the SPA agree on: the page the server sends
//! for a screen paints that screen's frame at once (header, step bar,
//! title, lead, a loading line, footer) and carries the union's profile;
//! the SPA reads the profile, removes the frame and draws the same one.
//! The words of both are in `texts`.

/// The element holding the server-painted frame, removed when the SPA
/// starts.
pub const SHELL_ID: &str = "renkei-shell";

/// The JSON data block with the union's profile (`api::UnionProfile`).
pub const UNION_DATA_ID: &str = "renkei-union";

/// The help page's address.
pub const HELP_PATH: &str = "/help";

/// Where the page of screen ⑥ carries the question (`api::ConsentView`),
/// so the SPA shows it without asking again.
pub const CONSENT_DATA_ID: &str = "renkei-consent";
