//! Trace contexts: validity, and new child or root contexts (`obsb_context_init_child`).
//!
//! A caller creates one context per traced call: a child of the current context (same trace id,
//! `parent_span_id` = the parent's span id, same flags, a fresh span id), or a new sampled root with
//! a fresh trace id when there is no valid parent. Ids come from the per-thread generator of
//! [`crate::SpanId`].
//!
//! ```
//! use obsbridge::abi::{TraceContext, TRACE_FLAG_SAMPLED};
//!
//! let root = TraceContext::new_root(0);
//! assert!(root.is_valid());
//! assert_eq!(root.flags, TRACE_FLAG_SAMPLED);
//! let child = TraceContext::init_child(Some(&root), 7);
//! assert_eq!(child.trace_id_lo, root.trace_id_lo);
//! assert_eq!(child.parent_span_id, root.span_id);
//! assert_eq!(child.callsite, 7);
//! ```

use crate::abi::{
    TraceContext, CONTEXT_FLAG_PARENT_REMOTE, CONTEXT_FLAG_REMOTE, TRACE_FLAG_SAMPLED,
};
use crate::id::{SpanId, TraceId};

impl TraceContext {
    /// Whether the context can be used: a nonzero trace id and a nonzero span id.
    #[inline]
    pub const fn is_valid(&self) -> bool {
        (self.trace_id_hi != 0 || self.trace_id_lo != 0) && self.span_id != 0
    }

    /// A new sampled root context: fresh trace and span ids, no parent.
    #[inline]
    pub fn new_root(callsite: u32) -> TraceContext {
        let trace = TraceId::random();
        TraceContext {
            trace_id_hi: trace.hi(),
            trace_id_lo: trace.lo(),
            span_id: SpanId::random().get(),
            parent_span_id: 0,
            callsite,
            flags: TRACE_FLAG_SAMPLED,
            context_flags: 0,
            reserved: [0; 2],
        }
    }

    /// A context for a call: a child of `parent` when it is `Some` and valid, otherwise a new root
    /// (exactly `obsb_context_init_child`).
    #[inline]
    pub fn init_child(parent: Option<&TraceContext>, callsite: u32) -> TraceContext {
        match parent {
            Some(parent) if parent.is_valid() => TraceContext {
                trace_id_hi: parent.trace_id_hi,
                trace_id_lo: parent.trace_id_lo,
                span_id: SpanId::random().get(),
                parent_span_id: parent.span_id,
                callsite,
                flags: parent.flags,
                context_flags: if parent.context_flags & CONTEXT_FLAG_REMOTE != 0 {
                    CONTEXT_FLAG_PARENT_REMOTE
                } else {
                    0
                },
                reserved: [0; 2],
            },
            _ => TraceContext::new_root(callsite),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invalid_parents_start_a_new_root() {
        let zero_trace = TraceContext {
            span_id: 5,
            ..TraceContext::default()
        };
        let zero_span = TraceContext {
            trace_id_lo: 5,
            ..TraceContext::default()
        };
        for parent in [zero_trace, zero_span] {
            assert!(!parent.is_valid());
            let child = TraceContext::init_child(Some(&parent), 3);
            assert!(child.is_valid());
            assert_eq!(child.parent_span_id, 0);
            assert_eq!(child.flags, TRACE_FLAG_SAMPLED);
        }
        assert_eq!(TraceContext::init_child(None, 0).parent_span_id, 0);
    }

    #[test]
    fn children_keep_the_parents_flags() {
        let parent = TraceContext {
            trace_id_hi: 1,
            span_id: 2,
            flags: 0,
            ..TraceContext::default()
        };
        let child = TraceContext::init_child(Some(&parent), 9);
        assert_eq!((child.trace_id_hi, child.trace_id_lo), (1, 0));
        assert_eq!(child.flags, 0);
        assert_ne!(child.span_id, 2);
        assert_ne!(child.span_id, 0);
    }
}
