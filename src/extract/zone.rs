//! BIND / RFC 1035 §5 master files. (Being written.)

use std::sync::Arc;

use super::{Extracted, Loader};
use crate::text::Source;

pub fn extract(_source: &Arc<Source>, _loader: &dyn Loader) -> Extracted {
    Extracted::default()
}
