//! `rust_primes`, a Python extension module: Chapter 2's prime counter called from
//! Python threads, first holding the GIL and then releasing it; spread over rayon's
//! threads by one call; numbers passed as a list and as bytes; what becomes of a
//! panic or of an exception raised by a Python callback on one of rayon's threads;
//! and asyncio awaiting tokio, and tokio awaiting asyncio.

mod asyncio;
mod calls;
mod runtime;

use pyo3::prelude::*;

#[pymodule]
mod rust_primes {
    use std::cell::RefCell;
    use std::sync::atomic::{AtomicU64, Ordering};
    use std::time::Duration;

    use listings::foundations::workloads::cpu_bound::{count_primes, is_prime};
    use pyo3::prelude::*;
    use rayon::prelude::*;

    use crate::calls::CALLS;

    #[pymodule_export]
    use crate::asyncio::{await_from_tokio, wait_in_tokio};
    #[pymodule_export]
    use crate::runtime::stop_tokio;

    /// Stops the module's tokio runtime before the interpreter shuts down.
    #[pymodule_init]
    fn init(module: &Bound<'_, PyModule>) -> PyResult<()> {
        let atexit = module.py().import("atexit")?;
        atexit.call_method1("register", (module.getattr("stop_tokio")?,))?;
        Ok(())
    }

    // ANCHOR: holding
    /// Counts the primes below `limit` while holding the GIL: until it returns, no
    /// other thread of the process runs Python.
    #[pyfunction]
    fn count_primes_holding_gil(limit: u64) -> usize {
        let _call = CALLS.enter();
        count_primes(limit)
    }
    // ANCHOR_END: holding

    // ANCHOR: releasing
    /// The same count with the GIL released: `detach` lets go of the interpreter,
    /// runs the closure, and takes the interpreter back before returning.
    #[pyfunction]
    fn count_primes_releasing_gil(py: Python<'_>, limit: u64) -> usize {
        py.detach(|| {
            let _call = CALLS.enter();
            count_primes(limit)
        })
    }
    // ANCHOR_END: releasing

    // ANCHOR: rayon
    /// One call, every core: the numbers are split among rayon's threads while the
    /// calling thread has released the GIL, so other Python threads keep running.
    #[pyfunction]
    fn count_primes_on_every_core(py: Python<'_>, limit: u64) -> usize {
        py.detach(|| {
            let _call = CALLS.enter();
            (0..limit).into_par_iter().filter(|&n| is_prime(n)).count()
        })
    }
    // ANCHOR_END: rayon

    // ANCHOR: blocks
    /// The count in blocks of `block` numbers, one block per rayon task. A `block` of
    /// 0 divides by zero: Rust panics, and Python sees `PanicException`.
    #[pyfunction]
    fn count_primes_in_blocks(py: Python<'_>, limit: u64, block: u64) -> usize {
        py.detach(|| {
            let blocks = limit.div_ceil(block);
            (0..blocks)
                .into_par_iter()
                .map(|b| {
                    let (start, stop) = (b * block, ((b + 1) * block).min(limit));
                    (start..stop).filter(|&n| is_prime(n)).count()
                })
                .sum()
        })
    }
    // ANCHOR_END: blocks

    // ANCHOR: callback
    /// The numbers below `limit` for which the Python function `keep` returns a true
    /// value, asked from rayon's threads. Each asks only after attaching to the
    /// interpreter; an exception raised by `keep` becomes this call's exception.
    #[pyfunction]
    fn keep_where(py: Python<'_>, limit: u64, keep: Py<PyAny>) -> PyResult<Vec<u64>> {
        py.detach(|| {
            (0..limit)
                .into_par_iter()
                .filter_map(|n| {
                    let kept = Python::attach(|py| keep.bind(py).call1((n,))?.is_truthy());
                    kept.map(|kept| kept.then_some(n)).transpose()
                })
                .collect()
        })
    }
    // ANCHOR_END: callback

    // ANCHOR: crossing
    /// The sum of a list of Python ints. PyO3 first builds the `Vec<u64>`: it reads
    /// each element as a Python object and checks that it fits in a `u64`.
    #[pyfunction]
    fn sum_list(numbers: Vec<u64>) -> u64 {
        numbers.iter().sum()
    }

    /// The same numbers as the bytes of an `array.array('Q')`, borrowed where they lie:
    /// eight bytes a number, in the machine's byte order, and no Python object to read.
    #[pyfunction]
    fn sum_bytes(numbers: &[u8]) -> PyResult<u64> {
        let words = numbers.chunks_exact(8);
        if !words.remainder().is_empty() {
            let message = format!("{} bytes are not whole 8-byte numbers", numbers.len());
            return Err(pyo3::exceptions::PyValueError::new_err(message));
        }
        Ok(words
            .map(|word| u64::from_ne_bytes(word.try_into().unwrap()))
            .sum())
    }
    // ANCHOR_END: crossing

    // ANCHOR: refcell
    /// Primes seen so far, in a `RefCell`: not `Sync`, so `#[pyclass]` accepts it
    /// only as `unsendable`, and PyO3 then refuses, with a panic, every use of an
    /// object from a thread other than the one that created it.
    #[pyclass(unsendable)]
    struct PrimesSeen {
        primes: RefCell<Vec<u64>>,
    }

    #[pymethods]
    impl PrimesSeen {
        #[new]
        fn new() -> Self {
            PrimesSeen {
                primes: RefCell::new(Vec::new()),
            }
        }

        fn add_if_prime(&self, n: u64) {
            if is_prime(n) {
                self.primes.borrow_mut().push(n);
            }
        }
    }
    // ANCHOR_END: refcell

    // ANCHOR: atomic
    /// The count of primes seen, in an atomic: `Send` and `Sync`, so any thread may
    /// use the object, with the GIL or without one.
    #[pyclass(frozen)]
    struct PrimesCounted {
        primes: AtomicU64,
    }

    #[pymethods]
    impl PrimesCounted {
        #[new]
        fn new() -> Self {
            PrimesCounted {
                primes: AtomicU64::new(0),
            }
        }

        fn add_if_prime(&self, n: u64) {
            if is_prime(n) {
                self.primes.fetch_add(1, Ordering::Relaxed);
            }
        }

        fn count(&self) -> u64 {
            self.primes.load(Ordering::Relaxed)
        }
    }
    // ANCHOR_END: atomic

    /// How many calls of the counters above are running now.
    #[pyfunction]
    fn calls_in_progress() -> usize {
        CALLS.running()
    }

    /// The most calls of the counters above that have run at once since the last
    /// `reset_calls`.
    #[pyfunction]
    fn most_calls_at_once() -> usize {
        CALLS.most()
    }

    /// Starts counting afresh. With `wait_for_overlap` seconds above zero, each call
    /// then waits, at most that long, until two calls have run at once.
    #[pyfunction]
    fn reset_calls(wait_for_overlap: f64) {
        CALLS.reset(Duration::from_secs_f64(wait_for_overlap));
    }
}
