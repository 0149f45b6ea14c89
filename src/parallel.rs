//! One ordered parallel map, for the three places that spread work over threads: reading
//! the walked files, checking records in chunks, and serializing long JSON arrays.
//!
//! Items are claimed from a shared counter, so no thread waits on another while work is left
//! (the machine's other cores may be busy), and their results are handed to one consumer,
//! on the calling thread, in item order: the output is the same whatever the threads did.
//! A bound on the results waiting to be consumed keeps memory flat where the consumer
//! streams (JSON); where it only collects, the bound is off. Hand-written rather than rayon:
//! rayon's ordered `collect` holds every result, and streaming them in order with bounded
//! memory needs this consumer loop anyway.

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Condvar, Mutex, MutexGuard, PoisonError};

/// How to spread a map: the threads beside the calling one, and how many results may wait
/// unconsumed before the helpers pause (a soft bound; `usize::MAX`: none).
#[derive(Clone, Copy, Debug)]
pub struct Spread {
    pub helpers: usize,
    pub ahead: usize,
}

impl Spread {
    /// `threads` threads in all (0: one per core), no more than there are items, no bound.
    pub fn threads(threads: usize, items: usize) -> Spread {
        let threads = match threads {
            0 => std::thread::available_parallelism().map_or(1, usize::from),
            n => n,
        };
        Spread {
            helpers: threads.min(items.max(1)) - 1,
            ahead: usize::MAX,
        }
    }
}

/// What the threads share.
struct Shared<R> {
    /// Results produced but not yet consumed, by index.
    ready: BTreeMap<usize, R>,
    /// The consumer stopped (done, or failed) or a helper panicked: everyone stops.
    stop: bool,
    /// A helper panicked (the scope passes its panic on).
    panicked: bool,
}

/// Stops every thread when dropped: `always` (the consumer leaving), or when its thread
/// panics (a helper), so no thread waits for a result that will not come.
struct Stop<'a, R> {
    lock: &'a dyn Fn() -> MutexGuard<'a, Shared<R>>,
    changed: &'a Condvar,
    always: bool,
}

impl<R> Drop for Stop<'_, R> {
    fn drop(&mut self) {
        let panicking = std::thread::panicking();
        if self.always || panicking {
            let mut state = (self.lock)();
            state.stop = true;
            state.panicked |= panicking && !self.always;
            self.changed.notify_all();
        }
    }
}

/// `produce(i)` for every `i` in `0..count`, on this thread and `spread.helpers` others, each
/// result handed to `consume(i, result)` on this thread in index order. `first` runs on this
/// thread before it joins the work (the helpers start at once); its value is returned. An
/// `Err` from `consume` stops the work and is returned.
pub fn ordered<R: Send, B, E>(
    count: usize,
    spread: Spread,
    produce: &(dyn Fn(usize) -> R + Sync),
    first: impl FnOnce() -> B,
    consume: &mut dyn FnMut(usize, R) -> Result<(), E>,
) -> Result<B, E> {
    let next = AtomicUsize::new(0);
    let shared = Mutex::new(Shared {
        ready: BTreeMap::new(),
        stop: false,
        panicked: false,
    });
    let changed = Condvar::new();
    let lock = || shared.lock().unwrap_or_else(PoisonError::into_inner);
    let wait = |state| changed.wait(state).unwrap_or_else(PoisonError::into_inner);
    let helper = || {
        let _guard = Stop {
            lock: &lock,
            changed: &changed,
            always: false,
        };
        loop {
            let mut state = lock();
            while state.ready.len() >= spread.ahead && !state.stop {
                state = wait(state);
            }
            if state.stop {
                return;
            }
            drop(state);
            let i = next.fetch_add(1, Ordering::Relaxed);
            if i >= count {
                return;
            }
            let result = produce(i);
            lock().ready.insert(i, result);
            changed.notify_all();
        }
    };
    std::thread::scope(|scope| {
        let helpers: Vec<_> = (0..spread.helpers.min(count))
            .map(|_| scope.spawn(helper))
            .collect();
        // However this thread leaves (done, an error, a panic), the helpers stop.
        let stop = Stop {
            lock: &lock,
            changed: &changed,
            always: true,
        };
        let value = first();
        let consumed = (|| {
            let mut i = 0;
            while i < count {
                let mut state = lock();
                if let Some(result) = state.ready.remove(&i) {
                    drop(state);
                    changed.notify_all();
                    consume(i, result)?;
                    i += 1;
                    continue;
                }
                if state.panicked {
                    return Ok(());
                }
                if state.ready.len() < spread.ahead {
                    drop(state);
                    let mine = next.fetch_add(1, Ordering::Relaxed);
                    if mine < count {
                        let result = produce(mine);
                        if mine == i {
                            consume(i, result)?;
                            i += 1;
                        } else {
                            lock().ready.insert(mine, result);
                        }
                        continue;
                    }
                    state = lock();
                }
                // Result `i` is a helper's, still being produced.
                if !state.ready.contains_key(&i) && !state.panicked {
                    drop(wait(state));
                }
            }
            Ok(())
        })();
        drop(stop);
        for helper in helpers {
            // A panic in a helper is a bug: it goes on here, as it would on one thread.
            if let Err(panic) = helper.join() {
                std::panic::resume_unwind(panic);
            }
        }
        consumed.map(|()| value)
    })
}

/// `f` over `items` as [`Spread::threads`] spreads it, the results in `items`' order.
pub fn map<T: Sync, R: Send>(items: &[T], threads: usize, f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    let mut out = Vec::with_capacity(items.len());
    let spread = Spread::threads(threads, items.len());
    let collected: Result<(), std::convert::Infallible> = ordered(
        items.len(),
        spread,
        &|i| f(&items[i]),
        || (),
        &mut |_, r| {
            out.push(r);
            Ok(())
        },
    );
    let Ok(()) = collected;
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_come_in_order_whatever_the_threads() {
        let items: Vec<u64> = (0..2000).collect();
        for threads in [1, 2, 3, 8] {
            let slow = |&n: &u64| {
                if n % 97 == 0 {
                    std::thread::sleep(std::time::Duration::from_millis(1));
                }
                n * n
            };
            let squares = map(&items, threads, slow);
            assert_eq!(squares, items.iter().map(|n| n * n).collect::<Vec<_>>());
        }
    }

    #[test]
    fn a_bounded_spread_streams_in_order_and_stops_on_error() {
        let spread = Spread {
            helpers: 2,
            ahead: 3,
        };
        let mut seen = Vec::new();
        let result = ordered(100, spread, &|i| i, || "first", &mut |i, r| {
            assert_eq!(i, r);
            seen.push(r);
            if r == 50 {
                Err("stop")
            } else {
                Ok(())
            }
        });
        assert_eq!(result, Err("stop"));
        assert_eq!(seen, (0..=50).collect::<Vec<_>>());
        let all = ordered::<_, _, ()>(10, spread, &|i| i * 2, || 7, &mut |_, _| Ok(()));
        assert_eq!(all, Ok(7));
    }

    #[test]
    #[should_panic(expected = "item 5")]
    fn a_helper_panic_is_passed_on() {
        let spread = Spread {
            helpers: 3,
            ahead: 2,
        };
        let _ = ordered::<_, _, ()>(
            50,
            spread,
            &|i| {
                if i == 5 {
                    panic!("item 5");
                }
                i
            },
            || (),
            &mut |_, _| Ok(()),
        );
    }
}
