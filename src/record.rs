//! RFC 8460 §3 / RFC 8461 §3.1 record grammar over decoded text. (Being written.)
