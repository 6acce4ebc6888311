//! An order-keeping parallel map on the standard library's scoped threads.
//!
//! Loading a corpus and tagging its statements are the same kind of work:
//! many independent items of very different sizes (a 2 KB readout, a 60 KB
//! speech, a 20 MB file). Cutting the list into one contiguous half per core
//! leaves one core idle while the other finishes the heavier half, so threads
//! here take small blocks in turn from a shared counter, and the results are
//! put back in input order. (A dependency such as rayon would do the same;
//! this is the one place the tool needs it: corpus loading, tagging,
//! keyness reading and counting all run on it, with one panic policy: a
//! panic in a worker is passed on with its message.)

use std::num::NonZeroUsize;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

/// `items.iter().map(f).collect()`, run on all cores in blocks of `block`
/// items; the output is in input order. A panic in `f` is passed on.
pub fn map<T: Sync, R: Send>(items: &[T], block: usize, f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    let block = block.max(1);
    let blocks: Vec<&[T]> = items.chunks(block).collect();
    let threads = std::thread::available_parallelism()
        .map(NonZeroUsize::get)
        .unwrap_or(1)
        .min(blocks.len());
    if threads <= 1 {
        return items.iter().map(f).collect();
    }
    let next = AtomicUsize::new(0);
    let work = || {
        let mut done = Vec::new();
        loop {
            let b = next.fetch_add(1, Ordering::Relaxed);
            let Some(part) = blocks.get(b) else {
                return done;
            };
            done.push((b, part.iter().map(&f).collect::<Vec<R>>()));
        }
    };
    let mut finished: Vec<(usize, Vec<R>)> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..threads).map(|_| scope.spawn(work)).collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().unwrap_or_else(|p| std::panic::resume_unwind(p)))
            .collect()
    });
    finished.sort_unstable_by_key(|(b, _)| *b);
    finished.into_iter().flat_map(|(_, part)| part).collect()
}

/// `items.into_iter().map(f).collect()`, one item at a time per thread, on
/// all cores; for work that owns (and changes) what it is given. The output is
/// in input order; a panic in `f` is passed on.
pub fn map_owned<T: Send, R: Send>(items: Vec<T>, f: impl Fn(T) -> R + Sync) -> Vec<R> {
    let slots: Vec<Mutex<Option<T>>> = items.into_iter().map(|t| Mutex::new(Some(t))).collect();
    map(&slots, 1, |slot| {
        let item = slot.lock().map(|mut s| s.take());
        // Each slot is taken by exactly one block of one item.
        f(item.ok().flatten().expect("every slot is taken once"))
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn keeps_input_order_for_any_block_size() {
        let items: Vec<u64> = (0..1000).collect();
        for block in [0, 1, 7, 64, 5000] {
            let out = super::map(&items, block, |x| x * x);
            let expected: Vec<u64> = items.iter().map(|x| x * x).collect();
            assert_eq!(out, expected, "block {block}");
        }
        assert!(super::map(&[] as &[u8], 4, |x| *x).is_empty());
    }

    #[test]
    fn owned_items_are_moved_in_and_kept_in_order() {
        let items: Vec<Vec<u32>> = (0..50).map(|i| vec![i; 3]).collect();
        let out = super::map_owned(items, |mut v| {
            v.push(7);
            v
        });
        assert_eq!(out.len(), 50);
        assert!(out
            .iter()
            .enumerate()
            .all(|(i, v)| *v == [i as u32, i as u32, i as u32, 7]));
    }

    #[test]
    fn a_panic_keeps_its_message() {
        let caught = std::panic::catch_unwind(|| {
            super::map(&[1, 2, 3, 4], 1, |&x| assert!(x != 3, "item three"))
        });
        let payload = caught.unwrap_err();
        // A literal message travels as `&str`, a formatted one as `String`.
        let message = payload
            .downcast_ref::<&str>()
            .copied()
            .or_else(|| payload.downcast_ref::<String>().map(String::as_str));
        assert_eq!(message, Some("item three"));
    }
}
