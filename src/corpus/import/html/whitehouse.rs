//! www.whitehouse.gov (the 2021– WordPress templates): title in
//! `h1.page-title`, date in `article:published_time` or `<time datetime>`,
//! text in `.body-content` / `.entry-content`; briefing transcripts carry
//! turns (`Q`, `MS. PSAKI:`). Side USA, issuer The White House.

use super::generic::{read_with, Profile};
use super::{Extracted, Page};

pub const TZ: &str = "America/New_York";

const PROFILE: Profile = Profile {
    body: &[".body-content", ".entry-content", "article", "main"],
    title: &[
        "h1.page-title",
        "h1.wp-block-whitehouse-topper__headline",
        "h1",
        "title",
    ],
    furniture: &[
        "###",
        "Share",
        "Print",
        "Copy URL",
        "Copied!",
        "The White House",
    ],
    side: "USA",
    issuer: "The White House",
};

pub fn extract(page: &Page<'_>) -> Result<Extracted, String> {
    read_with(page, &PROFILE)
}
