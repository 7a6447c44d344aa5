//! asyncio meets tokio: waits run as tokio tasks that asyncio awaits as one future,
//! and Python awaitables that a tokio task waits for. The asyncio event loop stays on
//! the Python thread that runs it; the Rust futures run on the module's tokio runtime
//! (`runtime.rs`), on threads of its own.

use std::time::Duration;

use pyo3::exceptions::{PyRuntimeError, PyValueError};
use pyo3::prelude::*;
use pyo3_async_runtimes::generic::{future_into_py, into_future};
use tokio::task::JoinSet;

use crate::runtime::ModuleTokio;

// ANCHOR: tokio_waits
/// `count` waits of `seconds` each, as tokio tasks, handed to Python as one
/// awaitable. Calling it starts the waits on tokio's threads; asyncio awaits the
/// result as it awaits any future, and its loop runs other tasks meanwhile.
#[pyfunction]
pub fn wait_in_tokio(py: Python<'_>, count: usize, seconds: f64) -> PyResult<Bound<'_, PyAny>> {
    let wait = Duration::try_from_secs_f64(seconds)
        .map_err(|e| PyValueError::new_err(format!("seconds: {e}")))?;
    future_into_py::<ModuleTokio, _, _>(py, async move {
        let mut waits = JoinSet::new();
        for _ in 0..count {
            waits.spawn(tokio::time::sleep(wait));
        }
        let mut finished = 0;
        while let Some(done) = waits.join_next().await {
            done.map_err(|e| PyRuntimeError::new_err(e.to_string()))?;
            finished += 1;
        }
        Ok(finished)
    })
}
// ANCHOR_END: tokio_waits

// ANCHOR: python_awaitables
/// The other way round: a tokio task waits for each of Python's `awaitables`.
/// `into_future` hands each one to the asyncio loop it came from, which runs it, and
/// returns a Rust future that ends with its result; the answers come back in order.
#[pyfunction]
pub fn await_from_tokio(py: Python<'_>, awaitables: Vec<Py<PyAny>>) -> PyResult<Bound<'_, PyAny>> {
    future_into_py::<ModuleTokio, _, _>(py, async move {
        let answers = Python::attach(|py| {
            awaitables
                .into_iter()
                .map(|awaitable| into_future::<ModuleTokio>(awaitable.into_bound(py)))
                .collect::<PyResult<Vec<_>>>()
        })?;
        // The loop already runs them all: waiting for each in turn waits for all.
        let mut results = Vec::with_capacity(answers.len());
        for answer in answers {
            results.push(answer.await?);
        }
        Ok(results)
    })
}
// ANCHOR_END: python_awaitables
