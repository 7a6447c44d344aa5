//! The tokio runtime that runs the module's futures, and its shutdown.
//!
//! pyo3-async-runtimes can start a runtime of its own, but nothing ever stops that
//! one: when the Python program ends, its threads may still be finishing a call into
//! the interpreter while CPython shuts down, and the process can crash on its way out.
//! This runtime belongs to the module, which stops it from an `atexit` hook, while the
//! interpreter still runs. The two traits below tell pyo3-async-runtimes how to spawn
//! on it and where each task keeps its asyncio loop.

use std::cell::OnceCell;
use std::pin::Pin;
use std::sync::Mutex;
use std::time::Duration;

use pyo3::prelude::*;
use pyo3_async_runtimes::TaskLocals;
use pyo3_async_runtimes::generic::{ContextExt, Runtime};
use tokio::runtime::Builder;
use tokio::task::{JoinError, JoinHandle};

// ANCHOR: owned
enum State {
    NotStarted,
    Running(tokio::runtime::Runtime),
    Stopped,
}

static RUNTIME: Mutex<State> = Mutex::new(State::NotStarted);

/// The runtime's handle, starting the runtime on first use.
fn handle() -> tokio::runtime::Handle {
    let mut state = RUNTIME.lock().unwrap();
    if let State::NotStarted = *state {
        let runtime = Builder::new_multi_thread().enable_all().build();
        *state = State::Running(runtime.expect("cannot start a tokio runtime"));
    }
    match &*state {
        State::Running(runtime) => runtime.handle().clone(),
        _ => panic!("the module's tokio runtime was stopped as the interpreter exits"),
    }
}

/// Stops the runtime: drops its tasks and joins its threads, waiting at most a second.
/// The module registers it with `atexit`. It releases the GIL while it waits, so that
/// a tokio thread finishing a call into Python can take it and return.
#[pyfunction]
pub fn stop_tokio(py: Python<'_>) {
    let state = std::mem::replace(&mut *RUNTIME.lock().unwrap(), State::Stopped);
    if let State::Running(runtime) = state {
        py.detach(|| runtime.shutdown_timeout(Duration::from_secs(1)));
    }
}
// ANCHOR_END: owned

/// The module's runtime, as pyo3-async-runtimes spawns on it.
pub struct ModuleTokio;

tokio::task_local! {
    /// The asyncio loop (and context) of the Python call that started each task.
    static TASK_LOCALS: OnceCell<TaskLocals>;
}

impl Runtime for ModuleTokio {
    type JoinError = JoinError;
    type JoinHandle = JoinHandle<()>;

    fn spawn<F>(future: F) -> JoinHandle<()>
    where
        F: Future<Output = ()> + Send + 'static,
    {
        handle().spawn(future)
    }

    fn spawn_blocking<F>(work: F) -> JoinHandle<()>
    where
        F: FnOnce() + Send + 'static,
    {
        handle().spawn_blocking(work)
    }
}

impl ContextExt for ModuleTokio {
    fn scope<F, R>(locals: TaskLocals, future: F) -> Pin<Box<dyn Future<Output = R> + Send>>
    where
        F: Future<Output = R> + Send + 'static,
    {
        let cell = OnceCell::new();
        let _ = cell.set(locals);
        Box::pin(TASK_LOCALS.scope(cell, future))
    }

    fn get_task_locals() -> Option<TaskLocals> {
        TASK_LOCALS
            .try_with(|cell| cell.get().cloned())
            .unwrap_or_default()
    }
}
