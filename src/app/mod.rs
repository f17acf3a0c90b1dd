//! The application core: events, the store, workers and the runtime loop.
