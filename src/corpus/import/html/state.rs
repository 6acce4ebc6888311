//! www.state.gov: title in `h1.featured-content__headline`, date in
//! `article:published_time` or `.article-meta__publish-date`, text in
//! `.entry-content`; department press briefings carry turns (`MR PRICE:`,
//! `QUESTION:`). Side USA, issuer Department of State. The office's byline
//! and the end mark are furniture.

use super::generic::{read_with, Profile};
use super::{Extracted, Page};

pub const TZ: &str = "America/New_York";

const PROFILE: Profile = Profile {
    body: &[".entry-content", "article", "main"],
    title: &["h1.featured-content__headline", "h1", "title"],
    furniture: &[
        "###",
        "Office of the Spokesperson",
        "The below is attributable to Spokesperson …",
        "Suggest To A Friend",
        "Share",
        "Print",
    ],
    side: "USA",
    issuer: "Department of State",
};

pub fn extract(page: &Page<'_>) -> Result<Extracted, String> {
    read_with(page, &PROFILE)
}
