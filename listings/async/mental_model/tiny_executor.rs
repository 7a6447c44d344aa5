use std::cell::RefCell;
use std::collections::VecDeque;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll, Wake, Waker};

// ANCHOR: executor
/// A future that is not ready the first time it is polled. It asks to be polled
/// again by calling its waker at once: the smallest possible "await point".
pub struct YieldOnce {
    yielded: bool,
}

pub fn yield_once() -> YieldOnce {
    YieldOnce { yielded: false }
}

impl Future for YieldOnce {
    type Output = ();

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if self.yielded {
            return Poll::Ready(());
        }
        self.yielded = true;
        cx.waker().wake_by_ref(); // "poll me again"
        Poll::Pending
    }
}

type Task = Pin<Box<dyn Future<Output = ()>>>;

/// Waking a task puts its number back on the ready queue.
struct TaskWaker {
    task: usize,
    ready: Arc<Mutex<VecDeque<usize>>>,
}

impl Wake for TaskWaker {
    fn wake(self: Arc<Self>) {
        self.ready.lock().unwrap().push_back(self.task);
    }
}

/// Polls ready tasks one at a time, on this thread, until none is ready.
pub fn run(tasks: Vec<Task>) {
    let ready = Arc::new(Mutex::new((0..tasks.len()).collect::<VecDeque<_>>()));
    let mut tasks: Vec<Option<Task>> = tasks.into_iter().map(Some).collect();
    loop {
        let next = ready.lock().unwrap().pop_front();
        let Some(id) = next else { break };
        let Some(task) = tasks[id].as_mut() else {
            continue;
        }; // already finished
        let waker = Waker::from(Arc::new(TaskWaker {
            task: id,
            ready: Arc::clone(&ready),
        }));
        if task
            .as_mut()
            .poll(&mut Context::from_waker(&waker))
            .is_ready()
        {
            tasks[id] = None;
        }
    }
}
// ANCHOR_END: executor

// ANCHOR: main
fn main() {
    let log = Rc::new(RefCell::new(Vec::new()));
    let worker = |name: &'static str| {
        let log = Rc::clone(&log);
        Box::pin(async move {
            for step in 1..=3 {
                log.borrow_mut().push(format!("{name}{step}"));
                yield_once().await; // gives the other task its turn
            }
        }) as Task
    };
    run(vec![worker("a"), worker("b")]);
    assert_eq!(*log.borrow(), ["a1", "b1", "a2", "b2", "a3", "b3"]);
}
// ANCHOR_END: main
